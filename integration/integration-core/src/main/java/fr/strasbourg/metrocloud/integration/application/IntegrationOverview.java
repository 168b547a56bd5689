package fr.strasbourg.metrocloud.integration.application;

import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.TenantBound;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The DSI's view of every commune's connectors: health, counts, dead letters (platform context).
 */
@ApplicationScoped
@Transactional
@TenantBound
public class IntegrationOverview {

  @PersistenceContext EntityManager em;

  @Inject Clock clock;

  /** A connector's configuration as the DSI sees it (never its endpoint's secret). */
  public record ConnectorState(
      String kind,
      String transport,
      String endpoint,
      boolean enabled,
      Instant lastPullAt,
      String lastPullOutcome) {}

  /**
   * One commune's health: {@code NONE} (no connector), {@code OK}, {@code RETRYING} (messages
   * waiting for a new attempt), {@code DOWN} (the last exchange failed and none succeeded since),
   * {@code DEAD_LETTERS} (messages that need an operator).
   */
  public record CommuneHealth(
      String commune,
      String health,
      List<ConnectorState> connectors,
      int pending,
      int retrying,
      int dead,
      int sentLast30Days,
      Instant lastExchangeAt,
      String lastExchangeStatus,
      Instant lastSuccessAt,
      String lastError) {}

  /** A dead letter of some commune. */
  public record DeadLetter(
      String commune,
      UUID id,
      String connector,
      String flow,
      String idempotencyKey,
      int attempts,
      String lastError,
      Instant createdAt) {}

  public List<CommuneHealth> communes(CallContext platform) {
    Map<String, List<ConnectorState>> connectors = new TreeMap<>();
    for (Object[] r :
        rows(
            "SELECT tenant_id, kind, transport, endpoint, enabled, last_pull_at, last_pull_outcome"
                + " FROM integration_connectors ORDER BY tenant_id, kind")) {
      connectors
          .computeIfAbsent((String) r[0], k -> new ArrayList<>())
          .add(
              new ConnectorState(
                  (String) r[1],
                  (String) r[2],
                  (String) r[3],
                  (Boolean) r[4],
                  instant(r[5]),
                  (String) r[6]));
    }
    Map<String, int[]> counts = new TreeMap<>();
    for (Object[] r :
        rows(
            "SELECT tenant_id, count(*) FILTER (WHERE status = 'PENDING'), count(*) FILTER (WHERE"
                + " status = 'PENDING' AND attempts > 0), count(*) FILTER (WHERE status = 'DEAD'),"
                + " count(*) FILTER (WHERE status = 'SENT') FROM integration_outbox WHERE status <>"
                + " 'SENT' OR sent_at > now() - interval '30 days' GROUP BY tenant_id")) {
      counts.put(
          (String) r[0],
          new int[] {
            ((Number) r[1]).intValue(),
            ((Number) r[2]).intValue(),
            ((Number) r[3]).intValue(),
            ((Number) r[4]).intValue()
          });
    }
    Map<String, Object[]> last = new TreeMap<>();
    for (Object[] r :
        rows(
            "SELECT DISTINCT ON (tenant_id) tenant_id, at, status, detail FROM"
                + " integration_exchanges WHERE status <> 'REPLAYED' ORDER BY tenant_id, at DESC")) {
      last.put((String) r[0], r);
    }
    Map<String, Instant> success = new TreeMap<>();
    for (Object[] r :
        rows(
            "SELECT tenant_id, max(at) FROM integration_exchanges WHERE status IN ('SENT',"
                + " 'RECEIVED') GROUP BY tenant_id")) {
      success.put((String) r[0], instant(r[1]));
    }
    List<CommuneHealth> out = new ArrayList<>();
    java.util.Set<String> communes = new java.util.TreeSet<>(connectors.keySet());
    communes.addAll(counts.keySet());
    for (String commune : communes) {
      int[] c = counts.getOrDefault(commune, new int[4]);
      Object[] l = last.get(commune);
      Instant lastAt = l == null ? null : instant(l[1]);
      String lastStatus = l == null ? null : (String) l[2];
      String lastError =
          l != null && ("FAILED".equals(lastStatus) || "DEAD".equals(lastStatus))
              ? (String) l[3]
              : null;
      List<ConnectorState> mine = connectors.getOrDefault(commune, List.of());
      String health;
      if (mine.isEmpty()) {
        health = "NONE";
      } else if (c[2] > 0) {
        health = "DEAD_LETTERS";
      } else if (lastError != null) {
        health = "DOWN";
      } else if (c[1] > 0) {
        health = "RETRYING";
      } else {
        health = "OK";
      }
      out.add(
          new CommuneHealth(
              commune,
              health,
              mine,
              c[0],
              c[1],
              c[2],
              c[3],
              lastAt,
              lastStatus,
              success.get(commune),
              lastError));
    }
    return out;
  }

  public List<DeadLetter> deadLetters(CallContext platform, String commune, int limit) {
    var q =
        em.createNativeQuery(
            "SELECT tenant_id, id, connector, flow, idempotency_key, attempts, last_error,"
                + " created_at FROM integration_outbox WHERE status = 'DEAD'"
                + (commune == null ? "" : " AND tenant_id = ?2")
                + " ORDER BY created_at DESC LIMIT ?1");
    q.setParameter(1, Math.max(1, Math.min(limit, 500)));
    if (commune != null) {
      q.setParameter(2, commune);
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows = q.getResultList();
    return rows.stream()
        .map(
            r ->
                new DeadLetter(
                    (String) r[0],
                    (UUID) r[1],
                    (String) r[2],
                    (String) r[3],
                    (String) r[4],
                    ((Number) r[5]).intValue(),
                    (String) r[6],
                    instant(r[7])))
        .toList();
  }

  @SuppressWarnings("unchecked")
  private List<Object[]> rows(String sql) {
    return em.createNativeQuery(sql).getResultList();
  }

  private static Instant instant(Object value) {
    return value == null ? null : ((Timestamp) value).toInstant();
  }
}
