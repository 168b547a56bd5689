package fr.strasbourg.metrocloud.audit.application;

import fr.strasbourg.metrocloud.audit.domain.AuditEvent;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.TenantBound;
import fr.strasbourg.metrocloud.kernel.tenancy.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;

/** Reads a tenant's trail, newest first, page by page ({@code beforeSeq} is the cursor). */
@ApplicationScoped
public class AuditQueries {

  @PersistenceContext EntityManager em;

  @Transactional
  @TenantBound
  public List<AuditEvent> latest(CallContext context, TenantId tenant, long beforeSeq, int limit) {
    return em.createQuery(
            "SELECT e FROM AuditEvent e WHERE e.tenantId = :tenant AND e.seq < :before ORDER BY e.seq DESC",
            AuditEvent.class)
        .setParameter("tenant", tenant.value())
        .setParameter("before", beforeSeq)
        .setMaxResults(limit)
        .getResultList();
  }
}
