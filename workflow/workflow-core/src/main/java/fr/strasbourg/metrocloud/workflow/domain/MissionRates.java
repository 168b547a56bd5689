package fr.strasbourg.metrocloud.workflow.domain;

import java.math.BigDecimal;
import java.util.List;

/**
 * The allowances of a mission (décret 2006-781 and its arrêtés), configurable per commune.
 * Defaults: meal €20, night €90, €120 in a city of 200 000 inhabitants or more, €140 in Paris;
 * kilometric allowances of a personal car by fiscal horsepower band and yearly distance (arrêté of
 * 14 March 2022).
 */
public record MissionRates(
    BigDecimal meal,
    BigDecimal night,
    BigDecimal nightLargeCity,
    BigDecimal nightParis,
    int largeCityPopulation,
    List<KilometricBand> kilometric) {

  /**
   * Rates per km of a horsepower band, up to 2 000 km a year, from 2 001 to 10 000 km, beyond.
   *
   * @param maxHorsepower the band's upper bound, {@code Integer.MAX_VALUE} for the last one
   */
  public record KilometricBand(
      int maxHorsepower, BigDecimal upTo2000, BigDecimal upTo10000, BigDecimal beyond) {}

  public static MissionRates defaults() {
    return new MissionRates(
        new BigDecimal("20.00"),
        new BigDecimal("90.00"),
        new BigDecimal("120.00"),
        new BigDecimal("140.00"),
        200_000,
        List.of(
            new KilometricBand(
                5, new BigDecimal("0.32"), new BigDecimal("0.40"), new BigDecimal("0.23")),
            new KilometricBand(
                7, new BigDecimal("0.41"), new BigDecimal("0.51"), new BigDecimal("0.30")),
            new KilometricBand(
                Integer.MAX_VALUE,
                new BigDecimal("0.45"),
                new BigDecimal("0.55"),
                new BigDecimal("0.32"))));
  }

  /** The per-km rate of a car of {@code horsepower} for a trip made after {@code kmThisYear} km. */
  public BigDecimal perKm(int horsepower, int kmThisYear) {
    KilometricBand band =
        kilometric.stream()
            .filter(b -> horsepower <= b.maxHorsepower())
            .findFirst()
            .orElseThrow(
                () -> new IllegalArgumentException("Puissance fiscale invalide : " + horsepower));
    if (kmThisYear < 2000) {
      return band.upTo2000();
    }
    return kmThisYear < 10_000 ? band.upTo10000() : band.beyond();
  }
}
