package fr.strasbourg.metrocloud.workflow.application;

import fr.strasbourg.metrocloud.catalog.api.ServiceAccess;
import fr.strasbourg.metrocloud.catalog.api.ServiceCode;
import fr.strasbourg.metrocloud.catalog.api.UsageRecorder;
import fr.strasbourg.metrocloud.kernel.audit.AuditRecord;
import fr.strasbourg.metrocloud.kernel.audit.AuditTrail;
import fr.strasbourg.metrocloud.kernel.problem.ConflictProblem;
import fr.strasbourg.metrocloud.kernel.problem.NotFoundProblem;
import fr.strasbourg.metrocloud.kernel.problem.UnprocessableProblem;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.Role;
import fr.strasbourg.metrocloud.kernel.tenancy.TenantBound;
import fr.strasbourg.metrocloud.workflow.application.WorkflowViews.Agent;
import fr.strasbourg.metrocloud.workflow.application.WorkflowViews.Balance;
import fr.strasbourg.metrocloud.workflow.application.WorkflowViews.CalendarEntry;
import fr.strasbourg.metrocloud.workflow.application.WorkflowViews.LeaveRequest;
import fr.strasbourg.metrocloud.workflow.application.WorkflowViews.LeaveType;
import fr.strasbourg.metrocloud.workflow.application.WorkflowViews.Settings;
import fr.strasbourg.metrocloud.workflow.domain.HalfDay;
import fr.strasbourg.metrocloud.workflow.domain.LeavePeriod;
import fr.strasbourg.metrocloud.workflow.domain.PublicHolidays;
import fr.strasbourg.metrocloud.workflow.domain.WorkingPattern;
import fr.strasbourg.metrocloud.workflow.engine.WorkflowEngine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.flowable.task.api.Task;

/**
 * Leave requests (demandes de congés): an agent submits, their manager (then HR where the commune
 * wants it) decides in the Flowable process, approval debits the balance, the agent may cancel
 * before the first day.
 */
@ApplicationScoped
@Transactional
@TenantBound
public class LeaveRequests {

  /** Process key of the leave request definitions (shared and communes' variants). */
  public static final String PROCESS_KEY = "leaveRequest";

  /** Every commune of the Eurométropole is in Alsace-Moselle (Bas-Rhin). */
  public static final boolean ALSACE_MOSELLE = true;

  static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  static final String KIND = "LEAVE";

