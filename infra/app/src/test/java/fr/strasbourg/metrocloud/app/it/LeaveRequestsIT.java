package fr.strasbourg.metrocloud.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import fr.strasbourg.metrocloud.app.support.Database;
import fr.strasbourg.metrocloud.app.support.PlatformTestBase;
import fr.strasbourg.metrocloud.testkit.ApiClient;
import fr.strasbourg.metrocloud.testkit.Platform;
import fr.strasbourg.metrocloud.testkit.SampleCommunes.Commune;
import fr.strasbourg.metrocloud.workflow.domain.PublicHolidays;
import jakarta.json.JsonObject;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Leave requests on the platform's Flowable engine, end to end through the API with real Keycloak
 * tokens: submission with the Alsace-Moselle calendar, the manager's decision, balances, HR
 * validation, cancellation, the reminder timer and escalation, a commune's own variant of the
 * process, and isolation between communes.
 */
class LeaveRequestsIT extends PlatformTestBase {

  private static final Commune LINGOLSHEIM = new Commune("67267", "Lingolsheim", "67380", 19300);
  private static final Commune HOLTZHEIM = new Commune("67212", "Holtzheim", "67810", 3900);

  private ApiClient admin;
  private ApiClient agent;
  private ApiClient chef;
  private ApiClient dgs;
  private ApiClient otherManager;

  @BeforeEach
  void communes() {
    for (Commune c : List.of(LINGOLSHEIM, HOLTZHEIM)) {
      platform.ensureActiveCommune(c);
      ApiClient a = platform.as(Platform.adminOf(c), c);
      ApiClient.Reply r = a.post("/api/v1/subscriptions", "{\"service\":\"leave-requests\"}");
      assertThat(r.status()).as(r.toString()).isIn(201, 409);
      platform.ensurePerson("agent." + c.slug(), "Léa", "Agent", List.of("agent"), c);
      platform.ensurePerson("chef." + c.slug(), "Charles", "Chef", List.of("agent", "manager"), c);
      platform.ensurePerson(
          "dgs." + c.slug(), "Denise", "Directrice", List.of("agent", "manager"), c);
      agents(a, c);
    }
    admin = platform.as(Platform.adminOf(LINGOLSHEIM), LINGOLSHEIM);
    agent = platform.as("agent.lingolsheim", LINGOLSHEIM);
    chef = platform.as("chef.lingolsheim", LINGOLSHEIM);
    dgs = platform.as("dgs.lingolsheim", LINGOLSHEIM);
    otherManager = platform.as("chef.holtzheim", HOLTZHEIM);
    assertOk(
        admin.send(
            "PUT",
            "/api/v1/workflow/settings",
            "{\"hrValidation\":false,\"reminderWorkingDays\":5}",
            "application/json"),
        200);
    for (String[] b : List.of(new String[] {"CA", "25"}, new String[] {"RTT", "10"})) {
      assertOk(
          admin.send(
              "PUT",
              "/api/v1/leave/balances/agent.lingolsheim/" + b[0],
              "{\"days\":" + b[1] + "}",
              "application/json"),
          200);
    }
  }

  private static void agents(ApiClient admin, Commune c) {
    String s = c.slug();
    put(admin, "agent." + s, "Léa Agent", "chef." + s);
    put(admin, "chef." + s, "Charles Chef", "dgs." + s);
    put(admin, "dgs." + s, "Denise Directrice", null);
  }

  private static void put(ApiClient admin, String username, String name, String manager) {
    assertOk(
        admin.send(
            "PUT",
            "/api/v1/workflow/agents/" + username,
            "{\"displayName\":\""
                + name
                + "\",\"service\":\"Services techniques\","
                + (manager == null ? "" : "\"managerUsername\":\"" + manager + "\",")
                + "\"workingPattern\":\"MON,TUE,WED,THU,FRI\"}",
            "application/json"),
        200);
  }

