package fr.strasbourg.metrocloud.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import fr.strasbourg.metrocloud.app.support.PlatformTestBase;
import fr.strasbourg.metrocloud.testkit.ApiClient;
import fr.strasbourg.metrocloud.testkit.OidcLogin;
import fr.strasbourg.metrocloud.testkit.Platform;
import fr.strasbourg.metrocloud.testkit.SampleCommunes;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Isolation through the API with real tokens: a commune's token on any resource of another commune
 * answers 404, and the operator reads across communes only through the operator endpoints.
 */
class ApiIsolationIT extends PlatformTestBase {

  private ApiClient strasbourg;
  private ApiClient eschau;
  private String strasbourgSubscription;

  @BeforeEach
  void twoCommunesEachWithTheirOwnData() {
    platform.ensureActiveCommune(SampleCommunes.STRASBOURG);
    platform.ensureActiveCommune(SampleCommunes.ESCHAU);
    strasbourg =
        platform.as(Platform.adminOf(SampleCommunes.STRASBOURG), SampleCommunes.STRASBOURG);
    eschau = platform.as(Platform.adminOf(SampleCommunes.ESCHAU), SampleCommunes.ESCHAU);
    strasbourg.post("/api/v1/subscriptions", "{\"service\":\"document-management\"}");
    eschau.post("/api/v1/subscriptions", "{\"service\":\"e-signature\"}");
    strasbourgSubscription =
        strasbourg.get("/api/v1/subscriptions").jsonArray().getValuesAs(JsonObject.class).stream()
            .filter(s -> s.getString("service").equals("document-management"))
            .findFirst()
            .orElseThrow()
            .getString("id");
  }

  @Test
  void aCommunesTokenOnAnyResourceOfAnotherCommuneAnswers404() {
    assertProblem(eschau.get("/api/v1/tenants/67482"), 404, "tenant-not-found");
    assertProblem(
        eschau.get("/api/v1/subscriptions/" + strasbourgSubscription),
        404,
        "subscription-not-found");
    assertProblem(
        eschau.delete("/api/v1/subscriptions/" + strasbourgSubscription),
        404,
        "subscription-not-found");
    assertProblem(eschau.get("/api/v1/subscriptions?tenant=67482"), 404, "tenant-not-found");
    assertProblem(eschau.get("/api/v1/audit/events?tenant=67482"), 404, "tenant-not-found");
    assertProblem(eschau.get("/api/v1/usage?tenant=67482"), 404, "tenant-not-found");

    // Strasbourg's subscription is untouched and Eschau's own list never shows it
    JsonObject mine =
        assertOk(strasbourg.get("/api/v1/subscriptions/" + strasbourgSubscription), 200).json();
    assertThat(mine.getString("status")).isEqualTo("ACTIVE");
    assertThat(eschau.get("/api/v1/subscriptions").jsonArray().getValuesAs(JsonObject.class))
        .extracting(s -> s.getString("tenant"))
        .containsOnly("67131");
    assertThat(eschau.get("/api/v1/usage").jsonArray().getValuesAs(JsonObject.class))
        .extracting(u -> u.getString("idempotencyKey"))
        .noneMatch(k -> k.contains(strasbourgSubscription));
    assertThat(eschau.get("/api/v1/audit/events").jsonArray().getValuesAs(JsonObject.class))
        .extracting(e -> e.getString("tenant"))
        .containsOnly("67131");
    assertThat(eschau.get("/api/v1/tenants/67131").json().getString("name")).isEqualTo("Eschau");
  }

  @Test
  void communeUsersCannotUseOperatorEndpoints() {
    assertProblem(eschau.get("/api/v1/tenants"), 403, "forbidden");
    assertProblem(
        eschau.post("/api/v1/tenants/67482/suspend", "{\"reason\":\"x\"}"), 403, "forbidden");
    assertProblem(eschau.get("/api/v1/audit/verify?tenant=67482"), 403, "forbidden");
    assertProblem(eschau.get("/api/v1/tenants/67482/resources"), 403, "forbidden");
  }

