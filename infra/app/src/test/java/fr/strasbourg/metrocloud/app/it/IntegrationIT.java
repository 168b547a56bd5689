package fr.strasbourg.metrocloud.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import fr.strasbourg.metrocloud.app.support.HrSimulator;
import fr.strasbourg.metrocloud.app.support.PlatformTestBase;
import fr.strasbourg.metrocloud.app.support.ProcedureSteps;
import fr.strasbourg.metrocloud.testkit.ApiClient;
import fr.strasbourg.metrocloud.testkit.Platform;
import fr.strasbourg.metrocloud.testkit.SampleCommunes.Commune;
import jakarta.json.JsonObject;
import java.net.ServerSocket;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The connectors' delivery end to end: an approved leave request reaches the commune's HR software
 * (a real HTTP server) through the transactional outbox and the Camel route; with the software down
 * the message is retried with back-off, dies, is replayed after recovery and arrives exactly once;
 * a lost acknowledgement makes a redelivery that the idempotency key neutralises.
 */
class IntegrationIT extends PlatformTestBase {

  /** A commune outside the Eurométropole, used by no other test. */
  private static final Commune WISSEMBOURG = new Commune("67544", "Wissembourg", "67160", 7500);

  private HrSimulator hr;
  private ApiClient admin;
  private ApiClient agent;
  private ApiClient chef;

  @BeforeEach
  void commune() throws Exception {
    platform.ensureActiveCommune(WISSEMBOURG);
    admin = platform.as(Platform.adminOf(WISSEMBOURG), WISSEMBOURG);
    ApiClient.Reply r = admin.post("/api/v1/subscriptions", "{\"service\":\"leave-requests\"}");
    assertThat(r.status()).as(r.toString()).isIn(201, 409);
    platform.ensurePerson("agent.wissembourg", "Wanda", "Agent", List.of("agent"), WISSEMBOURG);
    platform.ensurePerson(
        "chef.wissembourg", "Walter", "Chef", List.of("agent", "manager"), WISSEMBOURG);
    workflowAgent("agent.wissembourg", "Wanda Agent", "chef.wissembourg");
    workflowAgent("chef.wissembourg", "Walter Chef", null);
    assertOk(
        admin.send(
            "PUT",
            "/api/v1/workflow/settings",
            "{\"hrValidation\":false,\"reminderWorkingDays\":5}",
            "application/json"),
        200);
    assertOk(
        admin.send(
            "PUT",
            "/api/v1/leave/balances/agent.wissembourg/CA",
            "{\"days\":200}",
            "application/json"),
        200);
    agent = platform.as("agent.wissembourg", WISSEMBOURG);
    chef = platform.as("chef.wissembourg", WISSEMBOURG);
    hr = new HrSimulator("metrocloud-wissembourg", "s3cret-RH").start();
    connector(hr.baseUrl(), "metrocloud-wissembourg", "s3cret-RH");
  }

  @AfterEach
  void stop() {
    hr.close();
  }

  @Test
  void aConnectorKeepsItsSecretAndItsTestSaysWhichStepFailed() throws Exception {
    JsonObject view = admin.get("/api/v1/integration/connectors/HR").json();
    assertThat(view.getBoolean("secretSet")).isTrue();
    assertThat(view.toString()).doesNotContain("s3cret-RH");
    JsonObject ok =
        assertOk(admin.post("/api/v1/integration/connectors/HR/test", "{}"), 200).json();
    assertThat(ok.getBoolean("ok")).as(ok.toString()).isTrue();

    // wrong password: the authentication step fails
    connector(hr.baseUrl(), "metrocloud-wissembourg", "mauvais");
    JsonObject refused = admin.post("/api/v1/integration/connectors/HR/test", "{}").json();
    assertThat(refused.getBoolean("ok")).isFalse();
    assertThat(last(refused).getString("name")).isEqualTo("Authentification");
    // nothing listens: the TCP step fails
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    connector("http://127.0.0.1:" + closed + "/rh", "metrocloud-wissembourg", "s3cret-RH");
    JsonObject down = admin.post("/api/v1/integration/connectors/HR/test", "{}").json();
    assertThat(last(down).getString("name")).isEqualTo("Connexion TCP");
    assertThat(last(down).getString("detail")).contains("refusée");
    // hostile input
    assertProblem(
        admin.send(
            "PUT",
            "/api/v1/integration/connectors/HR",
            "{\"transport\":\"REST\",\"endpoint\":\"http://u:p@rh.example.org/\"}",
            "application/json"),
        422,
        "invalid-connector");
    assertProblem(
        admin.send(
            "PUT",
            "/api/v1/integration/connectors/HR",
            "{\"transport\":\"FTP\",\"endpoint\":\"ftp://rh.example.org/\"}",
            "application/json"),
        422,
        "invalid-connector");
    assertProblem(agent.get("/api/v1/integration/connectors"), 403, "forbidden");
  }

