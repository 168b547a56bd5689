package fr.strasbourg.metrocloud.tenants.infrastructure.keycloak;

import fr.strasbourg.metrocloud.kernel.problem.UnavailableProblem;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.Role;
import fr.strasbourg.metrocloud.tenants.api.CommuneAccounts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Agents' accounts in the commune's Keycloak organization. A login is the commune's when its
 * account is a member of the commune's organization and of no other: anything else (another
 * commune's agent, a DSI operator) is reported as taken and never changed.
 */
@ApplicationScoped
public class KeycloakCommuneAccounts implements CommuneAccounts {

  @Inject KeycloakAdminClient keycloak;

  @Override
  public Outcome ensureAgent(
      CallContext commune, String username, String firstName, String lastName, String email) {
    try {
      String organization = organizationId(commune);
      Optional<JsonObject> existing = keycloak.findUserByUsername(username);
      if (existing.isEmpty()) {
        String id = keycloak.createUser(username, firstName, lastName, email);
        keycloak.addMember(organization, id);
        keycloak.assignRealmRoles(id, List.of(Role.AGENT.claimValue()));
        return Outcome.CREATED;
      }
      String id = existing.get().getString("id");
      if (!onlyMemberOf(id, organization)) {
        return Outcome.TAKEN;
      }
      JsonObject user = keycloak.getUser(id);
      boolean enabled = user.getBoolean("enabled", true);
      if (!enabled
          || !Objects.equals(user.getString("firstName", null), firstName)
          || !Objects.equals(user.getString("lastName", null), lastName)
          || !email.equalsIgnoreCase(user.getString("email", ""))) {
        keycloak.updateUser(
            id,
            Json.createObjectBuilder(user)
                .add("firstName", firstName)
                .add("lastName", lastName)
                .add("email", email)
                .add("enabled", true)
                .build());
      }
      return enabled ? Outcome.EXISTING : Outcome.REENABLED;
    } catch (KeycloakException e) {
      throw unavailable(e);
    }
  }

  @Override
  public boolean disable(CallContext commune, String username) {
    try {
      String organization = organizationId(commune);
      Optional<JsonObject> existing = keycloak.findUserByUsername(username);
      if (existing.isEmpty() || !onlyMemberOf(existing.get().getString("id"), organization)) {
        return false;
      }
      String id = existing.get().getString("id");
      JsonObject user = keycloak.getUser(id);
      if (!user.getBoolean("enabled", true)) {
        return false;
      }
      keycloak.updateUser(id, Json.createObjectBuilder(user).add("enabled", false).build());
      return true;
    } catch (KeycloakException e) {
      throw unavailable(e);
    }
  }

  private String organizationId(CallContext commune) {
    return keycloak
        .findOrganizationByInsee(commune.requireCommune().value())
        .map(o -> o.getString("id"))
        .orElseThrow(
            () ->
                new UnavailableProblem(
                    "identity-provider-unavailable",
                    "L'organisation de la commune est absente de l'annuaire des comptes."));
  }

  private boolean onlyMemberOf(String userId, String organization) {
    List<JsonObject> organizations = keycloak.organizationsOf(userId);
    return organizations.size() == 1 && organization.equals(organizations.get(0).getString("id"));
  }

  private static UnavailableProblem unavailable(KeycloakException e) {
    return new UnavailableProblem(
        "identity-provider-unavailable",
        "L'annuaire des comptes est momentanément indisponible : " + e.getMessage());
  }
}
