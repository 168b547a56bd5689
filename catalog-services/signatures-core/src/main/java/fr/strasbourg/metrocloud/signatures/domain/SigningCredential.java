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
}
