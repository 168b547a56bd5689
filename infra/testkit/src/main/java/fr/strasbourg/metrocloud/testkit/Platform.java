package fr.strasbourg.metrocloud.testkit;

import fr.strasbourg.metrocloud.testkit.SampleCommunes.Commune;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.List;

/**
 * The platform as the DSI and the communes' people use it: communes provisioned through the API by
 * the operator, people created in Keycloak, logins through Keycloak's pages. Idempotent, so tests
 * and the demo seeder can call it again and again.
 */
public final class Platform {

  /**
   * The password of every test and demo account (meets the realm policy: 12 characters at least).
   */
  public static final String PASSWORD =
      Environment.get("metrocloud.demo.password", "MetroCloud-2026!");

  private final Environment env;
  private final KeycloakAdmin keycloak;

  public Platform(Environment env) {
    this.env = env;
    this.keycloak = new KeycloakAdmin(env);
  }

  public static Platform fromSystem() {
    return new Platform(Environment.fromSystem());
  }

  public Environment env() {
    return env;
  }

  public KeycloakAdmin keycloak() {
    return keycloak;
  }

  /** The API as the DSI automation (platform operator, no commune). */
  public ApiClient operator() {
    return ApiClient.anonymous(env).withToken(KeycloakAdmin.automationToken(env));
  }

  public ApiClient anonymous() {
    return ApiClient.anonymous(env);
  }

  /** The username of a commune's first administrator in tests and demo. */
  public static String adminOf(Commune c) {
    return "admin." + c.slug();
  }

  /** The body of {@code POST /api/v1/tenants} for a commune. */
  public static JsonObject registration(Commune c) {
    return Json.createObjectBuilder()
        .add("insee", c.insee())
        .add("name", c.name())
        .add("postalCode", c.postalCode())
        .add("population", c.population())
        .add(
            "contact",
            Json.createObjectBuilder()
                .add("name", "Direction générale des services")
                .add("email", "dgs@" + c.slug() + ".example.org")
                .add("phone", "03 88 00 00 00"))
        .add(
            "convention",
            Json.createObjectBuilder()
                .add("number", "EMS-MUT-2026-" + c.insee())
                .add("signedOn", "2026-01-15"))
        .add(
            "administrator",
            Json.createObjectBuilder()
                .add("username", adminOf(c))
                .add("firstName", "Admin")
                .add("lastName", c.name())
                .add("email", "admin@" + c.slug() + ".example.org"))
        .build();
  }

  /**
   * Makes sure the commune is provisioned and active, with its administrator's password set to
   * {@link #PASSWORD}. Returns the tenant as the API shows it.
   */
  public JsonObject ensureActiveCommune(Commune c) {
    ApiClient operator = operator();
    ApiClient.Reply existing = operator.get("/api/v1/tenants/" + c.insee());
    if (existing.status() == 404) {
      ApiClient.Reply created = operator.post("/api/v1/tenants", registration(c));
      if (created.status() != 201) {
        throw new IllegalStateException("Provisioning of " + c.name() + " failed: " + created);
      }
    } else if (existing.status() == 200) {
      String status = existing.json().getString("status");
      if ("PROVISIONING_FAILED".equals(status) || "PROVISIONING".equals(status)) {
        ApiClient.Reply retried =
            operator.post("/api/v1/tenants/" + c.insee() + "/provisioning", "{}");
        if (retried.status() != 200) {
          throw new IllegalStateException(
              "Provisioning retry of " + c.name() + " failed: " + retried);
        }
      } else if ("SUSPENDED".equals(status)) {
        operator.post("/api/v1/tenants/" + c.insee() + "/resume", "{}");
      } else if ("ACTIVE".equals(status)) {
        // complete what a newer platform provisions (e.g. storage for communes created before it
        // existed)
        ApiClient.Reply reconciled =
            operator.post("/api/v1/tenants/" + c.insee() + "/reconcile", "{}");
        if (reconciled.status() != 200) {
          throw new IllegalStateException(
              "Reconciliation of " + c.name() + " failed: " + reconciled);
        }
      }
    } else {
      throw new IllegalStateException("Cannot read commune " + c.name() + ": " + existing);
    }
    keycloak.findUserId(adminOf(c)).ifPresent(id -> keycloak.setPassword(id, PASSWORD));
    return operator.get("/api/v1/tenants/" + c.insee()).json();
  }

  /** Creates or updates a person with the standard password. */
  public void ensurePerson(
      String username, String firstName, String lastName, List<String> roles, Commune... communes) {
    keycloak.ensurePerson(
        new KeycloakAdmin.Person(
            username,
            PASSWORD,
            firstName,
            lastName,
            username
                + "@"
                + (communes.length == 0 ? "eurometropole" : communes[0].slug())
                + ".example.org",
            roles,
            java.util.Arrays.stream(communes).map(Commune::insee).toList()));
  }

  /**
   * The API as a person logged in to the portal in a commune (null for the operator: no commune).
   */
  public ApiClient as(String username, Commune commune) {
    return ApiClient.anonymous(env).withToken(login(username, commune).accessToken());
  }

  public OidcLogin.Tokens login(String username, Commune commune) {
    return new OidcLogin(env).login(username, PASSWORD, commune == null ? null : commune.insee());
  }
}
