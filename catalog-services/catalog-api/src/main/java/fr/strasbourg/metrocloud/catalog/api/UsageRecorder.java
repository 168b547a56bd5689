package fr.strasbourg.metrocloud.catalog.api;

import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;

/**
 * Appends usage events to the commune's ledger ({@code usage_events}), idempotently, in the
 * caller's transaction.
 */
public interface UsageRecorder {

  /**
   * Returns {@code true} if the event was recorded, {@code false} if its idempotency key was
   * already there.
   */
  boolean record(CallContext commune, UsageEvent event);
}
