package fr.strasbourg.metrocloud.workflow.application;

import fr.strasbourg.metrocloud.catalog.api.ServiceAccess;
import fr.strasbourg.metrocloud.catalog.api.ServiceCode;
import fr.strasbourg.metrocloud.catalog.api.UsageRecorder;
import fr.strasbourg.metrocloud.documents.api.DocumentLibrary;
import fr.strasbourg.metrocloud.kernel.audit.AuditRecord;
import fr.strasbourg.metrocloud.kernel.audit.AuditTrail;
import fr.strasbourg.metrocloud.kernel.problem.ConflictProblem;
import fr.strasbourg.metrocloud.kernel.problem.ForbiddenProblem;
import fr.strasbourg.metrocloud.kernel.problem.NotFoundProblem;
import fr.strasbourg.metrocloud.kernel.problem.UnprocessableProblem;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.TenantBound;
import fr.strasbourg.metrocloud.parapheur.api.SignatureRequests;
import fr.strasbourg.metrocloud.tenants.api.TenantDirectory;
import fr.strasbourg.metrocloud.workflow.api.BudgetCheck;
import fr.strasbourg.metrocloud.workflow.application.WorkflowViews.HistoryEntry;
import fr.strasbourg.metrocloud.workflow.domain.MissionEstimate;
import fr.strasbourg.metrocloud.workflow.domain.MissionRates;
import fr.strasbourg.metrocloud.workflow.engine.WorkflowEngine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.flowable.engine.runtime.Execution;
import org.flowable.task.api.Task;

/**
 * Mission orders (ordres de mission): the agent asks with a cost estimate from the commune's rates;
 * the manager approves; the estimated cost is reserved on the budget line; the order PDF is signed
 * by the commune's authorised signer through the parapheur and kept in the GED; after the mission
 * the agent files the actual expenses with receipts, checked against the order and the rates, and
 * the manager approves them (the reimbursement event goes to the HR connector).
 */
@ApplicationScoped
@Transactional
@TenantBound
public class MissionOrders {

  public static final String PROCESS_KEY = "missionOrder";
  static final String KIND = "MISSION";

