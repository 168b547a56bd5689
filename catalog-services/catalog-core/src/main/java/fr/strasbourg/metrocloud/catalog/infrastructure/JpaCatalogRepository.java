package fr.strasbourg.metrocloud.catalog.infrastructure;

import fr.strasbourg.metrocloud.catalog.api.ServiceCode;
import fr.strasbourg.metrocloud.catalog.api.UsageEvent;
import fr.strasbourg.metrocloud.catalog.domain.CatalogRepository;
import fr.strasbourg.metrocloud.catalog.domain.CatalogService;
import fr.strasbourg.metrocloud.catalog.domain.RecordedUsage;
import fr.strasbourg.metrocloud.catalog.domain.Subscription;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The catalogue through JPA; tenant filtering is left to Row-Level Security on purpose. */
@ApplicationScoped
public class JpaCatalogRepository implements CatalogRepository {

  @PersistenceContext EntityManager em;

  @Override
  public List<CatalogService> services() {
    return em.createQuery(
            "SELECT DISTINCT s FROM CatalogService s LEFT JOIN FETCH s.prices ORDER BY s.displayOrder",
            CatalogService.class)
        .getResultList();
  }

  @Override
  public Optional<CatalogService> service(ServiceCode code) {
    return Optional.ofNullable(em.find(CatalogService.class, code.value()));
  }

  @Override
  public List<Subscription> subscriptions() {
    return em.createQuery(
            "SELECT s FROM Subscription s ORDER BY s.tenantId, s.startsOn DESC, s.createdAt DESC",
            Subscription.class)
        .getResultList();
  }

  @Override
  public List<Subscription> subscriptionsTo(ServiceCode service) {
    return em.createQuery(
            "SELECT s FROM Subscription s WHERE s.serviceCode = :service ORDER BY s.startsOn",
            Subscription.class)
        .setParameter("service", service.value())
        .getResultList();
  }

  @Override
  public Optional<Subscription> subscription(UUID id) {
    return Optional.ofNullable(em.find(Subscription.class, id));
  }

  @Override
  public void add(Subscription subscription) {
    em.persist(subscription);
    em.flush();
  }

  @Override
  public boolean append(String tenantId, UsageEvent event, Instant recordedAt) {
    int inserted =
        em.createNativeQuery(
                "INSERT INTO usage_events (id, tenant_id, service_code, metric, quantity, occurred_at, recorded_at,"
                    + " idempotency_key, source) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
                    + " ON CONFLICT (tenant_id, idempotency_key) DO NOTHING")
            .setParameter(1, UUID.randomUUID())
            .setParameter(2, tenantId)
            .setParameter(3, event.service().value())
            .setParameter(4, event.metric())
            .setParameter(5, event.quantity())
            .setParameter(6, Timestamp.from(event.occurredAt()))
            .setParameter(7, Timestamp.from(recordedAt))
            .setParameter(8, event.idempotencyKey())
            .setParameter(9, event.source())
            .executeUpdate();
    return inserted == 1;
  }

  @Override
  public int appendAll(String tenantId, List<UsageEvent> events, Instant recordedAt) {
    if (events.isEmpty()) {
      return 0;
    }
    // five array parameters whatever the batch size: one round trip, one plan
    return em.createNativeQuery(
            "INSERT INTO usage_events (id, tenant_id, service_code, metric, quantity, occurred_at,"
                + " recorded_at, idempotency_key, source)"
                + " SELECT gen_random_uuid(), ?1, t.s, t.m, t.q, t.o, ?2, t.k, t.src"
                + " FROM unnest(?3::text[], ?4::text[], ?5::numeric[], ?6::timestamptz[], ?7::text[],"
                + " ?8::text[]) AS t(s, m, q, o, k, src)"
                + " ON CONFLICT (tenant_id, idempotency_key) DO NOTHING")
        .setParameter(1, tenantId)
        .setParameter(2, Timestamp.from(recordedAt))
        .setParameter(3, arrayLiteral(events.stream().map(e -> e.service().value()).toList()))
        .setParameter(4, arrayLiteral(events.stream().map(UsageEvent::metric).toList()))
        .setParameter(
            5, arrayLiteral(events.stream().map(e -> e.quantity().toPlainString()).toList()))
        .setParameter(6, arrayLiteral(events.stream().map(e -> e.occurredAt().toString()).toList()))
        .setParameter(7, arrayLiteral(events.stream().map(UsageEvent::idempotencyKey).toList()))
        .setParameter(8, arrayLiteral(events.stream().map(UsageEvent::source).toList()))
        .executeUpdate();
  }

  /** A PostgreSQL array literal of quoted elements (backslashes and quotes escaped). */
  static String arrayLiteral(List<String> values) {
    StringBuilder b = new StringBuilder("{");
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append('"').append(values.get(i).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    }
    return b.append('}').toString();
  }

  @Override
  public List<RecordedUsage> usage(ServiceCode service, Instant from, Instant to, int limit) {
    String jpql =
        "SELECT u FROM RecordedUsage u WHERE u.occurredAt >= :from AND u.occurredAt < :to"
            + (service == null ? "" : " AND u.serviceCode = :service")
            + " ORDER BY u.occurredAt DESC";
    var query =
        em.createQuery(jpql, RecordedUsage.class)
            .setParameter("from", from)
            .setParameter("to", to)
            .setMaxResults(limit);
    if (service != null) {
      query.setParameter("service", service.value());
    }
    return query.getResultList();
  }

  @Override
  public List<UsageTotal> usageTotals(
      ServiceCode service, String metric, Instant from, Instant to, boolean monthly) {
    String day = "(occurred_at AT TIME ZONE 'Europe/Paris')";
    String period = monthly ? "date_trunc('month', " + day + ")::date" : day + "::date";
    var query =
        em.createNativeQuery(
                "SELECT tenant_id, service_code, metric, "
                    + period
                    + " AS period, sum(quantity), count(*) FROM usage_events"
                    + " WHERE occurred_at >= ?1 AND occurred_at < ?2"
                    + (service == null ? "" : " AND service_code = ?3")
                    + (metric == null ? "" : " AND metric = ?4")
                    + " GROUP BY 1, 2, 3, 4 ORDER BY 4, 1, 2, 3")
            .setParameter(1, Timestamp.from(from))
            .setParameter(2, Timestamp.from(to));
    if (service != null) {
      query.setParameter(3, service.value());
    }
    if (metric != null) {
      query.setParameter(4, metric);
    }
    List<UsageTotal> totals = new java.util.ArrayList<>();
    for (Object row : query.getResultList()) {
      Object[] r = (Object[]) row;
      totals.add(
          new UsageTotal(
              (String) r[0],
              (String) r[1],
              (String) r[2],
              JpaTariffRepository.day(r[3]),
              (java.math.BigDecimal) r[4],
              ((Number) r[5]).longValue()));
    }
    return totals;
  }
}
