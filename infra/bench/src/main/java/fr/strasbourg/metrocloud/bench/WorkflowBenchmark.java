package fr.strasbourg.metrocloud.bench;

import fr.strasbourg.metrocloud.testkit.ApiClient;
import fr.strasbourg.metrocloud.testkit.Environment;
import fr.strasbourg.metrocloud.testkit.Platform;
import fr.strasbourg.metrocloud.testkit.SampleCommunes;
import fr.strasbourg.metrocloud.testkit.SampleCommunes.Commune;
import fr.strasbourg.metrocloud.workflow.domain.PublicHolidays;
import fr.strasbourg.metrocloud.workflow.engine.EngineConfigurations;
import jakarta.json.JsonObject;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import org.apache.ibatis.datasource.pooled.PooledDataSource;
import org.flowable.engine.ProcessEngine;
import org.flowable.engine.delegate.DelegateExecution;
import org.flowable.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.flowable.engine.repository.Deployment;
import org.flowable.task.api.Task;

/**
 * Leave requests started and approved, in one run against the platform started by {@code
 * ./metrocloud up}:
 *
 * <ul>
 *   <li><b>API</b>: the agent's {@code POST /leave/requests} (checks, balance, overlap, request
 *       row, process start, history, audit, usage), the manager's {@code GET /workflow/tasks} and
 *       {@code POST /workflow/tasks/{id}/decision} (process step, balance debit, HR event,
 *       notification, audit), each with real Keycloak tokens over HTTP;
 *   <li><b>raw engine</b>: the same shared BPMN in a Flowable engine embedded in this JVM with the
 *       platform's configuration, on the same database and schema: start with the same variables,
 *       find the task, complete it (the platform steps are no-ops).
 * </ul>
 *
 * Then the engine's heap with the leave request definition of 33 communes deployed and used. Prints
 * Markdown for {@code docs/performance.md}. Uses a test commune (INSEE 67941) kept for later runs;
 * the raw engine's deployments (tenants {@code bench-*}) are removed at the end.
 */
public final class WorkflowBenchmark {

  private static final Commune COMMUNE =
      new Commune("67941", "Commune d'essai procédures", "67000", 1000);

  private WorkflowBenchmark() {}

  /** The platform steps as no-ops, for the raw engine. */
  public static final class NoSteps {
    public void approved(DelegateExecution e) {}

    public void refused(DelegateExecution e) {}

    public void escalate(DelegateExecution e) {}
  }

  public static void main(String[] args) throws Exception {
    int n = Integer.parseInt(Environment.get("bench.workflow.count", "200"));
    List<LocalDate> days = workingDays(2 * n + 20);
    ProcessEngine engine = rawEngine();
    try {
      double[] raw = raw(engine, n);
      double[] api = api(days, n);
      double[] memory = memory(engine);
      System.out.println();
      System.out.println(
          "| Leave requests started and approved ("
              + n
              + ", sequential) | per second | p50 (ms) | p95 (ms) |");
      System.out.println("|---|---:|---:|---:|");
      System.out.printf(
          Locale.ROOT,
          "| Raw embedded engine, same database (start, find task, complete) | %.1f | %.1f | %.1f |%n",
          raw[0],
          raw[1],
          raw[2]);
      System.out.printf(
          Locale.ROOT,
          "| Through the API (submit, list tasks, decide: 3 calls) | %.1f | %.1f | %.1f |%n",
          api[0],
          api[1],
          api[2]);
      System.out.printf(Locale.ROOT, "%nAPI / raw time per request: %.2f×%n", raw[0] / api[0]);
      System.out.printf(
          Locale.ROOT,
          "%nEngine heap: %.1f MB after boot; +%.1f MB with the leave request definition of 33"
              + " communes deployed, parsed and cached (%.0f KB per commune definition)%n",
          memory[0],
          memory[1],
          memory[1] * 1024 / 33);
    } finally {
      for (Deployment d :
          engine
              .getRepositoryService()
              .createDeploymentQuery()
              .deploymentTenantIdLike("bench-%")
              .list()) {
        engine.getRepositoryService().deleteDeployment(d.getId(), true);
      }
      engine.close();
    }
  }

