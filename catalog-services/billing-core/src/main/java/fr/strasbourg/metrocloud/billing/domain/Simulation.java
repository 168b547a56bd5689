package fr.strasbourg.metrocloud.billing.domain;

import fr.strasbourg.metrocloud.catalog.api.BillingInputs.Service;
import fr.strasbourg.metrocloud.catalog.api.BillingInputs.Tariff;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Budget preparation: what would each commune pay next year? From each commune's rated usage of the
 * reference year, grown by a percentage per service, priced at the tariffs in force on the first
 * day of the target year, the amount each service must recover is known; the scenarios share it out
 * differently:
 *
 * <ul>
 *   <li>{@link Kind#USAGE}: unit cost × projected units (the legal default), with base fees and
 *       free allowances (12 months of allowance);
 *   <li>{@link Kind#PER_INHABITANT}: the service's amount shared by population among the communes
 *       that use it;
 *   <li>{@link Kind#MIXED}: a share by population, the rest by usage.
 * </ul>
 *
 * Every scenario recovers the same total per service, to the cent: amounts are apportioned by the
 * largest remainder, so that the communes' cents add up to the service's amount.
 */
public final class Simulation {

  public enum Kind {
    USAGE,
    PER_INHABITANT,
    MIXED
  }

  /** A scenario; {@code inhabitantShare} in percent, for {@link Kind#MIXED} only. */
  public record Scenario(String name, Kind kind, BigDecimal inhabitantShare) {
    public Scenario {
      Objects.requireNonNull(name);
      Objects.requireNonNull(kind);
    }
  }

  /** A commune and the lines of its reference year (from {@link Rating}). */
  public record CommuneYear(String insee, String name, int population, List<StatementLine> lines) {}

  public record ServiceAmount(String service, long cents) {}

  public record Result(String scenario, long totalCents, List<ServiceAmount> services) {}

  public record CommuneResult(String insee, String name, int population, List<Result> results) {}

  public record ScenarioTotal(String name, Kind kind, long totalCents) {}

  public record Outcome(
      int baseYear,
      int targetYear,
      List<ScenarioTotal> scenarios,
      List<CommuneResult> communes,
      List<String> warnings) {}

  private Simulation() {}

  public static Outcome simulate(
      int baseYear,
      List<Service> services,
      List<Tariff> tariffs,
      Map<String, BigDecimal> growthPercent,
      List<Scenario> scenarios,
      List<CommuneYear> communes) {
    int targetYear = baseYear + 1;
    LocalDate firstDay = LocalDate.of(targetYear, 1, 1);
    List<String> warnings = new ArrayList<>();
    // usage-based amount per service and commune, in cents
    Map<String, Map<String, Long>> usageCents = new LinkedHashMap<>();
    for (Service service : services) {
      String code = service.code().value();
      Optional<Tariff> tariff =
          tariffs.stream()
              .filter(t -> t.service().equals(service.code()) && t.appliesOn(firstDay))
              .findFirst();
      Map<String, Long> byCommune = new LinkedHashMap<>();
      BigDecimal growth =
          BigDecimal.ONE.add(growthPercent.getOrDefault(code, BigDecimal.ZERO).movePointLeft(2));
      for (CommuneYear c : communes) {
        List<StatementLine> lines =
            c.lines().stream().filter(l -> l.service().equals(code)).toList();
        if (lines.isEmpty()) {
          continue;
        }
        if (tariff.isEmpty()) {
          warnings.add(
              "Aucun tarif du service « "
                  + service.nameFr()
                  + " » au "
                  + firstDay
                  + " : le service n'est pas simulé.");
          break;
        }
        Tariff t = tariff.get();
        BigDecimal used =
            lines.stream()
                .filter(l -> l.kind() == LineKind.USAGE)
                .map(StatementLine::quantity)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal projected = used.multiply(growth);
        BigDecimal free = t.freeUnitsPerMonthFor(c.population()).multiply(BigDecimal.valueOf(12));
        BigDecimal billed = projected.subtract(free).max(BigDecimal.ZERO);
        long cents = Rating.amountCents(billed.setScale(6, RoundingMode.HALF_UP), t.unitPrice());
        boolean paidFee = lines.stream().anyMatch(l -> l.kind() == LineKind.BASE_FEE);
        if (paidFee) {
          cents +=
              t.baseFeeFor(c.population()).map(f -> f.movePointRight(2).longValue()).orElse(0L);
        }
        byCommune.put(c.insee(), cents);
      }
      if (!byCommune.isEmpty() && tariff.isPresent()) {
        usageCents.put(code, byCommune);
      }
    }
    Map<String, Integer> population = new LinkedHashMap<>();
    communes.forEach(c -> population.put(c.insee(), c.population()));
    List<ScenarioTotal> totals = new ArrayList<>();
    Map<String, Map<String, Map<String, Long>>> perScenario = new LinkedHashMap<>();
    for (Scenario scenario : scenarios) {
      Map<String, Map<String, Long>> byService = new LinkedHashMap<>();
      long total = 0;
      for (Map.Entry<String, Map<String, Long>> e : usageCents.entrySet()) {
        Map<String, Long> usage = e.getValue();
        long amount = usage.values().stream().mapToLong(Long::longValue).sum();
        total += amount;
        byService.put(e.getKey(), share(scenario, amount, usage, population));
      }
      perScenario.put(scenario.name(), byService);
      totals.add(new ScenarioTotal(scenario.name(), scenario.kind(), total));
    }
    List<CommuneResult> results = new ArrayList<>();
    for (CommuneYear c : communes) {
      List<Result> rs = new ArrayList<>();
      for (Scenario scenario : scenarios) {
        List<ServiceAmount> amounts = new ArrayList<>();
        long sum = 0;
        for (Map.Entry<String, Map<String, Long>> e : perScenario.get(scenario.name()).entrySet()) {
          Long cents = e.getValue().get(c.insee());
          if (cents != null) {
            amounts.add(new ServiceAmount(e.getKey(), cents));
            sum += cents;
          }
        }
        rs.add(new Result(scenario.name(), sum, amounts));
      }
      results.add(new CommuneResult(c.insee(), c.name(), c.population(), rs));
    }
    return new Outcome(baseYear, targetYear, totals, results, List.copyOf(warnings));
  }

  private static Map<String, Long> share(
      Scenario scenario, long amount, Map<String, Long> usage, Map<String, Integer> population) {
    if (scenario.kind() == Kind.USAGE) {
      return usage;
    }
    BigDecimal inhabitants =
        scenario.kind() == Kind.PER_INHABITANT
            ? BigDecimal.ONE
            : scenario.inhabitantShare().movePointLeft(2);
    long totalPopulation = usage.keySet().stream().mapToLong(population::get).sum();
    Map<String, BigDecimal> exact = new LinkedHashMap<>();
    for (Map.Entry<String, Long> e : usage.entrySet()) {
      BigDecimal byPopulation =
          totalPopulation == 0
              ? BigDecimal.ZERO
              : BigDecimal.valueOf(amount)
                  .multiply(BigDecimal.valueOf(population.get(e.getKey())))
                  .divide(BigDecimal.valueOf(totalPopulation), 10, RoundingMode.HALF_UP);
      exact.put(
          e.getKey(),
          byPopulation
              .multiply(inhabitants)
              .add(
                  BigDecimal.valueOf(e.getValue()).multiply(BigDecimal.ONE.subtract(inhabitants))));
    }
    return apportion(amount, exact);
  }

  /**
   * Whole cents adding up to {@code total}: each gets its exact share rounded down, the cents left
   * go to the largest remainders (ties: in order).
   */
  static Map<String, Long> apportion(long total, Map<String, BigDecimal> exact) {
    Map<String, Long> cents = new LinkedHashMap<>();
    long given = 0;
    for (Map.Entry<String, BigDecimal> e : exact.entrySet()) {
      long floor = e.getValue().setScale(0, RoundingMode.FLOOR).longValueExact();
      cents.put(e.getKey(), floor);
      given += floor;
    }
    List<String> byRemainder =
        exact.entrySet().stream()
            .sorted(
                Comparator.comparing(
                        (Map.Entry<String, BigDecimal> e) ->
                            e.getValue().subtract(e.getValue().setScale(0, RoundingMode.FLOOR)))
                    .reversed())
            .map(Map.Entry::getKey)
            .toList();
    for (int i = 0; given < total && i < byRemainder.size(); i++, given++) {
      cents.merge(byRemainder.get(i), 1L, Long::sum);
    }
    return cents;
  }
}
