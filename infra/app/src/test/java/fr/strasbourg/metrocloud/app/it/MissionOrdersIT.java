package fr.strasbourg.metrocloud.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import fr.strasbourg.metrocloud.app.support.Database;
import fr.strasbourg.metrocloud.app.support.PlatformTestBase;
import fr.strasbourg.metrocloud.app.support.ProcedureSteps;
import fr.strasbourg.metrocloud.testkit.ApiClient;
import fr.strasbourg.metrocloud.testkit.Platform;
import fr.strasbourg.metrocloud.testkit.SampleCommunes.Commune;
import fr.strasbourg.metrocloud.testkit.SampleFiles;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Mission orders end to end over the real engine, GED, parapheur (PAdES) and Keycloak: the cost
 * estimate from the rates, the manager's approval, the budget reservation, the order PDF signed by
 * the mayor in the parapheur, the état de frais with receipts checked against the order, and the
 * refusals (manager, budget) that give the reservation back.
 */
class MissionOrdersIT extends PlatformTestBase {

  // communes no other test uses (ObjectStorageIT creates some directly, without their people)
  private static final Commune NIEDERHAUSBERGEN =
      new Commune("67326", "Niederhausbergen", "67207", 1600);
  private static final Commune MITTELHAUSBERGEN =
      new Commune("67296", "Mittelhausbergen", "67206", 2000);

  private ApiClient admin;
  private ApiClient agent;
  private ApiClient chef;
  private ApiClient maire;
  private ApiClient stranger;
  private LocalDate day;
  private String line;

  @BeforeEach
  void commune() {
    for (Commune c : List.of(NIEDERHAUSBERGEN, MITTELHAUSBERGEN)) {
      platform.ensureActiveCommune(c);
      ApiClient a = platform.as(Platform.adminOf(c), c);
      for (String service : List.of("mission-orders", "e-signature", "document-management")) {
        ApiClient.Reply r = a.post("/api/v1/subscriptions", "{\"service\":\"" + service + "\"}");
        assertThat(r.status()).as(r.toString()).isIn(201, 409);
      }
      platform.ensurePerson("chef." + c.slug(), "Chloé", "Cheffe", List.of("agent", "manager"), c);
    }
    platform.ensurePerson(
        "agent.niederhausbergen", "Fabien", "Agent", List.of("agent"), NIEDERHAUSBERGEN);
    platform.ensurePerson(
        "maire.niederhausbergen", "Thomas", "Maire", List.of("elected-official"), NIEDERHAUSBERGEN);
    admin = platform.as(Platform.adminOf(NIEDERHAUSBERGEN), NIEDERHAUSBERGEN);
    agent = platform.as("agent.niederhausbergen", NIEDERHAUSBERGEN);
    chef = platform.as("chef.niederhausbergen", NIEDERHAUSBERGEN);
    maire = platform.as("maire.niederhausbergen", NIEDERHAUSBERGEN);
    stranger = platform.as("chef.mittelhausbergen", MITTELHAUSBERGEN);
    assertOk(
        admin.send(
            "PUT",
            "/api/v1/workflow/agents/agent.niederhausbergen",
            "{\"displayName\":\"Fabien Agent\",\"managerUsername\":\"chef.niederhausbergen\"}",
            "application/json"),
        200);
    assertOk(
        admin.send(
            "PUT",
            "/api/v1/missions/settings",
            "{\"signerUsername\":\"maire.niederhausbergen\",\"signerLabel\":\"Maire\"}",
            "application/json"),
        200);
    // a weekday far enough ahead, different at each run
    day = LocalDate.now().plusDays(30 + ThreadLocalRandom.current().nextInt(0, 300));
    line = "FORM-" + UUID.randomUUID().toString().substring(0, 6);
    budgetLine(line, "1000.00");
  }