  private static ProcessEngine rawEngine() {
    PooledDataSource ds =
        new PooledDataSource(
            "org.postgresql.Driver",
            Environment.get("metrocloud.db.url", "jdbc:postgresql://127.0.0.1:5432/metrocloud"),
            "metrocloud_app",
            Environment.get("metrocloud.db.app.password", ""));
    StandaloneProcessEngineConfiguration cfg = new StandaloneProcessEngineConfiguration();
    EngineConfigurations.apply(
        cfg,
        ds,
        new EngineConfigurations.Settings(
            "flowable",
            "bench",
            "bench",
            Duration.ofSeconds(10),
            Duration.ofSeconds(10),
            Executors.defaultThreadFactory()));
    cfg.setAsyncExecutorActivate(false);
    cfg.setBeans(Map.of("leaveProcess", new NoSteps()));
    return cfg.buildProcessEngine();
  }

  private static byte[] model() throws Exception {
    try (InputStream in =
        WorkflowBenchmark.class.getResourceAsStream(
            "/workflow/processes/leave-request.bpmn20.xml")) {
      return in.readAllBytes();
    }
  }

  private static Map<String, Object> variables(int i) {
    Map<String, Object> v = new HashMap<>();
    v.put("requestId", java.util.UUID.randomUUID().toString());
    v.put("agent", "agent.banc");
    v.put("approvers", new ArrayList<>(List.of("chef.banc")));
    v.put("approverGroups", new ArrayList<>());
    v.put("hrValidation", false);
    v.put("hrGroups", new ArrayList<>(List.of("commune-admin")));
    v.put("reminderAt", java.time.Instant.now().plus(Duration.ofDays(7)).toString());
    return v;
  }

  private static double[] raw(ProcessEngine engine, int n) throws Exception {
    engine
        .getRepositoryService()
        .createDeployment()
        .tenantId("bench-raw")
        .addBytes("leave-request.bpmn20.xml", model())
        .deploy();
    List<Double> millis = new ArrayList<>();
    long start = 0;
    for (int i = -10; i < n; i++) { // 10 warm-up rounds
      if (i == 0) {
        start = System.nanoTime();
      }
      long t = System.nanoTime();
      String instance =
          engine
              .getRuntimeService()
              .createProcessInstanceBuilder()
              .processDefinitionKey("leaveRequest")
              .tenantId("bench-raw")
              .variables(variables(i))
              .start()
              .getId();
      Task task =
          engine
              .getTaskService()
              .createTaskQuery()
              .processInstanceId(instance)
              .taskTenantId("bench-raw")
              .singleResult();
      engine.getTaskService().complete(task.getId(), Map.of("managerApprovalDecision", "approve"));
      if (i >= 0) {
        millis.add((System.nanoTime() - t) / 1e6);
      }
    }
    return summary(millis, System.nanoTime() - start);
  }

