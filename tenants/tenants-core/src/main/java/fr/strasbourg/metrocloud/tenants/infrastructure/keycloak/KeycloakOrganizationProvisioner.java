package fr.strasbourg.metrocloud.tenants.infrastructure.keycloak;

import fr.strasbourg.metrocloud.tenants.api.ProvisionedResource;
import fr.strasbourg.metrocloud.tenants.api.ProvisioningException;
import fr.strasbourg.metrocloud.tenants.api.ProvisioningTarget;
import fr.strasbourg.metrocloud.tenants.api.TenantResourceProvisioner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.util.Map;
import java.util.Optional;

/**
 * The commune's Keycloak Organization (alias = INSEE code, attribute {@code insee}). Its members
 * get the single-valued {@code tenant} claim when they log in to the portal; a person in several
 * organizations chooses one at login.
 */
@ApplicationScoped
public class KeycloakOrganizationProvisioner implements TenantResourceProvisioner {

  public static final String KIND = "keycloak.organization";

  @Inject KeycloakAdminClient keycloak;

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public int order() {
    return 10;
  }

  @Override
  public ProvisionedResource provision(
      ProvisioningTarget target,
      Map<String, ProvisionedResource> created,
      Map<String, String> handover)
      throws ProvisioningException {
    String insee = target.insee().value();
    try {
      Optional<JsonObject> existing = keycloak.findOrganizationByInsee(insee);
      String id;
      if (existing.isPresent()) {
        id = existing.get().getString("id");
        if (!existing.get().getBoolean("enabled", true)) {
          keycloak.setOrganizationEnabled(existing.get(), true);
        }
      } else {
        id = keycloak.createOrganization(insee, target.name(), target.postalCode());
      }
      return new ProvisionedResource(
          KIND, id, "Organisation Keycloak « " + target.name() + " » (alias " + insee + ")");
    } catch (KeycloakException e) {
      throw new ProvisioningException(e.getMessage(), e);
    }
  }

  @Override
  public void release(ProvisioningTarget target, ProvisionedResource resource)
      throws ProvisioningException {
    try {
      keycloak.deleteOrganization(resource.externalId());
    } catch (KeycloakException e) {
      throw new ProvisioningException(e.getMessage(), e);
    }
  }

  /**
   * A decommissioned commune's organization is disabled, not deleted: its history stays readable.
   */
  @Override
  public void decommission(ProvisioningTarget target, ProvisionedResource resource)
      throws ProvisioningException {
    try {
      Optional<JsonObject> org = keycloak.getOrganization(resource.externalId());
      if (org.isPresent() && org.get().getBoolean("enabled", true)) {
        keycloak.setOrganizationEnabled(org.get(), false);
      }
    } catch (KeycloakException e) {
      throw new ProvisioningException(e.getMessage(), e);
    }
  }
}
