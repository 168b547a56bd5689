package fr.strasbourg.metrocloud.tenants.api;

/**
 * Lifecycle of a commune's tenant: {@code PROVISIONING → ACTIVE ⇄ SUSPENDED → DECOMMISSIONED}, and
 * {@code PROVISIONING → PROVISIONING_FAILED → (retry) PROVISIONING}.
 */
public enum TenantStatus {
  /** Resources are being created; the commune's users cannot work yet. */
  PROVISIONING,
  /** A provisioning step failed; what the attempt created was undone; an operator may retry. */
  PROVISIONING_FAILED,
  /** The commune uses the platform. */
  ACTIVE,
  /**
   * Every request of the commune's users is refused (403); no data is lost; the operator may
   * resume.
   */
  SUSPENDED,
  /** The commune has left; its identity organization is disabled; data is kept for export. */
  DECOMMISSIONED;

  /** Only an active commune's users may use the platform. */
  public boolean admitsUsers() {
    return this == ACTIVE;
  }
}
