package fr.strasbourg.metrocloud.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import fr.strasbourg.metrocloud.app.support.FinanceSimulator;
import fr.strasbourg.metrocloud.app.support.PlatformTestBase;
import fr.strasbourg.metrocloud.app.support.ProcedureSteps;
import fr.strasbourg.metrocloud.testkit.ApiClient;
import fr.strasbourg.metrocloud.testkit.Platform;
import fr.strasbourg.metrocloud.testkit.SampleCommunes.Commune;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Platform ⇄ finance, mission orders: the budget check is a request/reply to the commune's finance
 * software (a real HTTP server) whose commitment number is stored on the order; a release leaves
 * through the outbox; when the software is too slow, the fallback is a provisional reservation on
 * the platform's own line, or a refusal that says why.
 */
class FinanceIT extends PlatformTestBase {

  /** A commune outside the Eurométropole, used by no other test. */
  private static final Commune BOUXWILLER = new Commune("67061", "Bouxwiller", "67330", 4100);

  private FinanceSimulator finance;
  private ApiClient admin;
  private ApiClient agent;
  private ApiClient chef;
  private ApiClient maire;
  private LocalDate day;
  private String line;

  @BeforeEach
  void commune() throws Exception {
    platform.ensureActiveCommune(BOUXWILLER);
    admin = platform.as(Platform.adminOf(BOUXWILLER), BOUXWILLER);
    for (String service : List.of("mission-orders", "e-signature", "document-management")) {
      ApiClient.Reply r = admin.post("/api/v1/subscriptions", "{\"service\":\"" + service + "\"}");
      assertThat(r.status()).as(r.toString()).isIn(201, 409);
    }
    platform.ensurePerson("agent.bouxwiller", "Béa", "Agent", List.of("agent"), BOUXWILLER);
    platform.ensurePerson(
        "chef.bouxwiller", "Bruno", "Chef", List.of("agent", "manager"), BOUXWILLER);
    platform.ensurePerson(
        "maire.bouxwiller", "Martine", "Maire", List.of("elected-official"), BOUXWILLER);
    assertOk(
        admin.send(
            "PUT",
            "/api/v1/workflow/agents/agent.bouxwiller",
            "{\"displayName\":\"Béa Agent\",\"managerUsername\":\"chef.bouxwiller\"}",
            "application/json"),
        200);
    assertOk(
        admin.send(
            "PUT",
            "/api/v1/missions/settings",
            "{\"signerUsername\":\"maire.bouxwiller\",\"signerLabel\":\"Maire\"}",
            "application/json"),
        200);
    agent = platform.as("agent.bouxwiller", BOUXWILLER);
    chef = platform.as("chef.bouxwiller", BOUXWILLER);
    maire = platform.as("maire.bouxwiller", BOUXWILLER);
    day = LocalDate.now().plusDays(30 + ThreadLocalRandom.current().nextInt(0, 300));
    line = "6256-" + UUID.randomUUID().toString().substring(0, 6);
    finance = new FinanceSimulator("metrocloud-bouxwiller", "s3cret-FIN").start();
    finance.budgetLine(line, day.getYear(), "1000.00");
    assertOk(
        admin.send(
            "PUT",
            "/api/v1/integration/connectors/FINANCE",
            "{\"transport\":\"REST\",\"endpoint\":\""
                + finance.baseUrl()
                + "\",\"username\":\"metrocloud-bouxwiller\",\"secret\":\"s3cret-FIN\"}",
            "application/json"),
        200);
  }

  @AfterEach
  void stop() {
    finance.close();
  }

