package fr.strasbourg.metrocloud.integration.application;

import fr.strasbourg.metrocloud.integration.api.Outbox.Connector;
import fr.strasbourg.metrocloud.kernel.audit.AuditRecord;
import fr.strasbourg.metrocloud.kernel.audit.AuditTrail;
import fr.strasbourg.metrocloud.kernel.problem.ConflictProblem;
import fr.strasbourg.metrocloud.kernel.problem.NotFoundProblem;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.TenantBound;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The outbox's transactions: claims, outcomes, replays, and what the API shows of them. */
@ApplicationScoped
@Transactional
@TenantBound
public class DispatchSteps {

  /** A claim lasts this long: a crashed instance's claims are taken over after it. */
  static final Duration CLAIM = Duration.ofMinutes(2);

  private static final String MESSAGE_COLUMNS =
      "id, connector, flow, idempotency_key, status, attempts, next_attempt_at, last_error,"
          + " created_at, sent_at, payload";

  /**
   * Messages wait, unattempted, while their commune has no enabled connector of their kind: they
   * leave when one is configured.
   */
  private static final String CONNECTED_TO_COMMUNE =
      " EXISTS (SELECT 1 FROM integration_connectors c WHERE c.tenant_id = o.tenant_id AND"
          + " c.kind = o.connector AND c.enabled)";

  @Inject MetropoleFinance metropole;

  /** Messages whose connector is configured: the commune's, or the platform's for the metropole. */
  private String connected() {
    return " AND ("
        + CONNECTED_TO_COMMUNE
        + (metropole.configured() ? " OR o.connector = 'METROPOLE_FINANCE')" : ")");
  }

  @PersistenceContext EntityManager em;

  @Inject AuditTrail audit;

