package fr.strasbourg.metrocloud.workflow.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class MissionEstimateTest {

  private static final MissionRates RATES = MissionRates.defaults();

  @Test
  void twoDaysInParisByTrain() {
    // Tuesday 07:00 to Wednesday 20:00: lunch, dinner, night, lunch (the second dinner is not
    // covered)
    MissionEstimate.Estimate e =
        MissionEstimate.of(
            new MissionEstimate.Mission(
                LocalDateTime.of(2026, 6, 2, 7, 0),
                LocalDateTime.of(2026, 6, 3, 20, 0),
                2_100_000,
                true,
                MissionEstimate.Transport.TRAIN,
                0,
                0,
                0,
                new BigDecimal("154.00")),
            RATES);
    assertThat(e.meals()).isEqualTo(3);
    assertThat(e.nights()).isEqualTo(1);
    assertThat(e.mealsAmount()).isEqualByComparingTo("60.00");
    assertThat(e.nightsAmount()).isEqualByComparingTo("140.00");
    assertThat(e.total()).isEqualByComparingTo("354.00");
  }

  @Test
  void aDayTripByPersonalCarUsesTheHorsepowerBand() {
    MissionEstimate.Estimate e =
        MissionEstimate.of(
            new MissionEstimate.Mission(
                LocalDateTime.of(2026, 6, 2, 8, 0),
                LocalDateTime.of(2026, 6, 2, 17, 30),
                50_000,
                false,
                MissionEstimate.Transport.PERSONAL_CAR,
                6,
                180,
                2500,
                null),
            RATES);
    assertThat(e.meals()).isEqualTo(1);
    assertThat(e.nights()).isZero();
    assertThat(e.transportAmount()).isEqualByComparingTo("91.80"); // 180 km × 0.51
    assertThat(e.total()).isEqualByComparingTo("111.80");
    assertThat(RATES.perKm(4, 0)).isEqualByComparingTo("0.32");
    assertThat(RATES.perKm(9, 12_000)).isEqualByComparingTo("0.32");
  }

  @Test
  void aNightInALargeCityCostsMoreAndAReturnBeforeDepartureIsRefused() {
    MissionEstimate.Estimate lyon =
        MissionEstimate.of(
            new MissionEstimate.Mission(
                LocalDateTime.of(2026, 6, 2, 14, 30),
                LocalDateTime.of(2026, 6, 3, 10, 0),
                522_000,
                false,
                MissionEstimate.Transport.SERVICE_CAR,
                0,
                490,
                0,
                null),
            RATES);
    assertThat(lyon.nightsAmount()).isEqualByComparingTo("120.00");
    assertThat(lyon.meals()).isEqualTo(1);
    assertThat(lyon.transportAmount()).isEqualByComparingTo("0.00");
    assertThatThrownBy(
            () ->
                new MissionEstimate.Mission(
                    LocalDateTime.of(2026, 6, 3, 10, 0),
                    LocalDateTime.of(2026, 6, 2, 10, 0),
                    1,
                    false,
                    MissionEstimate.Transport.TRAIN,
                    0,
                    0,
                    0,
                    null))
        .hasMessageContaining("retour");
  }
}
