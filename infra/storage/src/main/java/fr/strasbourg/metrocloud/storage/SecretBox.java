package fr.strasbourg.metrocloud.storage;

import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;

/**
 * Encrypts small secrets that must never be stored in clear: private keys of the platform PKI,
 * connector credentials. A commune's secrets are sealed with the commune's data key (destroyed at
 * decommissioning, so they go with it); the platform's with the master key. A sealed value is bound
 * to its purpose: it does not open under another one.
 */
public interface SecretBox {

  /**
   * Seals with the commune's data key.
   *
   * @throws IllegalStateException if the commune has no usable data key (not provisioned, or
   *     decommissioned)
   */
  byte[] sealForCommune(CallContext commune, String purpose, byte[] plaintext);

  /** Opens what {@link #sealForCommune} sealed for the same commune and purpose. */
  byte[] openForCommune(CallContext commune, String purpose, byte[] sealed);

  /** Seals with the platform master key. */
  byte[] sealForPlatform(String purpose, byte[] plaintext);

  /** Opens what {@link #sealForPlatform} sealed for the same purpose. */
  byte[] openForPlatform(String purpose, byte[] sealed);
}
