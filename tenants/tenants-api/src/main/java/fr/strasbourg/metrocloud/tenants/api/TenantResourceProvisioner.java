package fr.strasbourg.metrocloud.tenants.api;

import java.util.Map;

/**
 * Creates one kind of per-tenant resource. Implementations are CDI beans; tenant provisioning calls
 * them in {@link #order()} and, if a later one fails, {@link #release} the ones that succeeded in
 * that attempt, in reverse.
 *
 * <p>Contract: {@link #provision} is idempotent — it finds and adopts the resource if it exists (a
 * previous attempt may have created it and failed to undo it) — and it must not hold a database
 * transaction while it calls its system.
 */
public interface TenantResourceProvisioner {

  /** The kind of resource this provisioner owns (unique among provisioners). */
  String kind();

  /** Ascending execution order; identity first (10-99), storage 100+, PKI 200+, workflow 300+. */
  int order();

  /**
   * Creates (or adopts) the resource.
   *
   * @param created the resources created so far in this attempt, by kind (e.g. the organization an
   *     account joins)
   * @param handover one-time values for the operator who provisions (e.g. a temporary password);
   *     never stored
   */
  ProvisionedResource provision(
      ProvisioningTarget target,
      Map<String, ProvisionedResource> created,
      Map<String, String> handover)
      throws ProvisioningException;

  /**
   * Undoes {@link #provision} (compensation) or disables the resource at decommissioning;
   * idempotent.
   */
  void release(ProvisioningTarget target, ProvisionedResource resource)
      throws ProvisioningException;

  /** Disables the resource when the commune is decommissioned; the default is {@link #release}. */
  default void decommission(ProvisioningTarget target, ProvisionedResource resource)
      throws ProvisioningException {
    release(target, resource);
  }
}
