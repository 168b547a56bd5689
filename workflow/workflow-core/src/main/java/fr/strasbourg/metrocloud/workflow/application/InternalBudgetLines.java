package fr.strasbourg.metrocloud.workflow.application;

import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.TenantBound;
import fr.strasbourg.metrocloud.workflow.api.BudgetCheck;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * The budget check on the platform's own budget lines ({@code budget_lines}): a reservation is
 * accepted when the line's available amount (voted − committed) covers it, in the transaction of
 * the order's step, the line row locked.
 */
@ApplicationScoped
@Transactional
@TenantBound
@BudgetCheck.Internal
public class InternalBudgetLines implements BudgetCheck {

  @PersistenceContext EntityManager em;

  @Inject Clock clock;

  @Override
  public Outcome reserve(
      CallContext commune,
      String budgetLine,
      int year,
      BigDecimal amount,
      UUID orderId,
      String purpose) {
    @SuppressWarnings("unchecked")
    List<Object> existing =
        em.createNativeQuery(
                "SELECT reference FROM budget_commitments WHERE tenant_id = ?1 AND order_id = ?2")
            .setParameter(1, commune.tenant().value())
            .setParameter(2, orderId)
            .getResultList();
    if (!existing.isEmpty()) {
      return new Outcome(true, (String) existing.get(0), "Engagement déjà réservé.");
    }
    @SuppressWarnings("unchecked")
    List<Object[]> line =
        em.createNativeQuery(
                "SELECT amount, committed, label FROM budget_lines WHERE tenant_id = ?1 AND code ="
                    + " ?2 AND year = ?3 FOR UPDATE")
            .setParameter(1, commune.tenant().value())
            .setParameter(2, budgetLine)
            .setParameter(3, year)
            .getResultList();
    if (line.isEmpty()) {
      return new Outcome(
          false, null, "Ligne budgétaire inconnue : " + budgetLine + " (" + year + ").");
    }
    BigDecimal available = ((BigDecimal) line.get(0)[0]).subtract((BigDecimal) line.get(0)[1]);
    if (available.compareTo(amount) < 0) {
      return new Outcome(
          false,
          null,
          "Crédits insuffisants sur la ligne "
              + budgetLine
              + " ("
              + line.get(0)[2]
              + ") : "
              + LeaveRequests.fr(available)
              + " € disponibles pour "
              + LeaveRequests.fr(amount)
              + " € demandés.");
    }
    String reference =
        "ENG-" + year + "-" + orderId.toString().substring(0, 8).toUpperCase(java.util.Locale.ROOT);
    em.createNativeQuery(
            "UPDATE budget_lines SET committed = committed + ?4, updated_at = ?5 WHERE tenant_id ="
                + " ?1 AND code = ?2 AND year = ?3")
        .setParameter(1, commune.tenant().value())
        .setParameter(2, budgetLine)
        .setParameter(3, year)
        .setParameter(4, amount)
        .setParameter(5, Timestamp.from(clock.instant()))
        .executeUpdate();
    em.createNativeQuery(
            "INSERT INTO budget_commitments (tenant_id, order_id, code, year, reference, amount,"
                + " created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
        .setParameter(1, commune.tenant().value())
        .setParameter(2, orderId)
        .setParameter(3, budgetLine)
        .setParameter(4, year)
        .setParameter(5, reference)
        .setParameter(6, amount)
        .setParameter(7, Timestamp.from(clock.instant()))
        .executeUpdate();
    return new Outcome(
        true, reference, LeaveRequests.fr(amount) + " € réservés (engagement " + reference + ").");
  }

  @Override
  public void release(
      CallContext commune, String budgetLine, int year, BigDecimal amount, UUID orderId) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT amount, released FROM budget_commitments WHERE tenant_id = ?1 AND order_id"
                    + " = ?2 FOR UPDATE")
            .setParameter(1, commune.tenant().value())
            .setParameter(2, orderId)
            .getResultList();
    if (rows.isEmpty()) {
      return;
    }
    BigDecimal left = ((BigDecimal) rows.get(0)[0]).subtract((BigDecimal) rows.get(0)[1]);
    BigDecimal give = amount.min(left);
    if (give.signum() <= 0) {
      return;
    }
    em.createNativeQuery(
            "UPDATE budget_commitments SET released = released + ?3 WHERE tenant_id = ?1 AND"
                + " order_id = ?2")
        .setParameter(1, commune.tenant().value())
        .setParameter(2, orderId)
        .setParameter(3, give)
        .executeUpdate();
    em.createNativeQuery(
            "UPDATE budget_lines SET committed = committed - ?4, updated_at = ?5 WHERE tenant_id ="
                + " ?1 AND code = ?2 AND year = ?3")
        .setParameter(1, commune.tenant().value())
        .setParameter(2, budgetLine)
        .setParameter(3, year)
        .setParameter(4, give)
        .setParameter(5, Timestamp.from(clock.instant()))
        .executeUpdate();
  }

  @Override
  public boolean holds(CallContext commune, UUID orderId) {
    return !em.createNativeQuery(
            "SELECT 1 FROM budget_commitments WHERE tenant_id = ?1 AND order_id = ?2")
        .setParameter(1, commune.tenant().value())
        .setParameter(2, orderId)
        .getResultList()
        .isEmpty();
  }

  @Override
  public boolean exists(CallContext commune, String budgetLine, int year) {
    return !em.createNativeQuery(
            "SELECT 1 FROM budget_lines WHERE tenant_id = ?1 AND code = ?2 AND year = ?3")
        .setParameter(1, commune.tenant().value())
        .setParameter(2, budgetLine)
        .setParameter(3, year)
        .getResultList()
        .isEmpty();
  }
}
