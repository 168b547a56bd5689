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
 * {@code <dir>/<api>.jsonl}, and lists it at {@code GET /<api>/records}.
 */
public final class CounterpartSimulators {

  public static final String USER = "metrocloud";
  public static final String PASSWORD = "demo-secret";

  private final Path dir;
  private final Map<String, String> applied = new ConcurrentHashMap<>();

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
    System.out.println("Counterpart simulators on http://127.0.0.1:" + port + " (/rh, /finances)");
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
