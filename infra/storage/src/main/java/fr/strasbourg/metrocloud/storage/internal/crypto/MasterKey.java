package fr.strasbourg.metrocloud.storage.internal.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The platform master key (256 bits, from configuration, base64). It only wraps and unwraps
 * communes' data keys; a wrapped key is bound to its commune and key id (authenticated data), so a
 * wrapped key copied to another commune's row does not unwrap. Its {@link #id()} (a digest prefix)
 * is stored with each wrapped key to detect a wrong master key.
 */
public final class MasterKey {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKey key;
  private final String id;

  public MasterKey(byte[] material) {
    if (material.length != 32) {
      throw new IllegalArgumentException("The master key must be 32 bytes (base64 of 256 bits)");
    }
    this.key = new SecretKeySpec(material, "AES");
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(material);
      this.id = "mk-" + HexFormat.of().formatHex(digest, 0, 8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static MasterKey fromBase64(String base64) {
    return new MasterKey(Base64.getDecoder().decode(base64.trim()));
  }

  public String id() {
    return id;
  }

  /** A fresh random data key. */
  public static SecretKey newDataKey() {
    try {
      KeyGenerator generator = KeyGenerator.getInstance("AES");
      generator.init(256, RANDOM);
      return generator.generateKey();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A wrapped key and the nonce it was wrapped with. */
  public record Wrapped(byte[] key, byte[] nonce) {}

  public Wrapped wrap(SecretKey dataKey, String tenant, java.util.UUID keyId) {
    byte[] nonce = new byte[12];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
      cipher.updateAAD(binding(tenant, keyId));
      return new Wrapped(cipher.doFinal(dataKey.getEncoded()), nonce);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot wrap a data key", e);
    }
  }

  public SecretKey unwrap(Wrapped wrapped, String tenant, java.util.UUID keyId) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, wrapped.nonce()));
      cipher.updateAAD(binding(tenant, keyId));
      return new SecretKeySpec(cipher.doFinal(wrapped.key()), "AES");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "Cannot unwrap the data key of " + tenant + " (wrong master key?)", e);
    }
  }

  /**
   * Seals a small platform secret (e.g. the private key of the platform's root CA) with the master
   * key: {@code nonce(12) || AES-GCM(plaintext)}, authenticated with {@code purpose}.
   */
  public byte[] seal(byte[] plaintext, String purpose) {
    byte[] nonce = new byte[12];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
      cipher.updateAAD(("metrocloud-platform-secret|" + purpose).getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(plaintext);
      return ByteBuffer.allocate(12 + sealed.length).put(nonce).put(sealed).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot seal a platform secret", e);
    }
  }

  /** Opens what {@link #seal} sealed for the same purpose. */
  public byte[] open(byte[] sealed, String purpose) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, sealed, 0, 12));
      cipher.updateAAD(("metrocloud-platform-secret|" + purpose).getBytes(StandardCharsets.UTF_8));
      return cipher.doFinal(sealed, 12, sealed.length - 12);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "Cannot open the platform secret " + purpose + " (wrong master key?)", e);
    }
  }

  private static byte[] binding(String tenant, java.util.UUID keyId) {
    byte[] t = ("metrocloud-data-key|" + tenant + "|").getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(t.length + 16)
        .put(t)
        .putLong(keyId.getMostSignificantBits())
        .putLong(keyId.getLeastSignificantBits())
        .array();
  }
}
