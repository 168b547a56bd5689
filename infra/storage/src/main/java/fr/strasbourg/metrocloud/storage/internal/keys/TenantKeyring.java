package fr.strasbourg.metrocloud.storage.internal.keys;

import fr.strasbourg.metrocloud.kernel.audit.AuditRecord;
import fr.strasbourg.metrocloud.kernel.audit.AuditTrail;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.TenantBound;
import fr.strasbourg.metrocloud.storage.internal.StorageSettings;
import fr.strasbourg.metrocloud.storage.internal.crypto.MasterKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.SecretKey;

/** The communes' data keys, each call one short transaction bound to the commune. */
@ApplicationScoped
@Transactional
@TenantBound
public class TenantKeyring {

  @PersistenceContext EntityManager em;

  @Inject StorageSettings settings;

  @Inject AuditTrail audit;

  @Inject Clock clock;

  /** The commune's usable key. */
  public record DataKey(UUID id, SecretKey key) {}

  /** Creates the commune's key unless it has a usable one; returns the key id. Idempotent. */
  public UUID ensureKey(CallContext commune) {
    String tenant = commune.tenant().value();
    TenantDataKey existing = em.find(TenantDataKey.class, tenant);
    if (existing != null && !existing.destroyed()) {
      return existing.keyId();
    }
    MasterKey master = settings.masterKey();
    UUID keyId = UUID.randomUUID();
    MasterKey.Wrapped wrapped = master.wrap(MasterKey.newDataKey(), tenant, keyId);
    if (existing == null) {
      em.persist(
          TenantDataKey.of(
              tenant, keyId, wrapped.key(), wrapped.nonce(), master.id(), clock.instant()));
    } else {
      existing.replace(keyId, wrapped.key(), wrapped.nonce(), master.id(), clock.instant());
    }
    audit.record(
        commune, AuditRecord.success("storage.data-key.created", "data-key", keyId.toString()));
    return keyId;
  }

  /** The commune's key, unwrapped; empty if it has none or it was destroyed. */
  public Optional<DataKey> current(CallContext commune) {
    String tenant = commune.tenant().value();
    TenantDataKey stored = em.find(TenantDataKey.class, tenant);
    if (stored == null || stored.destroyed()) {
      return Optional.empty();
    }
    MasterKey master = settings.masterKey();
    if (!master.id().equals(stored.masterKeyId())) {
      throw new IllegalStateException(
          "The data key of "
              + tenant
              + " is wrapped by master key "
              + stored.masterKeyId()
              + ", the platform is configured with "
              + master.id());
    }
    SecretKey key =
        master.unwrap(
            new MasterKey.Wrapped(stored.wrappedKey(), stored.wrapNonce()), tenant, stored.keyId());
    return Optional.of(new DataKey(stored.keyId(), key));
  }

  /** Crypto-shredding: the commune's objects become unreadable for good. */
  public void destroy(CallContext commune) {
    TenantDataKey stored = em.find(TenantDataKey.class, commune.tenant().value());
    if (stored != null && !stored.destroyed()) {
      stored.destroy(clock.instant());
      audit.record(
          commune,
          AuditRecord.success("storage.data-key.destroyed", "data-key", stored.keyId().toString()));
    }
  }
}
