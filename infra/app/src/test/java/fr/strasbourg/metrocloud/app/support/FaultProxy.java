package fr.strasbourg.metrocloud.app.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * A real HTTP reverse proxy in front of the test Keycloak, through which the platform under test
 * reaches the Keycloak Admin API ({@code metrocloud.keycloak.admin-url}). Tests make it fail like a
 * Keycloak that went down: requests that match a rule get their connection closed without an
 * answer. Nothing in the platform is mocked; it sees a network failure.
 */
public final class FaultProxy {

  private static final Set<String> HOP_BY_HOP =
      Set.of(
          "connection",
          "content-length",
          "host",
          "transfer-encoding",
          "upgrade",
          "keep-alive",
          "expect");

  private static FaultProxy instance;

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(8);
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final String target;
  private final AtomicReference<Predicate<Request>> failWhen = new AtomicReference<>(r -> false);
  private final List<Request> seen = new CopyOnWriteArrayList<>();

  /** A request as the proxy saw it. */
  public record Request(String method, String path) {}

  private FaultProxy(int port, String target) throws IOException {
    this.target = target;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
  }

  /** Starts the proxy once per test JVM (the platform's configuration points at its fixed port). */
  public static synchronized FaultProxy start() {
    if (instance == null) {
      int port =
          Integer.parseInt(System.getProperty("metrocloud.keycloak.fault-proxy.port", "8289"));
      String target = System.getProperty("metrocloud.keycloak.url", "http://127.0.0.1:8280");
      try {
        instance = new FaultProxy(port, target);
      } catch (IOException e) {
        throw new IllegalStateException("Cannot start the Keycloak fault proxy on port " + port, e);
      }
      instance.server.start();
    }
    return instance;
  }

  public static FaultProxy get() {
    return start();
  }

  /** From now on, requests matching the rule fail as if Keycloak were down. */
  public void failWhen(Predicate<Request> rule) {
    failWhen.set(rule);
  }

  /** Every request fails: Keycloak is down. */
  public void down() {
    failWhen(r -> true);
  }

  /** Keycloak answers again. */
  public void heal() {
    failWhen.set(r -> false);
  }

  public List<Request> seen() {
    return List.copyOf(seen);
  }

  public void clearSeen() {
    seen.clear();
  }

  private void handle(HttpExchange exchange) throws IOException {
    Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath());
    seen.add(request);
    try (exchange) {
      if (failWhen.get().test(request)) {
        // Drop the connection without an answer, as a crashed Keycloak would.
        exchange.getResponseBody().close();
        return;
      }
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      HttpRequest.Builder forward =
          HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI()))
              .timeout(Duration.ofSeconds(30))
              .method(
                  request.method(),
                  body.length == 0
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofByteArray(body));
      for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
        if (!HOP_BY_HOP.contains(header.getKey().toLowerCase())) {
          header.getValue().forEach(v -> forward.header(header.getKey(), v));
        }
      }
      HttpResponse<byte[]> response =
          client.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
      response
          .headers()
          .map()
          .forEach(
              (name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
                  exchange.getResponseHeaders().put(name, values);
                }
              });
      byte[] answer = response.body();
      exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
      if (answer.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(answer);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
