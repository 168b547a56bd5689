package fr.strasbourg.metrocloud.documents.application;

import fr.strasbourg.metrocloud.catalog.api.ServiceCode;
import fr.strasbourg.metrocloud.catalog.api.UsageEvent;
import fr.strasbourg.metrocloud.catalog.api.UsageRecorder;
import fr.strasbourg.metrocloud.documents.domain.Document;
import fr.strasbourg.metrocloud.documents.domain.DocumentRepository;
import fr.strasbourg.metrocloud.documents.domain.DocumentVersion;
import fr.strasbourg.metrocloud.documents.domain.ExtractionStatus;
import fr.strasbourg.metrocloud.kernel.audit.AuditRecord;
import fr.strasbourg.metrocloud.kernel.audit.AuditTrail;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.TenantBound;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Database steps of text extraction and maintenance, each one short transaction bound to the
 * commune.
 */
@ApplicationScoped
@Transactional
@TenantBound
public class ExtractionSteps {

  @Inject DocumentRepository repository;

  @Inject AuditTrail audit;

  @Inject UsageRecorder usage;

  @Inject Clock clock;

  /** What a worker needs once it claimed a version. */
  public record Claimed(UUID documentId, String objectKey, long size) {}

  public Optional<Claimed> claim(CallContext commune, UUID versionId, Instant staleBefore) {
    if (!repository.claimExtraction(versionId, clock.instant(), staleBefore)) {
      return Optional.empty();
    }
    return repository
        .version(versionId)
        .map(v -> new Claimed(v.documentId(), v.objectKey(), v.size()));
  }

  public void extracted(CallContext commune, UUID versionId, TextExtractor.Extraction extraction) {
    boolean recorded =
        repository.finishExtraction(
            versionId,
            ExtractionStatus.DONE,
            extraction.text(),
            extraction.truncated(),
            extraction.mimeType(),
            null,
            clock.instant());
    if (recorded) {
      repository.version(versionId).ifPresent(v -> repository.refreshSearch(v.documentId()));
    }
  }

  public void failed(CallContext commune, UUID versionId, String reason) {
    repository.finishExtraction(
        versionId,
        ExtractionStatus.FAILED,
        null,
        false,
        null,
        reason.length() > 1000 ? reason.substring(0, 1000) : reason,
        clock.instant());
  }

  public void skipped(CallContext commune, UUID versionId, String reason, String mimeType) {
    repository.finishExtraction(
        versionId, ExtractionStatus.SKIPPED, null, false, mimeType, reason, clock.instant());
  }

  /** Gives a claimed version back (e.g. the store was unreachable): it will be taken again. */
  public void release(CallContext commune, UUID versionId) {
    repository.releaseExtraction(versionId);
  }

  public List<UUID> backlog(CallContext commune, Instant staleBefore, int limit) {
    return repository.extractionBacklog(staleBefore, limit);
  }

  // ---- trash purge and reconciliation
  // ----------------------------------------------------------------------------

  public List<Document> purgeable(CallContext commune) {
    return repository.purgeable(clock.instant());
  }

  public List<String> objectKeysOf(CallContext commune, UUID documentId) {
    return repository.versions(documentId).stream().map(DocumentVersion::objectKey).toList();
  }

  public void purge(CallContext commune, UUID documentId) {
    repository
        .document(documentId)
        .ifPresent(
            d -> {
              repository.delete(d);
              audit.record(
                  commune,
                  AuditRecord.success(
                      "documents.document.purged", "document", documentId.toString()));
            });
  }

  public java.util.Set<String> objectKeys(CallContext commune) {
    return repository.objectKeys();
  }

  public void orphanRemoved(CallContext commune, String key) {
    audit.record(commune, AuditRecord.success("documents.object.orphan-removed", "object", key));
  }

  public void objectMissing(CallContext commune, String key) {
    audit.record(
        commune,
        new AuditRecord(
            "documents.object.missing",
            "object",
            key,
            fr.strasbourg.metrocloud.kernel.audit.Outcome.FAILURE,
            java.util.Map.of("alert", "contenu absent du stockage")));
  }

  // ---- storage metering
  // ------------------------------------------------------------------------------------------------

  /** The daily storage snapshot of a commune. */
  public record StorageSnapshot(
      LocalDate day, long storedBytes, BigDecimal gbMonth, boolean recorded) {}

  private static final BigDecimal GIB = BigDecimal.valueOf(1L << 30);

  /**
   * Records the commune's stored bytes (every version, trash included: it occupies the store) for
   * {@code day}, once: as {@code documents.stored-bytes} and as the billable {@code
   * storage.gb-month} share of that day (bytes / 2^30 / days of the month, so that a month of
   * snapshots adds up to GB-months). The idempotency key is the day: the first snapshot of a day
   * counts, later runs (other instances, restarts) record nothing. A commune that stores nothing
   * records nothing.
   */
  public StorageSnapshot snapshotStorage(CallContext commune, LocalDate day) {
    long bytes = repository.storedBytes();
    BigDecimal gbMonth =
        BigDecimal.valueOf(bytes)
            .divide(GIB, 12, RoundingMode.HALF_UP)
            .divide(BigDecimal.valueOf(day.lengthOfMonth()), 6, RoundingMode.HALF_UP);
    if (bytes == 0) {
      return new StorageSnapshot(day, 0, BigDecimal.ZERO, false);
    }
    Instant at = day.atStartOfDay(ZoneOffset.UTC).toInstant();
    boolean recorded =
        usage.record(
            commune,
            new UsageEvent(
                ServiceCode.DOCUMENT_MANAGEMENT,
                "storage.gb-month",
                gbMonth,
                at,
                "storage/gb-month/" + day,
                DocumentStore.SOURCE));
    usage.record(
        commune,
        new UsageEvent(
            ServiceCode.DOCUMENT_MANAGEMENT,
            "documents.stored-bytes",
            BigDecimal.valueOf(bytes),
            at,
            "storage/bytes/" + day,
            DocumentStore.SOURCE));
    return new StorageSnapshot(day, bytes, gbMonth, recorded);
  }
}