  private static final DateTimeFormatter FR =
      DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.FRENCH);

  private static final String COLUMNS =
      "id, agent_username, agent_name, purpose, destination, destination_population, paris,"
          + " departure, return_at, transport, horsepower, distance_km, fare, budget_line,"
          + " budget_year, meals, nights, meals_amount, nights_amount, transport_amount,"
          + " estimated_total, status, process_instance_id, process_version, decided_by,"
          + " decision_reason, commitment_ref, document_id, folder_id, expenses_total,"
          + " reimbursable_total, created_at, signed_at, closed_at";

  @PersistenceContext EntityManager em;

  @Inject WorkflowEngine engine;

  @Inject Procedures procedures;

  @Inject WorkflowDirectory directory;

  @Inject MissionDirectory missions;

  @Inject ProcedureJournal journal;

  @Inject BudgetCheck budget;

  @Inject DocumentLibrary documents;

  @Inject SignatureRequests signatures;

  @Inject TenantDirectory tenants;

  @Inject ServiceAccess access;

  @Inject UsageRecorder usage;

  @Inject AuditTrail audit;

  @Inject Clock clock;

  /** What an agent asks for. Times are Paris local times. */
  public record Request(
      String purpose,
      String destination,
      Integer destinationPopulation,
      Boolean paris,
      LocalDateTime departure,
      LocalDateTime returnAt,
      String transport,
      Integer horsepower,
      Integer distanceKm,
      Integer kmAlreadyThisYear,
      BigDecimal fare,
      String budgetLine) {}

  public record MissionOrder(
      UUID id,
      String agentUsername,
      String agentName,
      String purpose,
      String destination,
      int destinationPopulation,
      boolean paris,
      LocalDateTime departure,
      LocalDateTime returnAt,
      String transport,
      int horsepower,
      int distanceKm,
      BigDecimal fare,
      String budgetLine,
      int budgetYear,
      int meals,
      int nights,
      BigDecimal mealsAmount,
      BigDecimal nightsAmount,
      BigDecimal transportAmount,
      BigDecimal estimatedTotal,
      String status,
      String processInstanceId,
      Integer processVersion,
      String decidedBy,
      String decisionReason,
      String commitmentRef,
      UUID documentId,
      UUID folderId,
      BigDecimal expensesTotal,
      BigDecimal reimbursableTotal,
      Instant createdAt,
      Instant signedAt,
      Instant closedAt,
      List<String> waitingFor,
      List<Expense> expenses,
      List<HistoryEntry> history) {}

  /** An expense as the agent files it. */
  public record ExpenseLine(
      String kind, LocalDate day, BigDecimal amount, String label, UUID receiptDocumentId) {}

  /** An expense as checked. */
  public record Expense(
      int position,
      String kind,
      LocalDate day,
      BigDecimal amount,
      String label,
      UUID receiptDocumentId,
      BigDecimal reimbursable,
      String note) {}

  // ---- estimate and submission ------------------------------------------------------------------

  /** The cost estimate of a mission with the commune's rates (nothing is stored). */
  public MissionEstimate.Estimate estimate(CallContext caller, Request r) {
    access.requireSubscription(caller, ServiceCode.MISSION_ORDERS);
    return MissionEstimate.of(mission(r), missions.rates(caller));
  }

  public MissionOrder submit(CallContext caller, Request r) {
    access.requireSubscription(caller, ServiceCode.MISSION_ORDERS);
    // the order is signed in the parapheur and kept in the GED
    access.requireSubscription(caller, ServiceCode.E_SIGNATURE);
    access.requireSubscription(caller, ServiceCode.DOCUMENT_MANAGEMENT);
    MissionDirectory.Settings settings =
        missions
            .settings(caller)
            .orElseThrow(
                () ->
                    new ConflictProblem(
                        "mission-signer-missing",
                        "La commune n'a pas encore désigné le signataire de ses ordres de mission :"
                            + " l'administrateur le fait dans les réglages des procédures."));
    MissionEstimate.Mission mission = mission(r);
    String purpose = text(r.purpose(), "purpose", "l'objet", 500);
    String destination = text(r.destination(), "destination", "la destination", 200);
    if (r.departure().toLocalDate().isBefore(LocalDate.now(clock.withZone(LeaveRequests.PARIS)))) {
      throw new UnprocessableProblem(
          "mission-in-the-past", "Le départ est passé : un ordre de mission se demande avant.");
    }
    if (r.returnAt().isAfter(r.departure().plusDays(60))) {
      throw new UnprocessableProblem("invalid-mission", "Une mission dure au plus 60 jours.");
    }
    int year = r.departure().getYear();
    String line = r.budgetLine() == null ? "" : r.budgetLine().strip();
    if (!budget.exists(caller, line, year)) {
      throw new UnprocessableProblem(
          "unknown-budget-line", "Ligne budgétaire inconnue pour " + year + " : « " + line + " ».");
    }
    MissionEstimate.Estimate e = MissionEstimate.of(mission, settings.rates());
    UUID id = UUID.randomUUID();
    em.createNativeQuery(
            "INSERT INTO mission_orders (id, tenant_id, agent_username, agent_name, purpose,"
                + " destination, destination_population, paris, departure, return_at, transport,"
                + " horsepower, distance_km, fare, budget_line, budget_year, meals, nights,"
                + " meals_amount, nights_amount, transport_amount, estimated_total, status,"
                + " created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
                + " ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, 'PENDING', ?23)")
        .setParameter(1, id)
        .setParameter(2, caller.tenant().value())
        .setParameter(3, caller.actor().username())
        .setParameter(4, caller.actor().displayName())
        .setParameter(5, purpose)
        .setParameter(6, destination)
        .setParameter(7, mission.destinationPopulation())
        .setParameter(8, mission.paris())
        .setParameter(9, Timestamp.valueOf(mission.departure()))
        .setParameter(10, Timestamp.valueOf(mission.returnAt()))
        .setParameter(11, mission.transport().name())
        .setParameter(12, mission.horsepower())
        .setParameter(13, mission.distanceKm())
        .setParameter(14, mission.fare())
        .setParameter(15, line)
        .setParameter(16, year)
        .setParameter(17, e.meals())
        .setParameter(18, e.nights())
        .setParameter(19, e.mealsAmount())
        .setParameter(20, e.nightsAmount())
        .setParameter(21, e.transportAmount())
        .setParameter(22, e.total())
        .setParameter(23, Timestamp.from(clock.instant()))
        .executeUpdate();

    Map<String, Object> variables = procedures.approval(caller);
    String manager =
        ((List<?>) variables.get("approvers"))
            .stream().map(Object::toString).findFirst().orElse(null);
    variables.put("missionId", id.toString());
    Procedures.Started instance =
        procedures.start(
            caller, PROCESS_KEY, id, caller.actor().displayName() + " — " + destination, variables);
    int version = instance.version();
    em.createNativeQuery(
            "UPDATE mission_orders SET process_instance_id = ?1, process_version = ?2 WHERE id = ?3")
        .setParameter(1, instance.instanceId())
        .setParameter(2, version)
        .setParameter(3, id)
        .executeUpdate();
    String summary =
        destination
            + ", du "
            + FR.format(mission.departure())
            + " au "
            + FR.format(mission.returnAt())
            + " ("
            + LeaveRequests.fr(e.total())
            + " € estimés)";
    journal.record(caller, KIND, id, "SUBMITTED", summary);
    if (manager != null) {
      journal.notify(
          caller,
          manager,
          "mission.to-decide",
          KIND,
          id,
          "Ordre de mission de " + caller.actor().displayName() + " à valider : " + summary + ".");
    }
    audit.record(
        caller,
        AuditRecord.success("workflow.mission.submitted", "mission-order", id.toString())
            .withDetail("destination", destination)
            .withDetail("estimatedTotal", e.total().toPlainString())
            .withDetail("budgetLine", line)
            .withDetail("processInstance", instance.instanceId()));
    procedures.recordUsage(caller, ServiceCode.MISSION_ORDERS, "mission-order:" + id);
    return get(caller, id);
  }

  public List<MissionOrder> mine(CallContext caller) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT "
                    + COLUMNS
                    + " FROM mission_orders WHERE tenant_id = ?1 AND agent_username = ?2 ORDER BY"
                    + " departure DESC LIMIT 200")
            .setParameter(1, caller.tenant().value())
            .setParameter(2, caller.actor().username())
            .getResultList();
    return rows.stream().map(r -> toOrder(r, List.of(), List.of(), List.of())).toList();
  }

  /** An order if the caller may see it (agent, deciders, manager, administrator); else 404. */
  public MissionOrder get(CallContext caller, UUID id) {
    MissionOrder m = find(caller, id).orElseThrow(MissionOrders::notFound);
    List<Task> tasks = openTasks(caller, m);
    if (!mayView(caller, m, tasks)) {
      throw notFound();
    }
    return withDetails(caller, m, tasks);
  }

  /** The agent withdraws the order before it goes to signature; a reservation is given back. */
  public MissionOrder cancel(CallContext caller, UUID id, String reason) {
    MissionOrder m = lockedFind(caller, id);
    if (!m.agentUsername().equals(caller.actor().username())) {
      if (mayView(caller, m, openTasks(caller, m))) {
        throw new ForbiddenProblem(
            "not-the-requester", "Seul l'agent qui a demandé cet ordre de mission peut l'annuler.");
      }
      throw notFound();
    }
    if (!m.status().equals("PENDING")) {
      throw new ConflictProblem(
          "mission-not-cancellable",
          "L'ordre de mission est " + statusFr(m.status()) + " : il ne peut plus être annulé ici.");
    }
    if (m.processInstanceId() != null
        && engine
                .runtime()
                .createProcessInstanceQuery()
                .processInstanceId(m.processInstanceId())
                .processInstanceTenantId(caller.tenant().value())
                .count()
            > 0) {
      engine.runtime().deleteProcessInstance(m.processInstanceId(), "Annulé par l'agent");
    }
    budget.release(caller, m.budgetLine(), m.budgetYear(), m.estimatedTotal(), id);
    setStatus(id, "CANCELLED", null, null);
    String why = reason == null || reason.isBlank() ? null : reason.strip();
    journal.record(caller, KIND, id, "CANCELLED", why);
    audit.record(
        caller,
        AuditRecord.success("workflow.mission.cancelled", "mission-order", id.toString())
            .withDetail("reason", why));
    return get(caller, id);
  }

  /**
   * After the mission, the agent files the actual expenses (état de frais): each line within the
   * mission's dates, a receipt in the GED for nights, transport and other costs; meals and nights
   * are reimbursed up to the rates and the numbers of the order, transport up to the order's
   * estimate. The manager then approves the statement.
   */
  public MissionOrder fileExpenses(CallContext caller, UUID id, List<ExpenseLine> lines) {
    MissionOrder m = lockedFind(caller, id);
    if (!m.agentUsername().equals(caller.actor().username())) {
      throw mayView(caller, m, openTasks(caller, m))
          ? new ForbiddenProblem(
              "not-the-requester", "Seul l'agent en mission dépose son état de frais.")
          : notFound();
    }
    Task task =
        engine
            .tasks()
            .createTaskQuery()
            .processInstanceId(m.processInstanceId() == null ? "-" : m.processInstanceId())
            .taskTenantId(caller.tenant().value())
            .taskDefinitionKey("fileExpenses")
            .singleResult();
    if (task == null) {
      throw new ConflictProblem(
          "expenses-not-expected",
          "Cet ordre de mission n'attend pas d'état de frais (statut : "
              + statusFr(m.status())
              + ").");
    }
    if (lines == null || lines.isEmpty() || lines.size() > 100) {
      throw new UnprocessableProblem(
          "invalid-expenses", "L'état de frais compte de 1 à 100 lignes.");
    }
    MissionRates rates = missions.rates(caller);
    List<Expense> checked = check(caller, m, lines, rates);
    em.createNativeQuery("DELETE FROM mission_expenses WHERE tenant_id = ?1 AND mission_id = ?2")
        .setParameter(1, caller.tenant().value())
        .setParameter(2, id)
        .executeUpdate();
    Timestamp now = Timestamp.from(clock.instant());
    BigDecimal total = BigDecimal.ZERO;
    BigDecimal reimbursable = BigDecimal.ZERO;
    for (Expense e : checked) {
      em.createNativeQuery(
              "INSERT INTO mission_expenses (id, tenant_id, mission_id, position, kind, day,"
                  + " amount, label, receipt_document_id, reimbursable, note, filed_at) VALUES"
                  + " (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)")
          .setParameter(1, UUID.randomUUID())
          .setParameter(2, caller.tenant().value())
          .setParameter(3, id)
          .setParameter(4, e.position())
          .setParameter(5, e.kind())
          .setParameter(6, Date.valueOf(e.day()))
          .setParameter(7, e.amount())
          .setParameter(8, e.label())
          .setParameter(9, e.receiptDocumentId())
          .setParameter(10, e.reimbursable())
          .setParameter(11, e.note())
          .setParameter(12, now)
          .executeUpdate();
      total = total.add(e.amount());
      reimbursable = reimbursable.add(e.reimbursable());
    }
    em.createNativeQuery(
            "UPDATE mission_orders SET status = 'EXPENSES_FILED', expenses_total = ?2,"
                + " reimbursable_total = ?3 WHERE id = ?1")
        .setParameter(1, id)
        .setParameter(2, total)
        .setParameter(3, reimbursable)
        .executeUpdate();
    journal.record(
        caller,
        KIND,
        id,
        "EXPENSES_FILED",
        LeaveRequests.fr(total)
            + " € déclarés, "
            + LeaveRequests.fr(reimbursable)
            + " € remboursables");
    engine.tasks().complete(task.getId(), Map.of("reimbursable", reimbursable.toPlainString()));
    audit.record(
        caller,
        AuditRecord.success("workflow.mission.expenses-filed", "mission-order", id.toString())
            .withDetail("total", total.toPlainString())
            .withDetail("reimbursable", reimbursable.toPlainString()));
    return get(caller, id);
  }

  // ---- steps of the process ($missionProcess) ---------------------------------------------------

  /** After the manager's approval: reserve the estimate on the budget line. */
  public boolean checkBudget(CallContext decider, UUID id) {
    MissionOrder m = lockedFind(decider, id);
    if (!m.status().equals("PENDING")) {
      return false;
    }
    BudgetCheck.Outcome outcome =
        budget.reserve(
            decider, m.budgetLine(), m.budgetYear(), m.estimatedTotal(), id, m.purpose());
    if (outcome.accepted()) {
      em.createNativeQuery(
              "UPDATE mission_orders SET commitment_ref = ?2, decided_by = ?3 WHERE id = ?1")
          .setParameter(1, id)
          .setParameter(2, outcome.commitmentRef())
          .setParameter(3, decider.actor().username())
          .executeUpdate();
      journal.record(decider, KIND, id, "BUDGET_RESERVED", outcome.message());
    } else {
      setStatus(id, "REFUSED", decider.actor().username(), outcome.message());
      journal.record(decider, KIND, id, "BUDGET_REFUSED", outcome.message());
      journal.notify(
          decider,
          m.agentUsername(),
          "mission.refused",
          KIND,
          id,
          "Votre ordre de mission pour " + m.destination() + " est refusé : " + outcome.message());
    }
    audit.record(
        decider,
        new AuditRecord(
                "workflow.mission.budget-checked",
                "mission-order",
                id.toString(),
                outcome.accepted()
                    ? fr.strasbourg.metrocloud.kernel.audit.Outcome.SUCCESS
                    : fr.strasbourg.metrocloud.kernel.audit.Outcome.DENIED,
                Map.of())
            .withDetail("budgetLine", m.budgetLine())
            .withDetail("commitment", outcome.commitmentRef())
            .withDetail("message", outcome.message()));
    return outcome.accepted();
  }

  /** Produce the order PDF, keep it in the GED and send it to the authorised signer's parapheur. */
  public void requestSignature(CallContext system, UUID id) {
    MissionOrder m = lockedFind(system, id);
    if (!m.status().equals("PENDING") || m.folderId() != null) {
      return;
    }
    MissionDirectory.Settings settings =
        missions
            .settings(system)
            .orElseThrow(
                () -> new IllegalStateException("No mission signer for " + system.tenant()));
    String communeName =
        tenants.ownCommune(system).map(t -> "Commune de " + t.name()).orElse("Commune");
    byte[] pdf = MissionPdf.render(communeName, m);
    String title = "Ordre de mission — " + m.agentName() + " — " + m.destination();
    DocumentLibrary.DocumentSummary document =
        documents.create(
            system,
            "ordre-de-mission-" + m.departure().toLocalDate() + "-" + m.agentUsername() + ".pdf",
            title.length() > 200 ? title.substring(0, 200) : title,
            new ByteArrayInputStream(pdf),
            pdf.length);
    UUID folder =
        signatures.requestSignature(
            system,
            document.id(),
            title.length() > 200 ? title.substring(0, 200) : title,
            settings.signerUsername(),
            settings.signerLabel(),
            "Ordre de mission de " + m.agentName() + " : " + m.purpose());
    em.createNativeQuery(
            "UPDATE mission_orders SET status = 'SIGNING', document_id = ?2, folder_id = ?3 WHERE"
                + " id = ?1")
        .setParameter(1, id)
        .setParameter(2, document.id())
        .setParameter(3, folder)
        .executeUpdate();
    journal.record(
        system, KIND, id, "SENT_FOR_SIGNATURE", "Parapheur de " + settings.signerUsername());
    audit.record(
        system,
        AuditRecord.success("workflow.mission.sent-for-signature", "mission-order", id.toString())
            .withDetail("document", document.id().toString())
            .withDetail("folder", folder.toString()));
  }

  /** The parapheur closed a folder: if it carries a mission order, the process moves on. */
  public void signatureClosed(CallContext system, SignatureRequests.FolderClosed closed) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT id, process_instance_id FROM mission_orders WHERE tenant_id = ?1 AND"
                    + " folder_id = ?2")
            .setParameter(1, system.tenant().value())
            .setParameter(2, closed.folderId())
            .getResultList();
    for (Object[] r : rows) {
      Execution waiting =
          engine
              .runtime()
              .createExecutionQuery()
              .processInstanceId((String) r[1])
              .activityId("awaitSignature")
              .executionTenantId(system.tenant().value())
              .singleResult();
      if (waiting != null) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("signatureStatus", closed.status());
        variables.put("decisionReason", closed.reason());
        engine.runtime().trigger(waiting.getId(), variables);
      }
    }
  }

  public void markSigned(CallContext system, UUID id) {
    MissionOrder m = lockedFind(system, id);
    if (!m.status().equals("SIGNING")) {
      return;
    }
    em.createNativeQuery(
            "UPDATE mission_orders SET status = 'SIGNED', signed_at = ?2 WHERE id = ?1")
        .setParameter(1, id)
        .setParameter(2, Timestamp.from(clock.instant()))
        .executeUpdate();
    emit(
        system,
        "mission.signed",
        id,
        Json.createObjectBuilder()
            .add("missionId", id.toString())
            .add("agent", m.agentUsername())
            .add("destination", m.destination())
            .add("departure", m.departure().toString())
            .add("returnAt", m.returnAt().toString())
            .add("estimatedTotal", m.estimatedTotal())
            .add("budgetLine", m.budgetLine())
            .add("commitment", m.commitmentRef() == null ? "" : m.commitmentRef())
            .add("document", m.documentId() == null ? "" : m.documentId().toString())
            .build()
            .toString());
    journal.record(system, KIND, id, "SIGNED", null);
    journal.notify(
        system,
        m.agentUsername(),
        "mission.signed",
        KIND,
        id,
        "Votre ordre de mission pour "
            + m.destination()
            + " est signé (GED). Après la mission, déposez votre état de frais.");
    audit.record(
        system, AuditRecord.success("workflow.mission.signed", "mission-order", id.toString()));
  }

  /** Refused by the manager, or the signer rejected the order: the reservation is given back. */
  public void markRefused(CallContext decider, UUID id, String reason) {
    MissionOrder m = lockedFind(decider, id);
    if (!m.status().equals("PENDING") && !m.status().equals("SIGNING")) {
      return;
    }
    budget.release(decider, m.budgetLine(), m.budgetYear(), m.estimatedTotal(), id);
    setStatus(id, "REFUSED", decider.actor().username(), reason);
    journal.record(decider, KIND, id, "REFUSED", reason);
    journal.notify(
        decider,
        m.agentUsername(),
        "mission.refused",
        KIND,
        id,
        "Votre ordre de mission pour " + m.destination() + " est refusé : " + reason);
    audit.record(
        decider,
        AuditRecord.success("workflow.mission.refused", "mission-order", id.toString())
            .withDetail("reason", reason));
  }

  /** The manager sends the statement back: the agent corrects it. */
  public void expensesSentBack(CallContext decider, UUID id, String reason) {
    lockedFind(decider, id);
    setStatus(id, "SIGNED", null, null);
    MissionOrder m = find(decider, id).orElseThrow();
    journal.record(decider, KIND, id, "EXPENSES_SENT_BACK", reason);
    journal.notify(
        decider,
        m.agentUsername(),
        "mission.expenses-sent-back",
        KIND,
        id,
        "Votre état de frais (" + m.destination() + ") est à reprendre : " + reason);
  }

  /** The statement is approved: the mission is closed, the rest of the reservation given back. */
  public void close(CallContext decider, UUID id) {
    MissionOrder m = lockedFind(decider, id);
    if (!m.status().equals("EXPENSES_FILED")) {
      return;
    }
    BigDecimal reimbursable =
        m.reimbursableTotal() == null ? BigDecimal.ZERO : m.reimbursableTotal();
    BigDecimal unused = m.estimatedTotal().subtract(reimbursable);
    if (unused.signum() > 0) {
      budget.release(decider, m.budgetLine(), m.budgetYear(), unused, id);
    }
    em.createNativeQuery(
            "UPDATE mission_orders SET status = 'CLOSED', closed_at = ?2 WHERE id = ?1")
        .setParameter(1, id)
        .setParameter(2, Timestamp.from(clock.instant()))
        .executeUpdate();
    JsonArrayBuilder lines = Json.createArrayBuilder();
    for (Expense e : expenses(decider, id)) {
      lines.add(
          Json.createObjectBuilder()
              .add("kind", e.kind())
              .add("day", e.day().toString())
              .add("amount", e.amount())
              .add("reimbursable", e.reimbursable()));
    }
    emit(
        decider,
        "mission.expenses-approved",
        id,
        Json.createObjectBuilder()
            .add("missionId", id.toString())
            .add("agent", m.agentUsername())
            .add("reimbursable", reimbursable)
            .add("budgetLine", m.budgetLine())
            .add("commitment", m.commitmentRef() == null ? "" : m.commitmentRef())
            .add("lines", lines)
            .build()
            .toString());
    journal.record(decider, KIND, id, "CLOSED", LeaveRequests.fr(reimbursable) + " € remboursés");
    journal.notify(
        decider,
        m.agentUsername(),
        "mission.closed",
        KIND,
        id,
        "Votre état de frais ("
            + m.destination()
            + ") est validé : "
            + LeaveRequests.fr(reimbursable)
            + " € seront remboursés.");
    audit.record(
        decider,
        AuditRecord.success("workflow.mission.closed", "mission-order", id.toString())
            .withDetail("reimbursable", reimbursable.toPlainString()));
  }

  // ---- internals --------------------------------------------------------------------------------

  private List<Expense> check(
      CallContext caller, MissionOrder m, List<ExpenseLine> lines, MissionRates rates) {
    List<Expense> out = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    int meals = 0;
    int nights = 0;
    BigDecimal transportLeft = m.transportAmount();
    LocalDate first = m.departure().toLocalDate();
    LocalDate last = m.returnAt().toLocalDate();
    BigDecimal night =
        m.paris()
            ? rates.nightParis()
            : m.destinationPopulation() >= rates.largeCityPopulation()
                ? rates.nightLargeCity()
                : rates.night();
    int position = 0;
    for (ExpenseLine l : lines) {
      position++;
      String where = "Ligne " + position + " : ";
      String kind = l.kind() == null ? "" : l.kind().strip().toUpperCase(Locale.ROOT);
      if (!List.of("MEAL", "NIGHT", "TRANSPORT", "OTHER").contains(kind)) {
        errors.add(where + "nature MEAL, NIGHT, TRANSPORT ou OTHER.");
        continue;
      }
      if (l.day() == null || l.day().isBefore(first) || l.day().isAfter(last)) {
        errors.add(
            where + "la date doit être comprise dans la mission (" + first + " – " + last + ").");
        continue;
      }
      if (l.amount() == null
          || l.amount().signum() <= 0
          || l.amount().compareTo(new BigDecimal("10000")) > 0
          || l.amount().scale() > 2) {
        errors.add(where + "montant en euros et centimes, positif, au plus 10 000 €.");
        continue;
      }
      if (!kind.equals("MEAL") && l.receiptDocumentId() == null) {
        errors.add(where + "un justificatif (document de la GED) est obligatoire.");
        continue;
      }
      if (l.receiptDocumentId() != null) {
        try {
          documents.describe(caller, l.receiptDocumentId());
        } catch (NotFoundProblem e) {
          errors.add(where + "justificatif introuvable dans la GED de la commune.");
          continue;
        }
      }
      BigDecimal reimbursable;
      String note = null;
      switch (kind) {
        case "MEAL" -> {
          meals++;
          if (meals > m.meals()) {
            reimbursable = BigDecimal.ZERO;
            note = "Repas au-delà des " + m.meals() + " prévus par l'ordre.";
          } else {
            reimbursable = l.amount().min(rates.meal());
            note = l.amount().compareTo(rates.meal()) > 0 ? "Plafonné au taux du repas." : null;
          }
        }
        case "NIGHT" -> {
          nights++;
          if (nights > m.nights()) {
            reimbursable = BigDecimal.ZERO;
            note = "Nuitée au-delà des " + m.nights() + " prévues par l'ordre.";
          } else {
            reimbursable = l.amount().min(night);
            note = l.amount().compareTo(night) > 0 ? "Plafonné au taux de la nuitée." : null;
          }
        }
        case "TRANSPORT" -> {
          reimbursable = l.amount().min(transportLeft.max(BigDecimal.ZERO));
          transportLeft = transportLeft.subtract(reimbursable);
          note =
              reimbursable.compareTo(l.amount()) < 0
                  ? "Au-delà du transport prévu par l'ordre."
                  : null;
        }
        default -> reimbursable = l.amount();
      }
      String label = l.label() == null || l.label().isBlank() ? null : l.label().strip();
      if (label != null && label.length() > 200) {
        label = label.substring(0, 200);
      }
      out.add(
          new Expense(
              position,
              kind,
              l.day(),
              l.amount(),
              label,
              l.receiptDocumentId(),
              reimbursable,
              note));
    }
    if (!errors.isEmpty()) {
      throw new UnprocessableProblem("invalid-expenses", String.join(" ", errors));
    }
    return out;
  }

  private MissionEstimate.Mission mission(Request r) {
    if (r == null || r.departure() == null || r.returnAt() == null) {
      throw new UnprocessableProblem(
          "invalid-mission", "Les dates et heures de départ et de retour sont obligatoires.");
    }
    MissionEstimate.Transport transport;
    try {
      transport =
          MissionEstimate.Transport.valueOf(
              r.transport() == null ? "" : r.transport().strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UnprocessableProblem(
          "invalid-mission",
          "Moyen de transport : TRAIN, PUBLIC_TRANSPORT, PERSONAL_CAR ou SERVICE_CAR.");
    }
    int horsepower = r.horsepower() == null ? 0 : r.horsepower();
    if (transport == MissionEstimate.Transport.PERSONAL_CAR
        && (horsepower < 1 || horsepower > 50)) {
      throw new UnprocessableProblem(
          "invalid-mission",
          "Véhicule personnel : la puissance fiscale (1 à 50 CV) est obligatoire.");
    }
    int distance = r.distanceKm() == null ? 0 : r.distanceKm();
    if (distance > 20000) {
      throw new UnprocessableProblem("invalid-mission", "Distance invalide (au plus 20 000 km).");
    }
    BigDecimal fare = r.fare() == null ? BigDecimal.ZERO : r.fare();
    if (fare.signum() < 0 || fare.compareTo(new BigDecimal("10000")) > 0) {
      throw new UnprocessableProblem("invalid-mission", "Tarif estimé invalide (0 à 10 000 €).");
    }
    int population = r.destinationPopulation() == null ? 0 : r.destinationPopulation();
    try {
      return new MissionEstimate.Mission(
          r.departure(),
          r.returnAt(),
          Math.max(0, population),
          Boolean.TRUE.equals(r.paris()),
          transport,
          horsepower,
          distance,
          r.kmAlreadyThisYear() == null ? 0 : r.kmAlreadyThisYear(),
          fare);
    } catch (IllegalArgumentException e) {
      throw new UnprocessableProblem("invalid-mission", e.getMessage());
    }
  }

  Optional<MissionOrder> find(CallContext caller, UUID id) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT " + COLUMNS + " FROM mission_orders WHERE tenant_id = ?1 AND id = ?2")
            .setParameter(1, caller.tenant().value())
            .setParameter(2, id)
            .getResultList();
    return rows.stream().findFirst().map(r -> toOrder(r, List.of(), List.of(), List.of()));
  }

  private MissionOrder lockedFind(CallContext caller, UUID id) {
    em.createNativeQuery("SELECT 1 FROM mission_orders WHERE id = ?1 FOR UPDATE")
        .setParameter(1, id)
        .getResultList();
    return find(caller, id).orElseThrow(MissionOrders::notFound);
  }

  MissionOrder withDetails(CallContext caller, MissionOrder m, List<Task> tasks) {
    MissionOrder base = m;
    return toOrder(
        base,
        tasks.stream().map(Task::getName).toList(),
        expenses(caller, m.id()),
        journal.history(caller, KIND, m.id()));
  }

  List<Task> openTasks(CallContext caller, MissionOrder m) {
    return procedures.openTasks(caller, m.processInstanceId());
  }

  boolean mayView(CallContext caller, MissionOrder m, List<Task> tasks) {
    return procedures.mayView(caller, m.agentUsername(), m.decidedBy(), tasks);
  }

  private List<Expense> expenses(CallContext caller, UUID id) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT position, kind, day, amount, label, receipt_document_id, reimbursable, note"
                    + " FROM mission_expenses WHERE tenant_id = ?1 AND mission_id = ?2 ORDER BY"
                    + " position")
            .setParameter(1, caller.tenant().value())
            .setParameter(2, id)
            .getResultList();
    return rows.stream()
        .map(
            r ->
                new Expense(
                    ((Number) r[0]).intValue(),
                    (String) r[1],
                    ((Date) r[2]).toLocalDate(),
                    (BigDecimal) r[3],
                    (String) r[4],
                    (UUID) r[5],
                    (BigDecimal) r[6],
                    (String) r[7]))
        .toList();
  }

  private void setStatus(UUID id, String status, String decidedBy, String reason) {
    em.createNativeQuery(
            "UPDATE mission_orders SET status = ?2, decided_by = coalesce(?3, decided_by),"
                + " decision_reason = coalesce(?4, decision_reason) WHERE id = ?1")
        .setParameter(1, id)
        .setParameter(2, status)
        .setParameter(3, decidedBy)
        .setParameter(4, reason)
        .executeUpdate();
  }

  private void emit(CallContext caller, String type, UUID id, String payload) {
    procedures.emit(caller, type, id, payload);
  }

  private static String text(String value, String field, String what, int max) {
    if (value == null || value.isBlank() || value.strip().length() > max) {
      throw new UnprocessableProblem(
          "invalid-mission", "Indiquez " + what + " (au plus " + max + " caractères).");
    }
    return value.strip();
  }

  private static MissionOrder toOrder(
      Object[] r, List<String> waiting, List<Expense> expenses, List<HistoryEntry> history) {
    return new MissionOrder(
        (UUID) r[0],
        (String) r[1],
        (String) r[2],
        (String) r[3],
        (String) r[4],
        ((Number) r[5]).intValue(),
        (Boolean) r[6],
        ((Timestamp) r[7]).toLocalDateTime(),
        ((Timestamp) r[8]).toLocalDateTime(),
        (String) r[9],
        ((Number) r[10]).intValue(),
        ((Number) r[11]).intValue(),
        (BigDecimal) r[12],
        (String) r[13],
        ((Number) r[14]).intValue(),
        ((Number) r[15]).intValue(),
        ((Number) r[16]).intValue(),
        (BigDecimal) r[17],
        (BigDecimal) r[18],
        (BigDecimal) r[19],
        (BigDecimal) r[20],
        (String) r[21],
        (String) r[22],
        r[23] == null ? null : ((Number) r[23]).intValue(),
        (String) r[24],
        (String) r[25],
        (String) r[26],
        (UUID) r[27],
        (UUID) r[28],
        (BigDecimal) r[29],
        (BigDecimal) r[30],
        ((Timestamp) r[31]).toInstant(),
        r[32] == null ? null : ((Timestamp) r[32]).toInstant(),
        r[33] == null ? null : ((Timestamp) r[33]).toInstant(),
        waiting,
        expenses,
        history);
  }

  private static MissionOrder toOrder(
      MissionOrder m, List<String> waiting, List<Expense> expenses, List<HistoryEntry> history) {
    return new MissionOrder(
        m.id(),
        m.agentUsername(),
        m.agentName(),
        m.purpose(),
        m.destination(),
        m.destinationPopulation(),
        m.paris(),
        m.departure(),
        m.returnAt(),
        m.transport(),
        m.horsepower(),
        m.distanceKm(),
        m.fare(),
        m.budgetLine(),
        m.budgetYear(),
        m.meals(),
        m.nights(),
        m.mealsAmount(),
        m.nightsAmount(),
        m.transportAmount(),
        m.estimatedTotal(),
        m.status(),
        m.processInstanceId(),
        m.processVersion(),
        m.decidedBy(),
        m.decisionReason(),
        m.commitmentRef(),
        m.documentId(),
        m.folderId(),
        m.expensesTotal(),
        m.reimbursableTotal(),
        m.createdAt(),
        m.signedAt(),
        m.closedAt(),
        waiting,
        expenses,
        history);
  }

  static String statusFr(String status) {
    return switch (status) {
      case "PENDING" -> "en attente de validation";
      case "SIGNING" -> "à la signature";
      case "SIGNED" -> "signé";
      case "REFUSED" -> "refusé";
      case "CANCELLED" -> "annulé";
      case "EXPENSES_FILED" -> "avec un état de frais déposé";
      default -> "clos";
    };
  }

  static NotFoundProblem notFound() {
    return new NotFoundProblem("mission-order-not-found", "Ordre de mission introuvable.");
  }
}
