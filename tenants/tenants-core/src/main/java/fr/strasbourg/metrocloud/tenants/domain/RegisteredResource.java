package fr.strasbourg.metrocloud.tenants.domain;

import fr.strasbourg.metrocloud.kernel.tenancy.InseeCode;
import fr.strasbourg.metrocloud.tenants.api.ProvisionedResource;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** An entry of a tenant's resource registry: one resource of one kind that the tenant owns. */
@Entity
@Table(name = "tenant_resources")
public class RegisteredResource {

  /** Whether the resource is in use. */
  public enum State {
    ACTIVE,
    DISABLED
  }

  @Id
  @Column(name = "id", nullable = false, updatable = false)
  private UUID id;

  @Column(name = "tenant_id", nullable = false, updatable = false)
  private String tenantId;

  @Column(name = "kind", nullable = false, updatable = false)
  private String kind;

  @Column(name = "external_id", nullable = false)
  private String externalId;

  @Column(name = "description")
  private String description;

  @Enumerated(EnumType.STRING)
  @Column(name = "status", nullable = false)
  private State status;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Version
  @Column(name = "version", nullable = false)
  private long version;

  protected RegisteredResource() {}

  public static RegisteredResource of(InseeCode tenant, ProvisionedResource resource, Instant now) {
    RegisteredResource r = new RegisteredResource();
    r.id = UUID.randomUUID();
    r.tenantId = tenant.value();
    r.kind = resource.kind();
    r.externalId = resource.externalId();
    r.description = resource.description();
    r.status = State.ACTIVE;
    r.createdAt = now;
    r.updatedAt = now;
    return r;
  }

  /** A retry that adopted or recreated the resource: refresh the identifier and re-activate. */
  public void refresh(ProvisionedResource resource, Instant now) {
    externalId = resource.externalId();
    description = resource.description();
    status = State.ACTIVE;
    updatedAt = now;
  }

  public void disable(Instant now) {
    status = State.DISABLED;
    updatedAt = now;
  }

  public ProvisionedResource toResource() {
    return new ProvisionedResource(kind, externalId, description);
  }

  public UUID id() {
    return id;
  }

  public String kind() {
    return kind;
  }

  public String externalId() {
    return externalId;
  }

  public String description() {
    return description;
  }

  public State status() {
    return status;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant updatedAt() {
    return updatedAt;
  }
}
