package fr.strasbourg.metrocloud.bench;

import com.sun.net.httpserver.HttpServer;
import fr.strasbourg.metrocloud.testkit.ApiClient;
import fr.strasbourg.metrocloud.testkit.Environment;
import fr.strasbourg.metrocloud.testkit.Platform;
import fr.strasbourg.metrocloud.testkit.SampleCommunes.Commune;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The connectors' delivery path against a raw POST of the same records, in one run against the
 * platform started by {@code ./metrocloud up}. A counterpart (HTTP server in this JVM, Basic
 * authentication, idempotency keys) receives:
 *
 * <ul>
 *   <li><b>raw</b>: N records POSTed one after the other by this JVM with the same headers and
 *       bodies;
 *   <li><b>platform</b>: N records written to the commune's outbox in one transaction (as a
 *       business transaction would), then delivered by the platform's dispatcher through the Camel
 *       route: claim, credentials unsealed, POST, outcome and exchange-log row, per record.
 * </ul>
 *
 * Prints Markdown for {@code docs/performance.md}. Uses a test commune (INSEE 67942).
 */
public final class IntegrationBenchmark {

  private static final Commune COMMUNE =
      new Commune("67942", "Commune d'essai connecteurs", "67000", 1000);
  private static final String USER = "bench";
  private static final String PASSWORD = "bench-secret";

  private IntegrationBenchmark() {}

