package fr.strasbourg.metrocloud.billing.application;

import fr.strasbourg.metrocloud.billing.domain.BillingPeriod;
import fr.strasbourg.metrocloud.billing.domain.BillingRepository;
import fr.strasbourg.metrocloud.billing.domain.Frequency;
import fr.strasbourg.metrocloud.billing.domain.Rating;
import fr.strasbourg.metrocloud.billing.domain.StandaloneCost;
import fr.strasbourg.metrocloud.billing.domain.StatementLine;
import fr.strasbourg.metrocloud.catalog.api.BillingInputs;
import fr.strasbourg.metrocloud.catalog.api.BillingInputs.DailyUsage;
import fr.strasbourg.metrocloud.catalog.api.BillingInputs.Service;
import fr.strasbourg.metrocloud.catalog.api.BillingInputs.SubscriptionSpan;
import fr.strasbourg.metrocloud.catalog.api.BillingInputs.Tariff;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.TenantBound;
import fr.strasbourg.metrocloud.tenants.api.TenantSummary;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Year;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A commune's figures for a year, each computed in a transaction bound to the commune: the pooled
 * cost (the same rating as the statements, over the year so far), the standalone cost (the
 * reference cost of its population band, prorated to its days of subscription), the usage per
 * month, and what was billed (issued statements, credits included).
 */
@ApplicationScoped
public class BillingFigures {

  /** One service of a commune's year. */
  public record ServiceFigures(
      Service service,
      long pooledCents,
      long standaloneCents,
      long subscribedDays,
      Map<YearMonth, BigDecimal> usage) {
    public long savingsCents() {
      return standaloneCents - pooledCents;
    }

    public boolean used() {
      return subscribedDays > 0 || pooledCents != 0 || !usage.isEmpty();
    }
  }

  /**
   * @param problem why the year could not be rated (a missing tariff), null when it was
   */
  public record CommuneYear(
      TenantSummary commune,
      int year,
      List<ServiceFigures> services,
      long billedCents,
      List<StatementLine> lines,
      String problem) {
    public long pooledCents() {
      return services.stream().mapToLong(ServiceFigures::pooledCents).sum();
    }

    public long standaloneCents() {
      return services.stream().mapToLong(ServiceFigures::standaloneCents).sum();
    }
  }

  @Inject BillingInputs inputs;

  @Inject BillingRepository repository;

  @Inject Clock clock;

  @Transactional(TxType.REQUIRES_NEW)
  @TenantBound
  public CommuneYear year(
      CallContext commune,
      TenantSummary summary,
      int year,
      List<Service> services,
      List<Tariff> tariffs,
      List<StandaloneCost> costs) {
    LocalDate start = LocalDate.of(year, 1, 1);
    LocalDate tomorrow = LocalDate.ofInstant(clock.instant(), CommuneBilling.PARIS).plusDays(1);
    LocalDate end = start.plusYears(1).isBefore(tomorrow) ? start.plusYears(1) : tomorrow;
    long billed = repository.issuedTotal(start, start.plusYears(1)).orElse(0L);
    if (!end.isAfter(start)) {
      return new CommuneYear(summary, year, List.of(), billed, List.of(), null);
    }
    BillingPeriod period = new BillingPeriod(start, end, Frequency.YEARLY);
    List<SubscriptionSpan> spans = inputs.subscriptions(commune);
    List<DailyUsage> usage = inputs.usage(commune, start, end, null, clock.instant());
    List<StatementLine> lines = List.of();
    String problem = null;
    try {
      lines =
          Rating.rate(
              new Rating.Input(
                  summary.population(), period, services, tariffs, spans, usage, List.of()));
    } catch (Rating.RatingException e) {
      problem = e.getMessage();
    }
    int daysOfYear = Year.of(year).length();
    List<ServiceFigures> figures = new ArrayList<>();
    for (Service service : services) {
      String code = service.code().value();
      long pooled =
          lines.stream()
              .filter(l -> l.service().equals(code))
              .mapToLong(StatementLine::amountCents)
              .sum();
      long days =
          spans.stream()
              .filter(s -> s.service().equals(service.code()))
              .mapToLong(s -> Rating.subscribedDays(s, start, end))
              .sum();
      long yearly =
          costs.stream()
              .filter(c -> c.service().equals(code) && c.covers(summary.population()))
              .mapToLong(StandaloneCost::yearlyCents)
              .findFirst()
              .orElse(0L);
      long standalone =
          BigDecimal.valueOf(yearly)
              .multiply(BigDecimal.valueOf(days))
              .divide(BigDecimal.valueOf(daysOfYear), 0, RoundingMode.HALF_UP)
              .longValueExact();
      Map<YearMonth, BigDecimal> months = new TreeMap<>();
      for (DailyUsage u : usage) {
        if (u.service().equals(service.code()) && u.metric().equals(service.metric())) {
          months.merge(YearMonth.from(u.day()), u.quantity(), BigDecimal::add);
        }
      }
      figures.add(new ServiceFigures(service, pooled, standalone, days, months));
    }
    return new CommuneYear(summary, year, figures, billed, lines, problem);
  }
}
