package fr.strasbourg.metrocloud.app.migration;

import fr.strasbourg.metrocloud.kernel.migration.ModuleMigrations;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** Migrates every module's schema before the application reports ready. */
@ApplicationScoped
public class MigrationRunner {

  private static final Logger LOG = Logger.getLogger(MigrationRunner.class.getName());

  /** JNDI name of the schema owner's data source (non-transactional, used only here). */
  public static final String OWNER_DATASOURCE = "jdbc/metrocloudOwner";

  @Resource(lookup = OWNER_DATASOURCE)
  DataSource ownerDataSource;

  @Inject Instance<ModuleMigrations> modules;

  @Inject
  @ConfigProperty(name = "metrocloud.db.schema", defaultValue = "metrocloud")
  String schema;

  @Inject
  @ConfigProperty(name = "metrocloud.db.app-role", defaultValue = "metrocloud_app")
  String appRole;

  @Inject
  @ConfigProperty(name = "metrocloud.db.migrate-on-start", defaultValue = "true")
  boolean migrateOnStart;

  private volatile boolean done;

  void onStart(@Observes Startup startup) {
    if (!migrateOnStart) {
      LOG.info(
          "Schema migrations disabled (metrocloud.db.migrate-on-start=false): run them as a separate job");
      done = true;
      return;
    }
    migrate();
  }

  public synchronized void migrate() {
    List<ModuleMigrations> ordered = new ArrayList<>();
    modules.forEach(ordered::add);
    ordered.sort(Comparator.comparingInt(ModuleMigrations::order));
    for (ModuleMigrations module : ordered) {
      MigrateResult result =
          Flyway.configure(getClass().getClassLoader())
              .dataSource(ownerDataSource)
              .schemas(schema)
              .defaultSchema(schema)
              .table("schema_history_" + module.module())
              .locations(module.location())
              .callbackLocations(module.location())
              // Liberty's class loader resolves a classpath location only through a marker file
              // (flyway.location) in it; a location that cannot be resolved must fail, not migrate
              // nothing.
              .failOnMissingLocations(true)
              .placeholders(Map.of("app_role", appRole))
              // Several modules share the schema: a module's first run must not take the others'
              // tables for a
              // legacy schema to baseline.
              .baselineOnMigrate(true)
              .baselineVersion("0")
              .load()
              .migrate();
      LOG.info(
          "Migrations of module "
              + module.module()
              + ": "
              + result.migrationsExecuted
              + " applied, schema at version "
              + result.targetSchemaVersion);
    }
    done = true;
  }

  public boolean done() {
    return done;
  }
}
