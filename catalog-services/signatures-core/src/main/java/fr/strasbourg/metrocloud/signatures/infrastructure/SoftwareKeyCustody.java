package fr.strasbourg.metrocloud.signatures.infrastructure;

import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.signatures.domain.KeyCustody;
import fr.strasbourg.metrocloud.signatures.domain.Pki;
import fr.strasbourg.metrocloud.storage.SecretBox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Arrays;

/**
 * Keys generated in the JVM and stored sealed (AES-256-GCM) with the commune's data key, bound to
 * their purpose; decrypted only for the duration of one signature.
 */
@ApplicationScoped
public class SoftwareKeyCustody implements KeyCustody {

  @Inject SecretBox secrets;

  @Override
  public CustodiedKey generate(CallContext commune, String purpose) {
    KeyPair keys = Pki.newKeyPair();
    byte[] encoded = keys.getPrivate().getEncoded();
    try {
      return new CustodiedKey(
          keys.getPublic(), secrets.sealForCommune(commune, "pki|" + purpose, encoded));
    } finally {
      Arrays.fill(encoded, (byte) 0);
    }
  }

  @Override
  public byte[] signSha256WithEcdsa(
      CallContext commune, String purpose, byte[] reference, byte[] data) {
    byte[] encoded = secrets.openForCommune(commune, "pki|" + purpose, reference);
    try {
      PrivateKey key = Pki.privateKey(encoded);
      Signature signature = Signature.getInstance("SHA256withECDSA");
      signature.initSign(key);
      signature.update(data);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot sign with the key " + purpose, e);
    } finally {
      Arrays.fill(encoded, (byte) 0);
    }
  }
}
