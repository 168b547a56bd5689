package fr.strasbourg.metrocloud.documents.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** A folder of a commune's tree ({@code parentId} null: at the root). */
@Entity
@Table(name = "document_folders")
public class Folder {

  @Id
  @Column(name = "id")
  private UUID id;

  @Column(name = "tenant_id", nullable = false, updatable = false)
  private String tenantId;

  @Column(name = "parent_id")
  private UUID parentId;

  @Column(name = "name", nullable = false)
  private String name;

  @Column(name = "created_by", nullable = false, updatable = false)
  private String createdBy;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Version
  @Column(name = "version")
  private long version;

  protected Folder() {}

  public static Folder create(
      String tenantId, UUID parentId, String name, String actor, Instant now) {
    Folder f = new Folder();
    f.id = UUID.randomUUID();
    f.tenantId = tenantId;
    f.parentId = parentId;
    f.name = name;
    f.createdBy = actor;
    f.createdAt = now;
    f.updatedAt = now;
    return f;
  }

  public void rename(String newName, Instant now) {
    name = newName;
    updatedAt = now;
  }

  public UUID id() {
    return id;
  }

  public UUID parentId() {
    return parentId;
  }

  public String name() {
    return name;
  }

  public String createdBy() {
    return createdBy;
  }

  public Instant createdAt() {
    return createdAt;
  }
}