  private static double[] api(List<LocalDate> days, int n) {
    Platform platform = Platform.fromSystem();
    platform.ensureActiveCommune(COMMUNE);
    ApiClient admin = platform.as(Platform.adminOf(COMMUNE), COMMUNE);
    int status = admin.post("/api/v1/subscriptions", "{\"service\":\"leave-requests\"}").status();
    if (status != 201 && status != 409) {
      throw new IllegalStateException("subscription: " + status);
    }
    platform.ensurePerson("agent.banc", "Alain", "Agent", List.of("agent"), COMMUNE);
    platform.ensurePerson("chef.banc", "Chantal", "Cheffe", List.of("agent", "manager"), COMMUNE);
    expect(
        admin.send(
            "PUT",
            "/api/v1/workflow/agents/agent.banc",
            "{\"displayName\":\"Alain Agent\",\"managerUsername\":\"chef.banc\"}",
            "application/json"),
        200);
    expect(
        admin.send(
            "PUT", "/api/v1/leave/balances/agent.banc/CA", "{\"days\":99999}", "application/json"),
        200);
    ApiClient agent = platform.as("agent.banc", COMMUNE);
    ApiClient chef = platform.as("chef.banc", COMMUNE);
    // the days of earlier runs are taken: start after the latest (the list is newest first)
    LocalDate latest =
        agent.get("/api/v1/leave/requests").jsonArray().getValuesAs(JsonObject.class).stream()
            .map(r -> LocalDate.parse(r.getString("startDate")))
            .max(LocalDate::compareTo)
            .orElse(LocalDate.MIN);
    List<LocalDate> free = new ArrayList<>(days.stream().filter(d -> d.isAfter(latest)).toList());
    if (free.size() < n + 10) {
      throw new IllegalStateException("Not enough free days for the benchmark agent");
    }
    List<Double> millis = new ArrayList<>();
    List<Double> submits = new ArrayList<>();
    List<Double> lists = new ArrayList<>();
    List<Double> decisions = new ArrayList<>();
    long start = 0;
    for (int i = -10; i < n; i++) {
      if (i == 0) {
        start = System.nanoTime();
      }
      LocalDate day = free.get(i + 10);
      long t = System.nanoTime();
      String id =
          expect(
                  agent.post(
                      "/api/v1/leave/requests",
                      "{\"type\":\"CA\",\"startDate\":\""
                          + day
                          + "\",\"endDate\":\""
                          + day
                          + "\"}"),
                  201)
              .json()
              .getString("id");
      long t1 = System.nanoTime();
      String task =
          expect(chef.get("/api/v1/workflow/tasks"), 200)
              .jsonArray()
              .getValuesAs(JsonObject.class)
              .stream()
              .filter(x -> id.equals(x.getJsonObject("leaveRequest").getString("id")))
              .findFirst()
              .orElseThrow()
              .getString("id");
      long t2 = System.nanoTime();
      expect(
          chef.post("/api/v1/workflow/tasks/" + task + "/decision", "{\"decision\":\"approve\"}"),
          200);
      long t3 = System.nanoTime();
      if (i >= 0) {
        millis.add((t3 - t) / 1e6);
        submits.add((t1 - t) / 1e6);
        lists.add((t2 - t1) / 1e6);
        decisions.add((t3 - t2) / 1e6);
      }
    }
    System.out.printf(
        Locale.ROOT,
        "API calls, p50: submit %.1f ms, list tasks %.1f ms, decision %.1f ms%n",
        summary(submits, 1)[1],
        summary(lists, 1)[1],
        summary(decisions, 1)[1]);
    return summary(millis, System.nanoTime() - start);
  }

  /** {heap MB after boot, extra MB with 33 communes' definitions}. */
  private static double[] memory(ProcessEngine engine) throws Exception {
    double before = heapMb();
    byte[] model = model();
    for (Commune c : SampleCommunes.members()) {
      String tenant = "bench-" + c.insee();
      engine
          .getRepositoryService()
          .createDeployment()
          .tenantId(tenant)
          .addBytes("leave-request.bpmn20.xml", model)
          .deploy();
      engine
          .getRuntimeService()
          .createProcessInstanceBuilder()
          .processDefinitionKey("leaveRequest")
          .tenantId(tenant)
          .variables(variables(0))
          .start();
    }
    double after = heapMb();
    return new double[] {before, after - before};
  }

  private static double heapMb() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
  }

  /** Working days (no weekend, no Alsace-Moselle holiday) from six months ahead. */
  private static List<LocalDate> workingDays(int count) {
    List<LocalDate> days = new ArrayList<>();
    LocalDate d = LocalDate.now().plusMonths(6);
    while (days.size() < count * 20) {
      if (d.getDayOfWeek().getValue() <= 5 && !PublicHolidays.isHoliday(d, true)) {
        days.add(d);
      }
      d = d.plusDays(1);
    }
    return days;
  }

  private static double[] summary(List<Double> millis, long totalNanos) {
    List<Double> sorted = new ArrayList<>(millis);
    Collections.sort(sorted);
    return new double[] {
      millis.size() / (totalNanos / 1e9),
      sorted.get(sorted.size() / 2),
      sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1)
    };
  }

  private static ApiClient.Reply expect(ApiClient.Reply reply, int status) {
    if (reply.status() != status) {
      throw new IllegalStateException("Expected " + status + ": " + reply);
    }
    return reply;
  }

  static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