  @Test
  void anOrderIsEstimatedApprovedReservedSignedAndItsExpensesCheckedAgainstIt() throws Exception {
    // Paris, 07:00 to 20:00 the next day by train: 3 meals, 1 night in Paris, the fare
    String mission = mission(line);
    JsonObject estimate = assertOk(agent.post("/api/v1/missions/estimate", mission), 200).json();
    assertThat(estimate.getInt("meals")).isEqualTo(3);
    assertThat(estimate.getInt("nights")).isEqualTo(1);
    assertThat(estimate.getJsonNumber("total").bigDecimalValue()).isEqualByComparingTo("380.00");

    assertProblem(agent.post("/api/v1/missions", mission("NOPE")), 422, "unknown-budget-line");
    assertProblem(
        agent.post(
            "/api/v1/missions",
            mission(line)
                .replace(
                    "\"returnAt\":\"" + day.plusDays(1) + "T20:00\"",
                    "\"returnAt\":\"" + day + "T06:00\"")),
        422,
        "invalid-mission");

    JsonObject order = assertOk(agent.post("/api/v1/missions", mission), 201).json();
    String id = order.getString("id");
    assertThat(order.getString("status")).isEqualTo("PENDING");
    assertThat(order.getJsonNumber("estimatedTotal").bigDecimalValue()).isEqualByComparingTo("380");

    String task = task(chef, id).orElseThrow();
    assertProblem(stranger.get("/api/v1/workflow/tasks/" + task), 404, "task-not-found");
    assertProblem(stranger.get("/api/v1/missions/" + id), 404, "mission-order-not-found");
    JsonObject approved =
        assertOk(
                chef.post(
                    "/api/v1/workflow/tasks/" + task + "/decision", "{\"decision\":\"approve\"}"),
                200)
            .json();
    assertThat(approved.getString("commitmentRef")).startsWith("ENG-");
    assertThat(committed(line)).isEqualByComparingTo("380");

    // the order PDF goes to the mayor's parapheur (an async step of the process)
    JsonObject signing = waitFor(agent, id, "SIGNING", Duration.ofSeconds(60));
    String folder = signing.getString("folderId");
    assertThat(
            maire.get("/api/v1/parapheur/inbox").jsonArray().getValuesAs(JsonObject.class).stream()
                .map(i -> i.getString("folderId")))
        .contains(folder);
    JsonObject signedFolder =
        assertOk(maire.post("/api/v1/parapheur/folders/" + folder + "/sign", "{}"), 200).json();
    assertThat(signedFolder.getJsonObject("folder").getString("status")).isEqualTo("APPROVED");
    JsonObject signed = assertOk(agent.get("/api/v1/missions/" + id), 200).json();
    assertThat(signed.getString("status")).isEqualTo("SIGNED");
    assertThat(signed.getJsonArray("waitingFor").getString(0))
        .isEqualTo("État de frais de l'agent");
    String document = signed.getString("documentId");
    byte[] pdf = agent.download("/api/v1/documents/" + document + "/content?version=2").body();
    JsonObject validation =
        agent.upload("/api/v1/signatures/validations", "ordre.pdf", "application/pdf", pdf).json();
    assertThat(validation.getJsonArray("signatures").getJsonObject(0).getString("indication"))
        .isEqualTo("TOTAL_PASSED");
    assertThat(validation.getJsonArray("signatures").getJsonObject(0).getString("signedBy"))
        .contains("Thomas Maire");

    // the état de frais: receipts in the GED, a taxi without receipt refused, then accepted
    String hotel = receipt("facture-hotel.pdf");
    String train = receipt("billet-train.pdf");
    String taxi = receipt("recu-taxi.pdf");
    String noReceipt = expenses(hotel, train, null);
    assertProblem(
        agent.post("/api/v1/missions/" + id + "/expenses", noReceipt), 422, "invalid-expenses");
    assertProblem(
        chef.post("/api/v1/missions/" + id + "/expenses", expenses(hotel, train, taxi)),
        403,
        "not-the-requester");
    JsonObject filed =
        assertOk(
                agent.post("/api/v1/missions/" + id + "/expenses", expenses(hotel, train, taxi)),
                200)
            .json();
    assertThat(filed.getString("status")).isEqualTo("EXPENSES_FILED");
    // meal 25 → 20 (rate), meal 18, night 150 → 140 (Paris), train 150, taxi 30
    assertThat(filed.getJsonNumber("expensesTotal").bigDecimalValue()).isEqualByComparingTo("373");
    assertThat(filed.getJsonNumber("reimbursableTotal").bigDecimalValue())
        .isEqualByComparingTo("358");

    // sent back once, filed again, approved: closed, the unused reservation given back
    assertProblem(
        chef.post(
            "/api/v1/workflow/tasks/" + task(chef, id).orElseThrow() + "/decision",
            "{\"decision\":\"refuse\"}"),
        422,
        "reason-required");
    JsonObject back =
        assertOk(
                chef.post(
                    "/api/v1/workflow/tasks/" + task(chef, id).orElseThrow() + "/decision",
                    "{\"decision\":\"refuse\",\"reason\":\"Joindre le billet retour\"}"),
                200)
            .json();
    assertThat(back.getString("status")).isEqualTo("SIGNED");
    assertOk(agent.post("/api/v1/missions/" + id + "/expenses", expenses(hotel, train, taxi)), 200);
    JsonObject closed =
        assertOk(
                chef.post(
                    "/api/v1/workflow/tasks/" + task(chef, id).orElseThrow() + "/decision",
                    "{\"decision\":\"approve\"}"),
                200)
            .json();
    assertThat(closed.getString("status")).isEqualTo("CLOSED");
    assertThat(closed.getJsonArray("history").getValuesAs(JsonObject.class))
        .extracting(h -> h.getString("action"))
        .containsSubsequence(
            "SUBMITTED",
            "STEP_APPROVED",
            "BUDGET_RESERVED",
            "SENT_FOR_SIGNATURE",
            "SIGNED",
            "EXPENSES_FILED",
            "EXPENSES_SENT_BACK",
            "EXPENSES_FILED",
            "CLOSED");
    assertThat(committed(line)).isEqualByComparingTo("358");
    assertThat(Database.workflowEvents(NIEDERHAUSBERGEN.insee(), id))
        .containsExactly("mission.signed", "mission.expenses-approved");
  }

