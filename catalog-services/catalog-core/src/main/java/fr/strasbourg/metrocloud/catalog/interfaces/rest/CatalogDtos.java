package fr.strasbourg.metrocloud.catalog.interfaces.rest;

import fr.strasbourg.metrocloud.catalog.domain.CatalogService;
import fr.strasbourg.metrocloud.catalog.domain.Price;
import fr.strasbourg.metrocloud.catalog.domain.RecordedUsage;
import fr.strasbourg.metrocloud.catalog.domain.Subscription;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** Wire formats of the catalogue API. */
public final class CatalogDtos {

  private CatalogDtos() {}

  /** A catalogue entry with the price in force today. */
  public record ServiceDto(
      String code,
      String name,
      String description,
      String usageUnit,
      String usageUnitLabel,
      String availability,
      PriceDto price) {
    static ServiceDto of(CatalogService s, LocalDate today) {
      return new ServiceDto(
          s.code().value(),
          s.nameFr(),
          s.descriptionFr(),
          s.usageUnit().code(),
          s.usageUnit().labelFr(),
          s.availability().name(),
          s.priceOn(today).map(PriceDto::of).orElse(null));
    }
  }

  /** A price: unit price and optional yearly base fee, in euros, with its validity. */
  public record PriceDto(
      BigDecimal unitPrice,
      BigDecimal yearlyBaseFee,
      String currency,
      LocalDate validFrom,
      LocalDate validTo) {
    static PriceDto of(Price p) {
      return new PriceDto(
          p.unitPrice(), p.yearlyBaseFee(), p.currency().trim(), p.validFrom(), p.validTo());
    }
  }

  /** A subscription as the API shows it. */
  public record SubscriptionDto(
      UUID id,
      String tenant,
      String service,
      String status,
      LocalDate startsOn,
      LocalDate endsOn,
      String deliberationRef,
      String endDeliberationRef,
      String createdBy,
      Instant createdAt,
      String endedBy,
      Instant endedAt,
      Long quotaBytes) {
    static SubscriptionDto of(Subscription s, LocalDate today) {
      return new SubscriptionDto(
          s.id(),
          s.commune().value(),
          s.service().value(),
          s.statusOn(today).name(),
          s.startsOn(),
          s.endsOn(),
          s.deliberationRef(),
          s.endDeliberationRef(),
          s.createdBy(),
          s.createdAt(),
          s.endedBy(),
          s.endedAt(),
          s.quotaBytes().isPresent() ? s.quotaBytes().getAsLong() : null);
    }
  }

  /** Body of {@code POST /subscriptions}. */
  public record SubscribeRequest(
      @NotBlank @Size(max = 40) String service,
      LocalDate startsOn,
      @Size(max = 100) String deliberationRef) {}

  /** A subscription of a commune's past, taken over by the DSI. */
  public record HistoryRequest(
      @NotBlank @Size(max = 40) String service,
      @jakarta.validation.constraints.NotNull LocalDate startsOn,
      LocalDate endsOn,
      @Size(max = 100) String deliberationRef) {}

  /** Body of the quota endpoint: bytes, or null for the service's default. */
  public record QuotaRequest(@jakarta.validation.constraints.Positive Long quotaBytes) {}

  /** A usage event as the API shows it. */
  public record UsageDto(
      UUID id,
      String service,
      String metric,
      BigDecimal quantity,
      Instant occurredAt,
      Instant recordedAt,
      String idempotencyKey,
      String source) {
    static UsageDto of(RecordedUsage u) {
      return new UsageDto(
          u.id(),
          u.serviceCode(),
          u.metric(),
          u.quantity(),
          u.occurredAt(),
          u.recordedAt(),
          u.idempotencyKey(),
          u.source());
    }
  }

  /** What a subscribed commune's user gets when opening a service. */
  public record ServiceEntryDto(ServiceDto service, SubscriptionDto subscription) {}
}