  @Test
  void theManagerApprovesTheBalanceIsDebitedAndACancellationCreditsItBack() throws Exception {
    // Monday 22 to Friday 26 March 2027: Good Friday (26th) is a holiday in Alsace-Moselle
    // a run that stopped half-way left its request of that week: the agent withdraws it first
    for (JsonObject mine :
        agent.get("/api/v1/leave/requests").jsonArray().getValuesAs(JsonObject.class)) {
      if (mine.getString("startDate").equals("2027-03-22")
          && List.of("PENDING", "APPROVED").contains(mine.getString("status"))) {
        agent.post("/api/v1/leave/requests/" + mine.getString("id") + "/cancel", "{}");
      }
    }
    admin.send(
        "PUT", "/api/v1/leave/balances/agent.lingolsheim/CA", "{\"days\":25}", "application/json");
    double pendingBefore = balance(agent, "CA").getJsonNumber("pending").doubleValue();
    JsonObject request =
        submit(agent, "CA", "2027-03-22", "MORNING", "2027-03-26", "AFTERNOON", 201).json();
    String id = request.getString("id");
    assertThat(request.getString("status")).isEqualTo("PENDING");
    assertThat(request.getJsonNumber("workingDays").doubleValue()).isEqualTo(4.0);
    assertThat(request.getInt("processVersion")).isGreaterThanOrEqualTo(1);
    assertThat(request.getJsonArray("waitingFor").getString(0))
        .isEqualTo("Validation par le responsable");
    JsonObject ca = balance(agent, "CA");
    assertThat(ca.getJsonNumber("days").doubleValue()).isEqualTo(25.0);
    assertThat(ca.getJsonNumber("pending").doubleValue()).isEqualTo(pendingBefore + 4.0);

    // the manager sees the task, the agent and the manager's manager do not, another commune
    // never
    String task = taskFor(chef, id).orElseThrow();
    assertThat(taskFor(agent, id)).isEmpty();
    assertThat(taskFor(dgs, id)).isEmpty();
    assertThat(chef.get("/api/v1/workflow/tasks/count").json().getInt("count")).isPositive();
    assertProblem(otherManager.get("/api/v1/workflow/tasks/" + task), 404, "task-not-found");
    assertProblem(
        otherManager.post(
            "/api/v1/workflow/tasks/" + task + "/decision", "{\"decision\":\"approve\"}"),
        404,
        "task-not-found");
    assertProblem(otherManager.get("/api/v1/leave/requests/" + id), 404, "leave-request-not-found");
    assertProblem(
        chef.post("/api/v1/workflow/tasks/" + task + "/decision", "{\"decision\":\"refuse\"}"),
        422,
        "reason-required");

    JsonObject approved =
        assertOk(
                chef.post(
                    "/api/v1/workflow/tasks/" + task + "/decision", "{\"decision\":\"approve\"}"),
                200)
            .json();
    assertThat(approved.getString("status")).isEqualTo("APPROVED");
    assertThat(approved.getString("decidedBy")).isEqualTo("chef.lingolsheim");
    assertThat(approved.getJsonArray("history").getValuesAs(JsonObject.class))
        .extracting(h -> h.getString("action"))
        .containsExactly("SUBMITTED", "STEP_APPROVED", "APPROVED");
    assertThat(balance(agent, "CA").getJsonNumber("days").doubleValue()).isEqualTo(21.0);
    assertThat(balance(agent, "CA").getJsonNumber("pending").doubleValue())
        .isEqualTo(pendingBefore);
    assertThat(notificationKinds(agent)).contains("leave.approved");
    assertThat(Database.workflowEvents(LINGOLSHEIM.insee(), id)).containsExactly("leave.approved");
    assertProblem(
        chef.post("/api/v1/workflow/tasks/" + task + "/decision", "{\"decision\":\"approve\"}"),
        404,
        "task-not-found");

    // the team calendar of the manager shows the absence; another commune's does not
    assertThat(
            chef.get("/api/v1/leave/calendar?from=2027-03-01&to=2027-03-31")
                .jsonArray()
                .getValuesAs(JsonObject.class))
        .extracting(e -> e.getString("requestId"))
        .contains(id);
    assertThat(
            otherManager
                .get("/api/v1/leave/calendar?from=2027-03-01&to=2027-03-31")
                .jsonArray()
                .getValuesAs(JsonObject.class))
        .extracting(e -> e.getString("requestId"))
        .doesNotContain(id);

    // only the agent cancels; the approved days come back and the manager is told
    assertProblem(
        chef.post("/api/v1/leave/requests/" + id + "/cancel", "{}"), 403, "not-the-requester");
    JsonObject cancelled =
        assertOk(
                agent.post(
                    "/api/v1/leave/requests/" + id + "/cancel",
                    "{\"reason\":\"Déplacement du chantier\"}"),
                200)
            .json();
    assertThat(cancelled.getString("status")).isEqualTo("CANCELLED");
    assertThat(balance(agent, "CA").getJsonNumber("days").doubleValue()).isEqualTo(25.0);
    assertThat(notificationKinds(chef)).contains("leave.cancelled");
    assertThat(Database.workflowEvents(LINGOLSHEIM.insee(), id))
        .containsExactlyInAnyOrder("leave.approved", "leave.cancelled");
    assertProblem(
        agent.post("/api/v1/leave/requests/" + id + "/cancel", "{}"), 409, "leave-closed");
  }

