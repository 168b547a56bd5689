package fr.strasbourg.metrocloud.workflow.application;

import fr.strasbourg.metrocloud.kernel.audit.AuditRecord;
import fr.strasbourg.metrocloud.kernel.audit.AuditTrail;
import fr.strasbourg.metrocloud.kernel.problem.ConflictProblem;
import fr.strasbourg.metrocloud.kernel.problem.ForbiddenProblem;
import fr.strasbourg.metrocloud.kernel.problem.NotFoundProblem;
import fr.strasbourg.metrocloud.kernel.problem.UnprocessableProblem;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.Role;
import fr.strasbourg.metrocloud.kernel.tenancy.TenantBound;
import fr.strasbourg.metrocloud.workflow.application.WorkflowViews.LeaveRequest;
import fr.strasbourg.metrocloud.workflow.engine.WorkflowEngine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.flowable.common.engine.api.FlowableObjectNotFoundException;
import org.flowable.common.engine.api.FlowableOptimisticLockingException;
import org.flowable.task.api.Task;
import org.flowable.task.api.TaskQuery;

/**
 * The caller's tasks: user tasks of their commune (Flowable tenant) for which they are the
 * assignee, a candidate user, or in a candidate group (their realm roles). Any other task, of this
 * commune or another, does not exist for them (404).
 */
@ApplicationScoped
@Transactional
@TenantBound
public class Tasks {

  static final String LAST_ACTOR_SUBJECT = "lastActorSubject";
  static final String LAST_ACTOR_USERNAME = "lastActorUsername";
  static final String LAST_ACTOR_NAME = "lastActorName";

  @Inject WorkflowEngine engine;

  @Inject LeaveRequests leaveRequests;

  @Inject MissionOrders missionOrders;

  @Inject ProcedureJournal journal;

  @Inject AuditTrail audit;

  public List<WorkflowViews.Task> mine(CallContext caller) {
    return visible(engine, caller)
        .includeProcessVariables()
        .orderByTaskCreateTime()
        .asc()
        .listPage(0, 200)
        .stream()
        .filter(t -> !isOwnRequest(caller, t))
        .map(t -> view(caller, t))
        .toList();
  }

  public long count(CallContext caller) {
    return visible(engine, caller).includeProcessVariables().listPage(0, 500).stream()
        .filter(t -> !isOwnRequest(caller, t))
        .count();
  }

  public WorkflowViews.Task get(CallContext caller, String taskId) {
    return view(caller, find(caller, taskId));
  }

  /**
   * Approves or refuses: sets {@code <taskKey>Decision} and the reason, records who decided, and
   * completes the task in the caller's transaction (the process moves on to its next wait state).
   */
  public Object complete(CallContext caller, String taskId, String decision, String reason) {
    Task task = find(caller, taskId);
    if ("fileExpenses".equals(task.getTaskDefinitionKey())) {
      throw new ConflictProblem(
          "expenses-form", "Cette tâche se traite en déposant l'état de frais de la mission.");
    }
    if (isOwnRequest(caller, task)) {
      throw new ForbiddenProblem(
          "own-request", "Vous ne pouvez pas décider de votre propre demande.");
    }
    if (!"approve".equals(decision) && !"refuse".equals(decision)) {
      throw new UnprocessableProblem(
          "invalid-decision", "Décision attendue : approve (accord) ou refuse (refus).");
    }
    String why = reason == null || reason.isBlank() ? null : reason.strip();
    if ("refuse".equals(decision) && why == null) {
      throw new UnprocessableProblem("reason-required", "Le motif du refus est obligatoire.");
    }
    if (why != null && why.length() > 1000) {
      throw new UnprocessableProblem("invalid-reason", "Le motif fait au plus 1000 caractères.");
    }
    boolean mission = isMission(task);
    UUID requestId = (mission ? missionId(task) : requestId(task)).orElseThrow(() -> notFound());
    Map<String, Object> variables = new HashMap<>();
    variables.put(task.getTaskDefinitionKey() + "Decision", decision);
    variables.put("decisionReason", why);
    variables.put(LAST_ACTOR_SUBJECT, caller.actor().subject());
    variables.put(LAST_ACTOR_USERNAME, caller.actor().username());
    variables.put(LAST_ACTOR_NAME, caller.actor().displayName());
    journal.record(
        caller,
        mission ? MissionOrders.KIND : LeaveRequests.KIND,
        requestId,
        "approve".equals(decision) ? "STEP_APPROVED" : "STEP_REFUSED",
        task.getName() + (why == null ? "" : " — " + why));
    try {
      // completed by the caller (recorded as such in the history), in one engine command
      engine.tasks().complete(task.getId(), caller.actor().username(), variables);
    } catch (FlowableOptimisticLockingException | FlowableObjectNotFoundException e) {
      throw new ConflictProblem(
          "task-already-decided", "Cette tâche vient d'être traitée par quelqu'un d'autre.");
    }
    audit.record(
        caller,
        AuditRecord.success("workflow.task.completed", "task", task.getId())
            .withDetail("taskKey", task.getTaskDefinitionKey())
            .withDetail("decision", decision)
            .withDetail("request", requestId.toString()));
    if (mission) {
      MissionOrders.MissionOrder m =
          missionOrders.find(caller, requestId).orElseThrow(MissionOrders::notFound);
      return missionOrders.withDetails(caller, m, missionOrders.openTasks(caller, m));
    }
    LeaveRequest r = leaveRequests.find(caller, requestId).orElseThrow(LeaveRequests::notFound);
    return leaveRequests.withDetails(caller, r, leaveRequests.openTasks(caller, r));
  }

