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
}