  @Test
  void badRequestsAreRefusedClearlyAndARefusalTellsTheAgentWhy() throws Exception {
    LocalDate monday = randomMonday();
    assertThat(
            assertProblem(
                    submit(agent, "RTT", monday, monday.plusDays(25), 422),
                    422,
                    "insufficient-balance")
                .getString("detail"))
        .contains("10 jour");
    assertProblem(submit(agent, "CA", monday.plusDays(4), monday, 422), 422, "invalid-period");
    assertProblem(submit(agent, "XYZ", monday, monday, 422), 422, "unknown-leave-type");
    assertProblem(
        submit(agent, "CA", monday.minusDays(2), monday.minusDays(1), 422), 422, "no-working-day");
    assertProblem(
        submit(agent, "CA", LocalDate.now().minusDays(10), LocalDate.now().minusDays(9), 422),
        422,
        "leave-in-the-past");
    assertProblem(
        agent.post("/api/v1/leave/requests", "{\"type\":\"CA\",\"startDate\":\"demain\"}"),
        400,
        "invalid-date");

    String id = submit(agent, "CA", monday, monday.plusDays(1), 201).json().getString("id");
    assertProblem(
        submit(agent, "RTT", monday.plusDays(1), monday.plusDays(2), 409), 409, "leave-overlap");

    String task = taskFor(chef, id).orElseThrow();
    JsonObject refused =
        assertOk(
                chef.post(
                    "/api/v1/workflow/tasks/" + task + "/decision",
                    "{\"decision\":\"refuse\",\"reason\":\"Réunion de service ce jour-là\"}"),
                200)
            .json();
    assertThat(refused.getString("status")).isEqualTo("REFUSED");
    assertThat(refused.getString("decisionReason")).isEqualTo("Réunion de service ce jour-là");
    assertThat(
            agent.get("/api/v1/workflow/notifications").jsonArray().getValuesAs(JsonObject.class))
        .anyMatch(
            n ->
                n.getString("kind").equals("leave.refused")
                    && n.getString("message").contains("Réunion de service"));
    assertThat(balance(agent, "CA").getJsonNumber("days").doubleValue()).isEqualTo(25.0);
    assertThat(Database.workflowEvents(LINGOLSHEIM.insee(), id)).isEmpty();
  }

