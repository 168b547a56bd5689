package fr.strasbourg.metrocloud.workflow.application;

import fr.strasbourg.metrocloud.kernel.tenancy.Actor;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.InseeCode;
import fr.strasbourg.metrocloud.kernel.tenancy.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Set;
import java.util.UUID;
import org.flowable.engine.delegate.DelegateExecution;

/**
 * The platform steps of the leave request process, called from its BPMN as {@code
 * ${leaveProcess.approved(execution)}} etc. They run in the engine's transaction (the REST call
 * that completed a task, or the job that fired a timer), bound to the execution's tenant.
 */
@ApplicationScoped
@Named("leaveProcess")
public class LeaveProcess {

  @Inject LeaveRequests requests;

  public void approved(DelegateExecution execution) {
    requests.markApproved(decider(execution), requestId(execution));
  }

  public void refused(DelegateExecution execution) {
    Object reason = execution.getVariable("decisionReason");
    requests.markRefused(
        decider(execution), requestId(execution), reason == null ? "" : reason.toString());
  }

  public void escalate(DelegateExecution execution) {
    requests.escalate(
        CallContext.system("workflow", tenant(execution)),
        requestId(execution),
        execution.getProcessInstanceId());
  }

  /** The person whose decision ended the process (set by {@link Tasks#complete}). */
  static CallContext decider(DelegateExecution execution) {
    Object subject = execution.getVariable(Tasks.LAST_ACTOR_SUBJECT);
    Object username = execution.getVariable(Tasks.LAST_ACTOR_USERNAME);
    Object name = execution.getVariable(Tasks.LAST_ACTOR_NAME);
    TenantId tenant = tenant(execution);
    if (subject == null || username == null) {
      return CallContext.system("workflow", tenant);
    }
    return CallContext.communeUser(
        new Actor(subject.toString(), username.toString(), name == null ? null : name.toString()),
        tenant.commune().orElseThrow(),
        Set.of());
  }

  static TenantId tenant(DelegateExecution execution) {
    return TenantId.of(InseeCode.of(execution.getTenantId()));
  }

  static UUID requestId(DelegateExecution execution) {
    return UUID.fromString(execution.getVariable("requestId").toString());
  }
}
