package fr.strasbourg.metrocloud.tenants.api;

import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import java.util.Optional;

/**
 * Something a service requires before a commune's resources are destroyed, e.g. that its documents
 * were exported. Implementations are CDI beans; decommissioning asks each of them first and stops
 * (409 {@code decommission-blocked}) on the first reason given.
 */
public interface DecommissionPrecondition {

  /**
   * Returns why the commune cannot be decommissioned yet (in French, for the operator), or empty.
   *
   * @param onCommune the operator acting on the commune
   */
  Optional<String> blocker(CallContext onCommune);
}
