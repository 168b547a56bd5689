package fr.strasbourg.metrocloud.integration.application;

import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.TenantBound;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;

/**
 * Request/reply exchanges with the finance software (in the commune's exchange log) and the
 * commitments it created.
 */
@ApplicationScoped
@Transactional
@TenantBound
public class FinanceExchanges {

  @PersistenceContext EntityManager em;

  @Inject Clock clock;

  /** The finance software's commitment for the order, if it made one. */
  public java.util.Optional<String> commitment(CallContext commune, UUID orderId) {
    @SuppressWarnings("unchecked")
    java.util.List<Object> rows =
        em.createNativeQuery(
                "SELECT commitment_number FROM integration_finance_commitments WHERE order_id = ?1")
            .setParameter(1, orderId)
            .getResultList();
    return rows.stream().findFirst().map(String.class::cast);
  }

  public void remember(
      CallContext commune,
      UUID orderId,
      String number,
      String budgetLine,
      int year,
      java.math.BigDecimal amount) {
    em.createNativeQuery(
            "INSERT INTO integration_finance_commitments (tenant_id, order_id, commitment_number,"
                + " budget_line, year, amount, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON"
                + " CONFLICT (tenant_id, order_id) DO NOTHING")
        .setParameter(1, commune.tenant().value())
        .setParameter(2, orderId)
        .setParameter(3, number)
        .setParameter(4, budgetLine)
        .setParameter(5, year)
        .setParameter(6, amount)
        .setParameter(7, Timestamp.from(clock.instant()))
        .executeUpdate();
  }

  /**
   * Takes what can be given back of the order's commitment (at most {@code amount}); zero when the
   * finance software holds nothing for it.
   */
  public java.math.BigDecimal takeRelease(
      CallContext commune, UUID orderId, java.math.BigDecimal amount) {
    @SuppressWarnings("unchecked")
    java.util.List<Object[]> rows =
        em.createNativeQuery(
                "SELECT amount, released FROM integration_finance_commitments WHERE order_id = ?1"
                    + " FOR UPDATE")
            .setParameter(1, orderId)
            .getResultList();
    if (rows.isEmpty()) {
      return java.math.BigDecimal.ZERO;
    }
    java.math.BigDecimal left =
        ((java.math.BigDecimal) rows.get(0)[0]).subtract((java.math.BigDecimal) rows.get(0)[1]);
    java.math.BigDecimal give = amount.min(left);
    if (give.signum() <= 0) {
      return java.math.BigDecimal.ZERO;
    }
    em.createNativeQuery(
            "UPDATE integration_finance_commitments SET released = released + ?2 WHERE order_id ="
                + " ?1")
        .setParameter(1, orderId)
        .setParameter(2, give)
        .executeUpdate();
    return give;
  }

  public void record(
      CallContext commune,
      String flow,
      String status,
      int millis,
      String correlation,
      String detail) {
    em.createNativeQuery(
            "INSERT INTO integration_exchanges (id, tenant_id, message_id, direction, connector,"
                + " flow, status, attempt, at, duration_ms, correlation_id, detail) VALUES (?1, ?2,"
                + " NULL, 'OUT', 'FINANCE', ?3, ?4, 1, ?5, ?6, ?7, ?8)")
        .setParameter(1, UUID.randomUUID())
        .setParameter(2, commune.tenant().value())
        .setParameter(3, flow)
        .setParameter(4, status)
        .setParameter(5, Timestamp.from(clock.instant()))
        .setParameter(6, millis)
        .setParameter(7, correlation)
        .setParameter(8, detail.length() > 1000 ? detail.substring(0, 1000) : detail)
        .executeUpdate();
  }
}
