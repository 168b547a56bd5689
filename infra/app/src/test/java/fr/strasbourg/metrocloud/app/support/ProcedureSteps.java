package fr.strasbourg.metrocloud.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import fr.strasbourg.metrocloud.testkit.ApiClient;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;
import java.util.function.Supplier;

/** Steps of the procedures that several tests go through, over the API. */
public final class ProcedureSteps {

  private ProcedureSteps() {}

  /** Sets an agent's service, manager and working pattern (administrator). */
  public static void workflowAgent(ApiClient admin, String username, String name, String manager) {
    ApiClient.Reply r =
        admin.send(
            "PUT",
            "/api/v1/workflow/agents/" + username,
            "{\"displayName\":\""
                + name
                + "\",\"service\":\"Ressources humaines\","
                + (manager == null ? "" : "\"managerUsername\":\"" + manager + "\",")
                + "\"workingPattern\":\"MON,TUE,WED,THU,FRI\"}",
            "application/json");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
  }

  /**
   * Two days of leave from {@code monday} (moved a week per rerun when the week is taken), asked by
   * the agent and approved by the manager; returns the request's id.
   */
  public static String approvedLeave(ApiClient agent, ApiClient chef, String monday) {
    LocalDate start = LocalDate.parse(monday);
    for (int week = 0; week < 100; week++) {
      LocalDate from = start.plusWeeks(week);
      ApiClient.Reply r =
          agent.post(
              "/api/v1/leave/requests",
              "{\"type\":\"CA\",\"startDate\":\""
                  + from
                  + "\",\"startHalf\":\"MORNING\",\"endDate\":\""
                  + from.plusDays(1)
                  + "\",\"endHalf\":\"AFTERNOON\",\"comment\":\"Congés\"}");
      if (r.status() == 409) {
        continue; // a previous run's leave that week
      }
      assertThat(r.status()).as(r.toString()).isEqualTo(201);
      String id = r.json().getString("id");
      String task =
          chef.get("/api/v1/workflow/tasks").jsonArray().getValuesAs(JsonObject.class).stream()
              .filter(t -> id.equals(t.getJsonObject("leaveRequest").getString("id")))
              .map(t -> t.getString("id"))
              .findFirst()
              .orElseThrow();
      ApiClient.Reply decided =
          chef.post("/api/v1/workflow/tasks/" + task + "/decision", "{\"decision\":\"approve\"}");
      assertThat(decided.status()).as(decided.toString()).isEqualTo(200);
      return id;
    }
    throw new IllegalStateException("no free week");
  }

  /** Configures the commune's HR connector (administrator); schedule 60 minutes. */
  public static void hrConnector(
      ApiClient admin, String transport, String endpoint, String user, String secret) {
    ApiClient.Reply r =
        admin.send(
            "PUT",
            "/api/v1/integration/connectors/HR",
            "{\"transport\":\""
                + transport
                + "\",\"endpoint\":\""
                + endpoint
                + "\",\"username\":\""
                + user
                + "\",\"secret\":\""
                + secret
                + "\",\"scheduleMinutes\":60}",
            "application/json");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
  }

  /** The commune's outbox message of that key in that status, or null. */
  public static JsonObject outboxMessage(ApiClient admin, String idempotencyKey, String status) {
    return admin
        .get("/api/v1/integration/messages?limit=500")
        .jsonArray()
        .getValuesAs(JsonObject.class)
        .stream()
        .filter(m -> m.getString("idempotencyKey").equals(idempotencyKey))
        .filter(m -> m.getString("status").equals(status))
        .findFirst()
        .orElse(null);
  }

  /** The manager's open task on a mission order, if any. */
  public static Optional<String> missionTask(ApiClient who, String missionId) {
    return who.get("/api/v1/workflow/tasks").jsonArray().getValuesAs(JsonObject.class).stream()
        .filter(
            t ->
                !t.isNull("missionOrder")
                    && missionId.equals(t.getJsonObject("missionOrder").getString("id")))
        .map(t -> t.getString("id"))
        .findFirst();
  }

  /** Waits until the mission order reaches {@code status}; returns it. */
  public static JsonObject waitForMission(ApiClient who, String id, String status, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    JsonObject last = null;
    while (System.nanoTime() < deadline) {
      last = who.get("/api/v1/missions/" + id).json();
      if (status.equals(last.getString("status"))) {
        return last;
      }
      Thread.sleep(300);
    }
    throw new AssertionError("Mission " + id + " never reached " + status + ": " + last);
  }

  /** Polls {@code probe} (every 250 ms, at most 40 s) until it gives a value. */
  public static <T> T await(Supplier<T> probe, String what) throws InterruptedException {
    for (int i = 0; i < 160; i++) {
      T value = probe.get();
      if (value != null) {
        return value;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("Timed out waiting until " + what);
  }
}