  @Inject Event<OutboxStore.Enqueued> enqueued;

  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "metrocloud.integration.max-attempts", defaultValue = "8")
  int maxAttempts;

  @Inject
  @ConfigProperty(name = "metrocloud.integration.backoff-base-ms", defaultValue = "30000")
  long backoffBaseMs;

  @Inject
  @ConfigProperty(name = "metrocloud.integration.backoff-max-ms", defaultValue = "21600000")
  long backoffMaxMs;

  /** A claimed message. */
  public record Claimed(
      UUID id,
      Connector connector,
      String flow,
      String idempotencyKey,
      String payload,
      int attempt,
      String tenant) {
    /** The key sent to the counterpart: unique across communes too. */
    public String tenantScopedKey() {
      return tenant + ":" + idempotencyKey;
    }
  }

  /** A message as the API shows it. */
  public record Message(
      UUID id,
      String connector,
      String flow,
      String idempotencyKey,
      String status,
      int attempts,
      Instant nextAttemptAt,
      String lastError,
      Instant createdAt,
      Instant sentAt,
      String payload) {}

  /** One exchange of the log. */
  public record ExchangeRecord(
      UUID id,
      UUID messageId,
      String direction,
      String connector,
      String flow,
      String status,
      int attempt,
      Instant at,
      Integer durationMs,
      String correlationId,
      String detail) {}

  /** Communes with messages due now (a cross-commune read of the platform's scan). */
  public List<String> tenantsWithDueMessages(CallContext platform) {
    @SuppressWarnings("unchecked")
    List<String> rows =
        em.createNativeQuery(
                "SELECT DISTINCT o.tenant_id FROM integration_outbox o WHERE o.status = 'PENDING'"
                    + " AND o.next_attempt_at <= ?1 AND (o.claimed_until IS NULL OR"
                    + " o.claimed_until < ?1)"
                    + connected())
            .setParameter(1, Timestamp.from(clock.instant()))
            .getResultList();
    return rows;
  }

  public List<Claimed> claimDue(CallContext commune, int limit) {
    Instant now = clock.instant();
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT o.id, o.connector, o.flow, o.idempotency_key, o.payload, o.attempts FROM"
                    + " integration_outbox o WHERE o.status = 'PENDING' AND o.next_attempt_at <= ?1"
                    + " AND (o.claimed_until IS NULL OR o.claimed_until < ?1)"
                    + connected()
                    + " ORDER BY o.created_at LIMIT "
                    + Math.max(1, Math.min(limit, 500))
                    + " FOR UPDATE OF o SKIP LOCKED")
            .setParameter(1, Timestamp.from(now))
            .getResultList();
    List<Claimed> out = new ArrayList<>();
    for (Object[] r : rows) {
      UUID id = uuid(r[0]);
      em.createNativeQuery(
              "UPDATE integration_outbox SET claimed_until = ?2, attempts = attempts + 1 WHERE id"
                  + " = ?1")
          .setParameter(1, id)
          .setParameter(2, Timestamp.from(now.plus(CLAIM)))
          .executeUpdate();
      out.add(
          new Claimed(
              id,
              Connector.valueOf((String) r[1]),
              (String) r[2],
              (String) r[3],
              (String) r[4],
              ((Number) r[5]).intValue() + 1,
              commune.tenant().value()));
    }
    return out;
  }

  /** What a send gave: {@code error} null when the counterpart acknowledged. */
  public record Outcome(Claimed message, String error, int millis) {}

  /** Records a batch's outcomes in one transaction. */
  public void record(CallContext commune, List<Outcome> outcomes) {
    for (Outcome o : outcomes) {
      if (o.error() == null) {
        sent(commune, o.message(), o.millis());
      } else {
        failed(commune, o.message(), o.error(), o.millis());
      }
    }
  }

  public void sent(CallContext commune, Claimed m, int millis) {
    Instant now = clock.instant();
    em.createNativeQuery(
            "UPDATE integration_outbox SET status = 'SENT', sent_at = ?2, claimed_until = NULL,"
                + " last_error = NULL WHERE id = ?1")
        .setParameter(1, m.id())
        .setParameter(2, Timestamp.from(now))
        .executeUpdate();
    exchange(commune, m, "SENT", millis, null);
  }

  public void failed(CallContext commune, Claimed m, String error, int millis) {
    Instant now = clock.instant();
    boolean dead = m.attempt() >= maxAttempts;
    em.createNativeQuery(
            "UPDATE integration_outbox SET status = ?2, next_attempt_at = ?3, claimed_until = NULL,"
                + " last_error = ?4 WHERE id = ?1")
        .setParameter(1, m.id())
        .setParameter(2, dead ? "DEAD" : "PENDING")
        .setParameter(3, Timestamp.from(now.plus(backoff(m.attempt()))))
        .setParameter(4, trim(error))
        .executeUpdate();
    exchange(commune, m, dead ? "DEAD" : "FAILED", millis, error);
    if (dead) {
      audit.record(
          commune,
          AuditRecord.success("integration.message.dead", "outbox-message", m.id().toString())
              .withDetail("flow", m.flow())
              .withDetail("attempts", String.valueOf(m.attempt()))
              .withDetail("error", trim(error)));
    }
  }

  /** The wait before attempt {@code attempt + 1}: base × 2^(attempt−1), capped. */
  Duration backoff(int attempt) {
    long factor = 1L << Math.min(Math.max(attempt - 1, 0), 30);
    long ms = backoffBaseMs > Long.MAX_VALUE / factor ? backoffMaxMs : backoffBaseMs * factor;
    return Duration.ofMillis(Math.min(ms, backoffMaxMs));
  }

  /** Puts a dead message back in the queue, to be delivered at once. */
  public Message replay(CallContext caller, UUID id) {
    Message m = message(caller, id);
    if (!"DEAD".equals(m.status())) {
      throw new ConflictProblem(
          "not-dead", "Seul un message en échec définitif (lettre morte) se rejoue.");
    }
    em.createNativeQuery(
            "UPDATE integration_outbox SET status = 'PENDING', attempts = 0, next_attempt_at = ?2,"
                + " claimed_until = NULL WHERE id = ?1")
        .setParameter(1, id)
        .setParameter(2, Timestamp.from(clock.instant()))
        .executeUpdate();
    em.createNativeQuery(
            "INSERT INTO integration_exchanges (id, tenant_id, message_id, direction, connector,"
                + " flow, status, attempt, at, correlation_id, detail) VALUES (?1, ?2, ?3, 'OUT',"
                + " ?4, ?5, 'REPLAYED', 0, ?6, ?7, ?8)")
        .setParameter(1, UUID.randomUUID())
        .setParameter(2, caller.tenant().value())
        .setParameter(3, id)
        .setParameter(4, m.connector())
        .setParameter(5, m.flow())
        .setParameter(6, Timestamp.from(clock.instant()))
        .setParameter(7, id.toString())
        .setParameter(8, "Rejoué par " + caller.actor().displayName())
        .executeUpdate();
    audit.record(
        caller,
        AuditRecord.success("integration.message.replayed", "outbox-message", id.toString())
            .withDetail("flow", m.flow()));
    enqueued.fire(new OutboxStore.Enqueued(caller.tenant().value()));
    return message(caller, id);
  }

  public Message message(CallContext caller, UUID id) {
    return messages("WHERE id = ?1", id, 1).stream()
        .findFirst()
        .orElseThrow(() -> new NotFoundProblem("message-not-found", "Message introuvable : " + id));
  }

  public List<Message> messages(CallContext caller, String status, int limit) {
    return status == null
        ? messages("WHERE true ORDER BY created_at DESC", null, limit)
        : messages("WHERE status = ?1 ORDER BY created_at DESC", status, limit);
  }

  private List<Message> messages(String where, Object param, int limit) {
    Query q =
        em.createNativeQuery(
            "SELECT "
                + MESSAGE_COLUMNS
                + " FROM integration_outbox "
                + where
                + " LIMIT "
                + Math.max(1, Math.min(limit, 500)));
    if (param != null) {
      q.setParameter(1, param);
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows = q.getResultList();
    return rows.stream()
        .map(
            r ->
                new Message(
                    uuid(r[0]),
                    (String) r[1],
                    (String) r[2],
                    (String) r[3],
                    (String) r[4],
                    ((Number) r[5]).intValue(),
                    instant(r[6]),
                    (String) r[7],
                    instant(r[8]),
                    instant(r[9]),
                    (String) r[10]))
        .toList();
  }

  public List<ExchangeRecord> exchanges(CallContext caller, String flow, String status, int limit) {
    StringBuilder where = new StringBuilder("WHERE true");
    List<Object> params = new ArrayList<>();
    if (flow != null) {
      params.add(flow);
      where.append(" AND flow = ?").append(params.size());
    }
    if (status != null) {
      params.add(status);
      where.append(" AND status = ?").append(params.size());
    }
    Query q =
        em.createNativeQuery(
            "SELECT id, message_id, direction, connector, flow, status, attempt, at, duration_ms,"
                + " correlation_id, detail FROM integration_exchanges "
                + where
                + " ORDER BY at DESC LIMIT "
                + Math.max(1, Math.min(limit, 500)));
    for (int i = 0; i < params.size(); i++) {
      q.setParameter(i + 1, params.get(i));
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows = q.getResultList();
    return rows.stream()
        .map(
            r ->
                new ExchangeRecord(
                    uuid(r[0]),
                    uuid(r[1]),
                    (String) r[2],
                    (String) r[3],
                    (String) r[4],
                    (String) r[5],
                    ((Number) r[6]).intValue(),
                    instant(r[7]),
                    r[8] == null ? null : ((Number) r[8]).intValue(),
                    (String) r[9],
                    (String) r[10]))
        .toList();
  }

  public Map<String, Integer> counts(CallContext caller) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery("SELECT status, count(*) FROM integration_outbox GROUP BY status")
            .getResultList();
    Map<String, Integer> out = new LinkedHashMap<>();
    out.put("PENDING", 0);
    out.put("SENT", 0);
    out.put("DEAD", 0);
    rows.forEach(r -> out.put((String) r[0], ((Number) r[1]).intValue()));
    return out;
  }

  private void exchange(CallContext commune, Claimed m, String status, int millis, String detail) {
    em.createNativeQuery(
            "INSERT INTO integration_exchanges (id, tenant_id, message_id, direction, connector,"
                + " flow, status, attempt, at, duration_ms, correlation_id, detail) VALUES (?1, ?2,"
                + " ?3, 'OUT', ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)")
        .setParameter(1, UUID.randomUUID())
        .setParameter(2, commune.tenant().value())
        .setParameter(3, m.id())
        .setParameter(4, m.connector().name())
        .setParameter(5, m.flow())
        .setParameter(6, status)
        .setParameter(7, m.attempt())
        .setParameter(8, Timestamp.from(clock.instant()))
        .setParameter(9, millis)
        .setParameter(10, m.id().toString())
        .setParameter(11, detail == null ? null : trim(detail))
        .executeUpdate();
  }

  private static String trim(String s) {
    return s == null ? null : s.length() > 1000 ? s.substring(0, 1000) : s;
  }

  static UUID uuid(Object value) {
    return value == null ? null : value instanceof UUID u ? u : UUID.fromString(value.toString());
  }

  static Instant instant(Object value) {
    if (value == null) {
      return null;
    }
    return value instanceof Timestamp t ? t.toInstant() : (Instant) value;
  }
}
