package fr.strasbourg.metrocloud.integration.application;

import fr.strasbourg.metrocloud.integration.api.Outbox;
import fr.strasbourg.metrocloud.integration.api.Outbox.Connector;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.workflow.api.BudgetCheck;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.camel.Exchange;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The mission orders' budget check against the commune's finance software, when it has a REST
 * finance connector; the platform's own budget lines otherwise.
 *
 * <p>Request/reply through the Camel route {@code finance-call}, bounded by {@code
 * metrocloud.integration.finance-timeout-ms} (5 s):
 *
 * <ul>
 *   <li>{@code POST <endpoint>/commitments} {@code {orderId, budgetLine, year, amount, purpose}}
 *       with the {@code Idempotency-Key} {@code <insee>:commitment/<order>} → {@code {"accepted":
 *       true, "commitmentNumber": "…"}} or {@code {"accepted": false, "reason": "…"}};
 *   <li>{@code GET <endpoint>/budget-lines/<line>?year=<year>} → 200 when the line exists, 404
 *       otherwise;
 *   <li>releases leave through the outbox (flow {@code commitment.release}): reliable, retried.
 * </ul>
 *
 * <p>Fallback, when the finance software does not answer in time or fails: a provisional
 * reservation on the platform's budget line of the same code (its reference prefixed {@code
 * PROVISOIRE-}, the message says it is to be regularised), or, without such a line, a refusal that
 * says the budget could not be checked.
 */
@ApplicationScoped
public class FinanceBudgetCheck implements BudgetCheck {

  private static final Logger LOG = Logger.getLogger(FinanceBudgetCheck.class.getName());

  @Inject @BudgetCheck.Internal BudgetCheck internal;

  @Inject Connectors connectors;

  @Inject ConnectorSecrets secrets;

  @Inject CamelRuntime camel;

  @Inject Outbox outbox;

  @Inject FinanceExchanges log;

  @Inject IntegrationMetrics metrics;

  @Inject
  @ConfigProperty(name = "metrocloud.integration.finance-timeout-ms", defaultValue = "5000")
  long timeoutMs;

  /** What the finance software answered (status and JSON body), or why it did not. */
  record Reply(int status, JsonObject body, String failure) {}

  @Override
  public Outcome reserve(
      CallContext commune,
      String budgetLine,
      int year,
      BigDecimal amount,
      UUID orderId,
      String purpose) {
    Optional<Connectors.Stored> finance = finance(commune);
    if (finance.isEmpty() || internal.holds(commune, orderId)) {
      return internal.reserve(commune, budgetLine, year, amount, orderId, purpose);
    }
    Optional<String> already = log.commitment(commune, orderId);
    if (already.isPresent()) {
      return new Outcome(true, already.get(), "Engagement déjà créé : " + already.get() + ".");
    }
    String body =
        Json.createObjectBuilder()
            .add("orderId", orderId.toString())
            .add("commune", commune.tenant().value())
            .add("budgetLine", budgetLine)
            .add("year", year)
            .add("amount", amount)
            .add("purpose", purpose == null ? "" : purpose)
            .build()
            .toString();
    String key = commune.tenant().value() + ":commitment/" + orderId;
    long started = System.nanoTime();
    Reply reply = call(commune, finance.get(), "POST", "commitments", body, key);
    int millis = (int) Duration.ofNanos(System.nanoTime() - started).toMillis();
    metrics.exchange(
        commune.tenant().value(),
        "finance-call",
        "commitment.create",
        reply.failure() == null ? "answered" : "failed",
        millis);
    if (reply.failure() == null && reply.status() / 100 == 2 && reply.body() != null) {
      JsonObject answer = reply.body();
      if (answer.getBoolean("accepted", false)
          && !answer.getString("commitmentNumber", "").isBlank()) {
        String number = answer.getString("commitmentNumber");
        log.remember(commune, orderId, number, budgetLine, year, amount);
        log.record(
            commune,
            "commitment.create",
            "SENT",
            millis,
            orderId.toString(),
            "Engagement " + number + " (" + amount + " € sur " + budgetLine + ")");
        return new Outcome(
            true,
            number,
            amount.toPlainString().replace('.', ',')
                + " € engagés dans le logiciel financier (engagement "
                + number
                + ").");
      }
      String reason = answer.getString("reason", "refus sans motif");
      log.record(
          commune, "commitment.create", "SENT", millis, orderId.toString(), "Refus : " + reason);
      return new Outcome(false, null, "Refusé par le logiciel financier : " + reason);
    }
    String why =
        reply.failure() != null
            ? reply.failure()
            : reply.status() == 404
                ? "ligne budgétaire inconnue du logiciel financier"
                : "réponse " + reply.status() + " du logiciel financier";
    if (reply.failure() == null && reply.status() == 404) {
      log.record(commune, "commitment.create", "SENT", millis, orderId.toString(), why);
      return new Outcome(
          false, null, "Ligne budgétaire " + budgetLine + " (" + year + ") : " + why + ".");
    }
    log.record(commune, "commitment.create", "FAILED", millis, orderId.toString(), why);
    if (internal.exists(commune, budgetLine, year)) {
      Outcome provisional = internal.reserve(commune, budgetLine, year, amount, orderId, purpose);
      if (provisional.accepted()) {
        return new Outcome(
            true,
            "PROVISOIRE-" + provisional.commitmentRef(),
            "Logiciel financier indisponible ("
                + why
                + ") : réservation provisoire sur le budget de la plateforme, engagement à"
                + " régulariser dans le logiciel financier. "
                + provisional.message());
      }
      return provisional;
    }
    return new Outcome(
        false,
        null,
        "Contrôle budgétaire impossible : logiciel financier indisponible ("
            + why
            + ") et pas de ligne "
            + budgetLine
            + " sur la plateforme. Soumettez l'ordre à nouveau plus tard.");
  }

