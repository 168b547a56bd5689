package fr.strasbourg.metrocloud.app.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** Direct JDBC connections to the test database, as the schema owner or as the application role. */
public final class Database {

  private Database() {}

  public static Connection asOwner() throws SQLException {
    return DriverManager.getConnection(
        url(),
        System.getProperty("metrocloud.db.owner.user"),
        System.getProperty("metrocloud.db.owner.password"));
  }

  public static Connection asApplication() throws SQLException {
    return DriverManager.getConnection(
        url(),
        System.getProperty("metrocloud.db.app.user"),
        System.getProperty("metrocloud.db.app.password"));
  }

  private static String url() {
    return System.getProperty(
        "metrocloud.db.url", "jdbc:postgresql://127.0.0.1:5432/metrocloud_test");
  }

  /**
   * The first column of a query's rows, read as the schema owner bound to one commune: the owner is
   * under the forced Row-Level Security policies too.
   */
  public static java.util.List<String> asCommune(String insee, String sql, String parameter)
      throws SQLException {
    try (Connection owner = asOwner();
        java.sql.PreparedStatement bind =
            owner.prepareStatement("SELECT set_config('app.tenant_id', ?, false)");
        java.sql.PreparedStatement query = owner.prepareStatement(sql)) {
      bind.setString(1, insee);
      bind.executeQuery().close();
      query.setString(1, parameter);
      java.util.List<String> out = new java.util.ArrayList<>();
      try (java.sql.ResultSet r = query.executeQuery()) {
        while (r.next()) {
          out.add(r.getString(1));
        }
      }
      return out;
    }
  }

  /**
   * The HR connector's events about one subject (a leave request, a mission order), oldest first.
   */
  public static java.util.List<String> workflowEvents(String insee, String subjectId)
      throws SQLException {
    return asCommune(
        insee,
        "SELECT event_type FROM metrocloud.workflow_events WHERE subject_id = ?::uuid ORDER BY at",
        subjectId);
  }
}