  // ---- visibility -------------------------------------------------------------------------------

  static TaskQuery visible(WorkflowEngine engine, CallContext caller) {
    List<String> groups = caller.roles().stream().map(Role::claimValue).toList();
    // assignee, or candidate user, or candidate group among the caller's roles (no Flowable IDM:
    // the groups come from the token)
    TaskQuery query =
        engine
            .tasks()
            .createTaskQuery()
            .taskTenantId(caller.tenant().value())
            .taskCandidateOrAssigned(caller.actor().username());
    return groups.isEmpty() ? query : query.taskCandidateGroupIn(groups);
  }

  static boolean isCandidate(WorkflowEngine engine, CallContext caller, String taskId) {
    return visible(engine, caller).taskId(taskId).count() > 0;
  }

  private Task find(CallContext caller, String taskId) {
    if (taskId == null || taskId.isBlank() || taskId.length() > 64) {
      throw notFound();
    }
    Task task = visible(engine, caller).taskId(taskId).includeProcessVariables().singleResult();
    if (task == null) {
      throw notFound();
    }
    return task;
  }

  /**
   * A task about the caller's own request that is not assigned to them (they may not decide their
   * own leave or mission order; a task assigned to them, such as filing their état de frais, is
   * theirs).
   */
  private boolean isOwnRequest(CallContext caller, Task task) {
    return Objects.equals(task.getProcessVariables().get("agent"), caller.actor().username())
        && !caller.actor().username().equals(task.getAssignee());
  }

  private WorkflowViews.Task view(CallContext caller, Task t) {
    LeaveRequest request =
        isMission(t)
            ? null
            : requestId(t).flatMap(id -> leaveRequests.find(caller, id)).orElse(null);
    MissionOrders.MissionOrder mission =
        isMission(t)
            ? missionId(t).flatMap(id -> missionOrders.find(caller, id)).orElse(null)
            : null;
    Object escalated = engine.tasks().getVariableLocal(t.getId(), "escalated");
    String processKey =
        t.getProcessDefinitionId() == null ? null : t.getProcessDefinitionId().split(":")[0];
    return new WorkflowViews.Task(
        t.getId(),
        t.getTaskDefinitionKey(),
        t.getName(),
        processKey,
        t.getCreateTime().toInstant(),
        Boolean.TRUE.equals(escalated),
        request,
        mission);
  }

  private static boolean isMission(Task task) {
    return task.getProcessVariables().containsKey("missionId");
  }

  private static Optional<UUID> missionId(Task task) {
    return uuid(task.getProcessVariables().get("missionId"));
  }

  private static Optional<UUID> requestId(Task task) {
    return uuid(task.getProcessVariables().get("requestId"));
  }

  private static Optional<UUID> uuid(Object id) {
    try {
      return id == null ? Optional.empty() : Optional.of(UUID.fromString(id.toString()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static NotFoundProblem notFound() {
    return new NotFoundProblem("task-not-found", "Tâche introuvable.");
  }
}
