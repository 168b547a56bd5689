package fr.strasbourg.metrocloud.tenants.infrastructure.keycloak;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The few Keycloak Admin REST calls the platform needs, over the server's Jakarta REST client.
 * Every failure becomes a {@link KeycloakException} whose message says what was attempted and what
 * Keycloak (or the network) answered; no secret ever appears in a message.
 */
@ApplicationScoped
public class KeycloakAdminClient {

  @Inject KeycloakSettings settings;

  private Client client;
  private volatile AccessToken token;

  private record AccessToken(String value, Instant expiresAt) {
    boolean usable() {
      return Instant.now().isBefore(expiresAt.minusSeconds(20));
    }
  }

  @PostConstruct
  void open() {
    client =
        ClientBuilder.newBuilder()
            .connectTimeout(settings.timeout().toMillis(), TimeUnit.MILLISECONDS)
            .readTimeout(settings.timeout().toMillis(), TimeUnit.MILLISECONDS)
            .build();
  }

  @PreDestroy
  void close() {
    client.close();
  }

  // ---- organizations
  // -------------------------------------------------------------------------------------------

  /**
   * Organizations carry the INSEE code as attribute {@code insee}: the alias cannot be searched.
   */
  public Optional<JsonObject> findOrganizationByInsee(String insee) {
    JsonArray found =
        call(
            "recherche de l'organisation " + insee,
            admin()
                .path("organizations")
                .queryParam("q", "insee:" + insee)
                .queryParam("briefRepresentation", "false"),
            b -> b.get(),
            r -> r.readEntity(JsonArray.class));
    return found.stream()
        .map(JsonValue::asJsonObject)
        .filter(o -> insee.equals(o.getString("alias", null)))
        .findFirst();
  }

  /** Creates the organization and returns its id. */
  public String createOrganization(String insee, String name, String postalCode) {
    JsonObject body =
        Json.createObjectBuilder()
            .add("name", name)
            .add("alias", insee)
            .add("enabled", true)
            .add("description", "Commune de " + name + " (INSEE " + insee + ")")
            .add(
                "attributes",
                Json.createObjectBuilder()
                    .add("insee", Json.createArrayBuilder().add(insee))
                    .add("postalCode", Json.createArrayBuilder().add(postalCode)))
            .build();
    return call(
        "création de l'organisation " + insee,
        admin().path("organizations"),
        b -> b.post(Entity.json(body)),
        KeycloakAdminClient::idFromLocation);
  }

  public void setOrganizationEnabled(JsonObject organization, boolean enabled) {
    JsonObject body = Json.createObjectBuilder(organization).add("enabled", enabled).build();
    call(
        (enabled ? "activation" : "désactivation")
            + " de l'organisation "
            + organization.getString("alias", ""),
        admin().path("organizations").path(organization.getString("id")),
        b -> b.put(Entity.json(body)),
        r -> null);
  }

  public void deleteOrganization(String organizationId) {
    callAllowing404(
        "suppression de l'organisation",
        admin().path("organizations").path(organizationId),
        Invocation.Builder::delete);
  }

  public Optional<JsonObject> getOrganization(String organizationId) {
    return Optional.ofNullable(
        callAllowing404(
            "lecture de l'organisation",
            admin().path("organizations").path(organizationId),
            Invocation.Builder::get));
  }

  public boolean addMember(String organizationId, String userId) {
    try (Response r =
        send(
            "ajout du membre",
            admin().path("organizations").path(organizationId).path("members"),
            b -> b.post(Entity.json(Json.createValue(userId).toString())))) {
      if (r.getStatus() == 409) {
        return false;
      }
      expect2xx("ajout du membre à l'organisation", r);
      return true;
    }
  }

  public void removeMember(String organizationId, String userId) {
    callAllowing404(
        "retrait du membre",
        admin().path("organizations").path(organizationId).path("members").path(userId),
        Invocation.Builder::delete);
  }

  /** Members (user representations) of an organization, at most {@code max}. */
  public List<JsonObject> members(String organizationId, int max) {
    JsonArray users =
        call(
            "lecture des membres de l'organisation",
            admin()
                .path("organizations")
                .path(organizationId)
                .path("members")
                .queryParam("first", 0)
                .queryParam("max", max),
            b -> b.get(),
            r -> r.readEntity(JsonArray.class));
    return users.stream().map(JsonValue::asJsonObject).toList();
  }

  /** Organizations a user belongs to. */
  public List<JsonObject> organizationsOf(String userId) {
    JsonArray orgs =
        call(
            "lecture des organisations de l'utilisateur",
            admin().path("organizations").path("members").path(userId).path("organizations"),
            b -> b.get(),
            r -> r.readEntity(JsonArray.class));
    return orgs.stream().map(JsonValue::asJsonObject).toList();
  }

  // ---- users
  // -----------------------------------------------------------------------------------------------------

  public Optional<JsonObject> findUserByUsername(String username) {
    JsonArray found =
        call(
            "recherche du compte " + username,
            admin().path("users").queryParam("username", username).queryParam("exact", "true"),
            b -> b.get(),
            r -> r.readEntity(JsonArray.class));
    return found.stream().map(JsonValue::asJsonObject).findFirst();
  }

  /** Creates an enabled account with a verified e-mail and returns its id. */
  public String createUser(String username, String firstName, String lastName, String email) {
    JsonObject body =
        Json.createObjectBuilder()
            .add("username", username)
            .add("firstName", firstName)
            .add("lastName", lastName)
            .add("email", email)
            .add("emailVerified", true)
            .add("enabled", true)
            .build();
    return call(
        "création du compte " + username,
        admin().path("users"),
        b -> b.post(Entity.json(body)),
        KeycloakAdminClient::idFromLocation);
  }