  @Test
  void theCommitmentComesFromTheFinanceSoftwareAndItsReleaseGoesBackThroughTheOutbox()
      throws Exception {
    // the line is checked against the finance software at submission
    assertProblem(agent.post("/api/v1/missions", mission("INCONNUE")), 422, "unknown-budget-line");
    String id = assertOk(agent.post("/api/v1/missions", mission(line)), 201).json().getString("id");
    JsonObject approved = approve(id);
    String number = approved.getString("commitmentRef");
    assertThat(number).startsWith("FIN-" + day.getYear() + "-");
    assertThat(finance.commitments().get(BOUXWILLER.insee() + ":commitment/" + id))
        .contains(number);
    assertThat(finance.available(line, day.getYear())).isEqualByComparingTo("620.00");
    assertThat(
            admin
                .get("/api/v1/integration/exchanges?flow=commitment.create&limit=10")
                .jsonArray()
                .getValuesAs(JsonObject.class))
        .anyMatch(
            e -> e.getString("correlationId").equals(id) && e.getString("status").equals("SENT"));

    // the mayor rejects the order: the commitment is released in the finance software, once
    JsonObject signing = waitFor(id, "SIGNING", Duration.ofSeconds(60));
    assertOk(
        maire.post(
            "/api/v1/parapheur/folders/" + signing.getString("folderId") + "/reject",
            "{\"reason\":\"Mission reportée\"}"),
        200);
    waitFor(id, "REFUSED", Duration.ofSeconds(30));
    await(() -> finance.releases().isEmpty() ? null : true, "the release reaches finance");
    assertThat(finance.releases()).hasSize(1);
    assertThat(finance.available(line, day.getYear())).isEqualByComparingTo("1000.00");

    // credits short in the finance software: refused with its reason
    finance.budgetLine(line, day.getYear(), "100.00");
    String poor =
        assertOk(agent.post("/api/v1/missions", mission(line)), 201).json().getString("id");
    JsonObject refused = approve(poor);
    assertThat(refused.getString("status")).isEqualTo("REFUSED");
    assertThat(refused.getString("decisionReason"))
        .contains("Refusé par le logiciel financier")
        .contains("Crédits insuffisants");
  }

  @Test
  void aSilentFinanceSoftwareFallsBackToAProvisionalReservationOrAClearRefusal() throws Exception {
    String id = assertOk(agent.post("/api/v1/missions", mission(line)), 201).json().getString("id");
    // the platform has a line of the same code: provisional reservation on it
    assertOk(
        admin.send(
            "PUT",
            "/api/v1/missions/budget-lines/" + line + "/" + day.getYear(),
            "{\"label\":\"Déplacements\",\"service\":\"Ressources humaines\",\"amount\":500}",
            "application/json"),
        200);
    finance.slowDown(4_000);
    JsonObject approved = approve(id);
    assertThat(approved.getString("status")).isIn("PENDING", "APPROVED", "SIGNING");
    assertThat(approved.getString("commitmentRef")).startsWith("PROVISOIRE-ENG-");
    assertThat(
            admin
                .get("/api/v1/integration/exchanges?flow=commitment.create&limit=10")
                .jsonArray()
                .getValuesAs(JsonObject.class))
        .anyMatch(
            e ->
                e.getString("correlationId").equals(id)
                    && e.getString("status").equals("FAILED")
                    && e.getString("detail").contains("pas de réponse"));

    // no platform line of that code: the order is refused and says why
    String other = "6257-" + UUID.randomUUID().toString().substring(0, 6);
    finance.slowDown(0);
    finance.budgetLine(other, day.getYear(), "1000.00");
    String second =
        assertOk(agent.post("/api/v1/missions", mission(other)), 201).json().getString("id");
    finance.slowDown(4_000);
    JsonObject refused = approve(second);
    assertThat(refused.getString("status")).isEqualTo("REFUSED");
    assertThat(refused.getString("decisionReason"))
        .contains("Contrôle budgétaire impossible")
        .contains("pas de réponse");
  }

