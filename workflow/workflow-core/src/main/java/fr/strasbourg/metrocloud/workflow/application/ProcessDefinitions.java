package fr.strasbourg.metrocloud.workflow.application;

import fr.strasbourg.metrocloud.kernel.audit.AuditRecord;
import fr.strasbourg.metrocloud.kernel.audit.AuditTrail;
import fr.strasbourg.metrocloud.kernel.audit.Outcome;
import fr.strasbourg.metrocloud.kernel.problem.ConflictProblem;
import fr.strasbourg.metrocloud.kernel.problem.NotFoundProblem;
import fr.strasbourg.metrocloud.kernel.problem.PayloadTooLargeProblem;
import fr.strasbourg.metrocloud.kernel.problem.UnprocessableProblem;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.TenantBound;
import fr.strasbourg.metrocloud.workflow.application.WorkflowViews.DefinitionUse;
import fr.strasbourg.metrocloud.workflow.engine.EngineConfigurations;
import fr.strasbourg.metrocloud.workflow.engine.ModelPolicy;
import fr.strasbourg.metrocloud.workflow.engine.WorkflowEngine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flowable.bpmn.model.BpmnModel;
import org.flowable.engine.repository.Deployment;
import org.flowable.engine.repository.ProcessDefinition;

/**
 * Which definition of each process a commune runs (its own variant if it deployed one, else the
 * shared one), and the deployment of a commune's variant.
 */
@ApplicationScoped
@Transactional
@TenantBound
public class ProcessDefinitions {

  /** The processes a commune may adapt, with their French names. */
  public static final Map<String, String> PROCESSES = new LinkedHashMap<>();

  static {
    PROCESSES.put(LeaveRequests.PROCESS_KEY, "Demande de congé");
    PROCESSES.put(MissionOrders.PROCESS_KEY, "Ordre de mission");
  }

  static final int MAX_BPMN_BYTES = 512 * 1024;

  @Inject WorkflowEngine engine;

  @Inject AuditTrail audit;

  public List<DefinitionUse> inUse(CallContext caller) {
    String tenant = caller.requireCommune().value();
    return PROCESSES.keySet().stream().map(key -> use(tenant, key)).toList();
  }

  /** For the DSI: every commune's choice, for the given communes. */
  public List<DefinitionUse> inUse(CallContext operator, List<String> communes) {
    operator.requireOperator();
    List<DefinitionUse> out = new ArrayList<>();
    for (String commune : communes) {
      for (String key : PROCESSES.keySet()) {
        out.add(use(commune, key));
      }
    }
    return out;
  }

  /**
   * Deploys a commune's variant of a process: it wins for that commune from its next instance on;
   * running instances finish on the version they started with.
   */
  public DefinitionUse deployVariant(CallContext admin, String key, String fileName, byte[] xml) {
    String tenant = admin.requireCommune().value();
    if (!PROCESSES.containsKey(key)) {
      throw new NotFoundProblem("process-not-found", "Procédure inconnue : " + key + ".");
    }
    if (xml.length > MAX_BPMN_BYTES) {
      throw new PayloadTooLargeProblem(
          "bpmn-too-large", "Un fichier BPMN fait au plus " + MAX_BPMN_BYTES / 1024 + " Kio.");
    }
    List<String> violations;
    try {
      BpmnModel model = ModelPolicy.parse(xml);
      violations = ModelPolicy.violations(xml, model, key);
    } catch (IllegalArgumentException e) {
      violations = List.of(e.getMessage());
    }
    if (!violations.isEmpty()) {
      audit.recordIndependently(
          admin,
          new AuditRecord("workflow.definition.rejected", "process", key, Outcome.DENIED, Map.of())
              .withDetail("violations", String.join(" | ", violations)));
      List<String> shown = violations.subList(0, Math.min(20, violations.size()));
      throw (UnprocessableProblem)
          new UnprocessableProblem("invalid-bpmn", "Variante refusée : " + String.join(" ", shown))
              .with("errors", shown);
    }
    Deployment deployment =
        engine
            .repository()
            .createDeployment()
            .name("variant-" + key)
            .tenantId(tenant)
            .addBytes(key + ".bpmn20.xml", xml)
            .deploy();
    DefinitionUse use = use(tenant, key);
    audit.record(
        admin,
        AuditRecord.success("workflow.definition.deployed", "process", key)
            .withDetail("deployment", deployment.getId())
            .withDetail("version", String.valueOf(use.version()))
            .withDetail("file", fileName));
    return use;
  }

  /**
   * Goes back to the shared definition: the commune's variants are removed. Refused while an
   * instance of a variant still runs.
   */
  public DefinitionUse revertToDefault(CallContext admin, String key) {
    String tenant = admin.requireCommune().value();
    if (!PROCESSES.containsKey(key)) {
      throw new NotFoundProblem("process-not-found", "Procédure inconnue : " + key + ".");
    }
    List<ProcessDefinition> own =
        engine
            .repository()
            .createProcessDefinitionQuery()
            .processDefinitionKey(key)
            .processDefinitionTenantId(tenant)
            .list();
    for (ProcessDefinition d : own) {
      long running =
          engine.runtime().createProcessInstanceQuery().processDefinitionId(d.getId()).count();
      if (running > 0) {
        throw new ConflictProblem(
            "variant-in-use",
            running
                + " demande(s) en cours suivent encore la variante (version "
                + d.getVersion()
                + ") : elle sera retirée quand elles seront terminées.");
      }
    }
    for (ProcessDefinition d : own) {
      // history stays (cascade false keeps the deployment's finished instances in history)
      engine.repository().deleteDeployment(d.getDeploymentId(), false);
    }
    audit.record(
        admin,
        AuditRecord.success("workflow.definition.reverted", "process", key)
            .withDetail("removedVersions", String.valueOf(own.size())));
    return use(tenant, key);
  }

  DefinitionUse use(String tenant, String key) {
    ProcessDefinition own = latest(key, tenant);
    ProcessDefinition shared = latest(key, EngineConfigurations.DEFAULT_TENANT);
    ProcessDefinition chosen = own != null ? own : shared;
    if (chosen == null) {
      throw new IllegalStateException("No definition of " + key + " is deployed");
    }
    Deployment deployment =
        engine
            .repository()
            .createDeploymentQuery()
            .deploymentId(chosen.getDeploymentId())
            .singleResult();
    return new DefinitionUse(
        tenant,
        key,
        chosen.getName() == null ? PROCESSES.get(key) : chosen.getName(),
        chosen.getVersion(),
        chosen.getId(),
        own != null,
        deployment == null ? null : deployment.getDeploymentTime().toInstant(),
        shared == null ? 0 : shared.getVersion());
  }

  private ProcessDefinition latest(String key, String tenant) {
    return engine
        .repository()
        .createProcessDefinitionQuery()
        .processDefinitionKey(key)
        .processDefinitionTenantId(tenant)
        .latestVersion()
        .singleResult();
  }
}
