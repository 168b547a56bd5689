package fr.strasbourg.metrocloud.archive.application;

import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Approvals of disposals, and the removal from the store of what a destruction deleted: right after
 * the destruction commits, and again by the periodic task for what a failure left.
 */
@ApplicationScoped
public class ArchiveDisposal {

  private static final Logger LOG = Logger.getLogger(ArchiveDisposal.class.getName());

  @Inject Disposals disposals;

  @Inject ObjectStore objects;

  @Inject Archive archive;

  public Disposals.Proposal approve(CallContext caller, UUID id) {
    archive.guard(caller);
    Disposals.Approval approval = disposals.approve(caller, id);
    for (String key : approval.keysToPurge()) {
      purge(caller, key);
    }
    return approval.proposal();
  }

  /** Removes from the store the objects destroyed earlier and still there; returns how many. */
  public int purgeDestroyed(CallContext commune) {
    int purged = 0;
    for (ArchiveViews.StoredObject o : disposals.toPurge(commune, 500)) {
      if (purge(commune, o.storageKey())) {
        purged++;
      }
    }
    return purged;
  }

  private boolean purge(CallContext commune, String key) {
    try {
      objects.delete(commune, key);
      disposals.purged(commune, key);
      return true;
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Destroyed object " + key + " left in the store for a retry", e);
      return false;
    }
  }

  /** Destroyed objects of the commune still in the store (for checks). */
  public List<ArchiveViews.StoredObject> pendingPurge(CallContext commune) {
    return disposals.toPurge(commune, 1000);
  }
}
