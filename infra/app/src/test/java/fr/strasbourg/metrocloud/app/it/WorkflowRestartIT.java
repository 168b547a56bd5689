package fr.strasbourg.metrocloud.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import fr.strasbourg.metrocloud.app.support.Database;
import fr.strasbourg.metrocloud.app.support.Deployments;
import fr.strasbourg.metrocloud.testkit.ApiClient;
import fr.strasbourg.metrocloud.testkit.Platform;
import fr.strasbourg.metrocloud.testkit.SampleCommunes.Commune;
import fr.strasbourg.metrocloud.workflow.domain.PublicHolidays;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The platform stops in the middle of a leave request and starts again: the process resumes from
 * the database where it stood. The reminder timer that fell due while the application was down
 * fires once after the restart, the decision then completes the process, and every platform step
 * (escalation, approval, balance debit, HR event) happened exactly once.
 */
@ExtendWith(ArquillianExtension.class)
class WorkflowRestartIT {

  private static final Commune LAMPERTHEIM = new Commune("67256", "Lampertheim", "67450", 3100);

  @Deployment(name = "restartable", managed = false, testable = false)
  public static WebArchive application() {
    return Deployments.application();
  }

  @ArquillianResource Deployer deployer;

  private final Platform platform = Platform.fromSystem();

  @Test
  void aProcessInterruptedByARestartResumesWithNoStepLostOrRepeated() throws Exception {
    deployer.deploy("restartable");
    boolean deployed = true;
    try {
      platform.ensureActiveCommune(LAMPERTHEIM);
      ApiClient admin = platform.as(Platform.adminOf(LAMPERTHEIM), LAMPERTHEIM);
      prepare(admin);
      ApiClient agent = platform.as("agent.lampertheim", LAMPERTHEIM);
      ApiClient chef = platform.as("chef.lampertheim", LAMPERTHEIM);
      ApiClient dgs = platform.as("dgs.lampertheim", LAMPERTHEIM);

      LocalDate day = workingDay();
      ApiClient.Reply submitted =
          agent.post(
              "/api/v1/leave/requests",
              "{\"type\":\"CA\",\"startDate\":\"" + day + "\",\"endDate\":\"" + day + "\"}");
      assertThat(submitted.status()).as(submitted.toString()).isEqualTo(201);
      JsonObject request = submitted.json();
      String id = request.getString("id");
      String instance = request.getString("processInstanceId");

      // the platform stops; while it is down, the manager's reminder falls due
      deployer.undeploy("restartable");
      deployed = false;
      assertThat(status("/api/v1/portal/config")).as("the API is down").isNotEqualTo(200);
      try (Connection owner = Database.asOwner();
          PreparedStatement s =
              owner.prepareStatement(
                  "UPDATE flowable.act_ru_timer_job SET duedate_ = now() - interval '1 minute'"
                      + " WHERE process_instance_id_ = ?")) {
        s.setString(1, instance);
        assertThat(s.executeUpdate()).isEqualTo(1);
      }

      deployer.deploy("restartable");
      deployed = true;
      JsonObject task = waitForTask(dgs, id, Duration.ofSeconds(60));
      assertThat(task).as("the escalation ran after the restart").isNotNull();
      JsonObject approved =
          chef.post(
                  "/api/v1/workflow/tasks/" + task.getString("id") + "/decision",
                  "{\"decision\":\"approve\"}")
              .json();
      assertThat(approved.getString("status")).isEqualTo("APPROVED");
      assertThat(approved.getJsonArray("history").getValuesAs(JsonObject.class))
          .extracting(h -> h.getString("action"))
          .containsExactly("SUBMITTED", "ESCALATED", "STEP_APPROVED", "APPROVED");
      JsonObject ca =
          agent.get("/api/v1/leave/balances").jsonArray().getValuesAs(JsonObject.class).stream()
              .filter(b -> b.getString("typeCode").equals("CA"))
              .findFirst()
              .orElseThrow();
      assertThat(ca.getJsonNumber("days").doubleValue()).isEqualTo(24.0);
      assertThat(
              countAsCommune(
                  "SELECT count(*) FROM metrocloud.workflow_events WHERE subject_id = ?::uuid", id))
          .isEqualTo(1);
      assertThat(
              countAsCommune(
                  "SELECT count(*) FROM metrocloud.leave_balance_movements WHERE request_id = ?::uuid",
                  id))
          .isEqualTo(1);
      // nothing left behind in the engine: no job, no dead letter
      try (Connection owner = Database.asOwner();
          PreparedStatement s =
              owner.prepareStatement(
                  "SELECT (SELECT count(*) FROM flowable.act_ru_job WHERE process_instance_id_ = ?)"
                      + " + (SELECT count(*) FROM flowable.act_ru_timer_job WHERE process_instance_id_ = ?)"
                      + " + (SELECT count(*) FROM flowable.act_ru_deadletter_job WHERE process_instance_id_ = ?)")) {
        s.setString(1, instance);
        s.setString(2, instance);
        s.setString(3, instance);
        ResultSet r = s.executeQuery();
        r.next();
        assertThat(r.getInt(1)).isZero();
      }
    } finally {
      if (deployed) {
        deployer.undeploy("restartable");
      }
    }
  }

