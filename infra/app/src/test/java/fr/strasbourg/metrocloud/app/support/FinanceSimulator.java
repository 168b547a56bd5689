package fr.strasbourg.metrocloud.app.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A commune's finance software as a real HTTP server on 127.0.0.1: budget lines with their
 * available credits, commitments created by {@code POST /finances/commitments} (one per idempotency
 * key, numbered {@code FIN-<year>-<n>}), released by {@code POST /finances/commitment.release}; it
 * can be made slow (answers after a delay) to exercise the platform's timeout.
 */
public final class FinanceSimulator implements AutoCloseable {

  private final String user;
  private final String password;
  private final Map<String, BigDecimal> available = new ConcurrentHashMap<>();
  private final Map<String, String> answers = new ConcurrentHashMap<>();
  private final Map<String, String> releases = new ConcurrentHashMap<>();
  private final Map<String, String> records = new ConcurrentHashMap<>();
  private final AtomicInteger sequence = new AtomicInteger();
  private final AtomicLong delayMs = new AtomicLong();
  private HttpServer server;

  public FinanceSimulator(String user, String password) {
    this.user = user;
    this.password = password;
  }

  public FinanceSimulator start() throws IOException {
    return start(0);
  }

  /** Starts on a given port (the Eurométropole's finance software has a fixed address). */
  public FinanceSimulator start(int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
    server.createContext("/", this::handle);
    server.start();
    return this;
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/finances";
  }

  public void budgetLine(String code, int year, String amount) {
    available.put(code + "/" + year, new BigDecimal(amount));
  }

  public BigDecimal available(String code, int year) {
    return available.get(code + "/" + year);
  }

  /** Every answer takes that long from now on. */
  public void slowDown(long millis) {
    delayMs.set(millis);
  }

  /** Commitments created, by idempotency key. */
  public Map<String, String> commitments() {
    return Map.copyOf(answers);
  }

  /** Releases applied, by idempotency key. */
  public Map<String, String> releases() {
    return Map.copyOf(releases);
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange;
        InputStream in = exchange.getRequestBody()) {
      byte[] raw = in.readAllBytes();
      long delay = delayMs.get();
      if (delay > 0) {
        try {
          Thread.sleep(delay);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      String expected =
          "Basic "
              + java.util.Base64.getEncoder()
                  .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
      if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
        exchange.sendResponseHeaders(401, -1);
        return;
      }
      String path = exchange.getRequestURI().getPath();
      String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
      if (exchange.getRequestMethod().equals("GET") && path.startsWith("/finances/budget-lines/")) {
        String code = path.substring("/finances/budget-lines/".length());
        String query = exchange.getRequestURI().getQuery();
        String year = query == null ? "" : query.replace("year=", "");
        exchange.sendResponseHeaders(available.containsKey(code + "/" + year) ? 200 : 404, -1);
        return;
      }
      if (exchange.getRequestMethod().equals("GET")) {
        exchange.sendResponseHeaders(200, -1);
        return;
      }
      JsonObject body =
          Json.createReader(new StringReader(new String(raw, StandardCharsets.UTF_8))).readObject();
      if (path.equals("/finances/commitments") && key != null) {
        String answer = answers.computeIfAbsent(key, k -> commit(body));
        reply(exchange, answer.contains("\"accepted\":true") ? 201 : 200, answer);
        return;
      }
      if (path.equals("/finances/commitment.release") && key != null) {
        releases.computeIfAbsent(
            key,
            k -> {
              available.merge(
                  body.getString("budgetLine") + "/" + body.getInt("year"),
                  body.getJsonNumber("amount").bigDecimalValue(),
                  BigDecimal::add);
              return body.toString();
            });
        exchange.sendResponseHeaders(204, -1);
        return;
      }
      if (key != null) {
        // any other record (e.g. receivable.issued): applied once per key
        records.putIfAbsent(key, path + " " + body);
        exchange.sendResponseHeaders(204, -1);
        return;
      }
      exchange.sendResponseHeaders(400, -1);
    }
  }

  /** Other records received (receivables…), by idempotency key: "<path> <json>". */
  public Map<String, String> records() {
    return Map.copyOf(records);
  }

  private synchronized String commit(JsonObject body) {
    String line = body.getString("budgetLine") + "/" + body.getInt("year");
    BigDecimal amount = body.getJsonNumber("amount").bigDecimalValue();
    BigDecimal left = available.get(line);
    if (left == null) {
      return "{\"accepted\":false,\"reason\":\"Ligne budgétaire inconnue\"}";
    }
    if (left.compareTo(amount) < 0) {
      return "{\"accepted\":false,\"reason\":\"Crédits insuffisants : "
          + left.toPlainString()
          + " € disponibles\"}";
    }
    available.put(line, left.subtract(amount));
    return "{\"accepted\":true,\"commitmentNumber\":\"FIN-"
        + body.getInt("year")
        + "-"
        + String.format("%05d", sequence.incrementAndGet())
        + "\"}";
  }

  private static void reply(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }
}
