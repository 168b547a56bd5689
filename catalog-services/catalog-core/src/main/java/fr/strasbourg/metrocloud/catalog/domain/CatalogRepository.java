package fr.strasbourg.metrocloud.catalog.domain;

import fr.strasbourg.metrocloud.catalog.api.ServiceCode;
import fr.strasbourg.metrocloud.catalog.api.UsageEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Persistence port of the catalogue. Implementations run in the caller's tenant-bound transaction;
 * what they return is what Row-Level Security shows that transaction.
 */
public interface CatalogRepository {

  List<CatalogService> services();

  Optional<CatalogService> service(ServiceCode code);

  List<Subscription> subscriptions();

  List<Subscription> subscriptionsTo(ServiceCode service);

  Optional<Subscription> subscription(UUID id);

  void add(Subscription subscription);

  /** Inserts unless the commune already has this idempotency key; returns whether it inserted. */
  boolean append(String tenantId, UsageEvent event, Instant recordedAt);

  /**
   * Inserts a batch of events in one statement, skipping keys the commune already has; returns how
   * many it inserted.
   */
  int appendAll(String tenantId, List<UsageEvent> events, Instant recordedAt);

  List<RecordedUsage> usage(ServiceCode service, Instant from, Instant to, int limit);

  /** Usage summed per commune, service, metric and day or month (Europe/Paris), oldest first. */
  List<UsageTotal> usageTotals(
      ServiceCode service, String metric, Instant from, Instant to, boolean monthly);

  /** A sum of usage events. */
  record UsageTotal(
      String tenantId,
      String service,
      String metric,
      java.time.LocalDate period,
      java.math.BigDecimal quantity,
      long events) {}
}
