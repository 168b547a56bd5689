package fr.strasbourg.metrocloud.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * The communes' HR and finance software as the demo sees them: one small HTTP server (started by
 * {@code ./metrocloud up}) with an HR API under {@code /rh} and a finance API under {@code
 * /finances}. Each takes records by POST to {@code /<api>/<flow>} with Basic authentication ({@code
 * metrocloud} / {@code demo-secret}), applies each idempotency key once, appends what it applied to
 * {@code <dir>/<api>.jsonl}, and lists it at {@code GET /<api>/records}. The HR software exports
 * its agents at {@code GET /rh/agents} (CSV) and over SFTP (port + 22, {@code rh/export/}); the
 * finance software answers budget checks at {@code POST /finances/commitments}.
 */
public final class CounterpartSimulators {

  public static final String USER = "metrocloud";
  public static final String PASSWORD = "demo-secret";

  private final Path dir;
  private final Map<String, String> applied = new ConcurrentHashMap<>();
  private final Map<String, String> commitments = new ConcurrentHashMap<>();

  private CounterpartSimulators(Path dir) {
    this.dir = dir;
  }

  public static void main(String[] args) throws IOException {
    int port = Integer.parseInt(args.length > 0 ? args[0] : "9400");
    Path dir = Path.of(args.length > 1 ? args[1] : ".run/simulators");
    Files.createDirectories(dir);
    CounterpartSimulators simulators = new CounterpartSimulators(dir);
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/rh", e -> simulators.handle("rh", e));
    server.createContext("/finances", e -> simulators.handle("finances", e));
    server.start();
    // the same software's SFTP side: files exchanged under rh/ (export/ for the platform, import/
    // from it)
    SftpSimulator sftp = new SftpSimulator(USER, PASSWORD, dir.resolve("sftp")).start(port + 22);
    if (sftp.files("rh/export").isEmpty()) {
      sftp.drop("rh/export/agents-demo.csv", demoAgentsFile());
    }
    System.out.println(
        "Counterpart simulators on http://127.0.0.1:"
            + port
            + " (/rh, /finances) and sftp://127.0.0.1:"
            + sftp.port()
            + "/rh");
  }

  /**
   * The HR software's export of Strasbourg's agents: a manager and two agents (one line saved in
   * Latin-1 by another tool), a leaver, and a line without e-mail that the import reports.
   */
  static byte[] demoAgentsFile() {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.writeBytes(
        ("identifiant;nom;prenom;courriel;service;responsable;rythme;solde_ca;solde_rtt;date_sortie\n"
                + "rh.demo.muller;Muller;Léa;lea.muller@strasbourg.example.org;Direction des"
                + " ressources humaines;;MON,TUE,WED,THU,FRI;27;12;\n"
                + "rh.demo.schoen;Schœnberg;Zoé;zoe.schoenberg@strasbourg.example.org;Direction des"
                + " ressources humaines;rh.demo.muller;MON,TUE,WED_AM,THU,FRI;22,5;6;\n")
            .getBytes(StandardCharsets.UTF_8));
    out.writeBytes(
        ("rh.demo.francois;François;Émile;emile.francois@strasbourg.example.org;Service"
                + " paie;rh.demo.muller;MON,TUE,WED,THU,FRI;25;10;\n")
            .getBytes(java.nio.charset.Charset.forName("ISO-8859-1")));
    out.writeBytes(
        ("rh.demo.klein;Klein;Marc;marc.klein@strasbourg.example.org;Service"
                + " paie;rh.demo.muller;;0;0;31/08/2026\n"
                + "rh.demo.sanscourriel;Weber;Anne;;Service paie;rh.demo.muller;;;;\n")
            .getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  private void handle(String api, HttpExchange exchange) throws IOException {
    try (exchange;
        InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readAllBytes();
      String expected =
          "Basic "
              + Base64.getEncoder()
                  .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
      if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
        exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"" + api + "\"");
        exchange.sendResponseHeaders(401, -1);
        return;
      }
      String path = exchange.getRequestURI().getPath();
      if (exchange.getRequestMethod().equals("GET") && path.equals("/rh/agents")) {
        byte[] csv = demoAgentsFile();
        exchange.getResponseHeaders().add("Content-Type", "text/csv");
        exchange.sendResponseHeaders(200, csv.length);
        exchange.getResponseBody().write(csv);
        return;
      }
      if (exchange.getRequestMethod().equals("GET")) {
        byte[] answer =
            path.endsWith("/records")
                ? records(api)
                : "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, answer.length);
        exchange.getResponseBody().write(answer);
        return;
      }
      String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
      if (!exchange.getRequestMethod().equals("POST") || key == null) {
        exchange.sendResponseHeaders(400, -1);
        return;
      }
      String flow = path.substring(path.lastIndexOf('/') + 1);
      if (path.equals("/finances/commitments")) {
        // the finance software's budget check: every commitment accepted, numbered once per key
        String number =
            commitments.computeIfAbsent(
                key,
                k ->
                    "FIN-"
                        + java.time.Year.now()
                        + "-"
                        + String.format("%05d", commitments.size() + 1));
        byte[] answer =
            ("{\"accepted\":true,\"commitmentNumber\":\"" + number + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(201, answer.length);
        exchange.getResponseBody().write(answer);
        return;
      }
      if (applied.putIfAbsent(api + " " + key, flow) == null) {
        String line =
            Json.createObjectBuilder()
                    .add("receivedAt", Instant.now().toString())
                    .add("flow", flow)
                    .add("idempotencyKey", key)
                    .add("record", new String(body, StandardCharsets.UTF_8))
                    .build()
                + "\n";
        synchronized (this) {
          Files.writeString(
              dir.resolve(api + ".jsonl"),
              line,
              StandardCharsets.UTF_8,
              StandardOpenOption.CREATE,
              StandardOpenOption.APPEND);
        }
      }
      exchange.sendResponseHeaders(204, -1);
    }
  }

  private byte[] records(String api) throws IOException {
    JsonArrayBuilder array = Json.createArrayBuilder();
    Path file = dir.resolve(api + ".jsonl");
    if (Files.exists(file)) {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          array.add(Json.createReader(new java.io.StringReader(line)).readObject());
        }
      }
    }
    return array.build().toString().getBytes(StandardCharsets.UTF_8);
  }
}
