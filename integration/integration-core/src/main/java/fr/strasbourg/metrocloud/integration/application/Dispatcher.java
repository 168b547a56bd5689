package fr.strasbourg.metrocloud.integration.application;

import fr.strasbourg.metrocloud.integration.api.Outbox.Connector;
import fr.strasbourg.metrocloud.integration.domain.CsvRecord;
import fr.strasbourg.metrocloud.integration.domain.SftpAddress;
import fr.strasbourg.metrocloud.kernel.tenancy.Actor;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.InseeCode;
import fr.strasbourg.metrocloud.kernel.tenancy.TenantId;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Shutdown;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Delivers the outbox. A commune's due messages are claimed in a short transaction (several
 * instances never send the same message at once), sent through the Camel route of the connector's
 * transport with no transaction open, and the outcome recorded: sent; or failed, retried after an
 * exponential back-off; or, after the last attempt, dead (kept for an operator's replay). Runs
 * right after a commit that enqueued something, and every few seconds for what is due.
 */
@ApplicationScoped
public class Dispatcher {

  private static final Logger LOG = Logger.getLogger(Dispatcher.class.getName());

  @Inject DispatchSteps steps;

  @Inject Connectors connectors;

  @Inject ConnectorSecrets secrets;

  @Inject CamelRuntime camel;

  @Inject IntegrationMetrics metrics;

  @Inject MetropoleFinance metropole;

  @Resource ManagedScheduledExecutorService scheduler;

  @Resource ManagedExecutorService executor;

  @Inject
  @ConfigProperty(name = "metrocloud.integration.dispatch-interval-ms", defaultValue = "5000")
  long intervalMs;

  @Inject
  @ConfigProperty(name = "metrocloud.integration.enabled", defaultValue = "true")
  boolean enabled;

  private ScheduledFuture<?> task;

  void schedule(@Observes Startup startup) {
    if (enabled) {
      task =
          scheduler.scheduleWithFixedDelay(
              this::dispatchDueSafely, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
    }
  }

  void unschedule(@Observes Shutdown shutdown) {
    if (task != null) {
      task.cancel(false);
    }
  }

  void afterEnqueue(
      @Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxStore.Enqueued enqueued) {
    if (!enabled) {
      return;
    }
    try {
      executor.submit(() -> dispatchSafely(context(enqueued.tenant())));
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "Immediate dispatch left to the periodic scan", e);
    }
  }

  private void dispatchDueSafely() {
    try {
      for (String tenant :
          steps.tenantsWithDueMessages(CallContext.operator(Actor.system("integration")))) {
        dispatchSafely(context(tenant));
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Outbox scan failed", e);
    }
  }

  private void dispatchSafely(CallContext commune) {
    try {
      dispatch(commune);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Dispatch of " + commune.tenant() + " failed", e);
    }
  }

  /**
   * Delivers what is due for the commune, batch after batch (at most 100 batches of 50 per call);
   * returns how many messages were sent.
   */
  public int dispatch(CallContext commune) {
    int sent = 0;
    Map<Connector, Connectors.Stored> known = new HashMap<>();
    for (int batch = 0; batch < 100; batch++) {
      List<DispatchSteps.Claimed> claimed = steps.claimDue(commune, 50);
      if (claimed.isEmpty()) {
        break;
      }
      sent += deliver(commune, claimed, known);
    }
    return sent;
  }

  private int deliver(
      CallContext commune,
      List<DispatchSteps.Claimed> claimed,
      Map<Connector, Connectors.Stored> known) {
    Map<Connector, Optional<String>> authorizations = new HashMap<>();
    List<DispatchSteps.Outcome> outcomes = new ArrayList<>();
    int sent = 0;
    for (DispatchSteps.Claimed m : claimed) {
      Connectors.Stored connector =
          known.computeIfAbsent(
              m.connector(),
              k ->
                  k.perCommune()
                      ? connectors.find(commune, k).orElse(null)
                      : metropole.connector().orElse(null));
      long started = System.nanoTime();
      String error = null;
      if (connector == null || !connector.enabled()) {
        error = "Aucun connecteur " + Connectors.label(m.connector()) + " actif pour la commune.";
      } else if ("SFTP".equals(connector.transport())) {
        Optional<String> password =
            authorizations.computeIfAbsent(
                m.connector(),
                k -> k.perCommune() ? secrets.password(commune, connector) : metropole.password());
        error = sendSftp(commune, connector, password, m);
      } else {
        Optional<String> authorization =
            authorizations.computeIfAbsent(
                m.connector(),
                k ->
                    k.perCommune()
                        ? secrets.authorization(commune, connector)
                        : metropole.authorization());
        error = sendRest(commune, connector, authorization, m);
      }
      int millis = (int) Duration.ofNanos(System.nanoTime() - started).toMillis();
      outcomes.add(new DispatchSteps.Outcome(m, error, millis));
      metrics.exchange(
          commune.tenant().value(),
          connector != null && "SFTP".equals(connector.transport())
              ? "deliver-sftp"
              : "deliver-rest",
          m.flow(),
          error == null ? "sent" : "failed",
          millis);
      if (error == null) {
        sent++;
      }
    }
    // the batch's outcomes in one transaction (a crash before it: the claims expire and the
    // messages are sent again, which the idempotency keys make harmless)
    steps.record(commune, outcomes);
    return sent;
  }

  /** Returns null when the counterpart acknowledged the record, else why it failed (French). */
  private String sendRest(
      CallContext commune,
      Connectors.Stored connector,
      Optional<String> authorization,
      DispatchSteps.Claimed m) {
    return deliver(
        CamelRuntime.DELIVER_REST,
        commune,
        m,
        headers -> {
          headers.put(CamelRuntime.ENDPOINT, endpointUri(connector.endpoint(), m.flow()));
          headers.put("Idempotency-Key", m.tenantScopedKey());
          headers.put("X-Correlation-Id", m.id().toString());
          headers.put("X-MetroCloud-Commune", commune.tenant().value());
          headers.put("X-MetroCloud-Flow", m.flow());
          authorization.ifPresent(value -> headers.put("Authorization", value));
          return m.payload();
        });
  }

  /** Writes the record as a one-line CSV file named after its idempotency key. */
  private String sendSftp(
      CallContext commune,
      Connectors.Stored connector,
      Optional<String> password,
      DispatchSteps.Claimed m) {
    return deliver(
        CamelRuntime.DELIVER_SFTP,
        commune,
        m,
        headers -> {
          headers.put(
              CamelRuntime.ENDPOINT,
              SftpAddress.of(connector.endpoint())
                  .deliveryUri(m.flow(), connector.username(), password.orElse(null)));
          headers.put(
              org.apache.camel.Exchange.FILE_NAME, SftpAddress.fileName(m.tenantScopedKey()));
          Map<String, String> fields = new LinkedHashMap<>();
          fields.put("cle_idempotence", m.tenantScopedKey());
          fields.put("correlation", m.id().toString());
          fields.put("commune", commune.tenant().value());
          fields.put("flux", m.flow());
          fields.putAll(flatten(m.payload()));
          return CsvRecord.of(fields).getBytes(StandardCharsets.UTF_8);
        });
  }

  /**
   * Sends one record through a delivery route: {@code prepare} adds the transport's headers and
   * returns the body. Returns null when acknowledged, else why it failed (French).
   */
  private String deliver(
      String route,
      CallContext commune,
      DispatchSteps.Claimed m,
      java.util.function.Function<Map<String, Object>, Object> prepare) {
    Map<String, Object> headers = new HashMap<>();
    headers.put(CamelRuntime.TENANT, commune.tenant().value());
    headers.put(CamelRuntime.FLOW, m.flow());
    try {
      Object body = prepare.apply(headers);
      camel.producer().requestBodyAndHeaders(route, body, headers);
      return null;
    } catch (CamelExecutionException e) {
      return describe(e.getCause() == null ? e : e.getCause());
    } catch (RuntimeException e) {
      return describe(e);
    } finally {
      // the route runs on this (pooled) thread: leave nothing of the commune in its logging context
      org.slf4j.MDC.remove("tenant");
      org.slf4j.MDC.remove("flow");
    }
  }

  /** A JSON object's members as text: nested values keep their JSON form. */
  static Map<String, String> flatten(String json) {
    Map<String, String> out = new LinkedHashMap<>();
    jakarta.json.JsonObject o =
        jakarta.json.Json.createReader(new java.io.StringReader(json)).readObject();
    for (Map.Entry<String, jakarta.json.JsonValue> e : o.entrySet()) {
      jakarta.json.JsonValue v = e.getValue();
      out.put(
          e.getKey(),
          switch (v.getValueType()) {
            case STRING -> ((jakarta.json.JsonString) v).getString();
            case NULL -> "";
            default -> v.toString();
          });
    }
    return out;
  }

  /** The flow's resource under the connector's base address, e.g. {@code …/leave.approved}. */
  static String endpointUri(String base, String flow) {
    int q = base.indexOf('?');
    String path = q < 0 ? base : base.substring(0, q);
    String query = q < 0 ? "" : base.substring(q + 1) + "&";
    String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    return p + "/" + flow + "?" + query + "throwExceptionOnFailure=true";
  }

  static String describe(Throwable e) {
    if (e instanceof HttpOperationFailedException h) {
      return "Le logiciel a répondu "
          + h.getStatusCode()
          + " "
          + (h.getStatusText() == null ? "" : h.getStatusText()).strip();
    }
    if (e instanceof java.net.ConnectException) {
      return "Connexion refusée par le logiciel (" + e.getMessage() + ").";
    }
    if (e instanceof java.net.UnknownHostException) {
      return "Nom d'hôte inconnu : " + e.getMessage();
    }
    if (e instanceof java.net.SocketTimeoutException) {
      return "Le logiciel n'a pas répondu à temps.";
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + " : " + root.getMessage();
  }

  private static CallContext context(String tenant) {
    return CallContext.system("integration", TenantId.of(InseeCode.of(tenant)));
  }

  /** Basic authentication value for a user and a password. */
  static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** For tests and the DSI: how many messages of the commune are in each status. */
  public Map<String, Integer> counts(CallContext commune) {
    return steps.counts(commune);
  }

  List<String> due() {
    return steps.tenantsWithDueMessages(CallContext.operator(Actor.system("integration")));
  }
}