  public static void main(String[] args) throws Exception {
    int n = Integer.parseInt(Environment.get("bench.integration.count", "2000"));
    Set<String> received = ConcurrentHashMap.newKeySet();
    AtomicLong first = new AtomicLong();
    AtomicLong last = new AtomicLong();
    String auth =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    HttpServer sink = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    sink.setExecutor(Executors.newFixedThreadPool(4));
    sink.createContext(
        "/",
        exchange -> {
          try (exchange;
              InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
            if (!auth.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
              exchange.sendResponseHeaders(401, -1);
              return;
            }
            if ("POST".equals(exchange.getRequestMethod())) {
              String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
              if (key != null && received.add(key)) {
                long now = System.nanoTime();
                first.compareAndSet(0, now);
                last.set(now);
              }
            }
            exchange.sendResponseHeaders(204, -1);
          }
        });
    sink.start();
    String base = "http://127.0.0.1:" + sink.getAddress().getPort() + "/rh";
    try {
      Platform platform = Platform.fromSystem();
      platform.ensureActiveCommune(COMMUNE);
      ApiClient admin = platform.as(Platform.adminOf(COMMUNE), COMMUNE);
      ApiClient.Reply r =
          admin.send(
              "PUT",
              "/api/v1/integration/connectors/HR",
              "{\"transport\":\"REST\",\"endpoint\":\""
                  + base
                  + "\",\"username\":\""
                  + USER
                  + "\",\"secret\":\""
                  + PASSWORD
                  + "\"}",
              "application/json");
      if (r.status() != 200) {
        throw new IllegalStateException("Connector: " + r);
      }
      String run = UUID.randomUUID().toString().substring(0, 8);

      // raw: the same records POSTed one after the other
      HttpClient http = HttpClient.newHttpClient();
      for (int i = 0; i < 200; i++) {
        post(http, base, auth, "warmup-" + run + "-" + i);
      }
      received.clear();
      long rawStart = System.nanoTime();
      for (int i = 0; i < n; i++) {
        post(http, base, auth, COMMUNE.insee() + ":raw-" + run + "-" + i);
      }
      double rawSeconds = (System.nanoTime() - rawStart) / 1e9;
      received.clear();
      first.set(0);

      // platform: the outbox written in one transaction, delivered by the dispatcher
      long enqueued = System.nanoTime();
      fillOutbox("bench-" + run, n);
      long deadline = System.nanoTime() + 600_000_000_000L;
      while (received.size() < n && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      long done = System.nanoTime();
      if (received.size() < n) {
        throw new IllegalStateException("Only " + received.size() + " of " + n + " delivered");
      }
      double pickup = (first.get() - enqueued) / 1e9;
      double deliverySeconds = (last.get() - first.get()) / 1e9;
      double endToEnd = (done - enqueued) / 1e9;

      System.out.println();
      System.out.println(
          "| " + n + " records to the HR counterpart (HTTP, loopback) | per second | total (s) |");
      System.out.println("|---|---:|---:|");
      System.out.printf(
          Locale.ROOT,
          "| Raw POST, sequential, same headers and bodies | %.1f | %.2f |%n",
          n / rawSeconds,
          rawSeconds);
      System.out.printf(
          Locale.ROOT,
          "| Platform: outbox → dispatcher → Camel → POST, first to last delivery | %.1f | %.2f |%n",
          n / deliverySeconds,
          deliverySeconds);
      System.out.printf(
          Locale.ROOT,
          "| Platform, from the outbox commit (incl. %.2f s until the scan picked it up) | %.1f | %.2f |%n",
          pickup,
          n / endToEnd,
          endToEnd);
      System.out.printf(
          Locale.ROOT,
          "%n**Platform / raw time per record: %.2f×**%n",
          deliverySeconds / rawSeconds);
      sftp(
          platform,
          admin,
          Integer.parseInt(Environment.get("bench.integration.sftp-count", "1000")));
    } finally {
      sink.stop(0);
      ((java.util.concurrent.ExecutorService) sink.getExecutor()).shutdownNow();
    }
  }

  /**
   * The same over SFTP (Apache MINA SSHD server in this JVM): raw = one SFTP session of this JVM
   * writing N one-record CSV files (temporary name, then rename, as the platform does); platform =
   * N outbox rows delivered by the dispatcher through the Camel sftp route.
   */
  private static void sftp(Platform platform, ApiClient admin, int n) throws Exception {
    java.nio.file.Path root = java.nio.file.Files.createTempDirectory("bench-sftp");
    fr.strasbourg.metrocloud.testkit.SftpSimulator server =
        new fr.strasbourg.metrocloud.testkit.SftpSimulator(USER, PASSWORD, root).start();
    try {
      ApiClient.Reply r =
          admin.send(
              "PUT",
              "/api/v1/integration/connectors/HR",
              "{\"transport\":\"SFTP\",\"endpoint\":\""
                  + server.endpoint("rh")
                  + "\",\"username\":\""
                  + USER
                  + "\",\"secret\":\""
                  + PASSWORD
                  + "\"}",
              "application/json");
      if (r.status() != 200) {
        throw new IllegalStateException("Connector: " + r);
      }
      String run = UUID.randomUUID().toString().substring(0, 8);
      // raw: one session, N files
      double rawSeconds;
      try (org.apache.sshd.client.SshClient client =
          org.apache.sshd.client.SshClient.setUpDefaultClient()) {
        client.start();
        try (org.apache.sshd.client.session.ClientSession session =
            client.connect(USER, "127.0.0.1", server.port()).verify(10_000).getSession()) {
          session.addPasswordIdentity(PASSWORD);
          session.auth().verify(10_000);
          try (org.apache.sshd.sftp.client.SftpClient sftp =
              org.apache.sshd.sftp.client.SftpClientFactory.instance().createSftpClient(session)) {
            sftp.mkdir("raw");
            for (int i = 0; i < 100; i++) {
              rawFile(sftp, "warmup-" + run + "-" + i);
            }
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
              rawFile(sftp, COMMUNE.insee() + ":raw-" + run + "-" + i);
            }
            rawSeconds = (System.nanoTime() - start) / 1e9;
          }
        }
      }
      // platform: the outbox in one transaction, files delivered by the dispatcher
      long enqueued = System.nanoTime();
      fillOutbox("sftp-" + run, n);
      java.nio.file.Path dir = root.resolve("rh/import/leave.approved");
      long deadline = System.nanoTime() + 900_000_000_000L;
      long firstSeen = 0;
      int count = 0;
      while (System.nanoTime() < deadline) {
        count = server.files("rh/import/leave.approved").size();
        if (count > 0 && firstSeen == 0) {
          firstSeen = System.nanoTime();
        }
        if (count >= n) {
          break;
        }
        Thread.sleep(20);
      }
      long done = System.nanoTime();
      if (count < n) {
        throw new IllegalStateException(
            "Only " + count + " of " + n + " files delivered over SFTP");
      }
      double delivery = (done - firstSeen) / 1e9;
      double endToEnd = (done - enqueued) / 1e9;
      System.out.println();
      System.out.println(
          "| "
              + n
              + " records to the HR counterpart over SFTP (one CSV file each, loopback) | per second | total (s) |");
      System.out.println("|---|---:|---:|");
      System.out.printf(
          Locale.ROOT,
          "| Raw SFTP, one session, write + rename per file | %.1f | %.2f |%n",
          n / rawSeconds,
          rawSeconds);
      System.out.printf(
          Locale.ROOT,
          "| Platform: outbox → dispatcher → Camel sftp → file, first to last file | %.1f | %.2f |%n",
          n / delivery,
          delivery);
      System.out.printf(
          Locale.ROOT,
          "| Platform, from the outbox commit | %.1f | %.2f |%n",
          n / endToEnd,
          endToEnd);
      System.out.printf(
          Locale.ROOT,
          "%n**Platform / raw time per record over SFTP: %.2f×**%n",
          delivery / rawSeconds);
      if (!java.nio.file.Files.isDirectory(dir)) {
        throw new IllegalStateException("no delivery directory");
      }
    } finally {
      server.stop();
    }
  }

