package fr.strasbourg.metrocloud.archive.application;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** What the archive shows of its units, objects, journal, seals and audits. */
public final class ArchiveViews {

  private ArchiveViews() {}

  /** An archive unit with its descriptive metadata and management rules. */
  public record Unit(
      UUID id,
      String reference,
      String title,
      String description,
      String descriptionLevel,
      LocalDate startDate,
      LocalDate endDate,
      String originatingService,
      List<String> keywords,
      String agreement,
      String ruleCode,
      String ruleLabel,
      String retentionDuration,
      String finalAction,
      LocalDate retentionStart,
      LocalDate retentionEnd,
      LocalDate accessRestrictedUntil,
      String source,
      UUID sourceDocumentId,
      Integer sourceDocumentVersion,
      UUID transferId,
      String status,
      boolean legalHold,
      String legalHoldReason,
      long totalBytes,
      String archivedByName,
      Instant archivedAt,
      Instant destroyedAt) {

    /** Whether the unit's communication is restricted on {@code day}. */
    public boolean restrictedOn(LocalDate day) {
      return accessRestrictedUntil != null && day.isBefore(accessRestrictedUntil);
    }
  }

  /** A stored object of a unit. */
  public record StoredObject(
      UUID id,
      UUID unitId,
      String kind,
      String fileName,
      String mimeType,
      long size,
      String sha256,
      String storageKey,
      Instant storedAt,
      Instant lastCheckedAt,
      String lastCheck,
      Instant deletedAt) {}

  /** An entry of the archive journal as shown. */
  public record JournalEntry(
      long seq,
      UUID id,
      Instant at,
      String eventType,
      UUID unitId,
      UUID objectId,
      String actorName,
      String details,
      String prevHash,
      String hash) {}

  /** A seal of the journal: the TSA's token over the hash of entry {@code seq}. */
  public record Seal(
      long seq, String hash, String kind, LocalDate day, Instant sealedAt, byte[] token) {}

  /** A fixity audit of a commune. */
  public record FixityRun(
      UUID id,
      String trigger,
      String requestedBy,
      Instant startedAt,
      Instant finishedAt,
      int checked,
      int intact,
      int altered,
      int missing,
      boolean unreachable) {}

  /** An integrity alert raised by a fixity audit. */
  public record Alert(
      UUID id,
      String tenantId,
      UUID runId,
      UUID unitId,
      String unitReference,
      String unitTitle,
      UUID objectId,
      String fileName,
      String kind,
      String detail,
      Instant detectedAt,
      Instant resolvedAt,
      String resolvedBy,
      String resolution) {}

  /** A retention rule of the commune's referential. */
  public record Rule(String code, String label, String duration, String finalAction) {}

  /** An archival agreement of the commune. */
  public record Agreement(
      String identifier, String label, List<String> services, List<String> rules, boolean active) {}

  /** A SEDA transfer received through the API. */
  public record Transfer(
      UUID id,
      String messageIdentifier,
      Instant receivedAt,
      String receivedByName,
      String status,
      UUID unitId,
      List<String> reasons) {}

  /** A page of search results. */
  public record UnitPage(List<Unit> units, long total, int offset, int limit) {}
}
