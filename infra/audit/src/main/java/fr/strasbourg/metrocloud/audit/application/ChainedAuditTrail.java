package fr.strasbourg.metrocloud.audit.application;

import fr.strasbourg.metrocloud.audit.domain.ActorKind;
import fr.strasbourg.metrocloud.audit.domain.AuditEvent;
import fr.strasbourg.metrocloud.audit.domain.HashChain;
import fr.strasbourg.metrocloud.kernel.audit.AuditRecord;
import fr.strasbourg.metrocloud.kernel.audit.AuditTrail;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.TenantBound;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Appends entries to a tenant's chain. Appends of one tenant are serialized by a transaction-scoped
 * advisory lock keyed on the tenant, so two concurrent requests can never fork the chain (the
 * primary key (tenant, seq) would reject the second anyway); tenants do not wait for each other.
 */
@ApplicationScoped
public class ChainedAuditTrail implements AuditTrail {

  @PersistenceContext EntityManager em;

  @Inject Clock clock;

  @Override
  @Transactional(TxType.MANDATORY)
  @TenantBound
  public void record(CallContext context, AuditRecord record) {
    append(context, record);
  }

  @Override
  @Transactional(TxType.REQUIRES_NEW)
  @TenantBound
  public void recordIndependently(CallContext context, AuditRecord record) {
    append(context, record);
  }

  private void append(CallContext context, AuditRecord record) {
    String tenant = context.tenant().value();
    em.createNativeQuery(
            "SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtextextended(?1, 20261123))) AS l")
        .setParameter(1, "audit:" + tenant)
        .getSingleResult();
    List<AuditEvent> last =
        em.createQuery(
                "SELECT e FROM AuditEvent e WHERE e.tenantId = :tenant ORDER BY e.seq DESC",
                AuditEvent.class)
            .setParameter("tenant", tenant)
            .setMaxResults(1)
            .getResultList();
    long seq = last.isEmpty() ? 1 : last.get(0).seq() + 1;
    String prevHash = last.isEmpty() ? HashChain.GENESIS : last.get(0).hash();
    AuditEvent event =
        AuditEvent.next(
            tenant,
            seq,
            clock.instant(),
            context.actor().subject(),
            context.actor().username(),
            kindOf(context),
            record.action(),
            record.targetType(),
            record.targetId(),
            record.outcome(),
            toJson(record.details()),
            prevHash);
    em.persist(event);
    em.flush();
  }

  private static ActorKind kindOf(CallContext context) {
    if (context.actor().isSystem()) {
      return ActorKind.SYSTEM;
    }
    return context.isOperator() ? ActorKind.OPERATOR : ActorKind.COMMUNE_USER;
  }

  /** Details are a sorted string map, so the JSON text is canonical. */
  static String toJson(Map<String, String> details) {
    JsonObjectBuilder builder = Json.createObjectBuilder();
    details.forEach(builder::add);
    return builder.build().toString();
  }
}
