package fr.strasbourg.metrocloud.billing.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.strasbourg.metrocloud.catalog.api.BillingInputs.Band;
import fr.strasbourg.metrocloud.catalog.api.BillingInputs.DailyUsage;
import fr.strasbourg.metrocloud.catalog.api.BillingInputs.Service;
import fr.strasbourg.metrocloud.catalog.api.BillingInputs.SubscriptionSpan;
import fr.strasbourg.metrocloud.catalog.api.BillingInputs.Tariff;
import fr.strasbourg.metrocloud.catalog.api.BillingInputs.Unit;
import fr.strasbourg.metrocloud.catalog.api.ServiceCode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class RatingTest {

  static final Service SIGNATURE =
      new Service(ServiceCode.E_SIGNATURE, "Parapheur électronique", Unit.SIGNATURE, "signatures");
  static final Service GED =
      new Service(ServiceCode.DOCUMENT_MANAGEMENT, "GED", Unit.GB_MONTH, "storage.gb-month");
  static final Service CONNECTOR =
      new Service(
          ServiceCode.FINANCE_CONNECTOR, "Connecteur finances", Unit.MONTH, "connector-months");

  static final LocalDate Y2031 = LocalDate.of(2031, 1, 1);

  static Tariff tariff(ServiceCode s, LocalDate from, LocalDate to, String price) {
    return new Tariff(
        s, from, to, new BigDecimal(price), null, List.of(), null, null, null, null, "");
  }

  static Tariff withFee(Tariff t, String fee) {
    return new Tariff(
        t.service(),
        t.validFrom(),
        t.validTo(),
        t.unitPrice(),
        new BigDecimal(fee),
        List.of(),
        null,
        null,
        null,
        null,
        "");
  }

  static DailyUsage use(Service s, LocalDate day, String quantity) {
    return new DailyUsage(s.code(), s.metric(), day, new BigDecimal(quantity), 1);
  }

  static SubscriptionSpan span(Service s, LocalDate from, LocalDate to) {
    return new SubscriptionSpan(s.code(), from, to);
  }

  static List<StatementLine> rate(
      int population,
      BillingPeriod period,
      List<Tariff> tariffs,
      List<SubscriptionSpan> spans,
      List<DailyUsage> usage,
      List<DailyUsage> late) {
    return Rating.rate(
        new Rating.Input(
            population, period, List.of(SIGNATURE, GED, CONNECTOR), tariffs, spans, usage, late));
  }

  static long total(List<StatementLine> lines) {
    return lines.stream().mapToLong(StatementLine::amountCents).sum();
  }

  @Test
  void unitCostTimesUnitsUsed() {
    var jan = Frequency.MONTHLY.periodStarting(Y2031);
    var lines =
        rate(
            5000,
            jan,
            List.of(tariff(ServiceCode.E_SIGNATURE, Y2031, null, "0.3500")),
            List.of(span(SIGNATURE, Y2031, null)),
            List.of(
                use(SIGNATURE, Y2031.plusDays(3), "7"), use(SIGNATURE, Y2031.plusDays(30), "3")),
            List.of());
    assertThat(lines).hasSize(1);
    StatementLine line = lines.get(0);
    assertThat(line.kind()).isEqualTo(LineKind.USAGE);
    assertThat(line.quantity()).isEqualByComparingTo("10");
    assertThat(line.amountCents()).isEqualTo(350);
    assertThat(line.from()).isEqualTo(Y2031);
    assertThat(line.to()).isEqualTo(LocalDate.of(2031, 2, 1));
  }

  @Test
  void usageOutsideThePeriodIsNotBilled() {
    var feb = Frequency.MONTHLY.periodStarting(LocalDate.of(2031, 2, 1));
    var lines =
        rate(
            5000,
            feb,
            List.of(tariff(ServiceCode.E_SIGNATURE, Y2031, null, "0.35")),
            List.of(span(SIGNATURE, Y2031, null)),
            // the rating only sums what it is given for the period's days
            List.of(
                use(SIGNATURE, LocalDate.of(2031, 1, 31), "5"),
                use(SIGNATURE, LocalDate.of(2031, 3, 1), "5")),
            List.of());
    assertThat(lines).singleElement().satisfies(l -> assertThat(l.quantity()).isZero());
    assertThat(total(lines)).isZero();
  }

  @Test
  void monthlyServicesAreProratedByDayAtPeriodBoundaries() {
    var tariffs = List.of(tariff(ServiceCode.FINANCE_CONNECTOR, Y2031, null, "45"));
    var jan = Frequency.MONTHLY.periodStarting(Y2031);
    // subscribed on the last day of the period: 1/31 month
    var lastDay =
        rate(
            5000,
            jan,
            tariffs,
            List.of(span(CONNECTOR, LocalDate.of(2031, 1, 31), null)),
            List.of(),
            List.of());
    assertThat(lastDay.get(0).quantity()).isEqualByComparingTo("0.032258");
    assertThat(lastDay.get(0).amountCents()).isEqualTo(145); // 45 × 0.032258 = 1.45161
    // subscription starting the day after the period: nothing
    assertThat(
            rate(
                5000,
                jan,
                tariffs,
                List.of(span(CONNECTOR, LocalDate.of(2031, 2, 1), null)),
                List.of(),
                List.of()))
        .isEmpty();
    // subscription ending on the first day of the period (end exclusive): nothing
    assertThat(
            rate(
                5000,
                jan,
                tariffs,
                List.of(span(CONNECTOR, LocalDate.of(2030, 6, 1), Y2031)),
                List.of(),
                List.of()))
        .isEmpty();
    // whole period: exactly one month
    var whole =
        rate(
            5000,
            jan,
            tariffs,
            List.of(span(CONNECTOR, LocalDate.of(2030, 6, 1), null)),
            List.of(),
            List.of());
    assertThat(whole.get(0).quantity()).isEqualByComparingTo("1");
    assertThat(whole.get(0).amountCents()).isEqualTo(4500);
    // a quarter, subscribed 15 January → 10 February: 17/31 + 9/28 months
    var q1 = Frequency.QUARTERLY.periodStarting(Y2031);
    var part =
        rate(
            5000,
            q1,
            tariffs,
            List.of(span(CONNECTOR, LocalDate.of(2031, 1, 15), LocalDate.of(2031, 2, 10))),
            List.of(),
            List.of());
    assertThat(part.get(0).quantity()).isEqualByComparingTo("0.869816");
    assertThat(part.get(0).amountCents()).isEqualTo(3914); // 45 × 0.869816 = 39.14172
  }

  @Test
  void communeUnsubscribingMidMonthPaysItsDaysOfBaseFee() {
    var tariffs =
        List.of(withFee(tariff(ServiceCode.DOCUMENT_MANAGEMENT, Y2031, null, "0.12"), "150.00"));
    var jan = Frequency.MONTHLY.periodStarting(Y2031);
    var lines =
        rate(
            5000,
            jan,
            tariffs,
            List.of(span(GED, LocalDate.of(2030, 3, 1), LocalDate.of(2031, 1, 16))),
            List.of(use(GED, LocalDate.of(2031, 1, 10), "2.5")),
            List.of());
    assertThat(lines)
        .extracting(StatementLine::kind)
        .containsExactly(LineKind.USAGE, LineKind.BASE_FEE);
    StatementLine fee = lines.get(1);
    assertThat(fee.quantity()).isEqualByComparingTo("15"); // 1–15 January
    assertThat(fee.amountCents()).isEqualTo(616); // 150 × 15 / 365 = 6.1643
    assertThat(fee.to()).isEqualTo(LocalDate.of(2031, 1, 16));
    assertThat(lines.get(0).amountCents()).isEqualTo(30); // 2.5 × 0.12
    assertThat(total(lines)).isEqualTo(646);
  }

  @Test
  void leapYearProratesOverItsDays() {
    var tariffs =
        List.of(
            withFee(
                tariff(ServiceCode.DOCUMENT_MANAGEMENT, LocalDate.of(2032, 1, 1), null, "0.12"),
                "150.00"));
    var year = Frequency.YEARLY.periodStarting(LocalDate.of(2032, 1, 1));
    var lines =
        rate(
            5000,
            year,
            tariffs,
            List.of(span(GED, LocalDate.of(2032, 12, 1), null)),
            List.of(),
            List.of());
    StatementLine fee = lines.get(1);
    assertThat(fee.quantity()).isEqualByComparingTo("31");
    assertThat(fee.amountCents()).isEqualTo(1270); // 150 × 31 / 366 = 12.7049
  }

  @Test
  void amountsAreRoundedHalfUpToTheCentOncePerLine() {
    assertThat(Rating.amountCents(new BigDecimal("0.5"), new BigDecimal("0.0500")))
        .isEqualTo(3); // 0.025
    assertThat(Rating.amountCents(new BigDecimal("0.5"), new BigDecimal("0.0499")))
        .isEqualTo(2); // 0.02495
    assertThat(Rating.amountCents(new BigDecimal("3"), new BigDecimal("0.3500"))).isEqualTo(105);
    assertThat(Rating.proratedFeeCents(new BigDecimal("300.00"), 1, 365)).isEqualTo(82); // 0.8219
    // 31 daily snapshots of 0.004032 GB-month each: summed before rounding, not rounded per day
    var jan = Frequency.MONTHLY.periodStarting(Y2031);
    List<DailyUsage> daily = new java.util.ArrayList<>();
    for (int d = 0; d < 31; d++) {
      daily.add(use(GED, Y2031.plusDays(d), "0.004032"));
    }
    var lines =
        rate(
            5000,
            jan,
            List.of(tariff(ServiceCode.DOCUMENT_MANAGEMENT, Y2031, null, "1.2345")),
            List.of(span(GED, Y2031, null)),
            daily,
            List.of());
    assertThat(lines.get(0).quantity()).isEqualByComparingTo("0.124992");
    assertThat(lines.get(0).amountCents()).isEqualTo(15); // 0.124992 × 1.2345 = 0.15430
  }

  @Test
  void freeAllowanceIsPerMonthAndOnlyForSmallCommunes() {
    Tariff t =
        new Tariff(
            ServiceCode.E_SIGNATURE,
            Y2031,
            null,
            new BigDecimal("0.35"),
            null,
            List.of(),
            new BigDecimal("20"),
            1999,
            null,
            null,
            "");
    var q1 = Frequency.QUARTERLY.periodStarting(Y2031);
    var usage =
        List.of(
            use(SIGNATURE, LocalDate.of(2031, 1, 5), "30"), // 20 free, 10 paid
            use(
                SIGNATURE,
                LocalDate.of(2031, 2, 5),
                "12"), // all free; the 8 left do not carry over
            use(SIGNATURE, LocalDate.of(2031, 3, 5), "25")); // 20 free, 5 paid
    var small = rate(1500, q1, List.of(t), List.of(span(SIGNATURE, Y2031, null)), usage, List.of());
    assertThat(small.get(0).quantity()).isEqualByComparingTo("67");
    assertThat(small.get(0).freeQuantity()).isEqualByComparingTo("52");
    assertThat(small.get(0).billedQuantity()).isEqualByComparingTo("15");
    assertThat(small.get(0).amountCents()).isEqualTo(525);
    var large = rate(2000, q1, List.of(t), List.of(span(SIGNATURE, Y2031, null)), usage, List.of());
    assertThat(large.get(0).freeQuantity()).isZero();
    assertThat(large.get(0).amountCents()).isEqualTo(2345);
  }

  @Test
  void tariffChangeMidYearSplitsTheLines() {
    LocalDate july = LocalDate.of(2031, 7, 1);
    var tariffs =
        List.of(
            tariff(ServiceCode.E_SIGNATURE, Y2031, july, "0.35"),
            tariff(ServiceCode.E_SIGNATURE, july, null, "0.40"));
    var year = Frequency.YEARLY.periodStarting(Y2031);
    var lines =
        rate(
            5000,
            year,
            tariffs,
            List.of(span(SIGNATURE, Y2031, null)),
            List.of(use(SIGNATURE, LocalDate.of(2031, 6, 30), "10"), use(SIGNATURE, july, "10")),
            List.of());
    assertThat(lines)
        .extracting(StatementLine::unitPrice)
        .map(BigDecimal::toPlainString)
        .containsExactly("0.35", "0.40");
    assertThat(lines).extracting(StatementLine::amountCents).containsExactly(350L, 400L);
    assertThat(lines.get(0).to()).isEqualTo(july);
    assertThat(lines.get(1).from()).isEqualTo(july);
  }

  @Test
  void baseFeeFollowsThePopulationBand() {
    Tariff t =
        new Tariff(
            ServiceCode.DOCUMENT_MANAGEMENT,
            Y2031,
            null,
            new BigDecimal("0.12"),
            null,
            List.of(
                new Band(0, 1999, new BigDecimal("150")),
                new Band(2000, 9999, new BigDecimal("300")),
                new Band(10000, null, new BigDecimal("600"))),
            null,
            null,
            null,
            null,
            "");
    var year = Frequency.YEARLY.periodStarting(Y2031);
    for (int[] c : new int[][] {{1999, 15000}, {2000, 30000}, {250000, 60000}}) {
      var lines =
          rate(c[0], year, List.of(t), List.of(span(GED, Y2031, null)), List.of(), List.of());
      assertThat(lines.get(1).amountCents()).as("population %d", c[0]).isEqualTo(c[1]);
    }
  }

  @Test
  void lateUsageIsAnAdjustmentAtTheTariffOfItsDay() {
    LocalDate july = LocalDate.of(2031, 7, 1);
    var tariffs =
        List.of(
            tariff(ServiceCode.E_SIGNATURE, Y2031, july, "0.35"),
            tariff(ServiceCode.E_SIGNATURE, july, null, "0.40"));
    var august = Frequency.MONTHLY.periodStarting(LocalDate.of(2031, 8, 1));
    var lines =
        rate(
            5000,
            august,
            tariffs,
            List.of(span(SIGNATURE, Y2031, null)),
            List.of(use(SIGNATURE, LocalDate.of(2031, 8, 2), "4")),
            List.of(
                use(SIGNATURE, LocalDate.of(2031, 6, 12), "6"),
                use(SIGNATURE, LocalDate.of(2031, 6, 20), "-2"), // a correction taking usage back
                use(SIGNATURE, LocalDate.of(2031, 7, 3), "1")));
    assertThat(lines)
        .extracting(StatementLine::kind)
        .containsExactly(LineKind.USAGE, LineKind.ADJUSTMENT, LineKind.ADJUSTMENT);
    assertThat(lines.get(1).label()).contains("juin 2031");
    assertThat(lines.get(1).quantity()).isEqualByComparingTo("4");
    assertThat(lines.get(1).amountCents()).isEqualTo(140);
    assertThat(lines.get(2).label()).contains("juillet 2031");
    assertThat(lines.get(2).amountCents()).isEqualTo(40);
    assertThat(total(lines)).isEqualTo(160 + 140 + 40);
  }

  @Test
  void usageWithoutATariffIsRefusedNotBilledAtZero() {
    var jan = Frequency.MONTHLY.periodStarting(Y2031);
    assertThatThrownBy(
            () ->
                rate(
                    5000,
                    jan,
                    List.of(
                        tariff(ServiceCode.E_SIGNATURE, LocalDate.of(2031, 1, 10), null, "0.35")),
                    List.of(),
                    List.of(use(SIGNATURE, LocalDate.of(2031, 1, 4), "1")),
                    List.of()))
        .isInstanceOf(Rating.RatingException.class)
        .hasMessageContaining("2031-01-01");
    // no usage and no subscription before the tariff: nothing to refuse
    assertThat(
            rate(
                5000,
                jan,
                List.of(tariff(ServiceCode.E_SIGNATURE, LocalDate.of(2031, 1, 10), null, "0.35")),
                List.of(),
                List.of(use(SIGNATURE, LocalDate.of(2031, 1, 12), "1")),
                List.of()))
        .singleElement()
        .satisfies(l -> assertThat(l.amountCents()).isEqualTo(35));
  }

  @Test
  void periodsAreAlignedOnTheirFrequency() {
    assertThatThrownBy(() -> Frequency.QUARTERLY.periodStarting(LocalDate.of(2031, 2, 1)))
        .hasMessageContaining("trimestrielle");
    assertThatThrownBy(() -> Frequency.MONTHLY.periodStarting(LocalDate.of(2031, 2, 2)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Frequency.QUARTERLY.periodStarting(LocalDate.of(2031, 10, 1)).end())
        .isEqualTo(LocalDate.of(2032, 1, 1));
    assertThat(Frequency.QUARTERLY.periodStarting(LocalDate.of(2031, 4, 1)).labelFr())
        .isEqualTo("2e trimestre 2031");
  }
}