  @Test
  void theOperatorReadsAcrossCommunesOnlyThroughOperatorEndpointsAndIsAudited() {
    ApiClient operator = platform.operator();
    List<JsonObject> all =
        operator.get("/api/v1/subscriptions").jsonArray().getValuesAs(JsonObject.class);
    assertThat(all).extracting(s -> s.getString("tenant")).contains("67482", "67131");
    assertThat(operator.get("/api/v1/tenants").jsonArray().getValuesAs(JsonObject.class))
        .extracting(t -> t.getString("insee"))
        .contains("67482", "67131");
    // Commune endpoints are not a way around: the operator has no commune
    assertProblem(
        operator.post("/api/v1/subscriptions", "{\"service\":\"archiving\"}"), 403, "forbidden");
    assertProblem(operator.get("/api/v1/services/e-signature"), 403, "forbidden");
    assertProblem(
        operator.delete("/api/v1/subscriptions/" + strasbourgSubscription), 403, "forbidden");
    assertOk(operator.get("/api/v1/tenants/67482"), 200);
    assertOk(operator.get("/api/v1/subscriptions/" + strasbourgSubscription), 200);
    assertOk(operator.get("/api/v1/usage?tenant=67482"), 200);
    // Its cross-commune reads are recorded in the platform's own trail, its reading of a commune's
    // consumption in that commune's trail
    List<String> platformActions =
        operator.get("/api/v1/audit/events?tenant=platform&limit=50").jsonArray().stream()
            .map(JsonValue::asJsonObject)
            .map(e -> e.getString("action"))
            .toList();
    assertThat(platformActions)
        .contains(
            "platform.subscriptions.listed",
            "platform.tenants.listed",
            "platform.tenant.read",
            "platform.subscription.read");
    assertThat(
            strasbourg
                .get("/api/v1/audit/events?limit=50")
                .jsonArray()
                .getValuesAs(JsonObject.class))
        .extracting(e -> e.getString("action"))
        .contains("catalog.usage.read-by-operator");
  }

  @Test
  void rolesAreEnforcedWithinACommune() {
    platform.ensurePerson(
        "agent.eschau", "Alice", "Agent", List.of("agent"), SampleCommunes.ESCHAU);
    ApiClient agent = platform.as("agent.eschau", SampleCommunes.ESCHAU);
    assertProblem(
        agent.post("/api/v1/subscriptions", "{\"service\":\"archiving\"}"), 403, "forbidden");
    assertProblem(agent.get("/api/v1/audit/events"), 403, "forbidden");
    assertOk(agent.get("/api/v1/subscriptions"), 200);
  }

  @Test
  void aTokenWithoutCommuneIsOnlyValidForTheOperator() {
    platform.ensurePerson(
        "agent.eschau", "Alice", "Agent", List.of("agent"), SampleCommunes.ESCHAU);
    // Logging in without the organization scope gives a token without the tenant claim
    OidcLogin.Tokens tokens =
        new OidcLogin(platform.env())
            .login("agent.eschau", Platform.PASSWORD, null, null, "openid profile");
    assertThat(tokens.claims().containsKey("tenant")).isFalse();
    ApiClient noCommune = platform.anonymous().withToken(tokens.accessToken());
    assertProblem(noCommune.get("/api/v1/me"), 403, "commune-not-selected");
    assertProblem(noCommune.get("/api/v1/subscriptions"), 403, "commune-not-selected");
  }

  @Test
  void requestsWithoutOrWithABadTokenAreRefused() {
    JsonObject problem =
        assertProblem(
            platform.anonymous().get("/api/v1/subscriptions"), 401, "authentication-required");
    assertThat(problem.getString("detail")).contains("Bearer");
    String forged = eschauTokenWithTenant("67482");
    assertThat(platform.anonymous().withToken(forged).get("/api/v1/subscriptions").status())
        .isEqualTo(401);
  }

  /**
   * Eschau's token with its payload edited to claim Strasbourg: the signature no longer matches.
   */
  private String eschauTokenWithTenant(String tenant) {
    String token =
        platform
            .login(Platform.adminOf(SampleCommunes.ESCHAU), SampleCommunes.ESCHAU)
            .accessToken();
    String[] parts = token.split("\\.");
    String payload =
        new String(
                java.util.Base64.getUrlDecoder().decode(parts[1]),
                java.nio.charset.StandardCharsets.UTF_8)
            .replace("\"tenant\":\"67131\"", "\"tenant\":\"" + tenant + "\"");
    return parts[0]
        + "."
        + java.util.Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8))
        + "."
        + parts[2];
  }
}
