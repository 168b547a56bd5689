package fr.strasbourg.metrocloud.documents.domain;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One stored content of a document. Immutable once stored, but for its extraction results. */
@Entity
@Table(name = "document_versions")
public class DocumentVersion {

  @Id
  @Column(name = "id")
  private UUID id;

  @Column(name = "tenant_id", nullable = false, updatable = false)
  private String tenantId;

  @Column(name = "document_id", nullable = false, updatable = false)
  private UUID documentId;

  @Column(name = "number", nullable = false, updatable = false)
  private int number;

  @Column(name = "file_name", nullable = false, updatable = false)
  private String fileName;

  @Column(name = "size", nullable = false, updatable = false)
  private long size;

  @Column(name = "sha256", nullable = false, updatable = false)
  private String sha256;

  @Column(name = "mime_type", nullable = false)
  private String mimeType;

  @Column(name = "claimed_mime_type", updatable = false)
  private String claimedMimeType;

  @Column(name = "object_key", nullable = false, updatable = false)
  private String objectKey;

  @Column(name = "stored_size", nullable = false, updatable = false)
  private long storedSize;

  @Column(name = "created_by", nullable = false, updatable = false)
  private String createdBy;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Enumerated(EnumType.STRING)
  @Column(name = "extraction_status", nullable = false)
  private ExtractionStatus extractionStatus;

  @Column(name = "extraction_error")
  private String extractionError;

  @Column(name = "extraction_claimed_at")
  private Instant extractionClaimedAt;

  @Column(name = "extracted_at")
  private Instant extractedAt;

  @Column(name = "extracted_chars")
  private Integer extractedChars;

  @Column(name = "extraction_truncated", nullable = false)
  private boolean extractionTruncated;

  @Basic(fetch = FetchType.LAZY)
  @Column(name = "text_content")
  private String textContent;

  protected DocumentVersion() {}

  public static DocumentVersion stored(
      UUID id,
      String tenantId,
      UUID documentId,
      int number,
      String fileName,
      long size,
      String sha256,
      String mimeType,
      String claimedMimeType,
      String objectKey,
      long storedSize,
      String actor,
      Instant now,
      boolean extractable) {
    DocumentVersion v = new DocumentVersion();
    v.id = id;
    v.tenantId = tenantId;
    v.documentId = documentId;
    v.number = number;
    v.fileName = fileName;
    v.size = size;
    v.sha256 = sha256;
    v.mimeType = mimeType;
    v.claimedMimeType = claimedMimeType;
    v.objectKey = objectKey;
    v.storedSize = storedSize;
    v.createdBy = actor;
    v.createdAt = now;
    v.extractionStatus = extractable ? ExtractionStatus.PENDING : ExtractionStatus.SKIPPED;
    if (!extractable) {
      v.extractionError = "format sans texte à extraire ou fichier trop volumineux";
    }
    return v;
  }

  /** The object key of a version: {@code documents/<document>/<version id>}. */
  public static String objectKey(UUID documentId, UUID versionId) {
    return "documents/" + documentId + "/" + versionId;
  }

  public UUID id() {
    return id;
  }

  public UUID documentId() {
    return documentId;
  }

  public int number() {
    return number;
  }

  public String fileName() {
    return fileName;
  }

  public long size() {
    return size;
  }

  public String sha256() {
    return sha256;
  }

  public String mimeType() {
    return mimeType;
  }

  public String claimedMimeType() {
    return claimedMimeType;
  }

  public String objectKey() {
    return objectKey;
  }

  public long storedSize() {
    return storedSize;
  }

  public String createdBy() {
    return createdBy;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public ExtractionStatus extractionStatus() {
    return extractionStatus;
  }

  public String extractionError() {
    return extractionError;
  }

  public Instant extractionClaimedAt() {
    return extractionClaimedAt;
  }

  public Integer extractedChars() {
    return extractedChars;
  }

  public boolean extractionTruncated() {
    return extractionTruncated;
  }
}
