package fr.strasbourg.metrocloud.signatures.api;

/** The platform's timestamp authority (RFC 3161), e.g. for the archive journal's daily seals. */
public interface Timestamping {

  /** A DER-encoded RFC 3161 timestamp token over a SHA-256 digest. */
  byte[] timestamp(byte[] sha256Digest);
}