  @Test
  void whenTheCommuneWantsItHrValidatesAfterTheManager() {
    try {
      assertOk(
          admin.send(
              "PUT",
              "/api/v1/workflow/settings",
              "{\"hrValidation\":true,\"reminderWorkingDays\":3}",
              "application/json"),
          200);
      LocalDate monday = randomMonday();
      String id = submit(agent, "CA", monday, monday, 201).json().getString("id");
      JsonObject afterManager =
          assertOk(
                  chef.post(
                      "/api/v1/workflow/tasks/" + taskFor(chef, id).orElseThrow() + "/decision",
                      "{\"decision\":\"approve\"}"),
                  200)
              .json();
      assertThat(afterManager.getString("status")).isEqualTo("PENDING");
      assertThat(afterManager.getJsonArray("waitingFor").getString(0)).isEqualTo("Validation RH");
      JsonObject done =
          assertOk(
                  admin.post(
                      "/api/v1/workflow/tasks/" + taskFor(admin, id).orElseThrow() + "/decision",
                      "{\"decision\":\"approve\"}"),
                  200)
              .json();
      assertThat(done.getString("status")).isEqualTo("APPROVED");
      assertThat(done.getString("decidedBy")).isEqualTo(Platform.adminOf(LINGOLSHEIM));
    } finally {
      admin.send(
          "PUT",
          "/api/v1/workflow/settings",
          "{\"hrValidation\":false,\"reminderWorkingDays\":5}",
          "application/json");
    }
  }

