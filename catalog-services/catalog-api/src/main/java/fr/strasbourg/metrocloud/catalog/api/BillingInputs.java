package fr.strasbourg.metrocloud.catalog.api;

import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What billing reads from the catalogue: the services with the metric each is billed on, the
 * tariffs, a commune's subscription periods and its usage per day. Reads run in the caller's
 * transaction, under its tenant binding (a commune sees only its own subscriptions and usage).
 */
public interface BillingInputs {

  /** Unit of a service's usage as billed: counted units or months of subscription. */
  enum Unit {
    SIGNATURE,
    GB_MONTH,
    AGENT_MONTH,
    /** Billed per month of subscription, prorated by day (connectors): not from usage events. */
    MONTH
  }

  record Service(ServiceCode code, String nameFr, Unit unit, String metric) {}

  /** A base fee for communes whose population is in [minPopulation, maxPopulation]. */
  record Band(int minPopulation, Integer maxPopulation, BigDecimal yearlyFee) {
    public boolean covers(int population) {
      return population >= minPopulation && (maxPopulation == null || population <= maxPopulation);
    }
  }

  /**
   * A tariff over [validFrom, validTo) (validTo null: open). The yearly base fee is the band's for
   * the commune's population when bands exist, else the flat {@code yearlyBaseFee} (null: none).
   * The free allowance applies to communes of at most {@code freeMaxPopulation} inhabitants (null:
   * all).
   */
  record Tariff(
      ServiceCode service,
      LocalDate validFrom,
      LocalDate validTo,
      BigDecimal unitPrice,
      BigDecimal yearlyBaseFee,
      List<Band> bands,
      BigDecimal freeUnitsPerMonth,
      Integer freeMaxPopulation,
      BigDecimal annualCost,
      BigDecimal annualUnits,
      String justification) {

    public Tariff {
      Objects.requireNonNull(service);
      Objects.requireNonNull(validFrom);
      Objects.requireNonNull(unitPrice);
      bands = bands == null ? List.of() : List.copyOf(bands);
    }

    public boolean appliesOn(LocalDate day) {
      return !day.isBefore(validFrom) && (validTo == null || day.isBefore(validTo));
    }

    public Optional<BigDecimal> baseFeeFor(int population) {
      if (!bands.isEmpty()) {
        return bands.stream().filter(b -> b.covers(population)).map(Band::yearlyFee).findFirst();
      }
      return Optional.ofNullable(yearlyBaseFee);
    }

    public BigDecimal freeUnitsPerMonthFor(int population) {
      if (freeUnitsPerMonth == null
          || (freeMaxPopulation != null && population > freeMaxPopulation)) {
        return BigDecimal.ZERO;
      }
      return freeUnitsPerMonth;
    }
  }

  /** A subscription's period [startsOn, endsOn), endsOn null while open. */
  record SubscriptionSpan(ServiceCode service, LocalDate startsOn, LocalDate endsOn) {}

  /** The usage of one billed metric on one day (Europe/Paris). */
  record DailyUsage(
      ServiceCode service, String metric, LocalDate day, BigDecimal quantity, long events) {}

  List<Service> services();

  List<Tariff> tariffs();

  List<SubscriptionSpan> subscriptions(CallContext commune);

  /**
   * The commune's usage of the metrics services are billed on, per day, for events that occurred on
   * days [from, to) and were recorded in [recordedFrom, recordedBefore) (recordedFrom null: no
   * lower bound).
   */
  List<DailyUsage> usage(
      CallContext commune,
      LocalDate from,
      LocalDate to,
      Instant recordedFrom,
      Instant recordedBefore);
}
