package fr.strasbourg.metrocloud.documents.interfaces.rest;

import fr.strasbourg.metrocloud.documents.domain.Document;
import fr.strasbourg.metrocloud.documents.domain.DocumentShare;
import fr.strasbourg.metrocloud.documents.domain.DocumentType;
import fr.strasbourg.metrocloud.documents.domain.DocumentVersion;
import fr.strasbourg.metrocloud.documents.domain.Folder;
import fr.strasbourg.metrocloud.documents.domain.SearchPage;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Wire formats of the GED API. */
public final class DocumentDtos {

  private DocumentDtos() {}

  /** A document with its versions (newest first). */
  public record DocumentDto(
      UUID id,
      String title,
      String description,
      String type,
      List<String> tags,
      UUID folderId,
      String author,
      String authorName,
      int currentVersion,
      Instant createdAt,
      Instant updatedAt,
      Instant deletedAt,
      String deletedBy,
      List<VersionDto> versions) {
    static DocumentDto of(Document d, List<DocumentVersion> versions) {
      return new DocumentDto(
          d.id(),
          d.title(),
          d.description(),
          d.typeCode(),
          d.tags(),
          d.folderId(),
          d.author(),
          d.authorName(),
          d.currentVersion(),
          d.createdAt(),
          d.updatedAt(),
          d.deletedAt(),
          d.deletedBy(),
          versions.stream().map(VersionDto::of).toList());
    }
  }

  /** A version: content description and where its text extraction stands. */
  public record VersionDto(
      UUID id,
      int number,
      String fileName,
      long size,
      String sha256,
      String mimeType,
      String claimedMimeType,
      String createdBy,
      Instant createdAt,
      String extractionStatus,
      String extractionError,
      Integer extractedChars,
      boolean extractionTruncated) {
    static VersionDto of(DocumentVersion v) {
      return new VersionDto(
          v.id(),
          v.number(),
          v.fileName(),
          v.size(),
          v.sha256(),
          v.mimeType(),
          v.claimedMimeType(),
          v.createdBy(),
          v.createdAt(),
          v.extractionStatus().name(),
          v.extractionError(),
          v.extractedChars(),
          v.extractionTruncated());
    }
  }

  /** A search result page. */
  public record SearchPageDto(
      long total, boolean totalExact, int page, int size, List<SearchPage.Hit> results) {
    static SearchPageDto of(SearchPage p) {
      return new SearchPageDto(p.total(), p.totalExact(), p.page(), p.size(), p.hits());
    }
  }

  /** A folder. */
  public record FolderDto(
      UUID id, UUID parentId, String name, String createdBy, Instant createdAt) {
    static FolderDto of(Folder f) {
      return new FolderDto(f.id(), f.parentId(), f.name(), f.createdBy(), f.createdAt());
    }
  }

  /** Body of folder creation and renaming. */
  public record FolderRequest(@NotBlank @Size(max = 120) String name, UUID parentId) {}

  /** A document type. */
  public record TypeDto(String code, String label) {
    static TypeDto of(DocumentType t) {
      return new TypeDto(t.code(), t.label());
    }
  }

  /** Body of {@code PUT /documents/{id}/metadata}: replaces the description of the document. */
  public record MetadataRequest(
      @NotBlank @Size(max = 200) String title,
      @Size(max = 2000) String description,
      @Size(max = 40) String type,
      @Size(max = 20) List<@Size(max = 40) String> tags,
      UUID folderId) {}

  /** The commune's storage use. */
  public record UsageDto(long storedBytes, Long quotaBytes) {}

  /** Body of {@code POST /documents/{id}/shares}. */
  public record ShareRequest(Integer days, Integer version) {}

  /** A share link as listed (its token is never shown again). */
  public record ShareDto(
      UUID id,
      Integer version,
      String createdBy,
      Instant createdAt,
      Instant expiresAt,
      Instant revokedAt,
      String revokedBy,
      boolean active) {
    static ShareDto of(DocumentShare s, Instant now) {
      return new ShareDto(
          s.id(),
          s.versionNumber(),
          s.createdBy(),
          s.createdAt(),
          s.expiresAt(),
          s.revokedAt(),
          s.revokedBy(),
          s.activeAt(now));
    }
  }

  /** A new share link: the token and the API path that opens it, shown once. */
  public record CreatedShareDto(
      UUID id,
      String token,
      String path,
      Integer version,
      String createdBy,
      Instant createdAt,
      Instant expiresAt) {}
}
