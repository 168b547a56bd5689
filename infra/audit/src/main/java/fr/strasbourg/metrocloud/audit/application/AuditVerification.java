package fr.strasbourg.metrocloud.audit.application;

import fr.strasbourg.metrocloud.audit.domain.AuditEvent;
import fr.strasbourg.metrocloud.audit.domain.HashChain;
import fr.strasbourg.metrocloud.kernel.audit.AuditRecord;
import fr.strasbourg.metrocloud.kernel.audit.AuditTrail;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.TenantBound;
import fr.strasbourg.metrocloud.kernel.tenancy.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

/**
 * Re-computes a tenant's chain from the first entry and reports the first entry that does not
 * verify. Operator only (cross-tenant read); the verification itself is recorded in the platform's
 * trail.
 */
@ApplicationScoped
public class AuditVerification {

  private static final int BATCH = 1000;

  @PersistenceContext EntityManager em;

  @Inject AuditTrail trail;

  /** The outcome of a verification. */
  public record Report(
      TenantId tenant, long verifiedEntries, String lastHash, Optional<HashChain.Failure> failure) {
    public boolean valid() {
      return failure.isEmpty();
    }
  }

  @Transactional
  @TenantBound
  public Report verify(CallContext operator, TenantId tenant) {
    if (!operator.crossTenantRead()) {
      throw new IllegalStateException("Chain verification is an operator cross-tenant read");
    }
    HashChain.Verifier verifier = new HashChain.Verifier();
    long after = 0;
    while (!verifier.failed()) {
      List<AuditEvent> batch =
          em.createQuery(
                  "SELECT e FROM AuditEvent e WHERE e.tenantId = :tenant AND e.seq > :after ORDER BY e.seq",
                  AuditEvent.class)
              .setParameter("tenant", tenant.value())
              .setParameter("after", after)
              .setMaxResults(BATCH)
              .getResultList();
      if (batch.isEmpty()) {
        break;
      }
      verifier.accept(batch.iterator());
      after = batch.get(batch.size() - 1).seq();
      em.clear();
    }
    Report report =
        new Report(tenant, verifier.verifiedEntries(), verifier.lastHash(), verifier.failure());
    AuditRecord record =
        AuditRecord.success("audit.chain.verified", "tenant", tenant.value())
            .withDetail("valid", Boolean.toString(report.valid()))
            .withDetail("verifiedEntries", Long.toString(report.verifiedEntries()))
            .withDetail(
                "firstBrokenSeq", report.failure().map(f -> Long.toString(f.seq())).orElse(null));
    trail.record(operator, record);
    return report;
  }
}
