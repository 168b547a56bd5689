package fr.strasbourg.metrocloud.workflow.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * The estimated cost of a mission: a meal is due for each lunch (11:00–14:00) and dinner
 * (18:00–21:00) the mission covers entirely, a night for each 00:00–05:00 it covers; transport by
 * personal car at the kilometric rate, other transport at its estimated fare.
 */
public final class MissionEstimate {

  private MissionEstimate() {}

  /** Transport of the mission. */
  public enum Transport {
    TRAIN,
    PUBLIC_TRANSPORT,
    PERSONAL_CAR,
    SERVICE_CAR
  }

  /**
   * @param destinationPopulation population of the destination city (nights there cost more from
   *     {@link MissionRates#largeCityPopulation()})
   * @param paris whether the destination is Paris
   * @param fare estimated fare of a train or public transport, 0 otherwise
   */
  public record Mission(
      LocalDateTime departure,
      LocalDateTime returnAt,
      int destinationPopulation,
      boolean paris,
      Transport transport,
      int horsepower,
      int distanceKm,
      int kmAlreadyThisYear,
      BigDecimal fare) {

    public Mission {
      if (departure == null || returnAt == null || !returnAt.isAfter(departure)) {
        throw new IllegalArgumentException("Le retour de mission doit suivre le départ.");
      }
      if (distanceKm < 0 || kmAlreadyThisYear < 0) {
        throw new IllegalArgumentException("Les distances sont positives.");
      }
    }
  }

  /** The estimate, line by line, in euros (two decimals). */
  public record Estimate(
      int meals,
      BigDecimal mealsAmount,
      int nights,
      BigDecimal nightsAmount,
      BigDecimal transportAmount,
      BigDecimal total) {}

  public static Estimate of(Mission m, MissionRates rates) {
    int meals = 0;
    int nights = 0;
    for (var day = m.departure().toLocalDate();
        !day.isAfter(m.returnAt().toLocalDate());
        day = day.plusDays(1)) {
      if (covers(m, day.atTime(11, 0), day.atTime(14, 0))) {
        meals++;
      }
      if (covers(m, day.atTime(18, 0), day.atTime(21, 0))) {
        meals++;
      }
      if (covers(m, day.atStartOfDay(), day.atTime(LocalTime.of(5, 0)))) {
        nights++;
      }
    }
    BigDecimal night =
        m.paris()
            ? rates.nightParis()
            : m.destinationPopulation() >= rates.largeCityPopulation()
                ? rates.nightLargeCity()
                : rates.night();
    BigDecimal mealsAmount = rates.meal().multiply(BigDecimal.valueOf(meals));
    BigDecimal nightsAmount = night.multiply(BigDecimal.valueOf(nights));
    BigDecimal transport =
        switch (m.transport()) {
          case PERSONAL_CAR ->
              rates
                  .perKm(m.horsepower(), m.kmAlreadyThisYear())
                  .multiply(BigDecimal.valueOf(m.distanceKm()));
          case TRAIN, PUBLIC_TRANSPORT -> m.fare() == null ? BigDecimal.ZERO : m.fare();
          case SERVICE_CAR -> BigDecimal.ZERO;
        };
    BigDecimal total = mealsAmount.add(nightsAmount).add(transport);
    return new Estimate(
        meals, money(mealsAmount), nights, money(nightsAmount), money(transport), money(total));
  }

  private static boolean covers(Mission m, LocalDateTime from, LocalDateTime to) {
    return !m.departure().isAfter(from) && !m.returnAt().isBefore(to);
  }

  private static BigDecimal money(BigDecimal amount) {
    return amount.setScale(2, RoundingMode.HALF_UP);
  }
}