  @Test
  void withoutADecisionTheTimerRemindsTheManagerAndEscalatesToTheirManager() throws Exception {
    LocalDate monday = randomMonday();
    JsonObject request = submit(agent, "CA", monday, monday, 201).json();
    String id = request.getString("id");
    // the reminder is due after 5 working days; bring it forward instead of waiting a week
    try (Connection owner = Database.asOwner();
        PreparedStatement s =
            owner.prepareStatement(
                "UPDATE flowable.act_ru_timer_job SET duedate_ = now() - interval '1 second'"
                    + " WHERE process_instance_id_ = ?")) {
      s.setString(1, request.getString("processInstanceId"));
      assertThat(s.executeUpdate()).isEqualTo(1);
    }
    JsonObject task = null;
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      task =
          dgs.get("/api/v1/workflow/tasks").jsonArray().getValuesAs(JsonObject.class).stream()
              .filter(t -> id.equals(t.getJsonObject("leaveRequest").getString("id")))
              .findFirst()
              .orElse(null);
      if (task != null) {
        break;
      }
      Thread.sleep(500);
    }
    assertThat(task).as("the manager's manager sees the escalated task").isNotNull();
    assertThat(task.getBoolean("escalated")).isTrue();
    assertThat(notificationKinds(dgs)).contains("leave.escalated");
    assertThat(notificationKinds(chef)).contains("leave.reminder");
    JsonObject approved =
        assertOk(
                dgs.post(
                    "/api/v1/workflow/tasks/" + task.getString("id") + "/decision",
                    "{\"decision\":\"approve\"}"),
                200)
            .json();
    assertThat(approved.getString("status")).isEqualTo("APPROVED");
    assertThat(approved.getJsonArray("history").getValuesAs(JsonObject.class))
        .extracting(h -> h.getString("action"))
        .containsExactly("SUBMITTED", "ESCALATED", "STEP_APPROVED", "APPROVED");
  }

  @Test
  void aCommunesOwnVariantWinsForThatCommuneOnly() throws Exception {
    ApiClient holtzAdmin = platform.as(Platform.adminOf(HOLTZHEIM), HOLTZHEIM);
    ApiClient holtzAgent = platform.as("agent.holtzheim", HOLTZHEIM);
    ApiClient holtzChef = platform.as("chef.holtzheim", HOLTZHEIM);
    ApiClient holtzDgs = platform.as("dgs.holtzheim", HOLTZHEIM);
    assertOk(
        holtzAdmin.send(
            "PUT",
            "/api/v1/leave/balances/agent.holtzheim/CA",
            "{\"days\":20}",
            "application/json"),
        200);

    String hostile =
        shipped()
            .replace(
                "<endEvent id=\"escalated\" name=\"Escalade faite\"/>",
                "<scriptTask id=\"escalated\" scriptFormat=\"groovy\"><script>1</script></scriptTask>");
    assertThat(
            assertProblem(
                    holtzAdmin.send(
                        "PUT",
                        "/api/v1/workflow/definitions/leaveRequest",
                        hostile,
                        "application/xml"),
                    422,
                    "invalid-bpmn")
                .getJsonArray("errors")
                .getString(0))
        .contains("ScriptTask");
    assertProblem(
        holtzAdmin.send(
            "PUT", "/api/v1/workflow/definitions/leaveRequest", "pas du XML", "application/xml"),
        422,
        "invalid-bpmn");
    assertProblem(
        agent.send(
            "PUT", "/api/v1/workflow/definitions/leaveRequest", shipped(), "application/xml"),
        403,
        "forbidden");

    JsonObject deployed =
        assertOk(
                holtzAdmin.send(
                    "PUT",
                    "/api/v1/workflow/definitions/leaveRequest",
                    variant(),
                    "application/xml"),
                200)
            .json();
    assertThat(deployed.getBoolean("communeVariant")).isTrue();
    assertThat(
            use(
                admin
                    .get("/api/v1/workflow/definitions")
                    .jsonArray()
                    .getValuesAs(JsonObject.class)))
        .isFalse();
    List<JsonObject> all =
        platform
            .operator()
            .get("/api/v1/workflow/operator/definitions")
            .jsonArray()
            .getValuesAs(JsonObject.class);
    assertThat(all)
        .anyMatch(d -> d.getString("commune").equals("67212") && d.getBoolean("communeVariant"))
        .anyMatch(d -> d.getString("commune").equals("67267") && !d.getBoolean("communeVariant"));

    // Holtzheim's requests follow the variant: manager, then the DGS's visa
    LocalDate monday = randomMonday();
    String id = submit(holtzAgent, "CA", monday, monday, 201).json().getString("id");
    JsonObject afterManager =
        assertOk(
                holtzChef.post(
                    "/api/v1/workflow/tasks/" + taskFor(holtzChef, id).orElseThrow() + "/decision",
                    "{\"decision\":\"approve\"}"),
                200)
            .json();
    assertThat(afterManager.getJsonArray("waitingFor").getString(0)).isEqualTo("Visa du DGS");
    // the process instance carries the commune, not the default tenant
    try (Connection owner = Database.asOwner();
        PreparedStatement s =
            owner.prepareStatement(
                "SELECT tenant_id_ FROM flowable.act_ru_task WHERE proc_inst_id_ = ?")) {
      s.setString(1, afterManager.getString("processInstanceId"));
      ResultSet r = s.executeQuery();
      assertThat(r.next()).isTrue();
      assertThat(r.getString(1)).isEqualTo("67212");
    }
    JsonObject done =
        assertOk(
                holtzDgs.post(
                    "/api/v1/workflow/tasks/" + taskFor(holtzDgs, id).orElseThrow() + "/decision",
                    "{\"decision\":\"approve\"}"),
                200)
            .json();
    assertThat(done.getString("status")).isEqualTo("APPROVED");

    // Lingolsheim still runs the shared process: approved by the manager alone
    String lingo = submit(agent, "CA", monday, monday, 201).json().getString("id");
    assertThat(
            assertOk(
                    chef.post(
                        "/api/v1/workflow/tasks/"
                            + taskFor(chef, lingo).orElseThrow()
                            + "/decision",
                        "{\"decision\":\"approve\"}"),
                    200)
                .json()
                .getString("status"))
        .isEqualTo("APPROVED");

    // back to the shared definition once no instance of the variant runs
    JsonObject reverted =
        assertOk(holtzAdmin.delete("/api/v1/workflow/definitions/leaveRequest"), 200).json();
    assertThat(reverted.getBoolean("communeVariant")).isFalse();
  }

  // ---- helpers ----------------------------------------------------------------------------------

  private static boolean use(List<JsonObject> definitions) {
    return definitions.stream()
        .filter(d -> d.getString("processKey").equals("leaveRequest"))
        .findFirst()
        .orElseThrow()
        .getBoolean("communeVariant");
  }

  static String shipped() throws Exception {
    try (InputStream in =
        LeaveRequestsIT.class.getResourceAsStream("/workflow/processes/leave-request.bpmn20.xml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The shared process with the DGS's visa after the manager's approval. */
  static String variant() throws Exception {
    return shipped()
        .replace(
            "<sequenceFlow id=\"noHr\" sourceRef=\"hrGateway\" targetRef=\"approve\"/>",
            "<sequenceFlow id=\"noHr\" sourceRef=\"hrGateway\" targetRef=\"dgsApproval\"/>"
                + "<userTask id=\"dgsApproval\" name=\"Visa du DGS\""
                + " flowable:candidateUsers=\"dgs.holtzheim\"/>"
                + "<exclusiveGateway id=\"dgsGateway\" default=\"dgsRefused\"/>"
                + "<sequenceFlow id=\"dgs1\" sourceRef=\"dgsApproval\" targetRef=\"dgsGateway\"/>"
                + "<sequenceFlow id=\"dgsApproved\" sourceRef=\"dgsGateway\" targetRef=\"approve\">"
                + "<conditionExpression xsi:type=\"tFormalExpression\">"
                + "${dgsApprovalDecision == 'approve'}</conditionExpression></sequenceFlow>"
                + "<sequenceFlow id=\"dgsRefused\" sourceRef=\"dgsGateway\" targetRef=\"refuse\"/>");
  }

  /** A Monday of a week without public holiday, far enough ahead for runs not to collide. */
  private static LocalDate randomMonday() {
    while (true) {
      LocalDate monday =
          LocalDate.now()
              .plusWeeks(20 + ThreadLocalRandom.current().nextInt(0, 2000))
              .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      if (monday.datesUntil(monday.plusDays(5)).noneMatch(d -> PublicHolidays.isHoliday(d, true))) {
        return monday;
      }
    }
  }

  private ApiClient.Reply submit(
      ApiClient who, String type, LocalDate start, LocalDate end, int expected) {
    return submit(who, type, start.toString(), "MORNING", end.toString(), "AFTERNOON", expected);
  }

  private ApiClient.Reply submit(
      ApiClient who,
      String type,
      String start,
      String startHalf,
      String end,
      String endHalf,
      int expected) {
    ApiClient.Reply r =
        who.post(
            "/api/v1/leave/requests",
            "{\"type\":\""
                + type
                + "\",\"startDate\":\""
                + start
                + "\",\"startHalf\":\""
                + startHalf
                + "\",\"endDate\":\""
                + end
                + "\",\"endHalf\":\""
                + endHalf
                + "\",\"comment\":\"Congés\"}");
    assertThat(r.status()).as(r.toString()).isEqualTo(expected);
    return r;
  }

  private static Optional<String> taskFor(ApiClient who, String requestId) {
    return who.get("/api/v1/workflow/tasks").jsonArray().getValuesAs(JsonObject.class).stream()
        .filter(t -> requestId.equals(t.getJsonObject("leaveRequest").getString("id")))
        .map(t -> t.getString("id"))
        .findFirst();
  }

  private static JsonObject balance(ApiClient who, String type) {
    return who.get("/api/v1/leave/balances").jsonArray().getValuesAs(JsonObject.class).stream()
        .filter(b -> b.getString("typeCode").equals(type))
        .findFirst()
        .orElseThrow();
  }

  private static List<String> notificationKinds(ApiClient who) {
    return who
        .get("/api/v1/workflow/notifications")
        .jsonArray()
        .getValuesAs(JsonObject.class)
        .stream()
        .map(n -> n.getString("kind"))
        .toList();
  }
}
