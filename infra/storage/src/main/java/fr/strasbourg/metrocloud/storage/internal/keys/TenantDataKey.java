package fr.strasbourg.metrocloud.storage.internal.keys;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** A commune's data key, as stored: wrapped by the master key, or destroyed. */
@Entity
@Table(name = "tenant_data_keys")
public class TenantDataKey {

  @Id
  @Column(name = "tenant_id", nullable = false, updatable = false)
  private String tenantId;

  @Column(name = "key_id", nullable = false)
  private UUID keyId;

  @Column(name = "wrapped_key")
  private byte[] wrappedKey;

  @Column(name = "wrap_nonce")
  private byte[] wrapNonce;

  @Column(name = "master_key_id", nullable = false)
  private String masterKeyId;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "destroyed_at")
  private Instant destroyedAt;

  @Version
  @Column(name = "version", nullable = false)
  private long version;

  protected TenantDataKey() {}

  static TenantDataKey of(
      String tenantId, UUID keyId, byte[] wrapped, byte[] nonce, String masterKeyId, Instant now) {
    TenantDataKey k = new TenantDataKey();
    k.tenantId = tenantId;
    k.replace(keyId, wrapped, nonce, masterKeyId, now);
    return k;
  }

  /** A new key after a destruction (a commune provisioned again). */
  void replace(UUID newKeyId, byte[] wrapped, byte[] nonce, String masterKey, Instant now) {
    keyId = newKeyId;
    wrappedKey = wrapped;
    wrapNonce = nonce;
    masterKeyId = masterKey;
    createdAt = now;
    destroyedAt = null;
  }

  void destroy(Instant now) {
    wrappedKey = null;
    wrapNonce = null;
    destroyedAt = now;
  }

  public boolean destroyed() {
    return destroyedAt != null;
  }

  public String tenantId() {
    return tenantId;
  }

  public UUID keyId() {
    return keyId;
  }

  byte[] wrappedKey() {
    return wrappedKey;
  }

  byte[] wrapNonce() {
    return wrapNonce;
  }

  public String masterKeyId() {
    return masterKeyId;
  }
}
