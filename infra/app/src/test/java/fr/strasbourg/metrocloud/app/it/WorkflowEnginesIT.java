package fr.strasbourg.metrocloud.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import fr.strasbourg.metrocloud.workflow.engine.EngineConfigurations;
import fr.strasbourg.metrocloud.workflow.engine.FlowableSchema;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.flowable.common.engine.impl.async.DefaultAsyncTaskExecutor;
import org.flowable.engine.ProcessEngine;
import org.flowable.engine.delegate.DelegateExecution;
import org.flowable.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * N platform instances share one database: their job executors compete for the same jobs. Two
 * engines with the platform's own configuration (async executors on, distinct lock owners) run the
 * async steps of 300 process instances started by a third, executor-less engine (as a REST call on
 * any instance would): every step runs exactly once, and both engines take part.
 */
class WorkflowEnginesIT {

  /** A schema of its own: the platform under test has its own engine on the flowable schema. */
  private static final String SCHEMA = "flowable_engines_it";

  private static final int INSTANCES = 300;

  private static final String PROCESS =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
                   xmlns:flowable="http://flowable.org/bpmn" targetNamespace="https://metrocloud.test">
        <process id="twoEngines" isExecutable="true">
          <startEvent id="start"/>
          <sequenceFlow id="f1" sourceRef="start" targetRef="step"/>
          <serviceTask id="step" flowable:async="true" flowable:exclusive="false"
                       flowable:expression="${counter.hit(execution)}"/>
          <sequenceFlow id="f2" sourceRef="step" targetRef="end"/>
          <endEvent id="end"/>
        </process>
      </definitions>
      """;

  /** How many times each process instance's step ran, whichever engine ran it. */
  static final Map<String, AtomicInteger> RUNS = new ConcurrentHashMap<>();

  private final List<ProcessEngine> engines = new ArrayList<>();
  private final List<DefaultAsyncTaskExecutor> invokers = new ArrayList<>();

  /** The bean the step calls; one per engine, counting what that engine ran. */
  public static final class Counter {
    final AtomicInteger ran = new AtomicInteger();

    public void hit(DelegateExecution execution) {
      RUNS.computeIfAbsent(execution.getProcessInstanceId(), k -> new AtomicInteger())
          .incrementAndGet();
      ran.incrementAndGet();
    }
  }

  @AfterEach
  void close() {
    engines.forEach(ProcessEngine::close);
    invokers.forEach(DefaultAsyncTaskExecutor::shutdown);
  }

  @Test
  void twoEnginesOnOneDatabaseNeverRunTheSameJobTwice() throws Exception {
    FlowableSchema.ensure(dataSource("owner"), SCHEMA, "metrocloud_app");
    Counter a = new Counter();
    Counter b = new Counter();
    ProcessEngine starter = engine("it-starter", new Counter(), false);
    ProcessEngine engineA = engine("it-instance-a", a, true);
    ProcessEngine engineB = engine("it-instance-b", b, true);
    assertThat(engineA).isNotNull();
    assertThat(engineB).isNotNull();

    starter
        .getRepositoryService()
        .createDeployment()
        .tenantId("67482")
        .addBytes("two-engines.bpmn20.xml", PROCESS.strip().getBytes(StandardCharsets.UTF_8))
        .deploy();
    List<String> started = new ArrayList<>();
    for (int i = 0; i < INSTANCES; i++) {
      started.add(
          starter
              .getRuntimeService()
              .startProcessInstanceByKeyAndTenantId("twoEngines", "67482")
              .getId());
    }

    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (System.nanoTime() < deadline
        && starter
                .getHistoryService()
                .createHistoricProcessInstanceQuery()
                .processInstanceIds(new java.util.HashSet<>(started))
                .finished()
                .count()
            < INSTANCES) {
      Thread.sleep(250);
    }
    // let a possible duplicate execution surface before counting
    Thread.sleep(1500);

    assertThat(
            starter
                .getHistoryService()
                .createHistoricProcessInstanceQuery()
                .processInstanceIds(new java.util.HashSet<>(started))
                .finished()
                .count())
        .isEqualTo(INSTANCES);
    for (String id : started) {
      assertThat(RUNS.get(id)).as("runs of " + id).isNotNull();
      assertThat(RUNS.get(id).get()).as("runs of " + id).isEqualTo(1);
    }
    System.out.printf(
        "WorkflowEnginesIT: %d steps, instance A ran %d, instance B ran %d, none twice%n",
        INSTANCES, a.ran.get(), b.ran.get());
    assertThat(a.ran.get() + b.ran.get()).isEqualTo(INSTANCES);
    assertThat(a.ran.get()).as("jobs run by instance A").isPositive();
    assertThat(b.ran.get()).as("jobs run by instance B").isPositive();
    assertThat(starter.getManagementService().createDeadLetterJobQuery().count()).isZero();
  }

  private ProcessEngine engine(String name, Counter counter, boolean executor) {
    StandaloneProcessEngineConfiguration cfg = new StandaloneProcessEngineConfiguration();
    invokers.add(
        EngineConfigurations.apply(
            cfg,
            dataSource("app"),
            new EngineConfigurations.Settings(
                SCHEMA,
                name,
                name,
                Duration.ofMillis(200),
                Duration.ofMillis(100),
                Executors.defaultThreadFactory())));
    cfg.setAsyncExecutorActivate(executor);
    cfg.setBeans(Map.of("counter", counter));
    ProcessEngine engine = cfg.buildProcessEngine();
    engines.add(engine);
    return engine;
  }

  private static PGSimpleDataSource dataSource(String who) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(
        System.getProperty(
            "metrocloud.db.url", "jdbc:postgresql://127.0.0.1:5432/metrocloud_test"));
    ds.setUser(System.getProperty("metrocloud.db." + who + ".user"));
    ds.setPassword(System.getProperty("metrocloud.db." + who + ".password"));
    return ds;
  }
}