  /**
   * Writes {@code n} HR records to the test commune's outbox in one transaction, as a business
   * transaction would (keys {@code <prefix>-<i>}).
   */
  private static void fillOutbox(String prefix, int n) throws java.sql.SQLException {
    try (Connection c =
        DriverManager.getConnection(
            Environment.get("metrocloud.db.url", "jdbc:postgresql://127.0.0.1:5432/metrocloud"),
            Environment.get("metrocloud.db.app.user", "metrocloud_app"),
            Environment.get("metrocloud.db.app.password", "dev-app-password"))) {
      c.setAutoCommit(false);
      try (PreparedStatement bind =
          c.prepareStatement("SELECT set_config('app.tenant_id', ?, true)")) {
        bind.setString(1, COMMUNE.insee());
        bind.execute();
      }
      try (PreparedStatement insert =
          c.prepareStatement(
              "INSERT INTO integration_outbox (id, tenant_id, connector, flow, idempotency_key,"
                  + " payload, status, next_attempt_at, created_at) VALUES (?, ?, 'HR',"
                  + " 'leave.approved', ?, ?, 'PENDING', ?, ?)")) {
        Timestamp now = Timestamp.from(Instant.now());
        for (int i = 0; i < n; i++) {
          insert.setObject(1, UUID.randomUUID());
          insert.setString(2, COMMUNE.insee());
          insert.setString(3, prefix + "-" + i);
          insert.setString(4, body(prefix + "-" + i));
          insert.setTimestamp(5, now);
          insert.setTimestamp(6, now);
          insert.addBatch();
        }
        insert.executeBatch();
      }
      c.commit();
    }
  }

  private static void rawFile(org.apache.sshd.sftp.client.SftpClient sftp, String key)
      throws java.io.IOException {
    String name = key.replaceAll("[^A-Za-z0-9._-]+", "_") + ".csv";
    try (java.io.OutputStream out = sftp.write("raw/.part-" + name)) {
      out.write(
          ("cle_idempotence;payload\r\n" + key + ";\"" + body(key).replace("\"", "\"\"") + "\"\r\n")
              .getBytes(StandardCharsets.UTF_8));
    }
    sftp.rename(
        "raw/.part-" + name,
        "raw/" + name,
        org.apache.sshd.sftp.client.SftpClient.CopyMode.Overwrite);
  }

  private static String body(String key) {
    return "{\"requestId\":\""
        + key
        + "\",\"commune\":\""
        + COMMUNE.insee()
        + "\",\"agent\":\"agent.essai\",\"type\":\"CA\",\"startDate\":\"2027-06-07\","
        + "\"startHalf\":\"MORNING\",\"endDate\":\"2027-06-08\",\"endHalf\":\"AFTERNOON\","
        + "\"workingDays\":2}";
  }

  private static void post(HttpClient http, String base, String auth, String key) throws Exception {
    HttpResponse<Void> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/leave.approved"))
                .header("Authorization", auth)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .header("X-Correlation-Id", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(body(key)))
                .build(),
            HttpResponse.BodyHandlers.discarding());
    if (r.statusCode() != 204) {
      throw new IllegalStateException("Sink answered " + r.statusCode());
    }
  }
}
