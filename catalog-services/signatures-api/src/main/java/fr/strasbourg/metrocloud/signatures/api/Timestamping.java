package fr.strasbourg.metrocloud.signatures.api;

import java.time.Instant;

/** The platform's timestamp authority (RFC 3161), e.g. for the archive journal's daily seals. */
public interface Timestamping {

  /** A DER-encoded RFC 3161 timestamp token over a SHA-256 digest. */
  byte[] timestamp(byte[] sha256Digest);

  /**
   * Checks a token of the platform's TSA over {@code sha256Digest}: its signature by the TSA's
   * certificate and its message imprint.
   */
  Check verify(byte[] token, byte[] sha256Digest);

  /** The TSA's certificate (DER), for verifiers outside the platform. */
  byte[] authorityCertificateDer();

  /** The platform root certificate (DER) that issued the TSA's, the trust anchor. */
  byte[] rootCertificateDer();

  /**
   * What a check found.
   *
   * @param valid the token is signed by the platform's TSA and covers the digest
   * @param time the time the TSA asserts (null if the token cannot be read)
   * @param problem why it is not valid (French), or null
   */
  record Check(boolean valid, Instant time, String problem) {}
}
