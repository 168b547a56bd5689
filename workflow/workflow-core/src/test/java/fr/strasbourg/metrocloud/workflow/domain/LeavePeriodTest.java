package fr.strasbourg.metrocloud.workflow.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class LeavePeriodTest {

  private static final WorkingPattern FULL = WorkingPattern.fullTime();

  @Test
  void aWeekAroundGoodFridayCostsFourDaysInAlsaceAndFiveElsewhere() {
    // Monday 30 March to Sunday 5 April 2026; Good Friday is 3 April
    LeavePeriod week =
        new LeavePeriod(
            LocalDate.of(2026, 3, 30),
            HalfDay.MORNING,
            LocalDate.of(2026, 4, 5),
            HalfDay.AFTERNOON);
    assertThat(week.workingDays(FULL, true)).isEqualByComparingTo("4");
    assertThat(week.workingDays(FULL, false)).isEqualByComparingTo("5");
  }

  @Test
  void halfDaysAndWorkingPatternsCount() {
    // Monday afternoon to Wednesday morning: 2 days
    LeavePeriod p =
        new LeavePeriod(
            LocalDate.of(2026, 6, 1), HalfDay.AFTERNOON, LocalDate.of(2026, 6, 3), HalfDay.MORNING);
    assertThat(p.workingDays(FULL, true)).isEqualByComparingTo("2");
    // an agent who does not work on Wednesday afternoons: a full week is 4.5 days
    WorkingPattern part = FULL.without(DayOfWeek.WEDNESDAY, HalfDay.AFTERNOON);
    LeavePeriod week =
        new LeavePeriod(
            LocalDate.of(2026, 6, 1), HalfDay.MORNING, LocalDate.of(2026, 6, 5), HalfDay.AFTERNOON);
    assertThat(week.workingDays(part, true)).isEqualTo(new BigDecimal("4.5"));
    // 24 to 28 December 2026 in Alsace: Thursday 24, Monday 28 (25 and 26 are holidays, 27 a
    // Sunday)
    LeavePeriod christmas =
        new LeavePeriod(
            LocalDate.of(2026, 12, 24),
            HalfDay.MORNING,
            LocalDate.of(2026, 12, 28),
            HalfDay.AFTERNOON);
    assertThat(christmas.workingDays(FULL, true)).isEqualByComparingTo("2");
  }

  @Test
  void anEndBeforeTheStartIsRefusedAndOverlapsAreSeenToTheHalfDay() {
    assertThatThrownBy(
            () -> new LeavePeriod(LocalDate.of(2026, 6, 3), null, LocalDate.of(2026, 6, 2), null))
        .hasMessageContaining("précède");
    assertThatThrownBy(
            () ->
                new LeavePeriod(
                    LocalDate.of(2026, 6, 3),
                    HalfDay.AFTERNOON,
                    LocalDate.of(2026, 6, 3),
                    HalfDay.MORNING))
        .isInstanceOf(IllegalArgumentException.class);
    LeavePeriod morning =
        new LeavePeriod(
            LocalDate.of(2026, 6, 3), HalfDay.MORNING, LocalDate.of(2026, 6, 3), HalfDay.MORNING);
    LeavePeriod afternoon =
        new LeavePeriod(
            LocalDate.of(2026, 6, 3),
            HalfDay.AFTERNOON,
            LocalDate.of(2026, 6, 4),
            HalfDay.AFTERNOON);
    assertThat(morning.overlaps(afternoon)).isFalse();
    assertThat(
            afternoon.overlaps(
                new LeavePeriod(LocalDate.of(2026, 6, 4), null, LocalDate.of(2026, 6, 8), null)))
        .isTrue();
  }
}
