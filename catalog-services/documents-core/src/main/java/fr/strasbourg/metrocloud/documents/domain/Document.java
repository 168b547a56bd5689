package fr.strasbourg.metrocloud.documents.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A document of a commune: its description and the number of its current version. Deleting moves it
 * to the trash ({@code deletedAt}); it can be restored for {@link #TRASH_RETENTION}, then it is
 * purged with its contents.
 */
@Entity
@Table(name = "documents")
public class Document {

  public static final Duration TRASH_RETENTION = Duration.ofDays(30);

  @Id
  @Column(name = "id")
  private UUID id;

  @Column(name = "tenant_id", nullable = false, updatable = false)
  private String tenantId;

  @Column(name = "folder_id")
  private UUID folderId;

  @Column(name = "title", nullable = false)
  private String title;

  @Column(name = "description")
  private String description;

  @Column(name = "type_code")
  private String typeCode;

  @Column(name = "tags", nullable = false)
  private String tags = "";

  @Column(name = "author", nullable = false, updatable = false)
  private String author;

  @Column(name = "author_name", nullable = false, updatable = false)
  private String authorName;

  @Column(name = "current_version", nullable = false)
  private int currentVersion;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Column(name = "deleted_at")
  private Instant deletedAt;

  @Column(name = "deleted_by")
  private String deletedBy;

  @Version
  @Column(name = "version")
  private long version;

  protected Document() {}

  public static Document create(
      UUID id,
      String tenantId,
      UUID folderId,
      String title,
      String description,
      String typeCode,
      List<String> tags,
      String author,
      String authorName,
      Instant now) {
    Document d = new Document();
    d.id = id;
    d.tenantId = tenantId;
    d.folderId = folderId;
    d.title = title;
    d.description = description;
    d.typeCode = typeCode;
    d.tags = Tags.join(tags);
    d.author = author;
    d.authorName = authorName;
    d.createdAt = now;
    d.updatedAt = now;
    return d;
  }

  /** The next version number; the caller stores the version, then calls {@link #versionAdded}. */
  public int nextVersion() {
    return currentVersion + 1;
  }

  public void versionAdded(int number, Instant now) {
    if (number != currentVersion + 1) {
      throw new IllegalStateException("Version " + number + " after " + currentVersion);
    }
    currentVersion = number;
    updatedAt = now;
  }

  public void describe(
      String newTitle,
      String newDescription,
      String newType,
      List<String> newTags,
      UUID newFolder,
      Instant now) {
    title = newTitle;
    description = newDescription;
    typeCode = newType;
    tags = Tags.join(newTags);
    folderId = newFolder;
    updatedAt = now;
  }

  public void trash(String actor, Instant now) {
    deletedAt = now;
    deletedBy = actor;
  }

  public void restore(Instant now) {
    deletedAt = null;
    deletedBy = null;
    updatedAt = now;
  }

  public boolean inTrash() {
    return deletedAt != null;
  }

  /** Whether the trash retention is over (the document may be purged). */
  public boolean purgeable(Instant now) {
    return deletedAt != null && deletedAt.plus(TRASH_RETENTION).isBefore(now);
  }

  public UUID id() {
    return id;
  }

  public UUID folderId() {
    return folderId;
  }

  public String title() {
    return title;
  }

  public String description() {
    return description;
  }

  public String typeCode() {
    return typeCode;
  }

  public List<String> tags() {
    return Tags.split(tags);
  }

  public String author() {
    return author;
  }

  public String authorName() {
    return authorName;
  }

  public int currentVersion() {
    return currentVersion;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant updatedAt() {
    return updatedAt;
  }

  public Instant deletedAt() {
    return deletedAt;
  }

  public String deletedBy() {
    return deletedBy;
  }
}
