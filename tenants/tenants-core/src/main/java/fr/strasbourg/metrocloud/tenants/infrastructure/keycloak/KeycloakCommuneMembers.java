package fr.strasbourg.metrocloud.tenants.infrastructure.keycloak;

import fr.strasbourg.metrocloud.kernel.problem.UnavailableProblem;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.tenants.api.CommuneMembers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.text.Collator;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The commune's people, read from its Keycloak organization. */
@ApplicationScoped
public class KeycloakCommuneMembers implements CommuneMembers {

  private static final int MAX = 1000;

  @Inject KeycloakAdminClient keycloak;

  @Override
  public List<Member> list(CallContext commune) {
    String insee = commune.requireCommune().value();
    try {
      Optional<JsonObject> organization = keycloak.findOrganizationByInsee(insee);
      if (organization.isEmpty()) {
        return List.of();
      }
      Collator french = Collator.getInstance(Locale.FRENCH);
      return keycloak.members(organization.get().getString("id"), MAX).stream()
          .filter(u -> u.getBoolean("enabled", true))
          .map(KeycloakCommuneMembers::member)
          .sorted(Comparator.comparing(Member::displayName, french))
          .toList();
    } catch (KeycloakException e) {
      throw new UnavailableProblem(
          "identity-provider-unavailable",
          "L'annuaire des agents est momentanément indisponible : " + e.getMessage());
    }
  }

  @Override
  public Optional<Member> find(CallContext commune, String username) {
    if (username == null || username.isBlank()) {
      return Optional.empty();
    }
    return list(commune).stream()
        .filter(m -> m.username().equalsIgnoreCase(username.strip()))
        .findFirst();
  }

  private static Member member(JsonObject user) {
    String first = user.getString("firstName", "");
    String last = user.getString("lastName", "");
    String name = (first + " " + last).strip();
    String username = user.getString("username");
    return new Member(
        user.getString("id"),
        username,
        name.isEmpty() ? username : name,
        user.getString("email", null));
  }
}
