package fr.strasbourg.metrocloud.workflow.application;

import fr.strasbourg.metrocloud.catalog.api.ServiceCode;
import fr.strasbourg.metrocloud.catalog.api.UsageEvent;
import fr.strasbourg.metrocloud.catalog.api.UsageRecorder;
import fr.strasbourg.metrocloud.integration.api.Outbox;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.Role;
import fr.strasbourg.metrocloud.kernel.tenancy.TenantBound;
import fr.strasbourg.metrocloud.workflow.application.WorkflowViews.Agent;
import fr.strasbourg.metrocloud.workflow.engine.WorkflowEngine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flowable.engine.runtime.ProcessInstance;
import org.flowable.task.api.Task;

/**
 * What every procedure does the same way: who approves an agent's request, starting the commune's
 * definition of a process, who may see a request, the HR connector's events, usage.
 */
@ApplicationScoped
@Transactional
@TenantBound
public class Procedures {

  @Inject Outbox outbox;

  @PersistenceContext EntityManager em;

  @Inject WorkflowEngine engine;

  @Inject WorkflowDirectory directory;

  @Inject UsageRecorder usage;

  @Inject Clock clock;

  /** A started instance and the version of the definition the commune runs. */
  public record Started(String instanceId, int version) {}

  /**
   * The variables of an agent's request: {@code agent}, and {@code approvers} (their manager) or,
   * when no manager is known, {@code approverGroups} (any manager of the commune).
   */
  public Map<String, Object> approval(CallContext caller) {
    String username = caller.actor().username();
    String manager = directory.agent(caller, username).map(Agent::managerUsername).orElse(null);
    Map<String, Object> variables = new HashMap<>();
    variables.put("agent", username);
    variables.put(
        "approvers", manager == null ? new ArrayList<>() : new ArrayList<>(List.of(manager)));
    variables.put(
        "approverGroups",
        manager == null ? new ArrayList<>(List.of(Role.Names.MANAGER)) : new ArrayList<>());
    return variables;
  }

  /** Starts the commune's definition of the process (its variant, else the shared one). */
  public Started start(
      CallContext caller, String processKey, UUID subject, String name, Map<String, Object> vars) {
    ProcessInstance instance =
        engine
            .runtime()
            .createProcessInstanceBuilder()
            .processDefinitionKey(processKey)
            .tenantId(caller.tenant().value())
            .fallbackToDefaultTenant()
            .businessKey(subject.toString())
            .name(name.length() > 200 ? name.substring(0, 200) : name)
            .variables(vars)
            .start();
    return new Started(
        instance.getId(),
        engine.repository().getProcessDefinition(instance.getProcessDefinitionId()).getVersion());
  }

  /** The open user tasks of an instance of the caller's commune. */
  public List<Task> openTasks(CallContext caller, String processInstanceId) {
    if (processInstanceId == null) {
      return List.of();
    }
    return engine
        .tasks()
        .createTaskQuery()
        .processInstanceId(processInstanceId)
        .taskTenantId(caller.tenant().value())
        .list();
  }

  /**
   * Who may see a request: the agent, a commune administrator, whoever decided it, the agent's
   * manager, and whoever may act on one of its open tasks.
   */
  public boolean mayView(
      CallContext caller, String agentUsername, String decidedBy, List<Task> openTasks) {
    String me = caller.actor().username();
    if (agentUsername.equals(me) || caller.hasRole(Role.COMMUNE_ADMIN) || me.equals(decidedBy)) {
      return true;
    }
    if (directory.agent(caller, agentUsername).map(Agent::managerUsername).stream()
        .anyMatch(me::equals)) {
      return true;
    }
    return openTasks.stream().anyMatch(t -> Tasks.isCandidate(engine, caller, t.getId()));
  }

  /**
   * An event for the HR connector, once per subject and type, in the caller's transaction: kept in
   * the procedure's events and enqueued in the integration outbox (delivered after the commit).
   */
  public void emit(CallContext caller, String type, UUID subject, String payload) {
    outbox.enqueue(
        caller,
        new Outbox.OutboundMessage(Outbox.Connector.HR, type, type + "/" + subject, payload));
    em.createNativeQuery(
            "INSERT INTO workflow_events (id, tenant_id, event_type, subject_id, payload, at)"
                + " VALUES (?1, ?2, ?3, ?4, CAST(?5 AS jsonb), ?6) ON CONFLICT DO NOTHING")
        .setParameter(1, UUID.randomUUID())
        .setParameter(2, caller.tenant().value())
        .setParameter(3, type)
        .setParameter(4, subject)
        .setParameter(5, payload)
        .setParameter(6, Timestamp.from(clock.instant()))
        .executeUpdate();
  }

  /**
   * Usage of a procedure's service: the caller counts as an active agent of the month (once), and
   * the instance once.
   */
  public void recordUsage(CallContext caller, ServiceCode service, String instanceKey) {
    Instant now = clock.instant();
    String month = now.atZone(LeaveRequests.PARIS).toLocalDate().toString().substring(0, 7);
    String source = "workflow." + service.value();
    usage.record(
        caller,
        new UsageEvent(
            service,
            "active-agents",
            BigDecimal.ONE,
            now,
            "active-agents:" + month + ":" + caller.actor().username(),
            source));
    usage.record(
        caller,
        new UsageEvent(service, "process-instances", BigDecimal.ONE, now, instanceKey, source));
  }
}
