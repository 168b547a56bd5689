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
}
