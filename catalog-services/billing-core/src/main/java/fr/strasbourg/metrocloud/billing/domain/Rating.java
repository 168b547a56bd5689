package fr.strasbourg.metrocloud.billing.domain;

import fr.strasbourg.metrocloud.catalog.api.BillingInputs.DailyUsage;
import fr.strasbourg.metrocloud.catalog.api.BillingInputs.Service;
import fr.strasbourg.metrocloud.catalog.api.BillingInputs.SubscriptionSpan;
import fr.strasbourg.metrocloud.catalog.api.BillingInputs.Tariff;
import fr.strasbourg.metrocloud.catalog.api.BillingInputs.Unit;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.Year;
import java.time.YearMonth;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Rates a commune's period: unit cost × units used (CGCT D5211-16), plus the yearly base fee
 * prorated by day, minus the free allowance; usage of already billed periods recorded late comes as
 * adjustment lines. Pure: everything it needs is in {@link Input}.
 *
 * <p>Rules, in the order they apply:
 *
 * <ol>
 *   <li>The period is cut at month boundaries and at tariff changes; each piece takes the unit
 *       price of the tariff in force on its days.
 *   <li>Usage is the sum of the events of the service's billed metric on the piece's days. Services
 *       billed per month of subscription (connectors) count subscribed days ÷ days of the month.
 *   <li>The free allowance is per calendar month, for communes within the tariff's population
 *       limit; it is used up by the month's pieces in date order.
 *   <li>The yearly base fee (the band of the commune's population, or the flat fee) is prorated:
 *       fee × subscribed days ÷ days of the year.
 *   <li>Pieces with the same kind, service, metric and price make one line. The line quantity is
 *       rounded half-up to 6 decimals, its amount half-up to the cent, once; the statement total is
 *       the sum of the line amounts, so it adds up to the cent by construction.
 *   <li>Late usage (of a billed period, recorded after its statement was computed) is rated at the
 *       tariff of the day it occurred, by month of origin, without allowance.
 * </ol>
 */
public final class Rating {

  /** A rating could not be done: what is missing, in French. */
  public static final class RatingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RatingException(String message) {
      super(message);
    }
  }

  /**
   * @param lateUsage usage of already billed periods recorded since their statements
   */
  public record Input(
      int population,
      BillingPeriod period,
      List<Service> services,
      List<Tariff> tariffs,
      List<SubscriptionSpan> subscriptions,
      List<DailyUsage> usage,
      List<DailyUsage> lateUsage) {}

  private static final int QUANTITY_SCALE = 6;

  private Rating() {}

  public static List<StatementLine> rate(Input in) {
    List<StatementLine> lines = new ArrayList<>();
    for (Service service : in.services()) {
      lines.addAll(rateService(in, service));
    }
    return lines;
  }

  /** Amount in cents of a quantity at a unit price, half-up to the cent. */
  public static long amountCents(BigDecimal quantity, BigDecimal unitPrice) {
    return quantity
        .multiply(unitPrice)
        .setScale(2, RoundingMode.HALF_UP)
        .movePointRight(2)
        .longValueExact();
  }

  /** Prorated yearly fee in cents: fee × days ÷ days of the year, half-up to the cent. */
  public static long proratedFeeCents(BigDecimal yearlyFee, long days, int daysOfYear) {
    return yearlyFee
        .multiply(BigDecimal.valueOf(days))
        .divide(BigDecimal.valueOf(daysOfYear), 2, RoundingMode.HALF_UP)
        .movePointRight(2)
        .longValueExact();
  }

  private static final class Accumulator {
    final LineKind kind;
    final String metric;
    final String label;
    final BigDecimal unitPrice;
    final LocalDate tariffFrom;
    LocalDate from;
    LocalDate to;
    BigDecimal quantity = BigDecimal.ZERO;
    BigDecimal free = BigDecimal.ZERO;
    long days;
    int daysOfYear;
    boolean subscribed;

    Accumulator(
        LineKind kind, String metric, String label, BigDecimal unitPrice, LocalDate tariffFrom) {
      this.kind = kind;
      this.metric = metric;
      this.label = label;
      this.unitPrice = unitPrice;
      this.tariffFrom = tariffFrom;
    }

    void cover(LocalDate a, LocalDate b) {
      from = from == null || a.isBefore(from) ? a : from;
      to = to == null || b.isAfter(to) ? b : to;
    }
  }

  private static List<StatementLine> rateService(Input in, Service service) {
    List<Tariff> tariffs =
        in.tariffs().stream()
            .filter(t -> t.service().equals(service.code()))
            .sorted(Comparator.comparing(Tariff::validFrom))
            .toList();
    List<SubscriptionSpan> spans =
        in.subscriptions().stream().filter(s -> s.service().equals(service.code())).toList();
    Map<LocalDate, BigDecimal> usageByDay = new LinkedHashMap<>();
    for (DailyUsage u : in.usage()) {
      if (u.service().equals(service.code()) && u.metric().equals(service.metric())) {
        usageByDay.merge(u.day(), u.quantity(), BigDecimal::add);
      }
    }
    BillingPeriod period = in.period();
    boolean anySubscription =
        spans.stream().anyMatch(s -> subscribedDays(s, period.start(), period.end()) > 0);
    boolean anyLate =
        in.lateUsage().stream()
            .anyMatch(
                u -> u.service().equals(service.code()) && u.metric().equals(service.metric()));
    if (!anySubscription && usageByDay.isEmpty() && !anyLate) {
      return List.of();
    }
    Map<String, Accumulator> lines = new LinkedHashMap<>();
    for (YearMonth month = YearMonth.from(period.start());
        month.atDay(1).isBefore(period.end());
        month = month.plusMonths(1)) {
      LocalDate monthStart = max(month.atDay(1), period.start());
      LocalDate monthEnd = min(month.plusMonths(1).atDay(1), period.end());
      BigDecimal allowanceLeft = null;
      for (LocalDate a = monthStart; a.isBefore(monthEnd); ) {
        LocalDate day = a;
        Tariff tariff = tariffs.stream().filter(t -> t.appliesOn(day)).findFirst().orElse(null);
        LocalDate b =
            tariff == null
                ? tariffs.stream()
                    .map(Tariff::validFrom)
                    .filter(d -> d.isAfter(day) && d.isBefore(monthEnd))
                    .findFirst()
                    .orElse(monthEnd)
                : tariff.validTo() == null ? monthEnd : min(tariff.validTo(), monthEnd);
        long days = 0;
        for (SubscriptionSpan s : spans) {
          days += subscribedDays(s, a, b);
        }
        BigDecimal quantity;
        if (service.unit() == Unit.MONTH) {
          quantity =
              BigDecimal.valueOf(days)
                  .divide(BigDecimal.valueOf(month.lengthOfMonth()), 12, RoundingMode.HALF_UP);
        } else {
          quantity = BigDecimal.ZERO;
          for (Map.Entry<LocalDate, BigDecimal> e : usageByDay.entrySet()) {
            if (!e.getKey().isBefore(a) && e.getKey().isBefore(b)) {
              quantity = quantity.add(e.getValue());
            }
          }
        }
        if (tariff == null && (days > 0 || quantity.signum() != 0)) {
          throw noTariff(service, a);
        }
        if (days > 0 || quantity.signum() != 0) {
          if (allowanceLeft == null) {
            allowanceLeft = tariff.freeUnitsPerMonthFor(in.population());
          }
          BigDecimal free = quantity.signum() > 0 ? quantity.min(allowanceLeft) : BigDecimal.ZERO;
          allowanceLeft = allowanceLeft.subtract(free);
          Accumulator usage =
              lines.computeIfAbsent(
                  "U/" + tariff.validFrom(),
                  k ->
                      new Accumulator(
                          LineKind.USAGE,
                          service.metric(),
                          unitLabel(service.unit()),
                          tariff.unitPrice(),
                          tariff.validFrom()));
          usage.quantity = usage.quantity.add(quantity);
          usage.free = usage.free.add(free);
          usage.subscribed |= days > 0;
          usage.cover(a, b);
          Optional<BigDecimal> fee = tariff.baseFeeFor(in.population());
          if (days > 0 && fee.isPresent() && fee.get().signum() > 0) {
            Accumulator base =
                lines.computeIfAbsent(
                    "B/" + tariff.validFrom(),
                    k ->
                        new Accumulator(
                            LineKind.BASE_FEE,
                            "base-fee",
                            "Forfait annuel",
                            fee.get(),
                            tariff.validFrom()));
            base.days += days;
            base.daysOfYear = Year.of(a.getYear()).length();
            for (SubscriptionSpan span : spans) {
              if (subscribedDays(span, a, b) > 0) {
                base.cover(
                    max(a, span.startsOn()), span.endsOn() == null ? b : min(b, span.endsOn()));
              }
            }
          }
        }
        a = b;
      }
    }
    for (DailyUsage late : in.lateUsage()) {
      if (!late.service().equals(service.code()) || !late.metric().equals(service.metric())) {
        continue;
      }
      Tariff tariff = tariffOn(tariffs, service, late.day());
      YearMonth origin = YearMonth.from(late.day());
      Accumulator adjustment =
          lines.computeIfAbsent(
              "A/" + origin + "/" + tariff.validFrom(),
              k ->
                  new Accumulator(
                      LineKind.ADJUSTMENT,
                      service.metric(),
                      unitLabel(service.unit())
                          + " — régularisation de "
                          + origin.getMonth().getDisplayName(TextStyle.FULL, Locale.FRENCH)
                          + " "
                          + origin.getYear(),
                      tariff.unitPrice(),
                      tariff.validFrom()));
      adjustment.quantity = adjustment.quantity.add(late.quantity());
      adjustment.cover(origin.atDay(1), origin.plusMonths(1).atDay(1));
    }
    List<StatementLine> result = new ArrayList<>();
    for (Accumulator acc : lines.values()) {
      if (acc.kind == LineKind.BASE_FEE) {
        result.add(
            new StatementLine(
                acc.kind,
                service.code().value(),
                acc.metric,
                acc.label,
                acc.from,
                acc.to,
                BigDecimal.valueOf(acc.days),
                BigDecimal.ZERO,
                acc.unitPrice,
                proratedFeeCents(acc.unitPrice, acc.days, acc.daysOfYear),
                acc.tariffFrom));
        continue;
      }
      BigDecimal quantity = acc.quantity.setScale(QUANTITY_SCALE, RoundingMode.HALF_UP);
      BigDecimal free = acc.free.setScale(QUANTITY_SCALE, RoundingMode.HALF_UP);
      if (quantity.signum() == 0 && !acc.subscribed) {
        continue;
      }
      result.add(
          new StatementLine(
              acc.kind,
              service.code().value(),
              acc.metric,
              acc.label,
              acc.from,
              acc.to,
              quantity,
              free,
              acc.unitPrice,
              amountCents(quantity.subtract(free), acc.unitPrice),
              acc.tariffFrom));
    }
    return result;
  }

  /** What a usage line counts, in French. */
  static String unitLabel(Unit unit) {
    return switch (unit) {
      case SIGNATURE -> "Signatures";
      case GB_MONTH -> "Volume stocké (Go·mois)";
      case AGENT_MONTH -> "Agents actifs (agent·mois)";
      case MONTH -> "Mois d'abonnement";
    };
  }

  private static Tariff tariffOn(List<Tariff> tariffs, Service service, LocalDate day) {
    return tariffs.stream()
        .filter(t -> t.appliesOn(day))
        .findFirst()
        .orElseThrow(() -> noTariff(service, day));
  }

  private static RatingException noTariff(Service service, LocalDate day) {
    return new RatingException(
        "Aucun tarif du service « " + service.nameFr() + " » en vigueur le " + day + ".");
  }

  /** Days of [a, b) within the subscription [startsOn, endsOn). */
  public static long subscribedDays(SubscriptionSpan s, LocalDate a, LocalDate b) {
    LocalDate from = max(a, s.startsOn());
    LocalDate to = s.endsOn() == null ? b : min(b, s.endsOn());
    return to.isAfter(from) ? ChronoUnit.DAYS.between(from, to) : 0;
  }

  private static LocalDate max(LocalDate a, LocalDate b) {
    return a.isAfter(b) ? a : b;
  }

  private static LocalDate min(LocalDate a, LocalDate b) {
    return a.isBefore(b) ? a : b;
  }
}
