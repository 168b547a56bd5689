package fr.strasbourg.metrocloud.workflow.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flowable.common.engine.impl.AbstractEngineConfiguration;
import org.flowable.engine.ProcessEngine;
import org.flowable.engine.impl.cfg.StandaloneProcessEngineConfiguration;

/**
 * Creates or upgrades Flowable's tables in their own schema, as the schema owner, and grants the
 * application role what the engine needs (DML, never DDL, never ownership). The application's
 * engine then runs with {@code databaseSchemaUpdate=false} as the application role.
 *
 * <p>Several platform instances may start at once: a session advisory lock serializes them, and
 * Flowable's own version check makes the later ones no-ops.
 */
public final class FlowableSchema {

  private static final Logger LOG = Logger.getLogger(FlowableSchema.class.getName());

  private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private FlowableSchema() {}

  /**
   * Makes sure the schema holds Flowable's tables at the engine's version.
   *
   * @param owner connections as the owner of the database (creates the schema and the tables)
   * @param schema the engine's schema, e.g. {@code flowable}
   * @param appRole the role the application connects as
   */
  public static void ensure(DataSource owner, String schema, String appRole) {
    String s = identifier(schema);
    String role = identifier(appRole);
    long started = System.nanoTime();
    try (Connection c = owner.getConnection();
        Statement st = c.createStatement()) {
      if (!c.getAutoCommit()) {
        c.setAutoCommit(true);
      }
      st.execute("SELECT pg_advisory_lock(hashtext('metrocloud.flowable-schema'))");
      try {
        st.execute("CREATE SCHEMA IF NOT EXISTS " + s);
        st.execute("REVOKE ALL ON SCHEMA " + s + " FROM PUBLIC");
        st.execute("GRANT USAGE ON SCHEMA " + s + " TO " + role);
        createOrUpgradeTables(owner, s);
        // Flowable deletes runtime rows as processes move on: the engine needs DELETE here, which
        // the platform's own ledgers never grant. No TRUNCATE, no DDL.
        st.execute(
            "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA " + s + " TO " + role);
      } finally {
        st.execute("SELECT pg_advisory_unlock(hashtext('metrocloud.flowable-schema'))");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot prepare the Flowable schema " + s, e);
    }
    LOG.info(
        () ->
            "Flowable schema "
                + s
                + " ready in "
                + (System.nanoTime() - started) / 1_000_000
                + " ms");
  }

  private static void createOrUpgradeTables(DataSource owner, String schema) {
    StandaloneProcessEngineConfiguration cfg = new StandaloneProcessEngineConfiguration();
    cfg.setDataSource(new SchemaPinnedDataSource(owner, schema));
    cfg.setDatabaseType(AbstractEngineConfiguration.DATABASE_TYPE_POSTGRES);
    cfg.setDatabaseSchema(schema);
    cfg.setDatabaseSchemaUpdate(AbstractEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
    cfg.setAsyncExecutorActivate(false);
    cfg.setDisableIdmEngine(true);
    cfg.setDisableEventRegistry(true);
    cfg.setEngineName("metrocloud-schema-" + schema);
    ProcessEngine engine = cfg.buildProcessEngine();
    engine.close();
  }

  static String identifier(String name) {
    if (name == null || !IDENTIFIER.matcher(name).matches()) {
      throw new IllegalArgumentException("Not a plain SQL identifier: " + name);
    }
    return name;
  }
}
