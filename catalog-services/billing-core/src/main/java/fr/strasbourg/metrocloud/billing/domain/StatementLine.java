package fr.strasbourg.metrocloud.billing.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One line of a statement. For {@link LineKind#BASE_FEE} the quantity is the number of subscribed
 * days and the unit price the yearly fee (amount = fee × days ÷ days of the year); for the others
 * the amount is (quantity − free quantity) × unit price. Amounts are rounded half-up to the cent,
 * once per line.
 *
 * @param from first day the line covers
 * @param to day after the last day the line covers
 * @param tariffFrom first day of the tariff the unit price comes from
 * @param creditsPosition for a credit line: the position (1-based) of the credited line in the
 *     corrected statement
 */
public record StatementLine(
    LineKind kind,
    String service,
    String metric,
    String label,
    LocalDate from,
    LocalDate to,
    BigDecimal quantity,
    BigDecimal freeQuantity,
    BigDecimal unitPrice,
    long amountCents,
    LocalDate tariffFrom,
    Integer creditsPosition) {

  /** A line that credits nothing (every kind but {@link LineKind#CREDIT}). */
  public StatementLine(
      LineKind kind,
      String service,
      String metric,
      String label,
      LocalDate from,
      LocalDate to,
      BigDecimal quantity,
      BigDecimal freeQuantity,
      BigDecimal unitPrice,
      long amountCents,
      LocalDate tariffFrom) {
    this(
        kind,
        service,
        metric,
        label,
        from,
        to,
        quantity,
        freeQuantity,
        unitPrice,
        amountCents,
        tariffFrom,
        null);
  }

  public StatementLine {
    Objects.requireNonNull(kind);
    Objects.requireNonNull(service);
    Objects.requireNonNull(metric);
    Objects.requireNonNull(label);
    Objects.requireNonNull(quantity);
    Objects.requireNonNull(freeQuantity);
    Objects.requireNonNull(unitPrice);
  }

  /** The quantity that is paid for. */
  public BigDecimal billedQuantity() {
    return quantity.subtract(freeQuantity);
  }
}
