package fr.strasbourg.metrocloud.tenants.api;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One resource a tenant owns outside its database rows, as recorded in the tenant's resource
 * registry.
 *
 * @param kind stable kind name, e.g. {@code keycloak.organization}, {@code s3.bucket}, {@code
 *     pki.signing-ca}
 * @param externalId the identifier of the resource in its system (Keycloak id, bucket name,
 *     certificate serial…)
 * @param description what an operator reads in the registry
 */
public record ProvisionedResource(String kind, String externalId, String description) {

  private static final Pattern KIND = Pattern.compile("[a-z0-9]+(\\.[a-z0-9-]+)+");

  public ProvisionedResource {
    Objects.requireNonNull(kind);
    Objects.requireNonNull(externalId);
    if (!KIND.matcher(kind).matches()) {
      throw new IllegalArgumentException("Resource kind must look like system.thing: " + kind);
    }
  }
}
