package fr.strasbourg.metrocloud.tenants.domain;

import fr.strasbourg.metrocloud.tenants.api.TenantStatus;

/** A lifecycle change that the tenant's current status does not allow. */
public class IllegalTransitionException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final TenantStatus from;
  private final String transition;

  public IllegalTransitionException(TenantStatus from, String transition) {
    super("Cannot " + transition + " a tenant in status " + from);
    this.from = from;
    this.transition = transition;
  }

  public TenantStatus from() {
    return from;
  }

  public String transition() {
    return transition;
  }
}