  @Test
  void aStatementBecomesAReceivableWithItsPdfAtTheEurometropolesFinanceSoftwareOnce()
      throws Exception {
    try (FinanceSimulator metropole =
        new FinanceSimulator("metrocloud-ems", "s3cret-EMS")
            .start(Integer.getInteger("metrocloud.metropole-finance.port", 9291))) {
      String number =
          "2026-" + BOUXWILLER.insee() + "-" + UUID.randomUUID().toString().substring(0, 6);
      String statement =
          "{\"number\":\""
              + number
              + "\",\"periodStart\":\"2026-01-01\",\"periodEnd\":\"2026-12-31\","
              + "\"issuedOn\":\"2027-01-15\",\"totalCents\":126846,\"previousYearCents\":98000,"
              + "\"lines\":["
              + "{\"service\":\"GED\",\"metric\":\"Go-mois\",\"quantity\":120.5,"
              + "\"unitPrice\":0.12,\"amountCents\":1446},"
              + "{\"service\":\"Procédures RH\",\"metric\":\"agents-mois\",\"quantity\":1140,"
              + "\"unitPrice\":1.1,\"amountCents\":125400}]}";
      ApiClient operator = platform.operator();
      String path = "/api/v1/integration/operator/communes/" + BOUXWILLER.insee() + "/receivables";
      assertProblem(admin.post(path, statement), 403, "forbidden");
      assertProblem(
          operator.post(path, statement.replace("\"totalCents\":126846", "\"totalCents\":126607")),
          422,
          "invalid-statement");
      JsonObject issued = assertOk(operator.post(path, statement), 201).json();
      assertThat(issued.getBoolean("alreadyIssued")).isFalse();
      String key = BOUXWILLER.insee() + ":receivable/" + number;
      assertThat(issued.getString("idempotencyKey")).isEqualTo(key);
      // issued twice (a billing rerun): one receivable
      assertThat(assertOk(operator.post(path, statement), 200).json().getBoolean("alreadyIssued"))
          .isTrue();

      await(() -> metropole.records().get(key), "the receivable reaches the Eurométropole");
      String received = metropole.records().get(key);
      assertThat(received).startsWith("/finances/receivable.issued ");
      JsonObject record =
          jakarta.json.Json.createReader(
                  new java.io.StringReader(received.substring(received.indexOf(' ') + 1)))
              .readObject();
      assertThat(record.getString("format")).isEqualTo("metrocloud.titre-recette/1");
      assertThat(record.getJsonObject("debiteur").getString("insee")).isEqualTo(BOUXWILLER.insee());
      assertThat(record.getString("montant")).isEqualTo("1268.46");
      byte[] pdf =
          java.util.Base64.getDecoder()
              .decode(record.getJsonObject("pieceJointe").getString("contenuBase64"));
      assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII))
          .isEqualTo("%PDF-");
      assertThat(
              java.util.HexFormat.of()
                  .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(pdf)))
          .isEqualTo(issued.getString("pdfSha256"));
      assertThat(metropole.records().keySet().stream().filter(key::equals).count()).isEqualTo(1);
      // the commune sees it in its exchange log
      await(
          () ->
              admin
                      .get("/api/v1/integration/exchanges?flow=receivable.issued&limit=10")
                      .jsonArray()
                      .getValuesAs(JsonObject.class)
                      .stream()
                      .anyMatch(e -> e.getString("status").equals("SENT"))
                  ? true
                  : null,
          "the exchange is logged");
    }
  }

  // ---- helpers
  // ------------------------------------------------------------------------------------

  private JsonObject approve(String id) throws Exception {
    String task = null;
    for (int i = 0; i < 40 && task == null; i++) {
      task = task(id).orElse(null);
      if (task == null) {
        Thread.sleep(250);
      }
    }
    assertThat(task).as("the manager's task").isNotNull();
    return assertOk(
            chef.post("/api/v1/workflow/tasks/" + task + "/decision", "{\"decision\":\"approve\"}"),
            200)
        .json();
  }

  private Optional<String> task(String missionId) {
    return ProcedureSteps.missionTask(chef, missionId);
  }

  private String mission(String budgetLine) {
    return "{\"purpose\":\"Salon des maires\",\"destination\":\"Paris\","
        + "\"destinationPopulation\":2100000,\"paris\":true,"
        + "\"departure\":\""
        + day
        + "T07:00\",\"returnAt\":\""
        + day.plusDays(1)
        + "T20:00\",\"transport\":\"TRAIN\",\"fare\":180,\"budgetLine\":\""
        + budgetLine
        + "\"}";
  }

  private JsonObject waitFor(String id, String status, Duration timeout) throws Exception {
    return ProcedureSteps.waitForMission(agent, id, status, timeout);
  }

  private static <T> T await(java.util.function.Supplier<T> probe, String what)
      throws InterruptedException {
    return ProcedureSteps.await(probe, what);
  }
}