  @Test
  void anApprovedLeaveReachesTheHrSoftwareOnceThroughDownTimeDeadLetterAndReplay()
      throws Exception {
    hr.stop();
    String leave = approvedLeave("2027-06-07");
    String key = WISSEMBOURG.insee() + ":leave.approved/" + leave;

    JsonObject dead =
        await(
            () -> message("leave.approved/" + leave, "DEAD"), "the message dies after 4 attempts");
    assertThat(dead.getInt("attempts")).isEqualTo(4);
    assertThat(dead.getString("lastError")).contains("refusée");
    List<String> attempts =
        admin
            .get("/api/v1/integration/exchanges?flow=leave.approved&limit=100")
            .jsonArray()
            .getValuesAs(JsonObject.class)
            .stream()
            .filter(e -> dead.getString("id").equals(e.getString("messageId", null)))
            .map(e -> e.getString("status"))
            .toList();
    assertThat(attempts).containsExactlyInAnyOrder("FAILED", "FAILED", "FAILED", "DEAD");
    assertThat(hr.receipts()).isZero();

    // the software comes back; an administrator replays the dead letter
    hr.start();
    assertProblem(
        admin.post("/api/v1/integration/messages/" + java.util.UUID.randomUUID() + "/replay", "{}"),
        404,
        "message-not-found");
    assertOk(
        admin.post("/api/v1/integration/messages/" + dead.getString("id") + "/replay", "{}"), 200);
    await(() -> message("leave.approved/" + leave, "SENT"), "the replayed message is sent");
    assertThat(hr.records()).containsKey(key);
    assertThat(hr.records().get(key)).startsWith("/rh/leave.approved ").contains(leave);
    assertProblem(
        admin.post("/api/v1/integration/messages/" + dead.getString("id") + "/replay", "{}"),
        409,
        "not-dead");

    // the cancellation's acknowledgement is lost once: redelivered, applied once
    hr.loseAcknowledgements(1);
    int before = hr.receipts();
    assertOk(agent.post("/api/v1/leave/requests/" + leave + "/cancel", "{}"), 200);
    await(() -> message("leave.cancelled/" + leave, "SENT"), "the cancellation is sent");
    String cancelKey = WISSEMBOURG.insee() + ":leave.cancelled/" + leave;
    assertThat(hr.receipts() - before).isEqualTo(2);
    assertThat(hr.records().keySet().stream().filter(cancelKey::equals).count()).isEqualTo(1);
    assertThat(hr.records().keySet().stream().filter(key::equals).count()).isEqualTo(1);
  }

  @Test
  void theScheduledPullFetchesTheAgentsFileOverRestWhenTheConnectorIsDue() throws Exception {
    String login = "planifie." + Long.toString(System.currentTimeMillis(), 36);
    hr.agentsFile(
        ("identifiant;nom;prenom;courriel;service\n"
                + login
                + ";Planifié;Émilie;"
                + login
                + "@wissembourg.example.org;Accueil\n")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    ApiClient operator = platform.operator();
    assertProblem(
        admin.post("/api/v1/integration/operator/scheduled-pulls", "{}"), 403, "forbidden");
    // the connector was just saved: never fetched, so due
    JsonObject pulled =
        assertOk(operator.post("/api/v1/integration/operator/scheduled-pulls", "{}"), 200)
            .jsonArray()
            .getValuesAs(JsonObject.class)
            .stream()
            .filter(p -> p.getString("commune").equals(WISSEMBOURG.insee()))
            .findFirst()
            .orElseThrow();
    assertThat(pulled.getString("outcome")).contains("1 compte(s) créé(s)");
    JsonObject last =
        admin
            .get("/api/v1/integration/hr/imports")
            .jsonArray()
            .getValuesAs(JsonObject.class)
            .get(0);
    assertThat(last.getString("source")).isEqualTo("REST");
    assertThat(last.getString("by")).contains("integration");
    assertThat(platform.keycloak().members(WISSEMBOURG.insee())).contains(login);
    JsonObject connector =
        operator
            .get("/api/v1/integration/operator/communes")
            .jsonArray()
            .getValuesAs(JsonObject.class)
            .stream()
            .filter(c -> c.getString("commune").equals(WISSEMBOURG.insee()))
            .findFirst()
            .orElseThrow()
            .getJsonArray("connectors")
            .getJsonObject(0);
    assertThat(connector.containsKey("lastPullAt")).isTrue();
    assertThat(connector.getString("lastPullOutcome")).contains("agents.csv");
    // fetched a moment ago, schedule 60 min: not due any more
    assertThat(
            operator
                .post("/api/v1/integration/operator/scheduled-pulls", "{}")
                .jsonArray()
                .getValuesAs(JsonObject.class))
        .noneMatch(p -> p.getString("commune").equals(WISSEMBOURG.insee()));
  }

  // ---- helpers
  // ------------------------------------------------------------------------------------

  private void connector(String endpoint, String user, String secret) {
    ProcedureSteps.hrConnector(admin, "REST", endpoint, user, secret);
  }

  private void workflowAgent(String username, String name, String manager) {
    ProcedureSteps.workflowAgent(admin, username, name, manager);
  }

  private String approvedLeave(String monday) {
    return ProcedureSteps.approvedLeave(agent, chef, monday);
  }

  private JsonObject message(String idempotencyKey, String status) {
    return ProcedureSteps.outboxMessage(admin, idempotencyKey, status);
  }

  private static JsonObject last(JsonObject report) {
    List<JsonObject> steps = report.getJsonArray("steps").getValuesAs(JsonObject.class);
    return steps.get(steps.size() - 1);
  }

  private static <T> T await(Supplier<T> probe, String what) throws InterruptedException {
    return ProcedureSteps.await(probe, what);
  }
}
