package fr.strasbourg.metrocloud.documents.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A time-limited link to a document, to be opened by agents of the same commune. Only the SHA-256
 * of the link's token is kept.
 */
@Entity
@Table(name = "document_shares")
public class DocumentShare {

  @Id
  @Column(name = "id")
  private UUID id;

  @Column(name = "tenant_id", nullable = false, updatable = false)
  private String tenantId;

  @Column(name = "document_id", nullable = false, updatable = false)
  private UUID documentId;

  @Column(name = "version_number", updatable = false)
  private Integer versionNumber;

  @Column(name = "token_sha256", nullable = false, updatable = false)
  private String tokenSha256;

  @Column(name = "created_by", nullable = false, updatable = false)
  private String createdBy;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Column(name = "expires_at", nullable = false, updatable = false)
  private Instant expiresAt;

  @Column(name = "revoked_at")
  private Instant revokedAt;

  @Column(name = "revoked_by")
  private String revokedBy;

  protected DocumentShare() {}

  public static DocumentShare create(
      String tenantId,
      UUID documentId,
      Integer versionNumber,
      String tokenSha256,
      String actor,
      Instant now,
      Instant expiresAt) {
    DocumentShare s = new DocumentShare();
    s.id = UUID.randomUUID();
    s.tenantId = tenantId;
    s.documentId = documentId;
    s.versionNumber = versionNumber;
    s.tokenSha256 = tokenSha256;
    s.createdBy = actor;
    s.createdAt = now;
    s.expiresAt = expiresAt;
    return s;
  }

  /** Whether the link opens at {@code now}: not revoked and not expired. */
  public boolean activeAt(Instant now) {
    return revokedAt == null && now.isBefore(expiresAt);
  }

  public void revoke(String actor, Instant now) {
    if (revokedAt == null) {
      revokedAt = now;
      revokedBy = actor;
    }
  }

  public UUID id() {
    return id;
  }

  public UUID documentId() {
    return documentId;
  }

  public Integer versionNumber() {
    return versionNumber;
  }

  public String createdBy() {
    return createdBy;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant expiresAt() {
    return expiresAt;
  }

  public Instant revokedAt() {
    return revokedAt;
  }

  public String revokedBy() {
    return revokedBy;
  }
}
