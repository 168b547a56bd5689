package fr.strasbourg.metrocloud.documents.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Persistence port of the GED; everything it returns is what Row-Level Security shows the bound
 * commune.
 */
public interface DocumentRepository {

  Optional<Folder> folder(UUID id);

  List<Folder> folders();

  boolean folderNameTaken(UUID parentId, String name);

  boolean folderIsEmpty(UUID folderId);

  void add(Folder folder);

  void remove(Folder folder);

  List<DocumentType> types();

  Optional<DocumentType> type(String code);

  void add(DocumentType type);

  /** A document, in the trash or not. */
  Optional<Document> document(UUID id);

  void add(Document document);

  void add(DocumentVersion version);

  List<DocumentVersion> versions(UUID documentId);

  Optional<DocumentVersion> version(UUID documentId, int number);

  Optional<DocumentVersion> version(UUID versionId);

  /**
   * Recomputes the document's search vector (title, description, tags, file name, text of the
   * current version).
   */
  void refreshSearch(UUID documentId);

  /** Bytes of every stored version of the commune, trash included (what the quota counts). */
  long storedBytes();

  SearchPage search(SearchCriteria criteria);

  List<Document> trash();

  /** Documents whose trash retention ended before {@code instant}. */
  List<Document> purgeable(Instant instant);

  /** Deletes the document and its versions' rows. */
  void delete(Document document);

  /**
   * Versions waiting for extraction, or claimed before {@code staleBefore} by a worker that did not
   * finish.
   */
  List<UUID> extractionBacklog(Instant staleBefore, int limit);

  /**
   * Claims a version for extraction if it is waiting or its claim is stale; returns whether this
   * caller got it (two instances never extract the same version at the same time).
   */
  boolean claimExtraction(UUID versionId, Instant now, Instant staleBefore);

  /** Gives a claimed version back to the queue. */
  void releaseExtraction(UUID versionId);

  /**
   * Records the outcome of a claimed extraction (DONE, FAILED or SKIPPED); a no-op when the claim
   * was lost (the version is no longer RUNNING). Returns whether the outcome was recorded.
   */
  boolean finishExtraction(
      UUID versionId,
      ExtractionStatus status,
      String text,
      boolean truncated,
      String detectedMimeType,
      String error,
      Instant now);

  /** Object keys of every version of the commune. */
  Set<String> objectKeys();

  // ---- share links

  void add(DocumentShare share);

  Optional<DocumentShare> share(UUID shareId);

  /** The commune's share whose token hashes to {@code tokenSha256}. */
  Optional<DocumentShare> shareByToken(String tokenSha256);

  /** The shares of a document, newest first. */
  List<DocumentShare> shares(UUID documentId);

  // ---- exports

  /** Every document of the commune, trash included, oldest first. */
  List<Document> allDocuments();

  /** Every version of the commune, by document and number. */
  List<DocumentVersion> allVersions();

  /** When the commune's documents were last exported completely. */
  Optional<Instant> lastExport();

  /** Whether a document or a version was created, changed or trashed after {@code since}. */
  boolean changedSince(Instant since);

  /** Whether the commune has any document (trash included). */
  boolean hasDocuments();

  void recordExport(UUID id, Instant at, String actor, int documents, int versions, long bytes);
}
