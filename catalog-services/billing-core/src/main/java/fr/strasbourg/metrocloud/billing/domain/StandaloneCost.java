package fr.strasbourg.metrocloud.billing.domain;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * What a commune of a population band would spend a year to run a service on its own, in euros, by
 * component, with the source of the figures.
 */
public record StandaloneCost(
    String service,
    int minPopulation,
    Integer maxPopulation,
    BigDecimal licence,
    BigDecimal hosting,
    BigDecimal maintenance,
    BigDecimal agentTime,
    String source,
    String updatedBy,
    Instant updatedAt) {

  public boolean covers(int population) {
    return population >= minPopulation && (maxPopulation == null || population <= maxPopulation);
  }

  /** The yearly total in cents. */
  public long yearlyCents() {
    return licence.add(hosting).add(maintenance).add(agentTime).movePointRight(2).longValueExact();
  }
}
