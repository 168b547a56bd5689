package fr.strasbourg.metrocloud.signatures.domain;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A signer's key as the signing engine uses it: the certificate chain, and an operation that signs
 * data. The private key stays inside the implementation (software key custody here; a PKCS#11 HSM
 * adapter implements the same interface and never exports its key).
 */
public interface SigningCredential {

  X509Certificate certificate();

  /** The chain above {@link #certificate()}, issuing CA first, up to the root. */
  List<X509Certificate> chain();

  /** Signs {@code data} with SHA-256 and ECDSA; returns the DER-encoded signature value. */
  byte[] signSha256WithEcdsa(byte[] data);

  /** A credential whose key is in memory (tests, benchmarks, foreign signers in tests). */
  static SigningCredential inMemory(Pki.Issued signer, List<X509Certificate> chain) {
    return new SigningCredential() {
      @Override
      public X509Certificate certificate() {
        return signer.certificate();
      }

      @Override
      public List<X509Certificate> chain() {
        return chain;
      }

      @Override
      public byte[] signSha256WithEcdsa(byte[] data) {
        try {
          java.security.Signature s = java.security.Signature.getInstance("SHA256withECDSA");
          s.initSign(signer.privateKey());
          s.update(data);
          return s.sign();
        } catch (java.security.GeneralSecurityException e) {
          throw new IllegalStateException(e);
        }
      }
    };
  }
}
