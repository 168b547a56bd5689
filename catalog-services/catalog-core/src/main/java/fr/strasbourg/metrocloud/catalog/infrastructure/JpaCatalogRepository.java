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
}
