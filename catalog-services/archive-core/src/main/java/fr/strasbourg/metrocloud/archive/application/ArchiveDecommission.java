package fr.strasbourg.metrocloud.archive.application;

import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.tenants.api.DecommissionPrecondition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * A commune that holds archives is decommissioned only after a complete SEDA export of them made
 * since they last changed (the archives must be handed over, not lost with the bucket).
 */
@ApplicationScoped
public class ArchiveDecommission implements DecommissionPrecondition {

  @Inject ArchiveUnits units;

  @Override
  public Optional<String> blocker(CallContext onCommune) {
    return units.exportBlocker(onCommune);
  }
}
