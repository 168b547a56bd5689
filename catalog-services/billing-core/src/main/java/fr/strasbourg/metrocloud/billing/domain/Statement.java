package fr.strasbourg.metrocloud.billing.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A commune's statement of use (CGCT D5211-16) for a period, or a credit on an issued statement.
 *
 * @param number null while a draft; {@code EU-<year>-<insee>-<nnn>} or {@code AV-…} once issued
 * @param usageCutoff events recorded before this instant are in the statement; later ones of its
 *     period come as adjustments in the next statement
 * @param previousYearCents total of the commune's issued statements of the same period last year,
 *     null when there are none
 * @param corrects for a credit: the statement it corrects
 */
public record Statement(
    UUID id,
    String tenantId,
    String communeName,
    int population,
    StatementKind kind,
    StatementStatus status,
    String number,
    BillingPeriod period,
    Instant usageCutoff,
    List<StatementLine> lines,
    long totalCents,
    Long previousYearCents,
    UUID corrects,
    String correctsNumber,
    String reason,
    Instant computedAt,
    Instant issuedAt,
    LocalDate issuedOn,
    String issuedBy,
    UUID runId) {

  public Statement {
    lines = List.copyOf(lines);
  }

  public Statement withLines(List<StatementLine> newLines) {
    return new Statement(
        id,
        tenantId,
        communeName,
        population,
        kind,
        status,
        number,
        period,
        usageCutoff,
        newLines,
        totalCents,
        previousYearCents,
        corrects,
        correctsNumber,
        reason,
        computedAt,
        issuedAt,
        issuedOn,
        issuedBy,
        runId);
  }

  /** This draft as it is once issued (number, time, day, who). */
  public Statement issued(String newNumber, Instant at, LocalDate on, String by) {
    return new Statement(
        id,
        tenantId,
        communeName,
        population,
        kind,
        StatementStatus.ISSUED,
        newNumber,
        period,
        usageCutoff,
        lines,
        totalCents,
        previousYearCents,
        corrects,
        correctsNumber,
        reason,
        computedAt,
        at,
        on,
        by,
        runId);
  }
}
