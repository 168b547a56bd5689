package fr.strasbourg.metrocloud.integration.api;

import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;

/**
 * The transactional outbox of the commune's connectors: a message enqueued here is written in the
 * caller's transaction, together with the business change it reports, and delivered after the
 * commit by the integration dispatcher (retries with back-off, dead letters, replay). A crash
 * between the commit and the delivery loses nothing.
 */
public interface Outbox {

  /**
   * Enqueues a message for the commune's connector of {@code connector}; a second message with the
   * same idempotency key for the commune is ignored (returns false).
   */
  boolean enqueue(CallContext commune, OutboundMessage message);

  /** The software a message goes to. */
  enum Connector {
    /** The commune's HR software. */
    HR,
    /** The commune's finance software. */
    FINANCE,
    /**
     * The Eurométropole's own finance software (receivables of cost recovery), configured by the
     * DSI for the platform, not per commune.
     */
    METROPOLE_FINANCE;

    /** Whether a commune administrator configures it. */
    public boolean perCommune() {
      return this != METROPOLE_FINANCE;
    }
  }

  /**
   * One record for a commune's software.
   *
   * @param flow what it is, e.g. {@code leave.approved}
   * @param idempotencyKey unique per commune, sent with the record so that the counterpart applies
   *     it once
   * @param payload the record as JSON
   */
  record OutboundMessage(Connector connector, String flow, String idempotencyKey, String payload) {
    public OutboundMessage {
      if (connector == null || flow == null || flow.isBlank() || payload == null) {
        throw new IllegalArgumentException("connector, flow and payload are required");
      }
      if (idempotencyKey == null || idempotencyKey.isBlank() || idempotencyKey.length() > 200) {
        throw new IllegalArgumentException("idempotency key required (at most 200 characters)");
      }
    }
  }
}
