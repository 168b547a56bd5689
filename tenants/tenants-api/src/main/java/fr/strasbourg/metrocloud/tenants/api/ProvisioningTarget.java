package fr.strasbourg.metrocloud.tenants.api;

import fr.strasbourg.metrocloud.kernel.tenancy.InseeCode;
import java.util.Objects;

/**
 * The commune being provisioned, as the resource provisioners see it.
 *
 * @param administrator the first commune administrator account to create
 */
public record ProvisioningTarget(
    InseeCode insee, String name, String postalCode, Administrator administrator) {

  public ProvisioningTarget {
    Objects.requireNonNull(insee);
    Objects.requireNonNull(name);
    Objects.requireNonNull(administrator);
  }

  /** The first commune administrator. */
  public record Administrator(String username, String firstName, String lastName, String email) {}
}
