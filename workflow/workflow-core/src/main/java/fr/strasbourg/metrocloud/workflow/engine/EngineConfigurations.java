package fr.strasbourg.metrocloud.workflow.engine;

import java.time.Duration;
import java.util.concurrent.ThreadFactory;
import javax.sql.DataSource;
import org.flowable.common.engine.impl.AbstractEngineConfiguration;
import org.flowable.common.engine.impl.async.DefaultAsyncTaskExecutor;
import org.flowable.engine.impl.cfg.ProcessEngineConfigurationImpl;

/**
 * The one configuration of MetroCloud's process engines, applied to the JTA configuration of the
 * platform and to the standalone engines of the tests and benchmarks alike.
 */
public final class EngineConfigurations {

  /**
   * The Flowable tenant of the shared (default) definitions. A commune's own variant of a process
   * is deployed under its INSEE code and wins for that commune; other communes fall back to this
   * one, and their instances still carry their own INSEE code.
   */
  public static final String DEFAULT_TENANT = "default";

  /**
   * @param schema the schema holding Flowable's tables
   * @param engineName unique per JVM
   * @param lockOwner identifies this instance in job locks (unique per instance)
   * @param timerWait how long the timer acquisition sleeps when nothing is due
   * @param asyncWait how long the async job acquisition sleeps when nothing is due
   * @param threads where the engine's threads come from (the managed thread factory in Liberty)
   */
  public record Settings(
      String schema,
      String engineName,
      String lockOwner,
      Duration timerWait,
      Duration asyncWait,
      ThreadFactory threads) {}

  private EngineConfigurations() {}

  /**
   * Applies the settings. The returned executor is the async task invoker's, which the caller shuts
   * down after closing the engine.
   */
  public static DefaultAsyncTaskExecutor apply(
      ProcessEngineConfigurationImpl cfg, DataSource dataSource, Settings settings) {
    String schema = FlowableSchema.identifier(settings.schema());
    cfg.setDataSource(dataSource);
    cfg.setDatabaseType(AbstractEngineConfiguration.DATABASE_TYPE_POSTGRES);
    // Tables are named schema-qualified through the prefix. Never set databaseSchema here: Flowable
    // would call Connection.setSchema on the transaction's connection, which EclipseLink shares,
    // and the platform's own tables would vanish from the search path.
    cfg.setDatabaseTablePrefix(schema + ".");
    cfg.setTablePrefixIsSchema(true);
    cfg.setDatabaseSchemaUpdate(AbstractEngineConfiguration.DB_SCHEMA_UPDATE_FALSE);
    cfg.setDisableIdmEngine(true);
    cfg.setDisableEventRegistry(true);
    cfg.setEngineName(settings.engineName());
    // UUIDs, not blocks of ids from a table: no extra transaction per block, safe on N instances
    cfg.setIdGenerator(new org.flowable.common.engine.impl.persistence.StrongUuidGenerator());
    cfg.setDefaultTenantValue(DEFAULT_TENANT);
    cfg.setFallbackToDefaultTenant(true);
    // history of every activity, variable and task: the procedures' history pages read it
    cfg.setHistory("audit");
    // BPMN from communes is hostile input: no DTDs, no external entities
    cfg.setEnableSafeBpmnXml(true);
    // communes' variants need no diagram image (and may have no diagram interchange at all)
    cfg.setCreateDiagramOnDeploy(false);

    cfg.setAsyncExecutorActivate(true);
    cfg.setAsyncExecutorLockOwner(settings.lockOwner());
    cfg.setAsyncExecutorDefaultTimerJobAcquireWaitTime((int) settings.timerWait().toMillis());
    cfg.setAsyncExecutorDefaultAsyncJobAcquireWaitTime((int) settings.asyncWait().toMillis());
    cfg.setAsyncExecutorCorePoolSize(2);
    cfg.setAsyncExecutorMaxPoolSize(4);
    cfg.setAsyncExecutorThreadFactory(settings.threads());
    DefaultAsyncTaskExecutor invoker = new DefaultAsyncTaskExecutor();
    invoker.setThreadFactory(settings.threads());
    invoker.setCorePoolSize(1);
    invoker.setMaxPoolSize(2);
    invoker.start();
    cfg.setAsyncTaskInvokerTaskExecutor(invoker);
    cfg.setAsyncExecutor(
        new ManagedAsyncJobExecutor(cfg.getAsyncExecutorConfiguration(), settings.threads()));
    return invoker;
  }
}
