package fr.strasbourg.metrocloud.tenants.api;

import fr.strasbourg.metrocloud.kernel.tenancy.InseeCode;
import java.util.Objects;

/**
 * The commune being provisioned, as the resource provisioners see it.
 *
 * @param administrator the first commune administrator account to create
 * @param reconciling {@code true} when an active commune's resources are being completed (after a
 *     platform upgrade added a kind of resource, or someone removed one): provisioners must then
 *     create what is missing and change nothing in use (e.g. never reset the administrator's
 *     password)
 */
public record ProvisioningTarget(
    InseeCode insee,
    String name,
    String postalCode,
    Administrator administrator,
    boolean reconciling) {

  public ProvisioningTarget {
    Objects.requireNonNull(insee);
    Objects.requireNonNull(name);
    Objects.requireNonNull(administrator);
  }

  public ProvisioningTarget(
      InseeCode insee, String name, String postalCode, Administrator administrator) {
    this(insee, name, postalCode, administrator, false);
  }

  public ProvisioningTarget forReconciliation() {
    return new ProvisioningTarget(insee, name, postalCode, administrator, true);
  }

  /** The first commune administrator. */
  public record Administrator(String username, String firstName, String lastName, String email) {}
}
