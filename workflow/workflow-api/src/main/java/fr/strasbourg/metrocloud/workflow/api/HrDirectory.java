package fr.strasbourg.metrocloud.workflow.api;

import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import java.math.BigDecimal;
import java.util.Map;

/**
 * The procedures' directory of agents as the commune's HR software feeds it (the HR connector's
 * agents import): who works where, for whom, on which days, with which leave balances.
 */
public interface HrDirectory {

  /**
   * An agent's HR data.
   *
   * @param balances leave type code (CA, RTT, CET) → days; types absent are left as they are
   */
  record HrAgent(
      String username,
      String displayName,
      String service,
      String manager,
      String workingPattern,
      Map<String, BigDecimal> balances) {}

  /** Whether the directory knows the agent (present or gone). */
  boolean knows(CallContext commune, String username);

  /**
   * Creates or updates the agent as present and sets the balances it carries (a balance that
   * changes is a movement {@code HR_IMPORT} of the agent's balance history).
   *
   * @throws RuntimeException a problem whose message says, in French, what is wrong
   */
  void upsert(CallContext commune, HrAgent agent);

  /** Marks the agent as gone; returns whether they were present. */
  boolean deactivate(CallContext commune, String username);
}
