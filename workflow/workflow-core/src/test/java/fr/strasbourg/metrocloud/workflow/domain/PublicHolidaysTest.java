package fr.strasbourg.metrocloud.workflow.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class PublicHolidaysTest {

  @Test
  void easterSundaysOfKnownYears() {
    assertThat(PublicHolidays.easterSunday(2024)).isEqualTo(LocalDate.of(2024, 3, 31));
    assertThat(PublicHolidays.easterSunday(2026)).isEqualTo(LocalDate.of(2026, 4, 5));
    assertThat(PublicHolidays.easterSunday(2027)).isEqualTo(LocalDate.of(2027, 3, 28));
    assertThat(PublicHolidays.easterSunday(2038)).isEqualTo(LocalDate.of(2038, 4, 25));
  }

  @Test
  void alsaceMoselleHasGoodFridayAndSaintStephenOnTopOfTheElevenFrenchHolidays() {
    assertThat(PublicHolidays.of(2026, false)).hasSize(11);
    assertThat(PublicHolidays.of(2026, true))
        .hasSize(13)
        .containsEntry(LocalDate.of(2026, 4, 3), "Vendredi saint")
        .containsEntry(LocalDate.of(2026, 12, 26), "Saint-Étienne")
        .containsEntry(LocalDate.of(2026, 5, 14), "Ascension")
        .containsEntry(LocalDate.of(2026, 5, 25), "Lundi de Pentecôte");
    assertThat(PublicHolidays.isHoliday(LocalDate.of(2026, 4, 3), false)).isFalse();
  }

  @Test
  void workingDaysSkipWeekendsAndAlsatianHolidays() {
    // Thursday 24 December 2026 + 2 working days: 25 (Christmas) and 26 (Saint-Étienne, a Saturday
    // anyway), 27 is a Sunday: Monday 28 and Tuesday 29.
    assertThat(PublicHolidays.addWorkingDays(LocalDate.of(2026, 12, 24), 2, true))
        .isEqualTo(LocalDate.of(2026, 12, 29));
    // Thursday 2 April 2026: Good Friday (3rd) is off in Alsace-Moselle, Easter Monday (6th) too.
    assertThat(PublicHolidays.addWorkingDays(LocalDate.of(2026, 4, 2), 1, true))
        .isEqualTo(LocalDate.of(2026, 4, 7));
    assertThat(PublicHolidays.addWorkingDays(LocalDate.of(2026, 4, 2), 1, false))
        .isEqualTo(LocalDate.of(2026, 4, 3));
  }

  @Test
  void workingPatternIsReadFromItsStoredForm() {
    WorkingPattern p = WorkingPattern.parse("MON,TUE,WED_AM,THU,FRI");
    assertThat(p.works(java.time.DayOfWeek.WEDNESDAY, HalfDay.MORNING)).isTrue();
    assertThat(p.works(java.time.DayOfWeek.WEDNESDAY, HalfDay.AFTERNOON)).isFalse();
    assertThat(p.works(java.time.DayOfWeek.SATURDAY, HalfDay.MORNING)).isFalse();
    assertThat(p)
        .isEqualTo(
            WorkingPattern.fullTime().without(java.time.DayOfWeek.WEDNESDAY, HalfDay.AFTERNOON));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> WorkingPattern.parse("MON,XYZ"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
