package fr.strasbourg.metrocloud.app.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A commune's HR software as a real HTTP server on 127.0.0.1: it takes records by POST to {@code
 * /rh/<flow>} with Basic authentication, applies each idempotency key once (a redelivery is
 * acknowledged and ignored, as a well-behaved counterpart does), and can be stopped, restarted on
 * the same port, or made to lose its acknowledgement once (it stores, then answers 500).
 */
public final class HrSimulator implements AutoCloseable {

  private final String user;
  private final String password;
  private final Map<String, String> records = new ConcurrentHashMap<>();
  private final AtomicInteger receipts = new AtomicInteger();
  private final AtomicInteger lostAcknowledgements = new AtomicInteger();
  private volatile byte[] agentsFile;
  private HttpServer server;
  private int port;

  public HrSimulator(String user, String password) {
    this.user = user;
    this.password = password;
  }

  public synchronized HrSimulator start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    port = server.getAddress().getPort();
    server.createContext("/", this::handle);
    server.start();
    return this;
  }

  /** The software goes down: connections are refused. */
  public synchronized void stop() {
    if (server != null) {
      server.stop(0);
      server = null;
    }
  }

  /** The agents file the software exports at {@code GET /rh/agents} (CSV). */
  public void agentsFile(byte[] csv) {
    agentsFile = csv;
  }

  /** The next {@code n} records are stored but answered 500 (the acknowledgement is lost). */
  public void loseAcknowledgements(int n) {
    lostAcknowledgements.set(n);
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port + "/rh";
  }

  /** Distinct records applied, by idempotency key. */
  public Map<String, String> records() {
    return Map.copyOf(records);
  }

  /** Every POST received, redeliveries included. */
  public int receipts() {
    return receipts.get();
  }

  @Override
  public void close() {
    stop();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String expected =
          "Basic "
              + java.util.Base64.getEncoder()
                  .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
      if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
        exchange.sendResponseHeaders(401, -1);
        return;
      }
      byte[] agents = agentsFile;
      if (exchange.getRequestMethod().equals("GET")
          && exchange.getRequestURI().getPath().equals("/rh/agents")
          && agents != null) {
        exchange.getResponseHeaders().add("Content-Type", "text/csv");
        exchange.sendResponseHeaders(200, agents.length);
        exchange.getResponseBody().write(agents);
        return;
      }
      if (exchange.getRequestMethod().equals("GET")) {
        byte[] body = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        return;
      }
      String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
      String body;
      try (InputStream in = exchange.getRequestBody()) {
        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      if (key == null || !exchange.getRequestURI().getPath().startsWith("/rh/")) {
        exchange.sendResponseHeaders(400, -1);
        return;
      }
      receipts.incrementAndGet();
      records.putIfAbsent(key, exchange.getRequestURI().getPath() + " " + body);
      if (lostAcknowledgements.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        exchange.sendResponseHeaders(500, -1);
        return;
      }
      exchange.sendResponseHeaders(204, -1);
    }
  }
}
