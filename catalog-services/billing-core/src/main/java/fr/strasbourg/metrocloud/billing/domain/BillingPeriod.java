package fr.strasbourg.metrocloud.billing.domain;

import java.time.LocalDate;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;

/** A billed period [start, end) of whole days, never across a calendar year. */
public record BillingPeriod(LocalDate start, LocalDate end, Frequency frequency) {

  public BillingPeriod {
    Objects.requireNonNull(start);
    Objects.requireNonNull(end);
    Objects.requireNonNull(frequency);
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("Empty period");
    }
  }

  public boolean contains(LocalDate day) {
    return !day.isBefore(start) && day.isBefore(end);
  }

  public boolean overlaps(LocalDate otherStart, LocalDate otherEnd) {
    return start.isBefore(otherEnd) && otherStart.isBefore(end);
  }

  public long days() {
    return ChronoUnit.DAYS.between(start, end);
  }

  /** The same period one year earlier (for the comparison with last year). */
  public BillingPeriod yearBefore() {
    return new BillingPeriod(start.minusYears(1), end.minusYears(1), frequency);
  }

  /** « janvier 2026 », « 1er trimestre 2026 », « année 2026 ». */
  public String labelFr() {
    return switch (frequency) {
      case MONTHLY ->
          start.getMonth().getDisplayName(TextStyle.FULL, Locale.FRENCH) + " " + start.getYear();
      case QUARTERLY ->
          (start.getMonthValue() == 1 ? "1er" : ((start.getMonthValue() + 2) / 3) + "e")
              + " trimestre "
              + start.getYear();
      case YEARLY -> "année " + start.getYear();
    };
  }
}
