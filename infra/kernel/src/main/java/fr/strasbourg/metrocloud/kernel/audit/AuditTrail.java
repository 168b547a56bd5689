package fr.strasbourg.metrocloud.kernel.audit;

import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;

/**
 * Appends to the audit trail of the context's tenant (the platform pseudo-tenant for operator-wide
 * actions).
 *
 * <p>{@link #record} joins the caller's transaction: the fact and its audit entry commit or roll
 * back together. {@link #recordIndependently} commits on its own, for refusals and failures whose
 * business transaction rolls back.
 */
public interface AuditTrail {

  void record(CallContext context, AuditRecord record);

  void recordIndependently(CallContext context, AuditRecord record);
}
