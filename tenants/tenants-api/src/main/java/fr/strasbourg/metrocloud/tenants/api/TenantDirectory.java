package fr.strasbourg.metrocloud.tenants.api;

import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.InseeCode;
import java.util.Optional;

/**
 * Read access to tenants for other contexts. Results are subject to the caller's tenant binding
 * (RLS).
 */
public interface TenantDirectory {

  /** The caller's own commune, if it exists. */
  Optional<TenantSummary> ownCommune(CallContext caller);

  /**
   * A commune as the caller may see it: a commune user sees only its own, the operator sees all.
   */
  Optional<TenantSummary> find(CallContext caller, InseeCode commune);

  /** Every commune (platform jobs, operator context only: cross-tenant read). */
  java.util.List<TenantSummary> all(CallContext operator);
}
