package fr.strasbourg.metrocloud.integration.api;

import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * Platform → finance of the Eurométropole, cost recovery: a commune's billing statement becomes a
 * receivable (titre de recette) with its PDF, delivered through the outbox to the Eurométropole's
 * finance software. The billing context calls it when it issues a statement.
 */
public interface Receivables {

  /**
   * One line of a statement: a service's metric, the quantity used, the unit price (euros, up to 4
   * decimals) and the amount in cents as the billing computed it.
   */
  record Line(
      String service, String metric, BigDecimal quantity, BigDecimal unitPrice, long amountCents) {}

  /**
   * A commune's statement of use (CGCT D5211-16).
   *
   * @param number unique statement number, e.g. {@code 2026-67447-001}
   * @param previousYearCents last year's total for the same period, if known (shown on the PDF)
   */
  record Statement(
      String number,
      LocalDate periodStart,
      LocalDate periodEnd,
      LocalDate issuedOn,
      List<Line> lines,
      long totalCents,
      Long previousYearCents) {}

  /**
   * @param idempotencyKey the receivable's key at the finance software ({@code
   *     <insee>:receivable/<number>})
   * @param pdfSha256 digest of the attached PDF
   * @param alreadyIssued true when the statement had been issued before (nothing enqueued again)
   */
  record Issued(String idempotencyKey, String pdfSha256, boolean alreadyIssued) {}

  /** Issues the receivable of the commune's statement (the caller's commune context). */
  Issued issue(CallContext commune, Statement statement);

  /**
   * Reduces the receivable of an issued statement by a credit: {@code credit}'s lines are the
   * amounts taken off, positive; delivered as a reduction record (flow {@code receivable.reduced},
   * key {@code <insee>:reduction/<number>}).
   */
  Issued reduce(CallContext commune, Statement credit, String reducedNumber);
}
