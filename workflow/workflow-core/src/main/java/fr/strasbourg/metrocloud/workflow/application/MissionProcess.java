package fr.strasbourg.metrocloud.workflow.application;

import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.InseeCode;
import fr.strasbourg.metrocloud.kernel.tenancy.TenantId;
import fr.strasbourg.metrocloud.parapheur.api.SignatureRequests;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.UUID;
import org.flowable.engine.delegate.DelegateExecution;

/**
 * The platform steps of the mission order process ({@code ${missionProcess.…(execution)}}), and the
 * bridge from the parapheur: when the order's signature folder closes, the waiting process is
 * triggered in the same transaction.
 */
@ApplicationScoped
@Named("missionProcess")
public class MissionProcess {

  @Inject MissionOrders orders;

  public void checkBudget(DelegateExecution execution) {
    boolean accepted = orders.checkBudget(LeaveProcess.decider(execution), id(execution));
    execution.setVariable("budgetAccepted", accepted);
  }

  public void requestSignature(DelegateExecution execution) {
    orders.requestSignature(system(execution), id(execution));
  }

  public void signed(DelegateExecution execution) {
    orders.markSigned(system(execution), id(execution));
  }

  public void refused(DelegateExecution execution) {
    Object reason = execution.getVariable("decisionReason");
    orders.markRefused(
        LeaveProcess.decider(execution),
        id(execution),
        reason == null || reason.toString().isBlank() ? "Refusé." : reason.toString());
  }

  public void budgetRefused(DelegateExecution execution) {
    // the refusal and its reason were recorded by checkBudget
  }

  public void signatureRefused(DelegateExecution execution) {
    Object reason = execution.getVariable("decisionReason");
    orders.markRefused(
        system(execution),
        id(execution),
        "Signature refusée" + (reason == null ? "." : " : " + reason));
  }

  public void expensesSentBack(DelegateExecution execution) {
    Object reason = execution.getVariable("decisionReason");
    orders.expensesSentBack(
        LeaveProcess.decider(execution), id(execution), reason == null ? "" : reason.toString());
  }

  public void closed(DelegateExecution execution) {
    orders.close(LeaveProcess.decider(execution), id(execution));
  }

  /** Runs in the transaction that closes the parapheur folder. */
  void onFolderClosed(@Observes SignatureRequests.FolderClosed closed) {
    orders.signatureClosed(
        CallContext.system("workflow", TenantId.of(InseeCode.of(closed.tenant()))), closed);
  }

  private static CallContext system(DelegateExecution execution) {
    return CallContext.system("workflow", LeaveProcess.tenant(execution));
  }

  private static UUID id(DelegateExecution execution) {
    return UUID.fromString(execution.getVariable("missionId").toString());
  }
}
