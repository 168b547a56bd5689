package fr.strasbourg.metrocloud.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import fr.strasbourg.metrocloud.app.support.Database;
import fr.strasbourg.metrocloud.app.support.PlatformTestBase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The database side of the tenancy model, checked on the migrated schema. */
class DatabaseRolesIT extends PlatformTestBase {

  private static final List<String> TENANT_OWNED =
      List.of(
          "audit_events",
          "tenants",
          "tenant_resources",
          "subscriptions",
          "usage_events",
          "tenant_data_keys",
          "document_types",
          "document_folders",
          "documents",
          "document_versions",
          "document_shares",
          "document_exports",
          "pki_commune_authorities",
          "pki_signer_certificates",
          "parapheur_templates",
          "parapheur_folders",
          "parapheur_steps",
          "parapheur_events",
          "parapheur_delegations",
          "parapheur_notifications",
          "archive_rules",
          "archive_agreements",
          "archive_units",
          "archive_objects",
          "archive_transfers",
          "archive_journal",
          "archive_seals",
          "archive_fixity_runs",
          "archive_alerts",
          "archive_disposals",
          "archive_disposal_units",
          "archive_exports",
          "archive_settings",
          "archive_auto_requests",
          "integration_connectors",
          "integration_outbox",
          "integration_exchanges",
          "integration_hr_imports",
          "integration_hr_agents",
          "integration_finance_commitments",
          "billing_statements",
          "billing_statement_lines",
          "billing_sequences",
          "workflow_settings",
          "workflow_agents",
          "leave_types",
          "leave_balances",
          "leave_balance_movements",
          "leave_requests",
          "workflow_history",
          "workflow_notifications",
          "workflow_events",
          "mission_settings",
          "budget_lines",
          "budget_commitments",
          "mission_orders",
          "mission_expenses");

  @Test
  void theApplicationRoleOwnsNothingAndCannotBypassRowLevelSecurity() throws SQLException {
    try (Connection app = Database.asApplication();
        Statement s = app.createStatement()) {
      ResultSet role =
          s.executeQuery(
              "SELECT rolsuper, rolbypassrls, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = current_user");
      assertThat(role.next()).isTrue();
      for (int i = 1; i <= 4; i++) {
        assertThat(role.getBoolean(i)).isFalse();
      }
      ResultSet owned =
          s.executeQuery(
              "SELECT count(*) FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner WHERE r.rolname = current_user");
      owned.next();
      assertThat(owned.getInt(1)).isZero();
    }
  }

  @Test
  void everyTenantOwnedTableHasForcedRowLevelSecurityAndATenantColumn() throws SQLException {
    try (Connection owner = Database.asOwner();
        Statement s = owner.createStatement()) {
      ResultSet tables =
          s.executeQuery(
              "SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity FROM pg_class c"
                  + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                  + " WHERE n.nspname = 'metrocloud' AND c.relkind = 'r'"
                  + " AND EXISTS (SELECT 1 FROM information_schema.columns col WHERE col.table_schema = n.nspname"
                  + " AND col.table_name = c.relname AND col.column_name = 'tenant_id')");
      List<String> found = new ArrayList<>();
      while (tables.next()) {
        found.add(tables.getString(1));
        assertThat(tables.getBoolean(2)).as("RLS enabled on " + tables.getString(1)).isTrue();
        assertThat(tables.getBoolean(3)).as("RLS forced on " + tables.getString(1)).isTrue();
      }
      assertThat(found).containsExactlyInAnyOrderElementsOf(TENANT_OWNED);
      ResultSet policies =
          s.executeQuery(
              "SELECT tablename, count(*) FROM pg_policies WHERE schemaname = 'metrocloud' GROUP BY tablename");
      int tablesWithPolicies = 0;
      while (policies.next()) {
        tablesWithPolicies++;
        assertThat(policies.getInt(2)).as(policies.getString(1)).isEqualTo(2);
      }
      assertThat(tablesWithPolicies).isEqualTo(TENANT_OWNED.size());
    }
  }

  @Test
  void eachModuleKeepsItsOwnMigrationHistory() throws SQLException {
    try (Connection owner = Database.asOwner();
        Statement s = owner.createStatement()) {
      for (String module :
          List.of(
              "platform",
              "audit",
              "tenants",
              "storage",
              "catalog",
              "documents",
              "signatures",
              "parapheur",
              "workflow",
              "billing")) {
        ResultSet r =
            s.executeQuery(
                "SELECT count(*) FROM metrocloud.schema_history_"
                    + module
                    + " WHERE success AND version = '1'");
        r.next();
        assertThat(r.getInt(1)).as(module).isEqualTo(1);
      }
    }
  }

  @Test
  void theProcessEngineHasItsOwnSchemaWhereTheApplicationMayOnlyReadAndWriteRows()
      throws SQLException {
    try (Connection app = Database.asApplication();
        Statement s = app.createStatement()) {
      ResultSet r =
          s.executeQuery(
              "SELECT count(*), bool_and(pg_get_userbyid(c.relowner) = 'metrocloud_owner')"
                  + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                  + " WHERE n.nspname = 'flowable' AND c.relkind = 'r'");
      r.next();
      assertThat(r.getInt(1)).as("Flowable tables").isGreaterThan(20);
      assertThat(r.getBoolean(2)).as("all owned by the schema owner").isTrue();
      ResultSet create =
          s.executeQuery(
              "SELECT has_schema_privilege('flowable', 'CREATE'),"
                  + " has_table_privilege('flowable.act_ru_task', 'TRUNCATE'),"
                  + " has_table_privilege('flowable.act_ru_task', 'DELETE')");
      create.next();
      assertThat(create.getBoolean(1)).as("CREATE on schema flowable").isFalse();
      assertThat(create.getBoolean(2)).as("TRUNCATE on Flowable tables").isFalse();
      assertThat(create.getBoolean(3)).as("the engine deletes finished runtime rows").isTrue();
    }
  }
}