  @Override
  public void release(
      CallContext commune, String budgetLine, int year, BigDecimal amount, UUID orderId) {
    if (internal.holds(commune, orderId)) {
      internal.release(commune, budgetLine, year, amount, orderId);
      return;
    }
    BigDecimal give = log.takeRelease(commune, orderId, amount);
    if (give.signum() <= 0) {
      return;
    }
    outbox.enqueue(
        commune,
        new Outbox.OutboundMessage(
            Connector.FINANCE,
            "commitment.release",
            "commitment.release/" + orderId + "/" + give.toPlainString() + "/" + UUID.randomUUID(),
            Json.createObjectBuilder()
                .add("orderId", orderId.toString())
                .add("budgetLine", budgetLine)
                .add("year", year)
                .add("amount", give)
                .add("commitmentNumber", log.commitment(commune, orderId).orElse(""))
                .build()
                .toString()));
  }

  @Override
  public boolean exists(CallContext commune, String budgetLine, int year) {
    Optional<Connectors.Stored> finance = finance(commune);
    if (finance.isEmpty()) {
      return internal.exists(commune, budgetLine, year);
    }
    Reply reply =
        call(
            commune,
            finance.get(),
            "GET",
            "budget-lines/"
                + URLEncoder.encode(budgetLine, StandardCharsets.UTF_8).replace("+", "%20")
                + "?year="
                + year,
            null,
            null);
    if (reply.failure() == null && (reply.status() == 200 || reply.status() == 404)) {
      return reply.status() == 200;
    }
    // the software does not answer: the check at approval will tell
    return true;
  }

  private Optional<Connectors.Stored> finance(CallContext commune) {
    return connectors
        .find(commune, Connector.FINANCE)
        .filter(Connectors.Stored::enabled)
        .filter(c -> "REST".equals(c.transport()));
  }

  private Reply call(
      CallContext commune,
      Connectors.Stored connector,
      String method,
      String resource,
      String body,
      String idempotencyKey) {
    Map<String, Object> headers = new HashMap<>();
    headers.put(CamelRuntime.TENANT, commune.tenant().value());
    headers.put(CamelRuntime.FLOW, resource);
    headers.put(CamelRuntime.ENDPOINT, financeUri(connector.endpoint(), resource));
    headers.put(Exchange.HTTP_METHOD, method);
    headers.put(Exchange.CONTENT_TYPE, "application/json");
    headers.put("Accept", "application/json");
    headers.put("X-MetroCloud-Commune", commune.tenant().value());
    if (idempotencyKey != null) {
      headers.put("Idempotency-Key", idempotencyKey);
    }
    secrets.authorization(commune, connector).ifPresent(a -> headers.put("Authorization", a));
    Future<Exchange> future =
        camel
            .producer()
            .asyncSend(
                CamelRuntime.FINANCE_CALL,
                exchange -> {
                  exchange.getIn().setHeaders(headers);
                  exchange.getIn().setBody(body);
                });
    Exchange done;
    try {
      done = future.get(timeoutMs, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      return new Reply(0, null, "pas de réponse en " + timeoutMs / 1000.0 + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Reply(0, null, "interrompu");
    } catch (ExecutionException e) {
      return new Reply(0, null, Dispatcher.describe(e.getCause()));
    }
    if (done.getException() != null) {
      return new Reply(0, null, Dispatcher.describe(done.getException()));
    }
    int status = done.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
    String text = done.getMessage().getBody(String.class);
    JsonObject json = null;
    if (text != null && text.strip().startsWith("{")) {
      try {
        json = Json.createReader(new StringReader(text)).readObject();
      } catch (RuntimeException e) {
        LOG.log(Level.FINE, "Finance answer is not JSON", e);
      }
    }
    return new Reply(status, json, null);
  }

  /** {@code <base>/<resource>} with the query of both, not throwing on HTTP errors. */
  static String financeUri(String base, String resource) {
    int q = base.indexOf('?');
    String path = q < 0 ? base : base.substring(0, q);
    String baseQuery = q < 0 ? "" : base.substring(q + 1);
    int rq = resource.indexOf('?');
    String resPath = rq < 0 ? resource : resource.substring(0, rq);
    String resQuery = rq < 0 ? "" : resource.substring(rq + 1);
    String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    StringBuilder query = new StringBuilder();
    for (String part : new String[] {baseQuery, resQuery, "throwExceptionOnFailure=false"}) {
      if (!part.isEmpty()) {
        query.append(query.length() == 0 ? "" : "&").append(part);
      }
    }
    return p + "/" + resPath + "?" + query;
  }
}
