package fr.strasbourg.metrocloud.workflow.application;

import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.workflow.api.HrDirectory;
import fr.strasbourg.metrocloud.workflow.application.WorkflowViews.Agent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.util.Map;

/** {@link HrDirectory} over the procedures' agents and leave balances. */
@ApplicationScoped
@Transactional
public class HrDirectoryService implements HrDirectory {

  @Inject WorkflowDirectory directory;

  @Override
  public boolean knows(CallContext commune, String username) {
    return directory.agent(commune, username).isPresent();
  }

  @Override
  public void upsert(CallContext commune, HrAgent agent) {
    directory.saveAgent(
        commune,
        new Agent(
            agent.username(),
            agent.displayName(),
            agent.service(),
            agent.manager(),
            agent.workingPattern(),
            true));
    for (Map.Entry<String, BigDecimal> b : agent.balances().entrySet()) {
      if (directory.balance(commune, agent.username(), b.getKey()).compareTo(b.getValue()) != 0) {
        directory.setBalance(commune, agent.username(), b.getKey(), b.getValue(), "HR_IMPORT");
      }
    }
  }

  @Override
  public boolean deactivate(CallContext commune, String username) {
    var agent = directory.agent(commune, username);
    if (agent.isEmpty() || !agent.get().active()) {
      return false;
    }
    Agent a = agent.get();
    directory.saveAgent(
        commune,
        new Agent(
            a.username(),
            a.displayName(),
            a.service(),
            a.managerUsername(),
            a.workingPattern(),
            false));
    return true;
  }
}
