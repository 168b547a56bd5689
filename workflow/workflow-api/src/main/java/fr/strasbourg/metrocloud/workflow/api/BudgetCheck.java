package fr.strasbourg.metrocloud.workflow.api;

import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import java.math.BigDecimal;
import java.util.UUID;

/**
 * The budget check of a mission order: reserve the estimated cost on a budget line of the commune's
 * service (a commitment), release it when the order ends without being spent. The platform's
 * internal budget lines implement it today; the finance connector will implement it against the
 * commune's finance software (request/reply with a timeout and a fallback).
 */
public interface BudgetCheck {

  /**
   * The platform's own budget lines: the implementation used when the commune has no finance
   * connector, and the fallback when its finance software does not answer.
   */
  @jakarta.inject.Qualifier
  @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
  @java.lang.annotation.Target({
    java.lang.annotation.ElementType.TYPE,
    java.lang.annotation.ElementType.FIELD,
    java.lang.annotation.ElementType.METHOD,
    java.lang.annotation.ElementType.PARAMETER
  })
  @interface Internal {}

  /** Whether this implementation holds a reservation for the order. */
  default boolean holds(CallContext commune, UUID orderId) {
    return false;
  }

  /**
   * @param accepted whether the amount was reserved
   * @param commitmentRef the commitment's number when accepted (stored on the order)
   * @param message why it was refused, in French, or what was reserved
   */
  record Outcome(boolean accepted, String commitmentRef, String message) {}

  /** Reserves {@code amount} on the line for the order, once (a second call returns the same). */
  Outcome reserve(
      CallContext commune,
      String budgetLine,
      int year,
      BigDecimal amount,
      UUID orderId,
      String purpose);

  /** Gives back what remains of the order's reservation (cancelled, refused, or spent less). */
  void release(CallContext commune, String budgetLine, int year, BigDecimal amount, UUID orderId);

  /** Whether the line exists for the year (checked when the agent submits). */
  boolean exists(CallContext commune, String budgetLine, int year);
}
