package fr.strasbourg.metrocloud.workflow.engine;

import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Shutdown;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.transaction.TransactionManager;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flowable.common.engine.impl.async.DefaultAsyncTaskExecutor;
import org.flowable.engine.HistoryService;
import org.flowable.engine.ManagementService;
import org.flowable.engine.ProcessEngine;
import org.flowable.engine.RepositoryService;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.flowable.engine.impl.cfg.JtaProcessEngineConfiguration;
import org.flowable.engine.repository.DeploymentBuilder;

/**
 * The platform's Flowable engine: JTA transactions shared with the platform's own (a step that
 * writes platform data commits or rolls back with the engine's rows), the platform's data source
 * (as the application role, on the {@code flowable} schema), Liberty's managed threads, and the
 * async executor on, so that timers and async steps run on whichever instance acquires them first.
 *
 * <p>The shared (default) definitions are deployed at start-up under {@link
 * EngineConfigurations#DEFAULT_TENANT}; Flowable skips the deployment when nothing changed.
 */
@ApplicationScoped
public class WorkflowEngine {

  private static final Logger LOG = Logger.getLogger(WorkflowEngine.class.getName());

  /** The BPMN files of the shared definitions, in {@code workflow/processes} on the classpath. */
  public static final List<String> DEFAULT_MODELS =
      List.of("leave-request.bpmn20.xml", "mission-order.bpmn20.xml");

  @Resource(lookup = "jdbc/metrocloud")
  DataSource dataSource;

  @Resource(lookup = "jdbc/metrocloudOwner")
  DataSource ownerDataSource;

  @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
  ManagedThreadFactory threads;

  @Inject BeanManager beans;

  @Inject
  @ConfigProperty(name = "metrocloud.workflow.schema", defaultValue = "flowable")
  String schema;

  @Inject
  @ConfigProperty(name = "metrocloud.db.app-role", defaultValue = "metrocloud_app")
  String appRole;

  @Inject
  @ConfigProperty(name = "metrocloud.db.migrate-on-start", defaultValue = "true")
  boolean migrateOnStart;

  @Inject
  @ConfigProperty(name = "metrocloud.workflow.timer-wait", defaultValue = "PT10S")
  String timerWait;

  private volatile ProcessEngine engine;
  private volatile DefaultAsyncTaskExecutor invoker;

  /** After the platform's migrations (which observe {@code Startup} at the default priority). */
  void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 600) Startup startup) {
    start();
  }

  void onShutdown(@Observes Shutdown shutdown) {
    stop();
  }

  synchronized void start() {
    if (engine != null) {
      return;
    }
    long started = System.nanoTime();
    if (migrateOnStart) {
      FlowableSchema.ensure(ownerDataSource, schema, appRole);
    }
    JtaProcessEngineConfiguration cfg = new JtaProcessEngineConfiguration();
    cfg.setTransactionManager(transactionManager());
    invoker =
        EngineConfigurations.apply(
            cfg,
            dataSource,
            new EngineConfigurations.Settings(
                schema,
                "metrocloud",
                lockOwner(),
                Duration.parse(timerWait),
                Duration.ofSeconds(2),
                threads));
    cfg.setPreBeanELResolvers(List.of(new CdiBeanResolver(beans)));
    engine = cfg.buildProcessEngine();
    deployDefaults();
    LOG.info(
        () ->
            "Flowable engine started in "
                + (System.nanoTime() - started) / 1_000_000
                + " ms (schema "
                + schema
                + ", lock owner "
                + cfg.getAsyncExecutorLockOwner()
                + ")");
  }

  synchronized void stop() {
    if (engine != null) {
      engine.close();
      engine = null;
    }
    if (invoker != null) {
      invoker.shutdown();
      invoker = null;
    }
  }

  private void deployDefaults() {
    DeploymentBuilder deployment =
        engine
            .getRepositoryService()
            .createDeployment()
            .name("metrocloud-defaults")
            .tenantId(EngineConfigurations.DEFAULT_TENANT)
            .enableDuplicateFiltering();
    for (String model : DEFAULT_MODELS) {
      deployment.addClasspathResource("workflow/processes/" + model);
    }
    deployment.deploy();
  }

  private static TransactionManager transactionManager() {
    try {
      InitialContext jndi = new InitialContext();
      return new UserTransactionManager(
          (jakarta.transaction.UserTransaction) jndi.lookup("java:comp/UserTransaction"),
          (TransactionManager) jndi.lookup("java:comp/TransactionManager"));
    } catch (NamingException e) {
      throw new IllegalStateException("No JTA transaction manager in JNDI", e);
    }
  }

  private static String lockOwner() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      host = "unknown-host";
    }
    return host + "/" + UUID.randomUUID().toString().substring(0, 8);
  }

  public boolean started() {
    return engine != null;
  }

  private ProcessEngine engine() {
    ProcessEngine e = engine;
    if (e == null) {
      throw new IllegalStateException("The workflow engine is not started");
    }
    return e;
  }

  public RuntimeService runtime() {
    return engine().getRuntimeService();
  }

  public TaskService tasks() {
    return engine().getTaskService();
  }

  public RepositoryService repository() {
    return engine().getRepositoryService();
  }

  public HistoryService history() {
    return engine().getHistoryService();
  }

  public ManagementService management() {
    return engine().getManagementService();
  }
}
