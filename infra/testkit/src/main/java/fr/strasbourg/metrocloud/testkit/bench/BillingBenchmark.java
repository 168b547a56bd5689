package fr.strasbourg.metrocloud.testkit.bench;

import fr.strasbourg.metrocloud.testkit.ApiClient;
import fr.strasbourg.metrocloud.testkit.Environment;
import fr.strasbourg.metrocloud.testkit.Platform;
import fr.strasbourg.metrocloud.testkit.SampleCommunes;
import fr.strasbourg.metrocloud.testkit.SampleCommunes.Commune;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.postgresql.PGConnection;

/**
 * Billing against raw PostgreSQL, in one run against the platform started by {@code ./metrocloud
 * up}:
 *
 * <ul>
 *   <li><b>ingestion</b>: N usage events through {@code POST /usage/events/{insee}} (batches of
 *       1,000: validation, commune check, one array INSERT … ON CONFLICT DO NOTHING per batch under
 *       Row-Level Security, audit) against a raw {@code COPY} of the same rows into a table of the
 *       same shape and indexes (a temporary {@code LIKE usage_events INCLUDING ALL});
 *   <li><b>billing run</b>: a yearly run of the 33 communes over M usage events of a past year
 *       ({@code POST /billing/runs}: per commune its own transaction, subscriptions, the usage
 *       summed per day in SQL, the rating, the statement and its lines written, the audit) against
 *       the raw SQL aggregate of the same events (sum per commune, service, metric and day).
 * </ul>
 *
 * The year's events are generated once in the database ({@code generate_series}, as the application
 * role bound to each commune) and kept for the next runs. Prints Markdown for {@code
 * docs/performance.md}.
 */
public final class BillingBenchmark {

  private static final int YEAR = Integer.parseInt(Environment.get("bench.billing.year", "2019"));
  private static final String[][] METRICS = {
    {"e-signature", "signatures"},
    {"document-management", "storage.gb-month"},
    {"archiving", "archive.gb-month"},
    {"leave-requests", "active-agents"},
    {"mission-orders", "active-agents"}
  };

  private BillingBenchmark() {}

  public static void main(String[] args) throws Exception {
    int ingested = Integer.parseInt(Environment.get("bench.billing.ingest", "100000"));
    long events = Long.parseLong(Environment.get("bench.billing.events", "10000000"));
    Platform platform = Platform.fromSystem();
    ApiClient operator = platform.operator();
    System.out.println("| Measure | rows | platform | raw PostgreSQL | ratio |");
    System.out.println("|---|---|---|---|---|");
    ingestion(operator, ingested);
    billingRun(platform, events);
  }

  private static Connection connect() throws SQLException {
    Connection c =
        DriverManager.getConnection(
            Environment.get("metrocloud.db.url", "jdbc:postgresql://127.0.0.1:5432/metrocloud"),
            Environment.get("metrocloud.db.app.user", "metrocloud_app"),
            Environment.get("metrocloud.db.app.password", "dev-app-password"));
    return c;
  }

