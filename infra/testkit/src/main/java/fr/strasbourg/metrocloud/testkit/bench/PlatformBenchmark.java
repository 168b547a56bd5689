package fr.strasbourg.metrocloud.testkit.bench;

import fr.strasbourg.metrocloud.testkit.ApiClient;
import fr.strasbourg.metrocloud.testkit.Environment;
import fr.strasbourg.metrocloud.testkit.Platform;
import fr.strasbourg.metrocloud.testkit.SampleCommunes;
import fr.strasbourg.metrocloud.testkit.SampleCommunes.Commune;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Measures, against a running platform ({@code ./metrocloud up}), what the foundation promises:
 * provisioning a new commune through the API in seconds, the latency of typical requests of a
 * commune's user, and the cost of binding a transaction to its tenant. Prints a Markdown table for
 * {@code docs/performance.md}. Test communes it provisions (INSEE 679xx, "Commune d'essai") are
 * decommissioned at the end.
 */
public final class PlatformBenchmark {

  private PlatformBenchmark() {}

  public static void main(String[] args) throws Exception {
    int communes = Integer.parseInt(Environment.get("bench.communes", "5"));
    int requests = Integer.parseInt(Environment.get("bench.requests", "1000"));
    Platform platform = Platform.fromSystem();
    System.out.println("| Measure | n | p50 | p95 | max |");
    System.out.println("|---|---|---|---|---|");
    provisioning(platform, communes);
    requests(platform, requests);
    binding(requests * 5);
  }

  private static void provisioning(Platform platform, int n) {
    ApiClient operator = platform.operator();
    Set<String> taken = new HashSet<>();
    operator
        .get("/api/v1/tenants")
        .jsonArray()
        .getValuesAs(JsonObject.class)
        .forEach(t -> taken.add(t.getString("insee")));
    List<Double> provision = new ArrayList<>();
    List<Double> suspendResume = new ArrayList<>();
    List<Double> decommission = new ArrayList<>();
    int code = 67901;
    for (int i = 0; i < n; i++) {
      while (taken.contains(Integer.toString(code))) {
        code++;
      }
      Commune c =
          new Commune(Integer.toString(code++), "Commune d'essai " + (i + 1), "67000", 1000 + i);
      provision.add(
          time(() -> expect(operator.post("/api/v1/tenants", Platform.registration(c)), 201)));
      suspendResume.add(
          time(
              () -> {
                expect(
                    operator.post(
                        "/api/v1/tenants/" + c.insee() + "/suspend",
                        "{\"reason\":\"banc d'essai\"}"),
                    200);
                return expect(operator.post("/api/v1/tenants/" + c.insee() + "/resume", "{}"), 200);
              }));
      expect(
          operator.post(
              "/api/v1/tenants/" + c.insee() + "/suspend", "{\"reason\":\"fin du banc d'essai\"}"),
          200);
      decommission.add(
          time(
              () ->
                  expect(
                      operator.post(
                          "/api/v1/tenants/" + c.insee() + "/decommission",
                          "{\"reason\":\"banc d'essai\"}"),
                      200)));
    }
    row(
        "POST /tenants (provision a commune: row, Keycloak organization, administrator, registry)",
        provision);
    row("suspend + resume a commune", suspendResume);
    row("decommission a commune (organization disabled)", decommission);
  }

  private static void requests(Platform platform, int n) {
    ApiClient admin =
        platform.as(Platform.adminOf(SampleCommunes.STRASBOURG), SampleCommunes.STRASBOURG);
    for (String path :
        List.of(
            "/api/v1/me",
            "/api/v1/subscriptions",
            "/api/v1/catalog/services",
            "/api/v1/audit/events?limit=20")) {
      for (int i = 0; i < 200; i++) {
        expect(admin.get(path), 200);
      }
      List<Double> samples = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        samples.add(time(() -> expect(admin.get(path), 200)));
      }
      row("GET " + path + " (commune administrator, sequential)", samples);
    }
    ApiClient anonymous = platform.anonymous();
    List<Double> health = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      health.add(time(() -> expect(anonymous.get("/health/live"), 200)));
    }
    row("GET /health/live (no token, no database: HTTP baseline)", health);
  }

  /** The tenant binding's extra round trip, measured directly on the application role. */
  private static void binding(int n) throws SQLException {
    String url =
        Environment.get("metrocloud.db.url", "jdbc:postgresql://127.0.0.1:5432/metrocloud");
    try (Connection c =
        DriverManager.getConnection(
            url,
            Environment.get("metrocloud.db.app.user", "metrocloud_app"),
            Environment.get("metrocloud.db.app.password", "dev-app-password"))) {
      c.setAutoCommit(false);
      PreparedStatement bind =
          c.prepareStatement(
              "SELECT set_config('app.tenant_id', ?, true), set_config('app.cross_tenant_read', 'off', true)");
      PreparedStatement query = c.prepareStatement("SELECT count(*) FROM subscriptions");
      List<Double> bound = new ArrayList<>();
      List<Double> unbound = new ArrayList<>();
      for (int i = 0; i < n + 500; i++) {
        double b = time(() -> run(c, bind, query, true));
        double u = time(() -> run(c, bind, query, false));
        if (i >= 500) {
          bound.add(b);
          unbound.add(u);
        }
      }
      row("JDBC transaction: bind tenant + SELECT (RLS filters)", bound);
      row("JDBC transaction: SELECT only (no binding: sees nothing)", unbound);
    }
  }

  private static long run(
      Connection c, PreparedStatement bind, PreparedStatement query, boolean withBinding) {
    try {
      if (withBinding) {
        bind.setString(1, SampleCommunes.STRASBOURG.insee());
        try (ResultSet r = bind.executeQuery()) {
          r.next();
        }
      }
      long count;
      try (ResultSet r = query.executeQuery()) {
        r.next();
        count = r.getLong(1);
      }
      c.commit();
      return count;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ApiClient.Reply expect(ApiClient.Reply reply, int status) {
    if (reply.status() != status) {
      throw new IllegalStateException("Expected " + status + ": " + reply);
    }
    return reply;
  }

  private static double time(Supplier<?> action) {
    long start = System.nanoTime();
    action.get();
    return (System.nanoTime() - start) / 1_000_000.0;
  }

  private static void row(String what, List<Double> millis) {
    double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    System.out.printf(
        "| %s | %d | %s | %s | %s |%n",
        what,
        sorted.length,
        ms(percentile(sorted, 0.50)),
        ms(percentile(sorted, 0.95)),
        ms(sorted[sorted.length - 1]));
  }

  private static double percentile(double[] sorted, double p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
  }

  private static String ms(double v) {
    return v >= 100
        ? String.format("%.0f ms", v)
        : v >= 1 ? String.format("%.1f ms", v) : String.format("%.3f ms", v);
  }

  static List<Double> list(double... v) {
    return Arrays.stream(v).boxed().toList();
  }
}
