package fr.strasbourg.metrocloud.workflow.application;

import fr.strasbourg.metrocloud.kernel.audit.AuditRecord;
import fr.strasbourg.metrocloud.kernel.audit.AuditTrail;
import fr.strasbourg.metrocloud.kernel.problem.NotFoundProblem;
import fr.strasbourg.metrocloud.kernel.problem.UnprocessableProblem;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.TenantBound;
import fr.strasbourg.metrocloud.workflow.application.WorkflowViews.Agent;
import fr.strasbourg.metrocloud.workflow.application.WorkflowViews.LeaveType;
import fr.strasbourg.metrocloud.workflow.application.WorkflowViews.Settings;
import fr.strasbourg.metrocloud.workflow.domain.WorkingPattern;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A commune's reference data for its procedures: settings, agents (service, manager, working
 * pattern), leave types and balances.
 */
@ApplicationScoped
@Transactional
@TenantBound
public class WorkflowDirectory {

  /** The leave types every commune has. */
  static final List<LeaveType> DEFAULT_TYPES =
      List.of(
          new LeaveType("CA", "Congés annuels", true, true),
          new LeaveType("RTT", "Réduction du temps de travail (RTT)", true, true),
          new LeaveType("CET", "Compte épargne-temps (CET)", true, true));

  private static final Pattern TYPE_CODE = Pattern.compile("[A-Z][A-Z0-9_]{1,15}");

  @PersistenceContext EntityManager em;

  @Inject AuditTrail audit;

  @Inject Clock clock;

  // ---- settings ---------------------------------------------------------------------------------

