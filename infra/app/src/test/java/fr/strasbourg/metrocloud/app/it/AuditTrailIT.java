package fr.strasbourg.metrocloud.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.strasbourg.metrocloud.app.support.Database;
import fr.strasbourg.metrocloud.app.support.PlatformTestBase;
import fr.strasbourg.metrocloud.testkit.ApiClient;
import fr.strasbourg.metrocloud.testkit.Platform;
import fr.strasbourg.metrocloud.testkit.SampleCommunes;
import fr.strasbourg.metrocloud.testkit.SampleCommunes.Commune;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The hash-chained audit trail: what it records, its verification, and tampering detected at the
 * right entry.
 */
class AuditTrailIT extends PlatformTestBase {

  private static final Commune HANGENBIETEN = SampleCommunes.HANGENBIETEN;

  @Test
  void actionsAreRecordedChainedAndVerifiedAndTamperingIsDetectedAtTheAlteredEntry()
      throws SQLException {
    platform.ensureActiveCommune(HANGENBIETEN);
    ApiClient admin = platform.as(Platform.adminOf(HANGENBIETEN), HANGENBIETEN);
    String id =
        assertOk(admin.post("/api/v1/subscriptions", "{\"service\":\"mission-orders\"}"), 201)
            .json()
            .getString("id");
    assertOk(admin.delete("/api/v1/subscriptions/" + id), 200);

    // The commune administrator reads the trail: who, what, when, outcome, each entry with its hash
    List<JsonObject> events =
        admin.get("/api/v1/audit/events?limit=50").jsonArray().getValuesAs(JsonObject.class);
    assertThat(events)
        .extracting(e -> e.getString("action"))
        .contains(
            "tenants.tenant.registered",
            "tenants.provisioning.completed",
            "catalog.subscription.created",
            "catalog.subscription.ended");
    JsonObject created =
        events.stream()
            .filter(e -> e.getString("action").equals("catalog.subscription.created"))
            .findFirst()
            .orElseThrow();
    assertThat(created.getString("actor")).isEqualTo(Platform.adminOf(HANGENBIETEN));
    assertThat(created.getString("actorKind")).isEqualTo("COMMUNE_USER");
    assertThat(created.getString("outcome")).isEqualTo("SUCCESS");
    assertThat(created.getJsonObject("details").getString("service")).isEqualTo("mission-orders");
    assertThat(created.getString("hash")).hasSize(64);
    JsonObject registered =
        events.stream()
            .filter(e -> e.getString("action").equals("tenants.tenant.registered"))
            .findFirst()
            .orElseThrow();
    assertThat(registered.getString("actorKind")).isEqualTo("OPERATOR");

    ApiClient operator = platform.operator();
    JsonObject report =
        assertOk(operator.get("/api/v1/audit/verify?tenant=" + HANGENBIETEN.insee()), 200).json();
    assertThat(report.getBoolean("valid")).isTrue();
    int entries = report.getInt("verifiedEntries");
    assertThat(entries).isGreaterThanOrEqualTo(4);
    assertThat(report.containsKey("firstBrokenEntry")).isFalse();

    // Someone with direct database access rewrites the author of entry 2
    try (Connection owner = Database.asOwner();
        PreparedStatement update =
            owner.prepareStatement(
                "UPDATE audit_events SET actor_username = 'mallory' WHERE tenant_id = ? AND seq = 2")) {
      // The owner is under the forced policies too: it has to claim the tenant like the application
      // does
      owner
          .createStatement()
          .execute("SELECT set_config('app.tenant_id', '" + HANGENBIETEN.insee() + "', false)");
      update.setString(1, HANGENBIETEN.insee());
      assertThat(update.executeUpdate()).isEqualTo(1);
    }
    JsonObject broken =
        assertOk(operator.get("/api/v1/audit/verify?tenant=" + HANGENBIETEN.insee()), 200).json();
    assertThat(broken.getBoolean("valid")).isFalse();
    assertThat(broken.getJsonObject("firstBrokenEntry").getInt("seq")).isEqualTo(2);
    assertThat(broken.getJsonObject("firstBrokenEntry").getString("reason"))
        .isEqualTo("CONTENT_ALTERED");
    assertThat(broken.getInt("verifiedEntries")).isEqualTo(1);

    // The verification itself is recorded in the platform's trail
    assertThat(
            operator
                .get("/api/v1/audit/events?tenant=platform&limit=20")
                .jsonArray()
                .getValuesAs(JsonObject.class))
        .extracting(e -> e.getString("action"))
        .contains("audit.chain.verified");
  }

  @Test
  void theApplicationRoleCannotUpdateDeleteOrTruncateAuditEntries() throws SQLException {
    platform.ensureActiveCommune(HANGENBIETEN);
    try (Connection app = Database.asApplication()) {
      app.setAutoCommit(false);
      try (Statement bind = app.createStatement()) {
        bind.execute("SELECT set_config('app.tenant_id', '" + HANGENBIETEN.insee() + "', true)");
      }
      for (String sql :
          List.of(
              "UPDATE audit_events SET outcome = 'DENIED' WHERE tenant_id = '67182'",
              "DELETE FROM audit_events WHERE tenant_id = '67182'",
              "TRUNCATE audit_events",
              "UPDATE usage_events SET quantity = 0",
              "DELETE FROM tenants WHERE tenant_id = '67182'")) {
        assertThatThrownBy(
                () -> {
                  try (Statement s = app.createStatement()) {
                    s.executeUpdate(sql);
                  }
                })
            .as(sql)
            .isInstanceOfSatisfying(
                SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
        app.rollback();
        try (Statement bind = app.createStatement()) {
          bind.execute("SELECT set_config('app.tenant_id', '" + HANGENBIETEN.insee() + "', true)");
        }
      }
    }
  }

  @Test
  void verificationIsForTheOperatorAndValidatesItsInput() {
    platform.ensureActiveCommune(HANGENBIETEN);
    ApiClient admin = platform.as(Platform.adminOf(HANGENBIETEN), HANGENBIETEN);
    assertProblem(admin.get("/api/v1/audit/verify?tenant=67182"), 403, "forbidden");
    ApiClient operator = platform.operator();
    assertProblem(operator.get("/api/v1/audit/verify"), 400, "tenant-required");
    assertProblem(operator.get("/api/v1/audit/verify?tenant=67%27--"), 400, "invalid-insee-code");
    assertProblem(
        operator.get("/api/v1/audit/events?tenant=67182&limit=100000"), 400, "invalid-limit");
  }
}
