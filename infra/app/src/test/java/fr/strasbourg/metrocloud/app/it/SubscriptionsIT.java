package fr.strasbourg.metrocloud.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import fr.strasbourg.metrocloud.app.support.PlatformTestBase;
import fr.strasbourg.metrocloud.testkit.ApiClient;
import fr.strasbourg.metrocloud.testkit.Platform;
import fr.strasbourg.metrocloud.testkit.SampleCommunes;
import fr.strasbourg.metrocloud.testkit.SampleCommunes.Commune;
import jakarta.json.JsonObject;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The catalogue, a commune administrator's subscriptions, the usage events they emit and the
 * service guard.
 */
class SubscriptionsIT extends PlatformTestBase {

  private static final Commune LINGOLSHEIM = SampleCommunes.LINGOLSHEIM;
  private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Paris"));

  private ApiClient admin;
  private ApiClient agent;

  @BeforeEach
  void aCommuneWithItsAdministratorAndAnAgent() {
    platform.ensureActiveCommune(LINGOLSHEIM);
    platform.ensurePerson("agent.lingolsheim", "Luc", "Agent", List.of("agent"), LINGOLSHEIM);
    admin = platform.as(Platform.adminOf(LINGOLSHEIM), LINGOLSHEIM);
    agent = platform.as("agent.lingolsheim", LINGOLSHEIM);
  }

  @Test
  void theCatalogueListsTheSevenSharedServicesWithTheirPrices() {
    List<JsonObject> services =
        agent.get("/api/v1/catalog/services").jsonArray().getValuesAs(JsonObject.class);
    assertThat(services)
        .extracting(s -> s.getString("code"))
        .containsExactly(
            "e-signature",
            "document-management",
            "archiving",
            "leave-requests",
            "mission-orders",
            "finance-connector",
            "hr-connector");
    JsonObject signature = services.get(0);
    assertThat(signature.getString("name")).isEqualTo("Parapheur électronique");
    assertThat(signature.getString("usageUnit")).isEqualTo("signature");
    assertThat(signature.getJsonObject("price").getJsonNumber("unitPrice").bigDecimalValue())
        .isEqualByComparingTo("0.35");
    assertThat(
            services.get(1).getJsonObject("price").getJsonNumber("yearlyBaseFee").bigDecimalValue())
        .isEqualByComparingTo("150");
    assertProblem(agent.get("/api/v1/catalog/services/teleportation"), 404, "unknown-service");
  }

  @Test
  void aServiceRefusesTheAgentsOfACommuneThatHasNotSubscribed() {
    JsonObject problem =
        assertProblem(agent.get("/api/v1/services/archiving"), 403, "service-not-subscribed");
    assertThat(problem.getString("service")).isEqualTo("archiving");
    assertThat(problem.getString("detail")).contains("Archivage électronique (SAE)");

    JsonObject subscription =
        assertOk(
                admin.post(
                    "/api/v1/subscriptions",
                    "{\"service\":\"archiving\",\"deliberationRef\":\"DCM-2026-077\"}"),
                201)
            .json();
    assertThat(subscription.getString("status")).isEqualTo("ACTIVE");
    assertThat(subscription.getString("startsOn")).isEqualTo(TODAY.toString());

    JsonObject entry = assertOk(agent.get("/api/v1/services/archiving"), 200).json();
    assertThat(entry.getJsonObject("subscription").getString("id"))
        .isEqualTo(subscription.getString("id"));

    // Ending it today closes the service at once
    assertOk(admin.delete("/api/v1/subscriptions/" + subscription.getString("id")), 200);
    assertProblem(agent.get("/api/v1/services/archiving"), 403, "service-not-subscribed");
    assertThat(auditActions()).contains("catalog.service.access-refused");
  }

