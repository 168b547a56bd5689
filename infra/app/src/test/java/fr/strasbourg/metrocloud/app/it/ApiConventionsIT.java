package fr.strasbourg.metrocloud.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import fr.strasbourg.metrocloud.app.support.PlatformTestBase;
import fr.strasbourg.metrocloud.testkit.ApiClient;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * API conventions: OpenAPI, health, deny by default, problem documents for every error, security
 * headers.
 */
class ApiConventionsIT extends PlatformTestBase {

  private static final Set<String> PUBLIC = Set.of("GET /api/v1/portal/config");

  /** The PKI's public face (certificates and CRLs, not JSON) and what it answers a placeholder. */
  private static final Map<String, Integer> PUBLIC_PKI =
      Map.of(
          "GET /api/v1/pki/root.crt", 200,
          "GET /api/v1/pki/root.pem", 200,
          "GET /api/v1/pki/tsa.crt", 200,
          "GET /api/v1/pki/crl/{name}.crl", 404);

  @Test
  void everyDocumentedEndpointDeclaresItsRolesAndRefusesAnonymousCalls() {
    JsonObject openapi = platform.anonymous().get("/openapi?format=JSON").json();
    JsonObject paths = openapi.getJsonObject("paths");
    assertThat(paths.keySet())
        .contains(
            "/api/v1/tenants",
            "/api/v1/tenants/{insee}/suspend",
            "/api/v1/tenants/{insee}/resume",
            "/api/v1/catalog/services",
            "/api/v1/subscriptions",
            "/api/v1/subscriptions/{id}",
            "/api/v1/audit/verify",
            "/api/v1/me");
    List<String> checked = new ArrayList<>();
    for (Map.Entry<String, jakarta.json.JsonValue> path : paths.entrySet()) {
      for (String method : path.getValue().asJsonObject().keySet()) {
        if (!Set.of("get", "post", "put", "delete", "patch").contains(method)) {
          continue;
        }
        String verb = method.toUpperCase();
        String concrete =
            path.getKey()
                .replace("{insee}", "67482")
                .replace("{id}", "00000000-0000-0000-0000-000000000000")
                .replace("{code}", "e-signature")
                .replaceAll("\\{[^}]+}", "00000000-0000-0000-0000-000000000001");
        String endpoint = verb + " " + path.getKey();
        if (PUBLIC_PKI.containsKey(endpoint)) {
          assertThat(platform.anonymous().download(concrete).status())
              .as(endpoint)
              .isEqualTo(PUBLIC_PKI.get(endpoint));
          checked.add(endpoint);
          continue;
        }
        ApiClient.Reply reply =
            platform
                .anonymous()
                .send(
                    verb,
                    concrete,
                    verb.equals("GET") || verb.equals("DELETE") ? null : "{}",
                    verb.equals("GET") || verb.equals("DELETE") ? null : "application/json");
        if (PUBLIC.contains(endpoint)) {
          assertThat(reply.status()).as(endpoint).isEqualTo(200);
        } else {
          assertProblem(reply, 401, "authentication-required");
        }
        checked.add(endpoint);
      }
    }
    assertThat(checked).hasSizeGreaterThan(15).containsAll(PUBLIC_PKI.keySet());
  }

  @Test
  void healthEndpointsAnswer() {
    JsonObject ready = assertOk(platform.anonymous().get("/health/ready"), 200).json();
    assertThat(ready.getString("status")).isEqualTo("UP");
    assertThat(ready.getJsonArray("checks").getJsonObject(0).getString("name"))
        .isEqualTo("database");
    assertThat(assertOk(platform.anonymous().get("/health/live"), 200).json().getString("status"))
        .isEqualTo("UP");
  }

  @Test
  void errorsOfTheRuntimeAreProblemDocumentsToo() {
    ApiClient operator = platform.operator();
    assertProblem(operator.get("/api/v1/nothing-here"), 404, "not-found");
    assertProblem(
        operator.send("PUT", "/api/v1/tenants", "{}", "application/json"),
        405,
        "method-not-allowed");
    assertProblem(
        operator.send("POST", "/api/v1/tenants", "<xml/>", "application/xml"),
        415,
        "unsupported-media-type");
  }

  @Test
  void thePortalIsServedWithSecurityHeadersAndItsRoutesAnswerTheSinglePage() {
    ApiClient.Reply index = platform.anonymous().send("GET", "/", null, null);
    assertThat(index.status()).isEqualTo(200);
    assertThat(index.body()).contains("<html lang=\"fr\">", "MetroCloud");
    assertThat(index.header("Content-Security-Policy"))
        .hasValueSatisfying(
            csp -> assertThat(csp).contains("default-src 'self'", "frame-ancestors 'none'"));
    assertThat(index.header("X-Content-Type-Options")).hasValue("nosniff");
    JsonObject config = assertOk(platform.anonymous().get("/api/v1/portal/config"), 200).json();
    assertThat(config.getString("authority")).isEqualTo(platform.env().realmUrl());
    assertThat(config.getString("scope")).contains("organization");
  }
}
