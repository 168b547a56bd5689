package fr.strasbourg.metrocloud.integration.application;

import fr.strasbourg.metrocloud.integration.api.Outbox;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.TenantBound;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * The outbox, written in the caller's transaction. After the commit, {@link Enqueued} wakes the
 * dispatcher up for the commune (the periodic scan delivers anyway if that is lost).
 */
@ApplicationScoped
public class OutboxStore implements Outbox {

  /** Fired in the enqueuing transaction; observed after its success. */
  public record Enqueued(String tenant) {}

  @PersistenceContext EntityManager em;

  @Inject Event<Enqueued> enqueued;

  @Inject Clock clock;

  @Override
  @Transactional(TxType.MANDATORY)
  @TenantBound
  public boolean enqueue(CallContext commune, OutboundMessage message) {
    Instant now = clock.instant();
    int inserted =
        em.createNativeQuery(
                "INSERT INTO integration_outbox (id, tenant_id, connector, flow, idempotency_key,"
                    + " payload, status, next_attempt_at, created_at) VALUES (?1, ?2, ?3, ?4, ?5,"
                    + " ?6, 'PENDING', ?7, ?7) ON CONFLICT (tenant_id, idempotency_key) DO NOTHING")
            .setParameter(1, UUID.randomUUID())
            .setParameter(2, commune.tenant().value())
            .setParameter(3, message.connector().name())
            .setParameter(4, message.flow())
            .setParameter(5, message.idempotencyKey())
            .setParameter(6, message.payload())
            .setParameter(7, Timestamp.from(now))
            .executeUpdate();
    if (inserted > 0) {
      enqueued.fire(new Enqueued(commune.tenant().value()));
    }
    return inserted > 0;
  }
}