  @Test
  void refusalsGiveTheReservationBackAndTheAgentMayWithdrawBeforeSignature() throws Exception {
    // the manager refuses: nothing reserved
    String refused =
        assertOk(agent.post("/api/v1/missions", mission(line)), 201).json().getString("id");
    JsonObject r =
        assertOk(
                chef.post(
                    "/api/v1/workflow/tasks/" + task(chef, refused).orElseThrow() + "/decision",
                    "{\"decision\":\"refuse\",\"reason\":\"Formation reportée\"}"),
                200)
            .json();
    assertThat(r.getString("status")).isEqualTo("REFUSED");
    assertThat(r.getString("decisionReason")).isEqualTo("Formation reportée");
    assertThat(committed(line)).isEqualByComparingTo("0");

    // not enough credits on the line: refused with the figures
    String small = "PETIT-" + UUID.randomUUID().toString().substring(0, 6);
    budgetLine(small, "100.00");
    String poor =
        assertOk(agent.post("/api/v1/missions", mission(small)), 201).json().getString("id");
    JsonObject b =
        assertOk(
                chef.post(
                    "/api/v1/workflow/tasks/" + task(chef, poor).orElseThrow() + "/decision",
                    "{\"decision\":\"approve\"}"),
                200)
            .json();
    assertThat(b.getString("status")).isEqualTo("REFUSED");
    assertThat(b.getString("decisionReason")).contains("Crédits insuffisants").contains("100");
    assertThat(committed(small)).isEqualByComparingTo("0");

    // withdrawn by the agent before the manager decides
    String withdrawn =
        assertOk(agent.post("/api/v1/missions", mission(line)), 201).json().getString("id");
    assertProblem(
        chef.post("/api/v1/missions/" + withdrawn + "/cancel", "{}"), 403, "not-the-requester");
    JsonObject c =
        assertOk(agent.post("/api/v1/missions/" + withdrawn + "/cancel", "{}"), 200).json();
    assertThat(c.getString("status")).isEqualTo("CANCELLED");
    assertThat(task(chef, withdrawn)).isEmpty();
  }

  // ---- helpers ----------------------------------------------------------------------------------

  private String mission(String budgetLine) {
    return "{\"purpose\":\"Formation CNFPT sur la commande publique\",\"destination\":\"Paris\","
        + "\"destinationPopulation\":2100000,\"paris\":true,"
        + "\"departure\":\""
        + day
        + "T07:00\",\"returnAt\":\""
        + day.plusDays(1)
        + "T20:00\",\"transport\":\"TRAIN\",\"fare\":180,\"budgetLine\":\""
        + budgetLine
        + "\"}";
  }

  private String expenses(String hotel, String train, String taxi) {
    return "{\"lines\":["
        + "{\"kind\":\"MEAL\",\"day\":\""
        + day
        + "\",\"amount\":25,\"label\":\"Déjeuner\"},"
        + "{\"kind\":\"MEAL\",\"day\":\""
        + day
        + "\",\"amount\":18,\"label\":\"Dîner\"},"
        + "{\"kind\":\"NIGHT\",\"day\":\""
        + day
        + "\",\"amount\":150,\"receiptDocumentId\":\""
        + hotel
        + "\"},"
        + "{\"kind\":\"TRANSPORT\",\"day\":\""
        + day
        + "\",\"amount\":150,\"receiptDocumentId\":\""
        + train
        + "\"},"
        + "{\"kind\":\"OTHER\",\"day\":\""
        + day.plusDays(1)
        + "\",\"amount\":30,\"label\":\"Taxi\""
        + (taxi == null ? "" : ",\"receiptDocumentId\":\"" + taxi + "\"")
        + "}]}";
  }

  private String receipt(String name) {
    return assertOk(
            agent.upload(
                "/api/v1/documents",
                name,
                "application/pdf",
                SampleFiles.pdf("Justificatif", name + " — " + UUID.randomUUID())),
            201)
        .json()
        .getString("id");
  }

  private void budgetLine(String code, String amount) {
    assertOk(
        admin.send(
            "PUT",
            "/api/v1/missions/budget-lines/" + code + "/" + day.getYear(),
            "{\"label\":\"Formations et déplacements\",\"service\":\"Ressources humaines\",\"amount\":"
                + amount
                + "}",
            "application/json"),
        200);
  }

  private java.math.BigDecimal committed(String code) {
    return admin
        .get("/api/v1/missions/budget-lines?year=" + day.getYear())
        .jsonArray()
        .getValuesAs(JsonObject.class)
        .stream()
        .filter(l -> l.getString("code").equals(code))
        .findFirst()
        .orElseThrow()
        .getJsonNumber("committed")
        .bigDecimalValue();
  }

  private static java.util.Optional<String> task(ApiClient who, String missionId) {
    return ProcedureSteps.missionTask(who, missionId);
  }

  private static JsonObject waitFor(ApiClient who, String id, String status, Duration timeout)
      throws InterruptedException {
    return ProcedureSteps.waitForMission(who, id, status, timeout);
  }
}
