package fr.strasbourg.metrocloud.billing.domain;

import static org.assertj.core.api.Assertions.assertThat;

import fr.strasbourg.metrocloud.billing.domain.Simulation.CommuneYear;
import fr.strasbourg.metrocloud.billing.domain.Simulation.Kind;
import fr.strasbourg.metrocloud.billing.domain.Simulation.Outcome;
import fr.strasbourg.metrocloud.billing.domain.Simulation.Scenario;
import fr.strasbourg.metrocloud.catalog.api.BillingInputs.Band;
import fr.strasbourg.metrocloud.catalog.api.BillingInputs.Service;
import fr.strasbourg.metrocloud.catalog.api.BillingInputs.Tariff;
import fr.strasbourg.metrocloud.catalog.api.BillingInputs.Unit;
import fr.strasbourg.metrocloud.catalog.api.ServiceCode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulationTest {

  static final Service SIGNATURE =
      new Service(ServiceCode.E_SIGNATURE, "Parapheur", Unit.SIGNATURE, "signatures");
  static final Service ARCHIVE =
      new Service(ServiceCode.ARCHIVING, "SAE", Unit.GB_MONTH, "archive.gb-month");

  static final List<Tariff> TARIFFS =
      List.of(
          new Tariff(
              ServiceCode.E_SIGNATURE,
              LocalDate.of(2026, 1, 1),
              LocalDate.of(2027, 1, 1),
              new BigDecimal("0.35"),
              null,
              List.of(),
              new BigDecimal("20"),
              1999,
              null,
              null,
              ""),
          new Tariff(
              ServiceCode.E_SIGNATURE,
              LocalDate.of(2027, 1, 1),
              null,
              new BigDecimal("0.40"),
              null,
              List.of(),
              new BigDecimal("20"),
              1999,
              null,
              null,
              ""),
          new Tariff(
              ServiceCode.ARCHIVING,
              LocalDate.of(2026, 1, 1),
              null,
              new BigDecimal("0.30"),
              null,
              List.of(
                  new Band(0, 9999, new BigDecimal("300")),
                  new Band(10000, null, new BigDecimal("600"))),
              null,
              null,
              null,
              null,
              ""));

  static StatementLine usage(ServiceCode s, String quantity) {
    return new StatementLine(
        LineKind.USAGE,
        s.value(),
        "m",
        "l",
        LocalDate.of(2026, 1, 1),
        LocalDate.of(2027, 1, 1),
        new BigDecimal(quantity),
        BigDecimal.ZERO,
        new BigDecimal("0.35"),
        0,
        LocalDate.of(2026, 1, 1));
  }

  static StatementLine fee(ServiceCode s) {
    return new StatementLine(
        LineKind.BASE_FEE,
        s.value(),
        "base-fee",
        "l",
        LocalDate.of(2026, 1, 1),
        LocalDate.of(2027, 1, 1),
        new BigDecimal("365"),
        BigDecimal.ZERO,
        new BigDecimal("300"),
        30000,
        LocalDate.of(2026, 1, 1));
  }

  static final List<CommuneYear> COMMUNES =
      List.of(
          new CommuneYear(
              "67482",
              "Strasbourg",
              291313,
              List.of(
                  usage(ServiceCode.E_SIGNATURE, "10000"),
                  usage(ServiceCode.ARCHIVING, "1200"),
                  fee(ServiceCode.ARCHIVING))),
          new CommuneYear(
              "67001", "Achenheim", 2504, List.of(usage(ServiceCode.E_SIGNATURE, "300"))),
          new CommuneYear("67009", "Petite", 1200, List.of(usage(ServiceCode.E_SIGNATURE, "100"))),
          new CommuneYear("67999", "Sans service", 800, List.of()));

  static final List<Scenario> SCENARIOS =
      List.of(
          new Scenario("Usage pur", Kind.USAGE, null),
          new Scenario("Par habitant", Kind.PER_INHABITANT, null),
          new Scenario("Mixte 50 %", Kind.MIXED, new BigDecimal("50")));

  @Test
  void usageScenarioPricesProjectedUnitsAtNextYearsTariff() {
    Outcome out =
        Simulation.simulate(
            2026,
            List.of(SIGNATURE, ARCHIVE),
            TARIFFS,
            Map.of("e-signature", new BigDecimal("10")),
            SCENARIOS,
            COMMUNES);
    assertThat(out.targetYear()).isEqualTo(2027);
    var strasbourg = out.communes().get(0).results().get(0);
    // 10,000 × 1.10 = 11,000 signatures at 0.40 = 4,400 €; archive 1,200 GB-month × 0.30 + 600 €
    // band fee
    assertThat(strasbourg.services())
        .extracting(Simulation.ServiceAmount::cents)
        .containsExactly(440000L, 96000L);
    // the small commune: 110 signatures − 240 free a year: nothing to pay
    assertThat(out.communes().get(2).results().get(0).totalCents()).isZero();
    // a commune with no service pays nothing in any scenario
    assertThat(out.communes().get(3).results())
        .allMatch(r -> r.totalCents() == 0 && r.services().isEmpty());
  }

  @Test
  void everyScenarioRecoversTheSameTotalToTheCent() {
    Outcome out =
        Simulation.simulate(
            2026,
            List.of(SIGNATURE, ARCHIVE),
            TARIFFS,
            Map.of("e-signature", new BigDecimal("10")),
            SCENARIOS,
            COMMUNES);
    long usage = out.scenarios().get(0).totalCents();
    assertThat(out.scenarios()).allMatch(s -> s.totalCents() == usage);
    for (int i = 0; i < SCENARIOS.size(); i++) {
      int scenario = i;
      long sum =
          out.communes().stream().mapToLong(c -> c.results().get(scenario).totalCents()).sum();
      assertThat(sum).as(SCENARIOS.get(i).name()).isEqualTo(usage);
    }
    // by inhabitants, the signature amount (4,400 + 132 + 0 €) is shared among its three users
    var perInhabitant = out.communes().stream().map(c -> c.results().get(1)).toList();
    long signatures = 440000 + 13200;
    long strasbourg = perInhabitant.get(0).services().get(0).cents();
    assertThat(strasbourg)
        .isBetween(signatures * 291313 / 295017 - 1, signatures * 291313 / 295017 + 1);
    // mixed 50 %: half-way between the two
    long mixed = out.communes().get(1).results().get(2).services().get(0).cents();
    long byUsage = out.communes().get(1).results().get(0).services().get(0).cents();
    long byPopulation = perInhabitant.get(1).services().get(0).cents();
    assertThat(mixed).isBetween((byUsage + byPopulation) / 2 - 1, (byUsage + byPopulation) / 2 + 1);
  }

  @Test
  void aServiceWithoutNextYearsTariffIsNotSimulatedAndSaysSo() {
    Outcome out =
        Simulation.simulate(
            2026,
            List.of(SIGNATURE, ARCHIVE),
            TARIFFS.subList(0, 1),
            Map.of(),
            SCENARIOS,
            COMMUNES);
    assertThat(out.warnings()).hasSize(2).allMatch(w -> w.contains("2027-01-01"));
    assertThat(out.scenarios()).allMatch(s -> s.totalCents() == 0);
  }

  @Test
  void apportionGivesTheLeftCentsToTheLargestRemainders() {
    Map<String, BigDecimal> exact = new LinkedHashMap<>();
    exact.put("a", new BigDecimal("33.3333"));
    exact.put("b", new BigDecimal("33.3333"));
    exact.put("c", new BigDecimal("33.3334"));
    assertThat(Simulation.apportion(100, exact))
        .containsEntry("c", 34L)
        .containsEntry("a", 33L)
        .containsEntry("b", 33L);
  }
}
