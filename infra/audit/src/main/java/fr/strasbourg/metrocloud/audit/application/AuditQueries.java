package fr.strasbourg.metrocloud.audit.application;

import fr.strasbourg.metrocloud.audit.domain.AuditEvent;
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

/** Reads a tenant's trail, newest first, page by page ({@code beforeSeq} is the cursor). */
@ApplicationScoped
public class AuditQueries {

  @PersistenceContext EntityManager em;

  @Inject AuditTrail trail;

  @Transactional
  @TenantBound
  public List<AuditEvent> latest(CallContext context, TenantId tenant, long beforeSeq, int limit) {
    if (context.crossTenantRead()) {
      // who reads the trails is itself worth a trail entry
      trail.record(context, AuditRecord.success("platform.audit.read", "tenant", tenant.value()));
    }
    return em.createQuery(
            "SELECT e FROM AuditEvent e WHERE e.tenantId = :tenant AND e.seq < :before ORDER BY e.seq DESC",
            AuditEvent.class)
        .setParameter("tenant", tenant.value())
        .setParameter("before", beforeSeq)
        .setMaxResults(limit)
        .getResultList();
  }
}