  public Settings settings(CallContext caller) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT hr_validation, reminder_working_days FROM workflow_settings WHERE tenant_id = ?1")
            .setParameter(1, caller.tenant().value())
            .getResultList();
    return rows.isEmpty()
        ? new Settings(false, 5)
        : new Settings((Boolean) rows.get(0)[0], ((Number) rows.get(0)[1]).intValue());
  }

  public Settings updateSettings(CallContext caller, Settings settings) {
    if (settings.reminderWorkingDays() < 1 || settings.reminderWorkingDays() > 60) {
      throw new UnprocessableProblem(
          "invalid-settings", "Le délai de relance doit être compris entre 1 et 60 jours ouvrés.");
    }
    em.createNativeQuery(
            "INSERT INTO workflow_settings (tenant_id, hr_validation, reminder_working_days,"
                + " updated_by, updated_at) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (tenant_id) DO"
                + " UPDATE SET hr_validation = EXCLUDED.hr_validation, reminder_working_days ="
                + " EXCLUDED.reminder_working_days, updated_by = EXCLUDED.updated_by, updated_at ="
                + " EXCLUDED.updated_at")
        .setParameter(1, caller.tenant().value())
        .setParameter(2, settings.hrValidation())
        .setParameter(3, settings.reminderWorkingDays())
        .setParameter(4, caller.actor().username())
        .setParameter(5, Timestamp.from(clock.instant()))
        .executeUpdate();
    audit.record(
        caller,
        AuditRecord.success(
                "workflow.settings.updated", "workflow-settings", caller.tenant().value())
            .withDetail("hrValidation", String.valueOf(settings.hrValidation()))
            .withDetail("reminderWorkingDays", String.valueOf(settings.reminderWorkingDays())));
    return settings(caller);
  }

  // ---- agents -----------------------------------------------------------------------------------

  public Optional<Agent> agent(CallContext caller, String username) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT username, display_name, service, manager_username, working_pattern, active"
                    + " FROM workflow_agents WHERE tenant_id = ?1 AND username = ?2")
            .setParameter(1, caller.tenant().value())
            .setParameter(2, username)
            .getResultList();
    return rows.stream().findFirst().map(WorkflowDirectory::toAgent);
  }

  public List<Agent> agents(CallContext caller) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT username, display_name, service, manager_username, working_pattern, active"
                    + " FROM workflow_agents WHERE tenant_id = ?1 ORDER BY display_name, username")
            .setParameter(1, caller.tenant().value())
            .getResultList();
    return rows.stream().map(WorkflowDirectory::toAgent).toList();
  }

  /**
   * Creates or updates an agent's HR data (administrator, demo seeding, later the HR connector).
   */
  public Agent saveAgent(CallContext caller, Agent agent) {
    String username = required(agent.username(), "username", 255);
    String name = required(agent.displayName(), "displayName", 200);
    String manager = blank(agent.managerUsername());
    if (username.equals(manager)) {
      throw new UnprocessableProblem(
          "invalid-agent", "Un agent ne peut pas être son propre responsable.");
    }
    String pattern =
        agent.workingPattern() == null || agent.workingPattern().isBlank()
            ? "MON,TUE,WED,THU,FRI"
            : agent.workingPattern().strip().toUpperCase();
    try {
      WorkingPattern.parse(pattern);
    } catch (IllegalArgumentException e) {
      throw new UnprocessableProblem(
          "invalid-working-pattern",
          "Rythme de travail invalide (" + e.getMessage() + ") : exemple MON,TUE,WED_AM,THU,FRI.");
    }
    em.createNativeQuery(
            "INSERT INTO workflow_agents (tenant_id, username, display_name, service,"
                + " manager_username, working_pattern, active, updated_at) VALUES (?1, ?2, ?3, ?4,"
                + " ?5, ?6, ?7, ?8) ON CONFLICT (tenant_id, username) DO UPDATE SET display_name ="
                + " EXCLUDED.display_name, service = EXCLUDED.service, manager_username ="
                + " EXCLUDED.manager_username, working_pattern = EXCLUDED.working_pattern, active ="
                + " EXCLUDED.active, updated_at = EXCLUDED.updated_at")
        .setParameter(1, caller.tenant().value())
        .setParameter(2, username)
        .setParameter(3, name)
        .setParameter(4, blank(agent.service()))
        .setParameter(5, manager)
        .setParameter(6, pattern)
        .setParameter(7, agent.active())
        .setParameter(8, Timestamp.from(clock.instant()))
        .executeUpdate();
    audit.record(
        caller,
        AuditRecord.success("workflow.agent.saved", "agent", username)
            .withDetail("manager", manager)
            .withDetail("workingPattern", pattern));
    return agent(caller, username).orElseThrow();
  }

  /** The agents whose manager is the given person. */
  public List<String> reportsOf(CallContext caller, String manager) {
    @SuppressWarnings("unchecked")
    List<String> rows =
        em.createNativeQuery(
                "SELECT username FROM workflow_agents WHERE tenant_id = ?1 AND manager_username = ?2")
            .setParameter(1, caller.tenant().value())
            .setParameter(2, manager)
            .getResultList();
    return rows;
  }

  private static Agent toAgent(Object[] r) {
    return new Agent(
        (String) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4], (Boolean) r[5]);
  }

  // ---- leave types ------------------------------------------------------------------------------

  public List<LeaveType> leaveTypes(CallContext caller) {
    ensureDefaultTypes(caller);
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT code, label, tracks_balance, active FROM leave_types WHERE tenant_id = ?1"
                    + " ORDER BY CASE code WHEN 'CA' THEN 0 WHEN 'RTT' THEN 1 WHEN 'CET' THEN 2"
                    + " ELSE 3 END, code")
            .setParameter(1, caller.tenant().value())
            .getResultList();
    return rows.stream()
        .map(r -> new LeaveType((String) r[0], (String) r[1], (Boolean) r[2], (Boolean) r[3]))
        .toList();
  }

  public Optional<LeaveType> leaveType(CallContext caller, String code) {
    ensureDefaultTypes(caller);
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT code, label, tracks_balance, active FROM leave_types WHERE tenant_id = ?1"
                    + " AND code = ?2")
            .setParameter(1, caller.tenant().value())
            .setParameter(2, code)
            .getResultList();
    return rows.stream()
        .findFirst()
        .map(r -> new LeaveType((String) r[0], (String) r[1], (Boolean) r[2], (Boolean) r[3]));
  }

  /** Adds (or renames, activates, deactivates) a leave type of the commune. */
  public LeaveType saveLeaveType(CallContext caller, LeaveType type) {
    if (type.code() == null || !TYPE_CODE.matcher(type.code()).matches()) {
      throw new UnprocessableProblem(
          "invalid-leave-type",
          "Code de type de congé invalide : 2 à 16 lettres majuscules, chiffres ou _ (ex. ASA).");
    }
    String label = required(type.label(), "label", 120);
    ensureDefaultTypes(caller);
    em.createNativeQuery(
            "INSERT INTO leave_types (tenant_id, code, label, tracks_balance, active, created_at)"
                + " VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (tenant_id, code) DO UPDATE SET"
                + " label = EXCLUDED.label, tracks_balance = EXCLUDED.tracks_balance, active ="
                + " EXCLUDED.active")
        .setParameter(1, caller.tenant().value())
        .setParameter(2, type.code())
        .setParameter(3, label)
        .setParameter(4, type.tracksBalance())
        .setParameter(5, type.active())
        .setParameter(6, Timestamp.from(clock.instant()))
        .executeUpdate();
    audit.record(
        caller,
        AuditRecord.success("workflow.leave-type.saved", "leave-type", type.code())
            .withDetail("label", label)
            .withDetail("active", String.valueOf(type.active())));
    return leaveType(caller, type.code()).orElseThrow();
  }

  /** The commune's first use creates CA, RTT and CET (one statement, a no-op afterwards). */
  private void ensureDefaultTypes(CallContext caller) {
    StringBuilder sql =
        new StringBuilder(
            "INSERT INTO leave_types (tenant_id, code, label, tracks_balance, active, created_at)"
                + " VALUES ");
    for (int i = 0; i < DEFAULT_TYPES.size(); i++) {
      int p = 3 + i * 3;
      sql.append(i == 0 ? "" : ", ")
          .append("(?1, ?")
          .append(p)
          .append(", ?")
          .append(p + 1)
          .append(", ?")
          .append(p + 2)
          .append(", true, ?2)");
    }
    sql.append(" ON CONFLICT (tenant_id, code) DO NOTHING");
    jakarta.persistence.Query insert =
        em.createNativeQuery(sql.toString())
            .setParameter(1, caller.tenant().value())
            .setParameter(2, Timestamp.from(clock.instant()));
    for (int i = 0; i < DEFAULT_TYPES.size(); i++) {
      LeaveType t = DEFAULT_TYPES.get(i);
      insert.setParameter(3 + i * 3, t.code());
      insert.setParameter(4 + i * 3, t.label());
      insert.setParameter(5 + i * 3, t.tracksBalance());
    }
    insert.executeUpdate();
  }

  // ---- balances ---------------------------------------------------------------------------------

  /** The agent's balance of a type, zero when none was ever set. */
  public BigDecimal balance(CallContext caller, String username, String typeCode) {
    @SuppressWarnings("unchecked")
    List<Object> rows =
        em.createNativeQuery(
                "SELECT days FROM leave_balances WHERE tenant_id = ?1 AND username = ?2 AND"
                    + " type_code = ?3")
            .setParameter(1, caller.tenant().value())
            .setParameter(2, username)
            .setParameter(3, typeCode)
            .getResultList();
    return rows.isEmpty() ? BigDecimal.ZERO : (BigDecimal) rows.get(0);
  }

  /**
   * Moves a balance by {@code delta} days and records the movement. {@code reason}: SEED,
   * HR_IMPORT, APPROVAL, CANCELLATION, ADJUSTMENT.
   */
  public BigDecimal move(
      CallContext caller,
      String username,
      String typeCode,
      BigDecimal delta,
      String reason,
      UUID requestId) {
    // an unknown type fails on the balance's foreign key; callers check it first
    Timestamp now = Timestamp.from(clock.instant());
    BigDecimal balance =
        (BigDecimal)
            em.createNativeQuery(
                    "INSERT INTO leave_balances (tenant_id, username, type_code, days, updated_at)"
                        + " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (tenant_id, username,"
                        + " type_code) DO UPDATE SET days = leave_balances.days + EXCLUDED.days,"
                        + " updated_at = EXCLUDED.updated_at RETURNING days")
                .setParameter(1, caller.tenant().value())
                .setParameter(2, username)
                .setParameter(3, typeCode)
                .setParameter(4, delta)
                .setParameter(5, now)
                .getSingleResult();
    em.createNativeQuery(
            "INSERT INTO leave_balance_movements (id, tenant_id, username, type_code, delta,"
                + " balance, reason, request_id, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")
        .setParameter(1, UUID.randomUUID())
        .setParameter(2, caller.tenant().value())
        .setParameter(3, username)
        .setParameter(4, typeCode)
        .setParameter(5, delta)
        .setParameter(6, balance)
        .setParameter(7, reason)
        .setParameter(8, requestId)
        .setParameter(9, now)
        .executeUpdate();
    return balance;
  }

  /** Sets a balance to a value (seeding, HR import, administrator's adjustment). */
  public BigDecimal setBalance(
      CallContext caller, String username, String typeCode, BigDecimal days, String reason) {
    if (days == null || days.multiply(BigDecimal.valueOf(2)).stripTrailingZeros().scale() > 0) {
      throw new UnprocessableProblem(
          "invalid-balance", "Un solde se compte en jours et demi-journées (ex. 12,5).");
    }
    if (leaveType(caller, typeCode).isEmpty()) {
      throw new NotFoundProblem("leave-type-not-found", "Type de congé inconnu : " + typeCode);
    }
    BigDecimal current = balance(caller, username, typeCode);
    BigDecimal result = move(caller, username, typeCode, days.subtract(current), reason, null);
    audit.record(
        caller,
        AuditRecord.success("workflow.leave-balance.set", "agent", username)
            .withDetail("type", typeCode)
            .withDetail("days", result.toPlainString())
            .withDetail("reason", reason));
    return result;
  }

  private static String required(String value, String field, int max) {
    if (value == null || value.isBlank() || value.strip().length() > max) {
      throw new UnprocessableProblem(
          "invalid-" + field, "Champ " + field + " obligatoire (au plus " + max + " caractères).");
    }
    return value.strip();
  }

  private static String blank(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
