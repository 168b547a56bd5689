package fr.strasbourg.metrocloud.tenants.infrastructure.keycloak;

import fr.strasbourg.metrocloud.kernel.tenancy.Role;
import fr.strasbourg.metrocloud.tenants.api.ProvisionedResource;
import fr.strasbourg.metrocloud.tenants.api.ProvisioningException;
import fr.strasbourg.metrocloud.tenants.api.ProvisioningTarget;
import fr.strasbourg.metrocloud.tenants.api.TenantResourceProvisioner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The commune's first administrator: an account (adopted if the person already has one, e.g. an
 * administrator of several communes), member of the commune's organization, with the {@code
 * commune-admin} role and a temporary password that must be changed at first login. The password is
 * handed over once, in the provisioning response.
 */
@ApplicationScoped
public class KeycloakAdministratorProvisioner implements TenantResourceProvisioner {

  public static final String KIND = "keycloak.administrator";

  /** Hand-over keys of the provisioning response. */
  public static final String HANDOVER_USERNAME = "administratorUsername";

  public static final String HANDOVER_PASSWORD = "administratorTemporaryPassword";

  @Inject KeycloakAdminClient keycloak;

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public int order() {
    return 20;
  }

  @Override
  public ProvisionedResource provision(
      ProvisioningTarget target,
      Map<String, ProvisionedResource> created,
      Map<String, String> handover)
      throws ProvisioningException {
    ProvisionedResource organization = created.get(KeycloakOrganizationProvisioner.KIND);
    if (organization == null) {
      throw new ProvisioningException("l'organisation Keycloak de la commune n'a pas été créée");
    }
    ProvisioningTarget.Administrator admin = target.administrator();
    try {
      Optional<JsonObject> existing = keycloak.findUserByUsername(admin.username());
      String userId;
      boolean handOverPassword = true;
      if (existing.isPresent()) {
        userId = existing.get().getString("id");
        // Reconciling an active commune: its administrator's account is in use, leave its password
        // alone
        handOverPassword = !target.reconciling();
      } else {
        userId =
            keycloak.createUser(
                admin.username(), admin.firstName(), admin.lastName(), admin.email());
      }
      if (handOverPassword) {
        String password = TemporaryPasswords.generate();
        keycloak.setPassword(userId, password, true);
        handover.put(HANDOVER_USERNAME, admin.username());
        handover.put(HANDOVER_PASSWORD, password);
      }
      keycloak.addMember(organization.externalId(), userId);
      keycloak.assignRealmRoles(userId, List.of(Role.COMMUNE_ADMIN.claimValue()));
      return new ProvisionedResource(
          KIND,
          userId,
          "Administrateur de la commune : " + admin.username() + " <" + admin.email() + ">");
    } catch (KeycloakException e) {
      throw new ProvisioningException(e.getMessage(), e);
    }
  }

  /**
   * Compensation: leave the organization; delete the account only if it belongs to no other
   * organization (it was created for this commune), so that an adopted account of another commune
   * is never destroyed.
   */
  @Override
  public void release(ProvisioningTarget target, ProvisionedResource resource)
      throws ProvisioningException {
    try {
      keycloak
          .findOrganizationByInsee(target.insee().value())
          .ifPresent(org -> keycloak.removeMember(org.getString("id"), resource.externalId()));
      if (keycloak.organizationsOf(resource.externalId()).isEmpty()) {
        keycloak.deleteUser(resource.externalId());
      }
    } catch (KeycloakException e) {
      throw new ProvisioningException(e.getMessage(), e);
    }
  }

  /**
   * At decommissioning the organization is disabled; the account itself may serve other communes.
   */
  @Override
  public void decommission(ProvisioningTarget target, ProvisionedResource resource) {
    // nothing to do: membership of a disabled organization grants nothing
  }
}