  private static final DateTimeFormatter FR =
      DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.FRENCH);

  private static final String COLUMNS =
      "r.id, r.agent_username, r.agent_name, r.type_code, t.label, r.start_date, r.start_half,"
          + " r.end_date, r.end_half, r.working_days, r.comment, r.status,"
          + " r.process_instance_id, r.process_version, r.decided_by, r.decision_reason,"
          + " r.created_at, r.decided_at, r.cancelled_at";

  private static final String FROM =
      " FROM leave_requests r JOIN leave_types t ON t.tenant_id = r.tenant_id AND t.code ="
          + " r.type_code";

  @PersistenceContext EntityManager em;

  @Inject WorkflowEngine engine;

  @Inject Procedures procedures;

  @Inject WorkflowDirectory directory;

  @Inject ProcedureJournal journal;

  @Inject ServiceAccess access;

  @Inject UsageRecorder usage;

  @Inject AuditTrail audit;

  @Inject Clock clock;

  /** What an agent asks for. */
  public record Submission(
      String typeCode,
      LocalDate startDate,
      HalfDay startHalf,
      LocalDate endDate,
      HalfDay endHalf,
      String comment) {}

  public LeaveRequest submit(CallContext caller, Submission s) {
    access.requireSubscription(caller, ServiceCode.LEAVE_REQUESTS);
    String username = caller.actor().username();
    LeaveType type =
        directory
            .leaveType(caller, s.typeCode() == null ? "" : s.typeCode())
            .filter(LeaveType::active)
            .orElseThrow(
                () ->
                    new UnprocessableProblem(
                        "unknown-leave-type",
                        "Type de congé inconnu : "
                            + s.typeCode()
                            + ". Types de la commune : "
                            + directory.leaveTypes(caller).stream()
                                .filter(LeaveType::active)
                                .map(LeaveType::code)
                                .toList()
                            + "."));
    if (s.startDate() == null || s.endDate() == null) {
      throw new UnprocessableProblem(
          "invalid-period", "Les dates de début et de fin du congé sont obligatoires.");
    }
    LeavePeriod period;
    try {
      period = new LeavePeriod(s.startDate(), s.startHalf(), s.endDate(), s.endHalf());
    } catch (IllegalArgumentException e) {
      throw new UnprocessableProblem("invalid-period", e.getMessage());
    }
    LocalDate today = LocalDate.now(clock.withZone(PARIS));
    if (period.start().isBefore(today)) {
      throw new UnprocessableProblem(
          "leave-in-the-past",
          "Le congé commence le "
              + FR.format(period.start())
              + ", date passée : une régularisation se fait auprès du service RH.");
    }
    String comment = s.comment() == null || s.comment().isBlank() ? null : s.comment().strip();
    if (comment != null && comment.length() > 1000) {
      throw new UnprocessableProblem(
          "invalid-comment", "Le commentaire fait au plus 1000 caractères.");
    }
    Optional<Agent> agent = directory.agent(caller, username);
    WorkingPattern pattern =
        agent.map(a -> WorkingPattern.parse(a.workingPattern())).orElse(WorkingPattern.fullTime());
    BigDecimal days = period.workingDays(pattern, ALSACE_MOSELLE);
    if (days.signum() == 0) {
      throw new UnprocessableProblem(
          "no-working-day",
          "La période ne contient aucun jour travaillé (week-end, jour férié ou jour non"
              + " travaillé) : aucun congé à poser.");
    }

    // One agent's requests are decided one at a time: overlaps and balances stay exact.
    em.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext(?1))")
        .setParameter(1, "leave:" + caller.tenant().value() + ":" + username)
        .getResultList();
    if (type.tracksBalance()) {
      BigDecimal balance = directory.balance(caller, username, type.code());
      BigDecimal pending = pendingDays(caller, username, type.code());
      BigDecimal available = balance.subtract(pending);
      if (days.compareTo(available) > 0) {
        throw new UnprocessableProblem(
            "insufficient-balance",
            "Solde insuffisant : la demande compte "
                + fr(days)
                + " jour(s) ouvré(s) de "
                + type.label()
                + ", votre solde est de "
                + fr(balance)
                + " jour(s)"
                + (pending.signum() > 0
                    ? " dont "
                        + fr(pending)
                        + " déjà demandé(s) en attente, soit "
                        + fr(available)
                        + " disponible(s)"
                    : "")
                + ".");
      }
    }

    for (LeaveRequest other : activeRequestsOf(caller, username, period)) {
      LeavePeriod o =
          new LeavePeriod(other.startDate(), other.startHalf(), other.endDate(), other.endHalf());
      if (o.overlaps(period)) {
        throw new ConflictProblem(
            "leave-overlap",
            "Cette période chevauche votre demande "
                + (other.status().equals("APPROVED") ? "accordée" : "en attente")
                + " du "
                + FR.format(other.startDate())
                + " au "
                + FR.format(other.endDate())
                + ".");
      }
    }
    UUID id = UUID.randomUUID();
    Timestamp now = Timestamp.from(clock.instant());
    em.createNativeQuery(
            "INSERT INTO leave_requests (id, tenant_id, agent_username, agent_name, type_code,"
                + " start_date, start_half, end_date, end_half, working_days, comment, status,"
                + " created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 'PENDING',"
                + " ?12)")
        .setParameter(1, id)
        .setParameter(2, caller.tenant().value())
        .setParameter(3, username)
        .setParameter(4, caller.actor().displayName())
        .setParameter(5, type.code())
        .setParameter(6, Date.valueOf(period.start()))
        .setParameter(7, period.startHalf().name())
        .setParameter(8, Date.valueOf(period.end()))
        .setParameter(9, period.endHalf().name())
        .setParameter(10, days)
        .setParameter(11, comment)
        .setParameter(12, now)
        .executeUpdate();

    Settings settings = directory.settings(caller);
    String manager = agent.map(Agent::managerUsername).orElse(null);
    Map<String, Object> variables = procedures.approval(caller);
    variables.put("requestId", id.toString());
    variables.put("hrValidation", settings.hrValidation());
    variables.put("hrGroups", new ArrayList<>(List.of(Role.Names.COMMUNE_ADMIN)));
    variables.put(
        "reminderAt",
        PublicHolidays.addWorkingDays(today, settings.reminderWorkingDays(), ALSACE_MOSELLE)
            .atTime(8, 0)
            .atZone(PARIS)
            .toInstant()
            .toString());
    Procedures.Started instance =
        procedures.start(
            caller, PROCESS_KEY, id, caller.actor().displayName() + " — " + type.code(), variables);
    int version = instance.version();
    em.createNativeQuery(
            "UPDATE leave_requests SET process_instance_id = ?1, process_version = ?2 WHERE id ="
                + " ?3")
        .setParameter(1, instance.instanceId())
        .setParameter(2, version)
        .setParameter(3, id)
        .executeUpdate();

    String summary =
        type.label()
            + " du "
            + FR.format(period.start())
            + " au "
            + FR.format(period.end())
            + " ("
            + fr(days)
            + " j)";
    journal.record(caller, KIND, id, "SUBMITTED", summary);
    if (manager != null) {
      journal.notify(
          caller,
          manager,
          "leave.to-decide",
          KIND,
          id,
          "Demande de congé de " + caller.actor().displayName() + " à valider : " + summary + ".");
    }
    audit.record(
        caller,
        AuditRecord.success("workflow.leave.submitted", "leave-request", id.toString())
            .withDetail("type", type.code())
            .withDetail("start", period.start().toString())
            .withDetail("end", period.end().toString())
            .withDetail("workingDays", days.toPlainString())
            .withDetail("processInstance", instance.instanceId())
            .withDetail("definitionVersion", String.valueOf(version)));
    procedures.recordUsage(caller, ServiceCode.LEAVE_REQUESTS, "leave-request:" + id);
    return get(caller, id);
  }

  /** The caller's own requests, newest first. */
  public List<LeaveRequest> mine(CallContext caller) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT "
                    + COLUMNS
                    + FROM
                    + " WHERE r.tenant_id = ?1 AND r.agent_username = ?2 ORDER BY r.start_date"
                    + " DESC, r.created_at DESC LIMIT 200")
            .setParameter(1, caller.tenant().value())
            .setParameter(2, caller.actor().username())
            .getResultList();
    return rows.stream().map(r -> toRequest(r, List.of(), List.of())).toList();
  }

  /**
   * A request with its history, if the caller may see it: the agent, whoever may act on it now, the
   * agent's manager, a commune administrator. Anything else is 404.
   */
  public LeaveRequest get(CallContext caller, UUID id) {
    LeaveRequest r = find(caller, id).orElseThrow(LeaveRequests::notFound);
    List<Task> tasks = openTasks(caller, r);
    if (!mayView(caller, r, tasks)) {
      throw notFound();
    }
    return withDetails(caller, r, tasks);
  }

  public List<Balance> balances(CallContext caller) {
    access.requireSubscription(caller, ServiceCode.LEAVE_REQUESTS);
    String username = caller.actor().username();
    List<Balance> out = new ArrayList<>();
    for (LeaveType t : directory.leaveTypes(caller)) {
      if (t.active() && t.tracksBalance()) {
        out.add(
            new Balance(
                t.code(),
                t.label(),
                directory.balance(caller, username, t.code()),
                pendingDays(caller, username, t.code())));
      }
    }
    return out;
  }

  /** Cancels the caller's own request before its first day; an approved one is credited back. */
  public LeaveRequest cancel(CallContext caller, UUID id, String reason) {
    LeaveRequest r = find(caller, id).orElseThrow(LeaveRequests::notFound);
    if (!r.agentUsername().equals(caller.actor().username())) {
      if (mayView(caller, r, openTasks(caller, r))) {
        throw new fr.strasbourg.metrocloud.kernel.problem.ForbiddenProblem(
            "not-the-requester", "Seul l'agent qui a demandé ce congé peut l'annuler.");
      }
      throw notFound();
    }
    em.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext(?1))")
        .setParameter(1, "leave:" + caller.tenant().value() + ":" + r.agentUsername())
        .getResultList();
    r = find(caller, id).orElseThrow(LeaveRequests::notFound);
    if (!r.status().equals("PENDING") && !r.status().equals("APPROVED")) {
      throw new ConflictProblem(
          "leave-closed", "Cette demande est déjà " + statusFr(r.status()) + ".");
    }
    LocalDate today = LocalDate.now(clock.withZone(PARIS));
    if (!today.isBefore(r.startDate())) {
      throw new ConflictProblem(
          "leave-started",
          "Le congé a commencé le "
              + FR.format(r.startDate())
              + " : il ne peut plus être annulé en ligne, voyez avec votre responsable.");
    }
    String why = reason == null || reason.isBlank() ? null : reason.strip();
    boolean wasApproved = r.status().equals("APPROVED");
    if (!wasApproved && r.processInstanceId() != null) {
      if (engine
              .runtime()
              .createProcessInstanceQuery()
              .processInstanceId(r.processInstanceId())
              .processInstanceTenantId(caller.tenant().value())
              .count()
          > 0) {
        engine.runtime().deleteProcessInstance(r.processInstanceId(), "Annulée par l'agent");
      }
    }
    Timestamp now = Timestamp.from(clock.instant());
    em.createNativeQuery(
            "UPDATE leave_requests SET status = 'CANCELLED', cancelled_at = ?1 WHERE id = ?2")
        .setParameter(1, now)
        .setParameter(2, id)
        .executeUpdate();
    LeaveType type = directory.leaveType(caller, r.typeCode()).orElseThrow();
    if (wasApproved) {
      if (type.tracksBalance()) {
        directory.move(
            caller, r.agentUsername(), r.typeCode(), r.workingDays(), "CANCELLATION", id);
      }
      emit(caller, "leave.cancelled", find(caller, id).orElseThrow());
      Optional<String> manager =
          directory.agent(caller, r.agentUsername()).map(Agent::managerUsername);
      String text =
          r.agentName()
              + " a annulé son congé accordé du "
              + FR.format(r.startDate())
              + " au "
              + FR.format(r.endDate())
              + ".";
      manager.ifPresent(m -> journal.notify(caller, m, "leave.cancelled", KIND, id, text));
      if (manager.isEmpty() && r.decidedBy() != null) {
        journal.notify(caller, r.decidedBy(), "leave.cancelled", KIND, id, text);
      }
    }
    journal.record(caller, KIND, id, "CANCELLED", why);
    audit.record(
        caller,
        AuditRecord.success("workflow.leave.cancelled", "leave-request", id.toString())
            .withDetail("previousStatus", r.status())
            .withDetail("reason", why));
    return get(caller, id);
  }

  /**
   * Approved absences between two dates: a manager sees their team (the agents whose manager they
   * are) and themselves, an administrator the whole commune, an agent themselves.
   */
  public List<CalendarEntry> calendar(CallContext caller, LocalDate from, LocalDate to) {
    access.requireSubscription(caller, ServiceCode.LEAVE_REQUESTS);
    if (from == null || to == null || to.isBefore(from) || to.isAfter(from.plusDays(366))) {
      throw new UnprocessableProblem(
          "invalid-period", "Période du calendrier invalide (au plus un an, fin après début).");
    }
    boolean all = caller.hasRole(Role.COMMUNE_ADMIN);
    List<String> people = new ArrayList<>();
    people.add(caller.actor().username());
    if (!all) {
      people.addAll(directory.reportsOf(caller, caller.actor().username()));
    }
    jakarta.persistence.Query query =
        em.createNativeQuery(
                "SELECT r.id, r.agent_username, r.agent_name, r.type_code, r.start_date,"
                    + " r.start_half, r.end_date, r.end_half, r.working_days FROM leave_requests r"
                    + " WHERE r.tenant_id = ?1 AND r.status = 'APPROVED' AND r.start_date <= ?2"
                    + " AND r.end_date >= ?3"
                    + (all ? "" : " AND r.agent_username = ANY (string_to_array(?4, chr(31)))")
                    + " ORDER BY r.start_date, r.agent_name")
            .setParameter(1, caller.tenant().value())
            .setParameter(2, Date.valueOf(to))
            .setParameter(3, Date.valueOf(from));
    if (!all) {
      query.setParameter(4, String.join("\u001f", people));
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows = query.getResultList();
    return rows.stream()
        .map(
            r ->
                new CalendarEntry(
                    (UUID) r[0],
                    (String) r[1],
                    (String) r[2],
                    (String) r[3],
                    ((Date) r[4]).toLocalDate(),
                    HalfDay.valueOf((String) r[5]),
                    ((Date) r[6]).toLocalDate(),
                    HalfDay.valueOf((String) r[7]),
                    (BigDecimal) r[8]))
        .toList();
  }

  // ---- steps of the process ($leaveProcess) -----------------------------------------------------

  /** The process reached "approved": debit the balance, tell the agent, emit the HR event. */
  public void markApproved(CallContext decider, UUID id) {
    LeaveRequest r = pendingForProcess(decider, id);
    if (r == null) {
      return;
    }
    em.createNativeQuery(
            "UPDATE leave_requests SET status = 'APPROVED', decided_by = ?1, decided_at = ?2"
                + " WHERE id = ?3")
        .setParameter(1, decider.actor().username())
        .setParameter(2, Timestamp.from(clock.instant()))
        .setParameter(3, id)
        .executeUpdate();
    LeaveType type = directory.leaveType(decider, r.typeCode()).orElseThrow();
    if (type.tracksBalance()) {
      directory.move(
          decider, r.agentUsername(), r.typeCode(), r.workingDays().negate(), "APPROVAL", id);
    }
    emit(decider, "leave.approved", find(decider, id).orElseThrow());
    journal.record(decider, KIND, id, "APPROVED", null);
    journal.notify(
        decider,
        r.agentUsername(),
        "leave.approved",
        KIND,
        id,
        "Votre congé du "
            + FR.format(r.startDate())
            + " au "
            + FR.format(r.endDate())
            + " est accordé.");
    audit.record(
        decider,
        AuditRecord.success("workflow.leave.approved", "leave-request", id.toString())
            .withDetail("agent", r.agentUsername())
            .withDetail("workingDays", r.workingDays().toPlainString()));
  }

  /** The process reached "refused": tell the agent why. */
  public void markRefused(CallContext decider, UUID id, String reason) {
    LeaveRequest r = pendingForProcess(decider, id);
    if (r == null) {
      return;
    }
    em.createNativeQuery(
            "UPDATE leave_requests SET status = 'REFUSED', decided_by = ?1, decided_at = ?2,"
                + " decision_reason = ?3 WHERE id = ?4")
        .setParameter(1, decider.actor().username())
        .setParameter(2, Timestamp.from(clock.instant()))
        .setParameter(3, reason)
        .setParameter(4, id)
        .executeUpdate();
    journal.record(decider, KIND, id, "REFUSED", reason);
    journal.notify(
        decider,
        r.agentUsername(),
        "leave.refused",
        KIND,
        id,
        "Votre demande de congé du "
            + FR.format(r.startDate())
            + " au "
            + FR.format(r.endDate())
            + " est refusée : "
            + reason);
    audit.record(
        decider,
        AuditRecord.success("workflow.leave.refused", "leave-request", id.toString())
            .withDetail("agent", r.agentUsername())
            .withDetail("reason", reason));
  }

  /**
   * No decision after the commune's delay: remind the approvers, and let the manager's own manager
   * decide too (added as a candidate of the open task).
   */
  public void escalate(CallContext system, UUID id, String processInstanceId) {
    LeaveRequest r = pendingForProcess(system, id);
    if (r == null) {
      return;
    }
    Optional<String> manager =
        directory.agent(system, r.agentUsername()).map(Agent::managerUsername);
    Optional<String> secondLevel =
        manager.flatMap(m -> directory.agent(system, m)).map(Agent::managerUsername);
    String text =
        "Relance : la demande de congé de "
            + r.agentName()
            + " du "
            + FR.format(r.startDate())
            + " au "
            + FR.format(r.endDate())
            + " attend une décision.";
    List<Task> tasks =
        engine
            .tasks()
            .createTaskQuery()
            .processInstanceId(processInstanceId)
            .taskTenantId(system.tenant().value())
            .list();
    for (Task task : tasks) {
      engine.tasks().setVariableLocal(task.getId(), "escalated", true);
      secondLevel.ifPresent(n2 -> engine.tasks().addCandidateUser(task.getId(), n2));
    }
    manager.ifPresent(m -> journal.notify(system, m, "leave.reminder", KIND, id, text));
    secondLevel.ifPresent(
        n2 -> journal.notify(system, n2, "leave.escalated", KIND, id, text + " (escalade N+2)"));
    journal.record(
        system,
        KIND,
        id,
        "ESCALATED",
        secondLevel.map(n2 -> "Transmise aussi à " + n2).orElse("Relance du responsable"));
    audit.record(
        system,
        AuditRecord.success("workflow.leave.escalated", "leave-request", id.toString())
            .withDetail("secondLevel", secondLevel.orElse(null)));
  }

  // ---- internals --------------------------------------------------------------------------------

  Optional<LeaveRequest> find(CallContext caller, UUID id) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery("SELECT " + COLUMNS + FROM + " WHERE r.tenant_id = ?1 AND r.id = ?2")
            .setParameter(1, caller.tenant().value())
            .setParameter(2, id)
            .getResultList();
    return rows.stream().findFirst().map(r -> toRequest(r, List.of(), List.of()));
  }

  LeaveRequest withDetails(CallContext caller, LeaveRequest r, List<Task> tasks) {
    List<String> waiting = new ArrayList<>();
    for (Task t : tasks) {
      waiting.add(t.getName());
    }
    return new LeaveRequest(
        r.id(),
        r.agentUsername(),
        r.agentName(),
        r.typeCode(),
        r.typeLabel(),
        r.startDate(),
        r.startHalf(),
        r.endDate(),
        r.endHalf(),
        r.workingDays(),
        r.comment(),
        r.status(),
        r.processInstanceId(),
        r.processVersion(),
        r.decidedBy(),
        r.decisionReason(),
        r.createdAt(),
        r.decidedAt(),
        r.cancelledAt(),
        waiting,
        journal.history(caller, KIND, r.id()));
  }

  List<Task> openTasks(CallContext caller, LeaveRequest r) {
    return r.status().equals("PENDING")
        ? procedures.openTasks(caller, r.processInstanceId())
        : List.of();
  }

  boolean mayView(CallContext caller, LeaveRequest r, List<Task> tasks) {
    return procedures.mayView(caller, r.agentUsername(), r.decidedBy(), tasks);
  }

  private LeaveRequest pendingForProcess(CallContext caller, UUID id) {
    em.createNativeQuery("SELECT 1 FROM leave_requests WHERE id = ?1 FOR UPDATE")
        .setParameter(1, id)
        .getResultList();
    LeaveRequest r = find(caller, id).orElse(null);
    // a cancelled request's process is deleted; a step seen twice (job retried) changes nothing
    return r == null || !r.status().equals("PENDING") ? null : r;
  }

  private List<LeaveRequest> activeRequestsOf(
      CallContext caller, String username, LeavePeriod period) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT "
                    + COLUMNS
                    + FROM
                    + " WHERE r.tenant_id = ?1 AND r.agent_username = ?2 AND r.status IN"
                    + " ('PENDING', 'APPROVED') AND r.start_date <= ?3 AND r.end_date >= ?4")
            .setParameter(1, caller.tenant().value())
            .setParameter(2, username)
            .setParameter(3, Date.valueOf(period.end()))
            .setParameter(4, Date.valueOf(period.start()))
            .getResultList();
    return rows.stream().map(r -> toRequest(r, List.of(), List.of())).toList();
  }

  private BigDecimal pendingDays(CallContext caller, String username, String typeCode) {
    Object sum =
        em.createNativeQuery(
                "SELECT coalesce(sum(working_days), 0) FROM leave_requests WHERE tenant_id = ?1"
                    + " AND agent_username = ?2 AND type_code = ?3 AND status = 'PENDING'")
            .setParameter(1, caller.tenant().value())
            .setParameter(2, username)
            .setParameter(3, typeCode)
            .getSingleResult();
    return ((BigDecimal) sum).stripTrailingZeros();
  }

  private void emit(CallContext caller, String type, LeaveRequest r) {
    String payload =
        Json.createObjectBuilder()
            .add("requestId", r.id().toString())
            .add("commune", caller.tenant().value())
            .add("agent", r.agentUsername())
            .add("type", r.typeCode())
            .add("startDate", r.startDate().toString())
            .add("startHalf", r.startHalf().name())
            .add("endDate", r.endDate().toString())
            .add("endHalf", r.endHalf().name())
            .add("workingDays", r.workingDays())
            .build()
            .toString();
    procedures.emit(caller, type, r.id(), payload);
  }

  private static LeaveRequest toRequest(
      Object[] r, List<String> waiting, List<WorkflowViews.HistoryEntry> history) {
    return new LeaveRequest(
        (UUID) r[0],
        (String) r[1],
        (String) r[2],
        (String) r[3],
        (String) r[4],
        ((Date) r[5]).toLocalDate(),
        HalfDay.valueOf((String) r[6]),
        ((Date) r[7]).toLocalDate(),
        HalfDay.valueOf((String) r[8]),
        ((BigDecimal) r[9]).stripTrailingZeros(),
        (String) r[10],
        (String) r[11],
        (String) r[12],
        r[13] == null ? null : ((Number) r[13]).intValue(),
        (String) r[14],
        (String) r[15],
        ((Timestamp) r[16]).toInstant(),
        r[17] == null ? null : ((Timestamp) r[17]).toInstant(),
        r[18] == null ? null : ((Timestamp) r[18]).toInstant(),
        waiting,
        history);
  }

  static String fr(BigDecimal days) {
    return days.stripTrailingZeros().toPlainString().replace('.', ',');
  }

  static String statusFr(String status) {
    return switch (status) {
      case "APPROVED" -> "accordée";
      case "REFUSED" -> "refusée";
      case "CANCELLED" -> "annulée";
      default -> "en attente";
    };
  }

  static NotFoundProblem notFound() {
    return new NotFoundProblem("leave-request-not-found", "Demande de congé introuvable.");
  }
}
