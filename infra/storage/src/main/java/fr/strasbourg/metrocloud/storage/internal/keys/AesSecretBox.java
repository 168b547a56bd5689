package fr.strasbourg.metrocloud.storage.internal.keys;

import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.storage.SecretBox;
import fr.strasbourg.metrocloud.storage.internal.StorageSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM sealing. A commune's sealed value is {@code 0x01 || data-key id (16) || nonce (12) ||
 * ciphertext+tag}, authenticated with the commune and the purpose.
 */
@ApplicationScoped
public class AesSecretBox implements SecretBox {

  private static final byte FORMAT = 1;
  private static final SecureRandom RANDOM = new SecureRandom();

  @Inject TenantKeyring keyring;

  @Inject StorageSettings settings;

  @Override
  public byte[] sealForCommune(CallContext commune, String purpose, byte[] plaintext) {
    TenantKeyring.DataKey key = dataKey(commune);
    byte[] nonce = new byte[12];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key.key(), new GCMParameterSpec(128, nonce));
      cipher.updateAAD(aad(commune, purpose));
      byte[] sealed = cipher.doFinal(plaintext);
      return ByteBuffer.allocate(1 + 16 + 12 + sealed.length)
          .put(FORMAT)
          .putLong(key.id().getMostSignificantBits())
          .putLong(key.id().getLeastSignificantBits())
          .put(nonce)
          .put(sealed)
          .array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot seal a secret of " + commune.tenant(), e);
    }
  }

  @Override
  public byte[] openForCommune(CallContext commune, String purpose, byte[] sealed) {
    if (sealed.length < 1 + 16 + 12 + 16 || sealed[0] != FORMAT) {
      throw new IllegalStateException("Not a sealed secret");
    }
    ByteBuffer in = ByteBuffer.wrap(sealed);
    in.get();
    UUID keyId = new UUID(in.getLong(), in.getLong());
    TenantKeyring.DataKey key = dataKey(commune);
    if (!key.id().equals(keyId)) {
      throw new IllegalStateException(
          "The secret of " + commune.tenant() + " was sealed with another data key");
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key.key(), new GCMParameterSpec(128, sealed, 17, 12));
      cipher.updateAAD(aad(commune, purpose));
      return cipher.doFinal(sealed, 29, sealed.length - 29);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "Cannot open the secret " + purpose + " of " + commune.tenant(), e);
    }
  }

  @Override
  public byte[] sealForPlatform(String purpose, byte[] plaintext) {
    return settings.masterKey().seal(plaintext, purpose);
  }

  @Override
  public byte[] openForPlatform(String purpose, byte[] sealed) {
    return settings.masterKey().open(sealed, purpose);
  }

  private TenantKeyring.DataKey dataKey(CallContext commune) {
    return keyring
        .current(commune)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "The commune " + commune.tenant() + " has no usable data key"));
  }

  private static byte[] aad(CallContext commune, String purpose) {
    return ("metrocloud-secret|" + commune.tenant().value() + "|" + purpose)
        .getBytes(StandardCharsets.UTF_8);
  }
}
