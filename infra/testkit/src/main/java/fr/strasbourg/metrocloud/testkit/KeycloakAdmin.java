package fr.strasbourg.metrocloud.testkit;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keycloak administration with the server's bootstrap administrator (master realm, {@code
 * admin-cli}): creates the people that tests and the demo need (agents, managers, elected
 * officials, the DSI operator) and checks what the platform provisioned. The platform itself never
 * uses these credentials.
 */
public final class KeycloakAdmin {

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  private final Environment env;
  private String token;

  public KeycloakAdmin(Environment env) {
    this.env = env;
  }

  /** A person to create or update. */
  public record Person(
      String username,
      String password,
      String firstName,
      String lastName,
      String email,
      List<String> roles,
      List<String> communes) {}

  /**
   * Creates or updates a person: enabled, verified e-mail, the given permanent password, exactly
   * these realm roles among the platform's, member of these communes' organizations. Idempotent.
   */
  public String ensurePerson(Person p) {
    String id = findUserId(p.username()).orElse(null);
    JsonObject body =
        Json.createObjectBuilder()
            .add("username", p.username())
            .add("firstName", p.firstName())
            .add("lastName", p.lastName())
            .add("email", p.email())
            .add("emailVerified", true)
            .add("enabled", true)
            .add("requiredActions", Json.createArrayBuilder())
            .build();
    if (id == null) {
      HttpResponse<String> r = call("POST", "/users", body.toString());
      expect(r, 201, "create user " + p.username());
      String location = r.headers().firstValue("Location").orElseThrow();
      id = location.substring(location.lastIndexOf('/') + 1);
    } else {
      expect(call("PUT", "/users/" + id, body.toString()), 204, "update user " + p.username());
    }
    setPassword(id, p.password());
    JsonArrayBuilder roles = Json.createArrayBuilder();
    for (String role : p.roles()) {
      roles.add(Json2.object(call("GET", "/roles/" + role, null).body()));
    }
    expect(
        call("POST", "/users/" + id + "/role-mappings/realm", roles.build().toString()),
        204,
        "assign roles");
    for (String insee : p.communes()) {
      String orgId =
          organization(insee)
              .map(o -> o.getString("id"))
              .orElseThrow(() -> new IllegalStateException("No organization for commune " + insee));
      HttpResponse<String> r =
          call("POST", "/organizations/" + orgId + "/members", Json.createValue(id).toString());
      if (r.statusCode() != 201 && r.statusCode() != 409) {
        throw new IllegalStateException(
            "add member " + p.username() + " to " + insee + ": " + r.statusCode() + " " + r.body());
      }
    }
    return id;
  }

  /**
   * Creates a realm role unless it exists (a realm imported before the role was added to {@code
   * metrocloud-realm.json} does not have it: imports skip existing realms).
   */
  public void ensureRealmRole(String name, String description) {
    HttpResponse<String> found = call("GET", "/roles/" + name, null);
    if (found.statusCode() == 200) {
      return;
    }
    HttpResponse<String> r =
        call(
            "POST",
            "/roles",
            Json.createObjectBuilder()
                .add("name", name)
                .add("description", description)
                .build()
                .toString());
    if (r.statusCode() != 201 && r.statusCode() != 409) {
      throw new IllegalStateException(
          "create realm role " + name + ": " + r.statusCode() + " " + r.body());
    }
  }

  public void setPassword(String userId, String password) {
    JsonObject credential =
        Json.createObjectBuilder()
            .add("type", "password")
            .add("value", password)
            .add("temporary", false)
            .build();
    expect(
        call("PUT", "/users/" + userId + "/reset-password", credential.toString()),
        204,
        "set password");
  }

  public Optional<String> findUserId(String username) {
    JsonArray users =
        Json2.array(call("GET", "/users?exact=true&username=" + Json2.enc(username), null).body());
    return users.isEmpty() ? Optional.empty() : Optional.of(users.getJsonObject(0).getString("id"));
  }

  public Optional<JsonObject> user(String username) {
    return findUserId(username).map(id -> Json2.object(call("GET", "/users/" + id, null).body()));
  }

  /** The organization of a commune (alias = INSEE code). */
  public Optional<JsonObject> organization(String insee) {
    JsonArray orgs =
        Json2.array(
            call("GET", "/organizations?briefRepresentation=false&q=insee:" + insee, null).body());
    return orgs.stream()
        .map(JsonValue::asJsonObject)
        .filter(o -> insee.equals(o.getString("alias", "")))
        .findFirst();
  }

  /** Usernames of the members of a commune's organization. */
  public List<String> members(String insee) {
    return organization(insee)
        .map(
            o ->
                Json2.array(
                    call("GET", "/organizations/" + o.getString("id") + "/members?max=1000", null)
                        .body()))
        .map(a -> a.stream().map(v -> v.asJsonObject().getString("username")).toList())
        .orElse(List.of());
  }

  public List<String> realmRolesOf(String username) {
    String id = findUserId(username).orElseThrow();
    return Json2.array(call("GET", "/users/" + id + "/role-mappings/realm", null).body()).stream()
        .map(v -> v.asJsonObject().getString("name"))
        .toList();
  }

  public void deleteOrganization(String insee) {
    organization(insee).ifPresent(o -> call("DELETE", "/organizations/" + o.getString("id"), null));
  }

  public void deleteUser(String username) {
    findUserId(username).ifPresent(id -> call("DELETE", "/users/" + id, null));
  }

  /** An access token of the automation client: the DSI's scripts acting as platform operator. */
  public static String automationToken(Environment env) {
    HttpResponse<String> r =
        post(
            env.realmUrl() + "/protocol/openid-connect/token",
            Json2.form(
                Map.of(
                    "grant_type", "client_credentials",
                    "client_id", "metrocloud-automation",
                    "client_secret", env.automationSecret())));
    if (r.statusCode() != 200) {
      throw new IllegalStateException(
          "Automation token refused: " + r.statusCode() + " " + r.body());
    }
    return Json2.object(r.body()).getString("access_token");
  }

  private HttpResponse<String> call(String method, String path, String json) {
    if (token == null) {
      token = adminToken();
    }
    HttpResponse<String> r = send(method, path, json);
    if (r.statusCode() == 401) {
      token = adminToken();
      r = send(method, path, json);
    }
    return r;
  }

  private HttpResponse<String> send(String method, String path, String json) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(
                URI.create(env.keycloakUrl() + "/admin/realms/" + env.realm() + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token)
            .header("Accept", "application/json");
    if (json != null) {
      b.header("Content-Type", "application/json");
    }
    b.method(
        method,
        json == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json));
    return exchange(b.build());
  }

  private String adminToken() {
    HttpResponse<String> r =
        post(
            env.keycloakUrl() + "/realms/master/protocol/openid-connect/token",
            Json2.form(
                Map.of(
                    "grant_type",
                    "password",
                    "client_id",
                    "admin-cli",
                    "username",
                    env.keycloakAdminUser(),
                    "password",
                    env.keycloakAdminPassword())));
    if (r.statusCode() != 200) {
      throw new IllegalStateException("Keycloak administrator login refused: " + r.statusCode());
    }
    return Json2.object(r.body()).getString("access_token");
  }

  private static HttpResponse<String> post(String url, String form) {
    return exchange(
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build());
  }

  private static HttpResponse<String> exchange(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(request.method() + " " + request.uri(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void expect(HttpResponse<String> r, int status, String what) {
    if (r.statusCode() != status) {
      throw new IllegalStateException(
          what + ": Keycloak answered " + r.statusCode() + " " + r.body());
    }
  }
}