  @Test
  void subscribingAndUnsubscribingEmitIdempotentUsageEvents() {
    ApiClient.Reply created =
        assertOk(
            admin.post(
                "/api/v1/subscriptions",
                "{\"service\":\"e-signature\",\"startsOn\":\""
                    + TODAY.plusDays(3)
                    + "\",\"deliberationRef\":\"DCM-2026-080\"}"),
            201);
    JsonObject subscription = created.json();
    String id = subscription.getString("id");
    assertThat(created.header("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/api/v1/subscriptions/" + id));
    assertThat(subscription.getString("status")).isEqualTo("SCHEDULED");
    assertThat(subscription.getString("deliberationRef")).isEqualTo("DCM-2026-080");

    JsonObject ended =
        assertOk(
                admin.delete(
                    "/api/v1/subscriptions/"
                        + id
                        + "?effectiveDate="
                        + TODAY.plusMonths(2)
                        + "&deliberationRef=DCM-2026-099"),
                200)
            .json();
    assertThat(ended.getString("status")).isEqualTo("SCHEDULED");
    assertThat(ended.getString("endsOn")).isEqualTo(TODAY.plusMonths(2).toString());
    assertProblem(
        admin.delete("/api/v1/subscriptions/" + id + "?effectiveDate=" + TODAY.plusMonths(3)),
        422,
        "subscription-already-ending");

    List<JsonObject> usage =
        admin
            .get("/api/v1/usage?service=e-signature&to=" + TODAY.plusYears(1))
            .jsonArray()
            .getValuesAs(JsonObject.class)
            .stream()
            .filter(u -> u.getString("idempotencyKey").contains(id))
            .toList();
    assertThat(usage)
        .extracting(u -> u.getString("metric"))
        .containsExactlyInAnyOrder("subscription.started", "subscription.ended");
    assertThat(usage)
        .extracting(u -> u.getString("idempotencyKey"))
        .containsExactlyInAnyOrder(
            "subscription/" + id + "/started", "subscription/" + id + "/ended");
    assertThat(auditActions())
        .contains("catalog.subscription.created", "catalog.subscription.ended");

    // Past and current subscriptions are listed
    assertThat(admin.get("/api/v1/subscriptions").jsonArray().getValuesAs(JsonObject.class))
        .extracting(s -> s.getString("id"))
        .contains(id);
  }

  @Test
  void subscriptionRulesAndHostileInput() {
    admin.post("/api/v1/subscriptions", "{\"service\":\"hr-connector\"}");
    assertProblem(
        admin.post("/api/v1/subscriptions", "{\"service\":\"hr-connector\"}"),
        409,
        "already-subscribed");
    assertProblem(
        admin.post("/api/v1/subscriptions", "{\"service\":\"teleportation\"}"),
        422,
        "unknown-service");
    assertProblem(
        admin.post("/api/v1/subscriptions", "{\"service\":\"" + "x".repeat(5000) + "\"}"),
        400,
        "validation-failed");
    assertProblem(
        admin.post(
            "/api/v1/subscriptions",
            "{\"service\":\"finance-connector\",\"startsOn\":\"" + TODAY.minusDays(1) + "\"}"),
        422,
        "retroactive-subscription");
    assertProblem(
        admin.post(
            "/api/v1/subscriptions", "{\"service\":\"finance-connector\",\"startsOn\":\"demain\"}"),
        400,
        "malformed-request");
    assertProblem(
        admin.post(
            "/api/v1/subscriptions",
            "{\"service\":\"finance-connector\",\"deliberationRef\":\"" + "D".repeat(101) + "\"}"),
        400,
        "validation-failed");
    assertProblem(admin.post("/api/v1/subscriptions", "{}"), 400, "validation-failed");
    assertProblem(admin.post("/api/v1/subscriptions", ""), 400, "malformed-request");
    assertProblem(admin.delete("/api/v1/subscriptions/not-a-uuid"), 404, "subscription-not-found");
    assertProblem(
        admin.delete("/api/v1/subscriptions/" + java.util.UUID.randomUUID()),
        404,
        "subscription-not-found");
    // None of the refused requests left a subscription behind
    assertThat(admin.get("/api/v1/subscriptions").jsonArray().getValuesAs(JsonObject.class))
        .extracting(s -> s.getString("service"))
        .doesNotContain("finance-connector", "teleportation");
  }

  private List<String> auditActions() {
    return admin
        .get("/api/v1/audit/events?limit=200")
        .jsonArray()
        .getValuesAs(JsonObject.class)
        .stream()
        .map(e -> e.getString("action"))
        .toList();
  }
}
