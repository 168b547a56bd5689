package fr.strasbourg.metrocloud.catalog.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One usage fact of a commune, as billing will rate it.
 *
 * @param metric what is counted, e.g. {@code signatures}, {@code storage.gb-month}, {@code
 *     subscription.started}
 * @param idempotencyKey unique per commune: recording the same key twice records it once
 * @param source the component that emits it, e.g. {@code catalog.subscriptions}
 */
public record UsageEvent(
    ServiceCode service,
    String metric,
    BigDecimal quantity,
    Instant occurredAt,
    String idempotencyKey,
    String source) {

  private static final Pattern METRIC = Pattern.compile("[a-z][a-z0-9.-]{1,63}");

  public UsageEvent {
    Objects.requireNonNull(service);
    Objects.requireNonNull(quantity);
    Objects.requireNonNull(occurredAt);
    Objects.requireNonNull(source);
    if (metric == null || !METRIC.matcher(metric).matches()) {
      throw new IllegalArgumentException("Invalid metric: " + metric);
    }
    if (idempotencyKey == null || idempotencyKey.isBlank() || idempotencyKey.length() > 200) {
      throw new IllegalArgumentException("Idempotency key required (at most 200 characters)");
    }
  }
}
