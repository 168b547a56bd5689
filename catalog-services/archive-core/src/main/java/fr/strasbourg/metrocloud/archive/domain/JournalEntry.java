package fr.strasbourg.metrocloud.archive.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One entry of a commune's archive journal. Its hash is SHA-256 over a canonical form listing every
 * field (the previous entry's hash included) as {@code <length>:<value>} segments, so two different
 * entries never share a form; a commune's first entry links to {@link #GENESIS}.
 */
public record JournalEntry(
    String tenantId,
    long seq,
    UUID id,
    Instant at,
    String eventType,
    UUID unitId,
    UUID objectId,
    String actorSubject,
    String actorName,
    String details,
    String prevHash,
    String hash) {

  /** The previous hash of a commune's first entry. */
  public static final String GENESIS = "0".repeat(64);

  /** Builds the entry that follows {@code prevHash}, with its hash. */
  public static JournalEntry next(
      String tenantId,
      long seq,
      UUID id,
      Instant at,
      String eventType,
      UUID unitId,
      UUID objectId,
      String actorSubject,
      String actorName,
      String details,
      String prevHash) {
    JournalEntry e =
        new JournalEntry(
            tenantId,
            seq,
            id,
            at.truncatedTo(ChronoUnit.MICROS),
            eventType,
            unitId,
            objectId,
            actorSubject,
            actorName,
            details,
            prevHash,
            null);
    return new JournalEntry(
        tenantId,
        seq,
        id,
        e.at,
        eventType,
        unitId,
        objectId,
        actorSubject,
        actorName,
        details,
        prevHash,
        e.computeHash());
  }

  public String canonicalForm() {
    StringBuilder sb = new StringBuilder(256);
    for (String value :
        new String[] {
          "archive-journal-v1",
          tenantId,
          Long.toString(seq),
          id.toString(),
          at.truncatedTo(ChronoUnit.MICROS).toString(),
          eventType,
          unitId == null ? null : unitId.toString(),
          objectId == null ? null : objectId.toString(),
          actorSubject,
          actorName,
          details,
          prevHash
        }) {
      sb.append(value == null ? "-1:" : value.length() + ":" + value).append('|');
    }
    return sb.toString();
  }

  public String computeHash() {
    return sha256Hex(canonicalForm().getBytes(StandardCharsets.UTF_8));
  }

  public static String sha256Hex(byte[] bytes) {
    return HexFormat.of().formatHex(sha256(bytes));
  }

  public static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
    }
  }

  /** Where a chain stops verifying, and why (in French, for the DSI). */
  public record Break(long seq, String reason) {}

  /**
   * Verifies entries given in ascending order from {@code seq = 1}; returns the first break, if
   * any.
   */
  public static Optional<Break> verify(List<JournalEntry> entries) {
    long expected = 1;
    String previous = GENESIS;
    for (JournalEntry e : entries) {
      if (e.seq() != expected) {
        return Optional.of(new Break(expected, "Entrée manquante (numéro " + expected + ")."));
      }
      if (!e.prevHash().equals(previous)) {
        return Optional.of(
            new Break(e.seq(), "Le chaînage est rompu : l'entrée précédente a été modifiée."));
      }
      if (!e.computeHash().equals(e.hash())) {
        return Optional.of(new Break(e.seq(), "Le contenu de l'entrée a été modifié."));
      }
      previous = e.hash();
      expected++;
    }
    return Optional.empty();
  }
}