  private static void ingestion(ApiClient operator, int n) throws Exception {
    Commune commune = SampleCommunes.members().get(0);
    String run = UUID.randomUUID().toString().substring(0, 8);
    List<String> batches = new java.util.ArrayList<>();
    StringBuilder copy = new StringBuilder();
    StringBuilder batch = new StringBuilder("[");
    for (int i = 0; i < n; i++) {
      String[] m = METRICS[i % METRICS.length];
      String at =
          String.format(Locale.ROOT, "%d-%02d-%02dT10:00:00Z", YEAR - 1, 1 + i % 12, 1 + i % 28);
      String key = "bench/" + run + "/" + i;
      if (batch.length() > 1) {
        batch.append(',');
      }
      batch
          .append("{\"service\":\"")
          .append(m[0])
          .append("\",\"metric\":\"")
          .append(m[1])
          .append("\",\"quantity\":1,\"occurredAt\":\"")
          .append(at)
          .append("\",\"key\":\"")
          .append(key)
          .append("\",\"source\":\"bench\"}");
      if ((i + 1) % 1000 == 0 || i == n - 1) {
        batches.add(batch.append(']').toString());
        batch = new StringBuilder("[");
      }
      copy.append(UUID.randomUUID())
          .append('\t')
          .append(commune.insee())
          .append('\t')
          .append(m[0])
          .append('\t')
          .append(m[1])
          .append("\t1\t")
          .append(at)
          .append('\t')
          .append(at)
          .append('\t')
          .append("raw/")
          .append(key)
          .append("\tbench\n");
    }
    long start = System.nanoTime();
    int recorded = 0;
    for (String body : batches) {
      ApiClient.Reply r = operator.post("/api/v1/usage/events/" + commune.insee(), body);
      if (r.status() != 200) {
        throw new IllegalStateException(r.toString());
      }
      recorded += r.json().getInt("recorded");
    }
    double platformSeconds = (System.nanoTime() - start) / 1e9;
    if (recorded != n) {
      throw new IllegalStateException("recorded " + recorded + " of " + n);
    }
    double rawSeconds;
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("CREATE TEMPORARY TABLE bench_usage (LIKE metrocloud.usage_events INCLUDING ALL)");
      long t = System.nanoTime();
      ((PGConnection) c)
          .getCopyAPI()
          .copyIn(
              "COPY bench_usage (id, tenant_id, service_code, metric, quantity, occurred_at,"
                  + " recorded_at, idempotency_key, source) FROM STDIN",
              new StringReader(copy.toString()));
      rawSeconds = (System.nanoTime() - t) / 1e9;
    }
    System.out.printf(
        Locale.ROOT,
        "| Ingestion of usage events (API, batches of 1,000) vs COPY | %d | %.2f s (%.0f/s) | %.2f s (%.0f/s) | %.2f× |%n",
        n,
        platformSeconds,
        n / platformSeconds,
        rawSeconds,
        n / rawSeconds,
        platformSeconds / rawSeconds);
  }

  private static void billingRun(Platform platform, long events) throws Exception {
    ApiClient operator = platform.operator();
    List<Commune> communes = SampleCommunes.members();
    long perCommune = events / communes.size();
    for (String[] tariff :
        new String[][] {
          {"e-signature", "52500.00", "150000"},
          {"document-management", "43200.00", "360000"},
          {"archiving", "27000.00", "90000"},
          {"leave-requests", "38400.00", "96000"},
          {"mission-orders", "10800.00", "36000"}
        }) {
      ApiClient.Reply r =
          operator.post(
              "/api/v1/tariffs",
              "{\"service\":\""
                  + tariff[0]
                  + "\",\"validFrom\":\""
                  + YEAR
                  + "-01-01\",\"annualCost\":"
                  + tariff[1]
                  + ",\"annualUnits\":"
                  + tariff[2]
                  + ",\"justification\":\"Banc d'essai de la facturation\"}");
      if (r.status() != 201 && r.status() != 409) {
        throw new IllegalStateException(r.toString());
      }
    }
    try (Connection c = connect()) {
      c.setAutoCommit(false);
      PreparedStatement bind = c.prepareStatement("SELECT set_config('app.tenant_id', ?, true)");
      PreparedStatement count =
          c.prepareStatement(
              "SELECT count(*) FROM metrocloud.usage_events WHERE tenant_id = ? AND source = 'bench-load'"
                  + " AND occurred_at >= make_date(?, 1, 1) AND occurred_at < make_date(? + 1, 1, 1)");
      PreparedStatement load =
          c.prepareStatement(
              "INSERT INTO metrocloud.usage_events (id, tenant_id, service_code, metric, quantity,"
                  + " occurred_at, recorded_at, idempotency_key, source)"
                  + " SELECT gen_random_uuid(), ?, m.service, m.metric, 1,"
                  + " make_timestamptz(?, 1, 1, 12, 0, 0, 'Europe/Paris') + (g % 365) * interval '1 day',"
                  + " now(), 'bench-load/' || ? || '/' || g, 'bench-load'"
                  + " FROM generate_series(1, ?) AS g"
                  + " JOIN (VALUES (0, 'e-signature', 'signatures'), (1, 'document-management', 'storage.gb-month'),"
                  + " (2, 'archiving', 'archive.gb-month'), (3, 'leave-requests', 'active-agents'),"
                  + " (4, 'mission-orders', 'active-agents')) AS m(i, service, metric) ON m.i = g % 5"
                  + " ON CONFLICT DO NOTHING");
      long present = 0;
      long startLoad = System.nanoTime();
      for (Commune commune : communes) {
        bind.setString(1, commune.insee());
        bind.executeQuery().close();
        count.setString(1, commune.insee());
        count.setInt(2, YEAR);
        count.setInt(3, YEAR);
        long have;
        try (ResultSet r = count.executeQuery()) {
          r.next();
          have = r.getLong(1);
        }
        if (have < perCommune) {
          load.setString(1, commune.insee());
          load.setInt(2, YEAR);
          load.setString(3, Integer.toString(YEAR));
          load.setLong(4, perCommune);
          load.executeUpdate();
        }
        c.commit();
        present += perCommune;
      }
      System.err.printf(
          Locale.ROOT,
          "(events of %d ready in %.0f s)%n",
          YEAR,
          (System.nanoTime() - startLoad) / 1e9);
      c.setAutoCommit(true);
      try (Statement s = c.createStatement()) {
        s.execute("ANALYZE metrocloud.usage_events");
      }
      long t = System.nanoTime();
      long rows = 0;
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.executeQuery("SELECT set_config('app.cross_tenant_read', 'on', true)").close();
        try (ResultSet r =
            s.executeQuery(
                "SELECT e.tenant_id, e.service_code, e.metric,"
                    + " (e.occurred_at AT TIME ZONE 'Europe/Paris')::date, sum(e.quantity), count(*)"
                    + " FROM metrocloud.usage_events e JOIN metrocloud.catalog_services s"
                    + " ON s.code = e.service_code AND s.usage_metric = e.metric"
                    + " WHERE e.occurred_at >= make_timestamptz("
                    + YEAR
                    + ", 1, 1, 0, 0, 0, 'Europe/Paris') AND e.occurred_at < make_timestamptz("
                    + (YEAR + 1)
                    + ", 1, 1, 0, 0, 0, 'Europe/Paris') GROUP BY 1, 2, 3, 4")) {
          while (r.next()) {
            rows++;
          }
        }
      }
      c.commit();
      double rawSeconds = (System.nanoTime() - t) / 1e9;
      // a fresh token (generating the events may take longer than one lives) and a client that
      // waits as long as the run takes (ApiClient gives up after a minute)
      java.net.http.HttpRequest request =
          java.net.http.HttpRequest.newBuilder(
                  java.net.URI.create(platform.env().apiUrl() + "/api/v1/billing/runs"))
              .timeout(java.time.Duration.ofMinutes(15))
              .header(
                  "Authorization",
                  "Bearer "
                      + fr.strasbourg.metrocloud.testkit.KeycloakAdmin.automationToken(
                          platform.env()))
              .header("Content-Type", "application/json")
              .header("Accept", "application/json")
              .POST(
                  java.net.http.HttpRequest.BodyPublishers.ofString(
                      "{\"frequency\":\"YEARLY\",\"periodStart\":\"" + YEAR + "-01-01\"}"))
              .build();
      long start = System.nanoTime();
      java.net.http.HttpResponse<String> run =
          java.net.http.HttpClient.newHttpClient()
              .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
      double platformSeconds = (System.nanoTime() - start) / 1e9;
      if (run.statusCode() != 200) {
        throw new IllegalStateException(run.statusCode() + " " + run.body());
      }
      long computed =
          jakarta.json.Json.createReader(new StringReader(run.body()))
              .readObject()
              .getJsonArray("communes")
              .getValuesAs(JsonObject.class)
              .stream()
              .filter(o -> o.getString("result").equals("COMPUTED"))
              .count();
      System.out.printf(
          Locale.ROOT,
          "| Yearly billing run of %d communes (%d computed) vs raw SQL aggregate (%d rows) | %d | %.2f s | %.2f s | %.2f× |%n",
          communes.size(),
          computed,
          rows,
          present,
          platformSeconds,
          rawSeconds,
          platformSeconds / rawSeconds);
    }
  }
}
