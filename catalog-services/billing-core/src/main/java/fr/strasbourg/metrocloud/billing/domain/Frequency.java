package fr.strasbourg.metrocloud.billing.domain;

import java.time.LocalDate;

/** How often the DSI bills: periods are calendar months, quarters or years (Europe/Paris days). */
public enum Frequency {
  MONTHLY(1),
  QUARTERLY(3),
  YEARLY(12);

  private final int months;

  Frequency(int months) {
    this.months = months;
  }

  /**
   * The period of this frequency that starts on {@code start}.
   *
   * @throws IllegalArgumentException if {@code start} is not the first day of such a period
   */
  public BillingPeriod periodStarting(LocalDate start) {
    if (start.getDayOfMonth() != 1 || (start.getMonthValue() - 1) % months != 0) {
      throw new IllegalArgumentException(
          switch (this) {
            case MONTHLY -> "Une période mensuelle commence le premier jour d'un mois.";
            case QUARTERLY ->
                "Une période trimestrielle commence le 1er janvier, avril, juillet ou octobre.";
            case YEARLY -> "Une période annuelle commence le 1er janvier.";
          });
    }
    return new BillingPeriod(start, start.plusMonths(months), this);
  }
}
