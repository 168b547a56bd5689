package fr.strasbourg.metrocloud.audit.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Optional;

/**
 * The hash-chain rules. An entry's hash is SHA-256 over its canonical form; the canonical form
 * lists every stored field (including the previous entry's hash) as {@code <length>:<value>}
 * segments, so no two different entries share a form whatever characters their values contain. The
 * first entry of a tenant links to {@link #GENESIS}.
 */
public final class HashChain {

  /** The "previous hash" of a tenant's first entry. */
  public static final String GENESIS = "0".repeat(64);

  private HashChain() {}

  /**
   * PostgreSQL keeps microseconds; hashing a finer value would break verification after a round
   * trip.
   */
  public static Instant truncate(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS);
  }

  public static String canonicalForm(AuditEvent e) {
    StringBuilder sb = new StringBuilder(256);
    segment(sb, "v1");
    segment(sb, e.tenantId());
    segment(sb, Long.toString(e.seq()));
    segment(sb, e.id().toString());
    segment(sb, truncate(e.occurredAt()).toString());
    segment(sb, e.actorSubject());
    segment(sb, e.actorUsername());
    segment(sb, e.actorKind().name());
    segment(sb, e.action());
    segment(sb, e.targetType());
    segment(sb, e.targetId());
    segment(sb, e.outcome().name());
    segment(sb, e.details());
    segment(sb, e.prevHash());
    return sb.toString();
  }

  public static String hash(AuditEvent e) {
    return sha256(canonicalForm(e));
  }

  static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
    }
  }

  private static void segment(StringBuilder sb, String value) {
    if (value == null) {
      sb.append("-1:");
    } else {
      sb.append(value.length()).append(':').append(value);
    }
    sb.append('|');
  }

  /** Why a chain does not verify at a given entry. */
  public enum Break {
    /** The sequence numbers are not 1, 2, 3… (an entry is missing). */
    SEQUENCE_GAP,
    /**
     * The entry's previous-hash does not equal the previous entry's hash (an entry was replaced or
     * removed).
     */
    BROKEN_LINK,
    /** The stored hash does not match the entry's content (the entry was altered). */
    CONTENT_ALTERED
  }

  /** The first entry at which a chain stops verifying. */
  public record Failure(long seq, Break reason) {}

  /** Verifies entries given in ascending sequence order, carrying the state across batches. */
  public static final class Verifier {
    private long expectedSeq = 1;
    private String previousHash = GENESIS;
    private long verified;
    private Failure failure;

    /** Feeds the next entries; stops at the first failure. */
    public Verifier accept(Iterator<AuditEvent> entries) {
      while (failure == null && entries.hasNext()) {
        AuditEvent e = entries.next();
        if (e.seq() != expectedSeq) {
          failure = new Failure(expectedSeq, Break.SEQUENCE_GAP);
        } else if (!e.prevHash().equals(previousHash)) {
          failure = new Failure(e.seq(), Break.BROKEN_LINK);
        } else if (!hash(e).equals(e.hash())) {
          failure = new Failure(e.seq(), Break.CONTENT_ALTERED);
        } else {
          verified++;
          expectedSeq++;
          previousHash = e.hash();
        }
      }
      return this;
    }

    public boolean failed() {
      return failure != null;
    }

    public Optional<Failure> failure() {
      return Optional.ofNullable(failure);
    }

    public long verifiedEntries() {
      return verified;
    }

    public String lastHash() {
      return previousHash;
    }
  }
}