  public JsonObject getUser(String userId) {
    return call(
        "lecture du compte",
        admin().path("users").path(userId),
        b -> b.get(),
        r -> r.readEntity(JsonObject.class));
  }

  /** Replaces the account's representation (read it with {@link #getUser} first). */
  public void updateUser(String userId, JsonObject representation) {
    call(
        "mise à jour du compte",
        admin().path("users").path(userId),
        b -> b.put(Entity.json(representation)),
        r -> null);
  }

  /** Sets a password; a temporary one must be changed at first login. */
  public void setPassword(String userId, String password, boolean temporary) {
    JsonObject body =
        Json.createObjectBuilder()
            .add("type", "password")
            .add("value", password)
            .add("temporary", temporary)
            .build();
    call(
        "définition du mot de passe",
        admin().path("users").path(userId).path("reset-password"),
        b -> b.put(Entity.json(body)),
        r -> null);
  }

  public void deleteUser(String userId) {
    callAllowing404(
        "suppression du compte", admin().path("users").path(userId), Invocation.Builder::delete);
  }

  public void assignRealmRoles(String userId, List<String> roleNames) {
    var roles = Json.createArrayBuilder();
    for (String roleName : roleNames) {
      JsonObject role =
          call(
              "lecture du rôle " + roleName,
              admin().path("roles").path(roleName),
              b -> b.get(),
              r -> r.readEntity(JsonObject.class));
      roles.add(role);
    }
    JsonArray body = roles.build();
    call(
        "attribution des rôles",
        admin().path("users").path(userId).path("role-mappings").path("realm"),
        b -> b.post(Entity.json(body)),
        r -> null);
  }

  // ---- plumbing
  // ----------------------------------------------------------------------------------------------------

  private WebTarget admin() {
    return client.target(settings.adminUrl()).path("admin").path("realms").path(settings.realm());
  }

  private String bearer() {
    AccessToken current = token;
    if (current != null && current.usable()) {
      return current.value();
    }
    Form form =
        new Form()
            .param("grant_type", "client_credentials")
            .param("client_id", settings.clientId())
            .param("client_secret", settings.clientSecret());
    WebTarget tokenEndpoint =
        client
            .target(settings.adminUrl())
            .path("realms")
            .path(settings.realm())
            .path("protocol/openid-connect/token");
    JsonObject json;
    try (Response r =
        tokenEndpoint
            .request(MediaType.APPLICATION_JSON_TYPE)
            .post(Entity.entity(form, MediaType.APPLICATION_FORM_URLENCODED_TYPE))) {
      expect2xx("authentification du client " + settings.clientId(), r);
      json = r.readEntity(JsonObject.class);
    } catch (ProcessingException e) {
      throw unreachable("authentification du client " + settings.clientId(), e);
    }
    AccessToken fresh =
        new AccessToken(
            json.getString("access_token"),
            Instant.now().plusSeconds(json.getJsonNumber("expires_in").longValue()));
    token = fresh;
    return fresh.value();
  }

  private Response send(
      String what, WebTarget target, Function<Invocation.Builder, Response> method) {
    try {
      Response r = method.apply(authorized(target));
      if (r.getStatus() == 401) {
        r.close();
        token = null;
        r = method.apply(authorized(target));
      }
      return r;
    } catch (ProcessingException e) {
      throw unreachable(what, e);
    }
  }

  private Invocation.Builder authorized(WebTarget target) {
    return target
        .request(MediaType.APPLICATION_JSON_TYPE)
        .header("Authorization", "Bearer " + bearer());
  }

  private <T> T call(
      String what,
      WebTarget target,
      Function<Invocation.Builder, Response> method,
      Function<Response, T> reader) {
    try (Response r = send(what, target, method)) {
      expect2xx(what, r);
      return reader.apply(r);
    } catch (ProcessingException e) {
      throw unreachable(what, e);
    }
  }

  private JsonObject callAllowing404(
      String what, WebTarget target, Function<Invocation.Builder, Response> method) {
    try (Response r = send(what, target, method)) {
      if (r.getStatus() == 404) {
        return null;
      }
      expect2xx(what, r);
      return r.hasEntity()
              && r.getMediaType() != null
              && r.getMediaType().isCompatible(MediaType.APPLICATION_JSON_TYPE)
          ? r.readEntity(JsonObject.class)
          : null;
    } catch (ProcessingException e) {
      throw unreachable(what, e);
    }
  }

  private static void expect2xx(String what, Response r) {
    if (r.getStatusInfo().getFamily() == Response.Status.Family.SUCCESSFUL) {
      return;
    }
    String message = "";
    try {
      if (r.hasEntity()) {
        String body = r.readEntity(String.class);
        message = body.length() > 300 ? body.substring(0, 300) + "…" : body;
      }
    } catch (RuntimeException ignored) {
      // the status alone will do
    }
    throw new KeycloakException(
        "Keycloak a refusé : "
            + what
            + " (HTTP "
            + r.getStatus()
            + (message.isEmpty() ? "" : ", " + message)
            + ")",
        r.getStatus(),
        null);
  }

  private static KeycloakException unreachable(String what, Exception e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return new KeycloakException(
        "Keycloak injoignable pendant : "
            + what
            + " ("
            + root.getClass().getSimpleName()
            + ": "
            + root.getMessage()
            + ")",
        0,
        e);
  }

  private static String idFromLocation(Response r) {
    URI location = r.getLocation();
    if (location == null) {
      throw new KeycloakException(
          "Keycloak n'a pas renvoyé l'identifiant de la ressource créée", r.getStatus(), null);
    }
    String path = location.getPath();
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