  /** A working day far ahead, different at each run. */
  private static LocalDate workingDay() {
    while (true) {
      LocalDate day = LocalDate.now().plusDays(200 + ThreadLocalRandom.current().nextInt(0, 10000));
      if (day.getDayOfWeek().getValue() <= 5 && !PublicHolidays.isHoliday(day, true)) {
        return day;
      }
    }
  }

  private void prepare(ApiClient admin) {
    ApiClient.Reply r = admin.post("/api/v1/subscriptions", "{\"service\":\"leave-requests\"}");
    assertThat(r.status()).as(r.toString()).isIn(201, 409);
    platform.ensurePerson("agent.lampertheim", "Lucie", "Agent", List.of("agent"), LAMPERTHEIM);
    platform.ensurePerson(
        "chef.lampertheim", "Claude", "Chef", List.of("agent", "manager"), LAMPERTHEIM);
    platform.ensurePerson(
        "dgs.lampertheim", "Dominique", "DGS", List.of("agent", "manager"), LAMPERTHEIM);
    agent(admin, "agent.lampertheim", "Lucie Agent", "chef.lampertheim");
    agent(admin, "chef.lampertheim", "Claude Chef", "dgs.lampertheim");
    agent(admin, "dgs.lampertheim", "Dominique DGS", null);
    ApiClient.Reply b =
        admin.send(
            "PUT",
            "/api/v1/leave/balances/agent.lampertheim/CA",
            "{\"days\":25}",
            "application/json");
    assertThat(b.status()).as(b.toString()).isEqualTo(200);
  }

  private static void agent(ApiClient admin, String username, String name, String manager) {
    ApiClient.Reply r =
        admin.send(
            "PUT",
            "/api/v1/workflow/agents/" + username,
            "{\"displayName\":\""
                + name
                + "\""
                + (manager == null ? "" : ",\"managerUsername\":\"" + manager + "\"")
                + "}",
            "application/json");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
  }

  private static JsonObject waitForTask(ApiClient who, String requestId, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      ApiClient.Reply r = who.get("/api/v1/workflow/tasks");
      if (r.status() == 200) {
        for (JsonObject t : r.jsonArray().getValuesAs(JsonObject.class)) {
          if (requestId.equals(t.getJsonObject("leaveRequest").getString("id"))) {
            return t;
          }
        }
      }
      Thread.sleep(500);
    }
    return null;
  }

  private int status(String path) throws Exception {
    try {
      return HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(URI.create(platform.env().apiUrl() + path))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (java.io.IOException e) {
      return -1;
    }
  }

  private static int countAsCommune(String sql, String id) throws Exception {
    return Integer.parseInt(Database.asCommune(LAMPERTHEIM.insee(), sql, id).get(0));
  }
}
