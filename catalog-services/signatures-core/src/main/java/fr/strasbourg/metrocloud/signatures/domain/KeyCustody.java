package fr.strasbourg.metrocloud.signatures.domain;

import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.security.PublicKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;

/**
 * Where a commune's private keys (its signing CA's, its signers') live. The platform never handles
 * a key outside an implementation of this port: the software custody seals keys with the commune's
 * data key; a PKCS#11 adapter would generate and use them inside an HSM and return a label as
 * reference.
 */
public interface KeyCustody {

  /**
   * A key pair generated in the custody.
   *
   * @param reference what to store to use the key later (a sealed key, an HSM label)
   */
  record CustodiedKey(PublicKey publicKey, byte[] reference) {}

  /** Generates an ECDSA P-256 key pair for {@code purpose} (bound to it). */
  CustodiedKey generate(CallContext commune, String purpose);

  /** Signs {@code data} with SHA-256 and ECDSA; DER-encoded signature value. */
  byte[] signSha256WithEcdsa(CallContext commune, String purpose, byte[] reference, byte[] data);

  /** The key as a BouncyCastle content signer (to issue certificates and CRLs). */
  default ContentSigner contentSigner(CallContext commune, String purpose, byte[] reference) {
    AlgorithmIdentifier algorithm =
        new DefaultSignatureAlgorithmIdentifierFinder().find("SHA256withECDSA");
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    return new ContentSigner() {
      @Override
      public AlgorithmIdentifier getAlgorithmIdentifier() {
        return algorithm;
      }

      @Override
      public OutputStream getOutputStream() {
        return buffer;
      }

      @Override
      public byte[] getSignature() {
        return signSha256WithEcdsa(commune, purpose, reference, buffer.toByteArray());
      }
    };
  }
}
