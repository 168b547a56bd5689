package fr.strasbourg.metrocloud.tenants.domain;

import fr.strasbourg.metrocloud.kernel.tenancy.InseeCode;
import fr.strasbourg.metrocloud.tenants.api.ProvisioningTarget;
import fr.strasbourg.metrocloud.tenants.api.TenantStatus;
import fr.strasbourg.metrocloud.tenants.api.TenantSummary;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Objects;

/**
 * A member commune as a tenant of the platform. The aggregate enforces the lifecycle {@code
 * PROVISIONING → ACTIVE ⇄ SUSPENDED → DECOMMISSIONED} (and {@code PROVISIONING_FAILED} with a
 * retry); every other change throws {@link IllegalTransitionException}.
 */
@Entity
@Table(name = "tenants")
public class Tenant {

  /** The INSEE code; also the value of {@code tenant_id} in every table of this commune. */
  @Id
  @Column(name = "tenant_id", nullable = false, updatable = false)
  private String tenantId;

  @Column(name = "name", nullable = false)
  private String name;

  @Column(name = "postal_code", nullable = false)
  private String postalCode;

  @Column(name = "population", nullable = false)
  private int population;

  @Enumerated(EnumType.STRING)
  @Column(name = "status", nullable = false)
  private TenantStatus status;

  @Column(name = "status_reason")
  private String statusReason;

  @Embedded private Contact contact;

  @Embedded private Convention convention;

  @Embedded private FirstAdministrator administrator;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Version
  @Column(name = "version", nullable = false)
  private long version;

  protected Tenant() {}

  /** A commune joining the platform; it starts in {@link TenantStatus#PROVISIONING}. */
  public static Tenant register(
      InseeCode insee,
      String name,
      String postalCode,
      int population,
      Contact contact,
      Convention convention,
      FirstAdministrator administrator,
      Instant now) {
    Tenant t = new Tenant();
    t.tenantId = insee.value();
    t.name = Objects.requireNonNull(name);
    t.postalCode = Objects.requireNonNull(postalCode);
    t.population = population;
    t.contact = contact;
    t.convention = convention;
    t.administrator = Objects.requireNonNull(administrator);
    t.status = TenantStatus.PROVISIONING;
    t.createdAt = now;
    t.updatedAt = now;
    return t;
  }

  public void provisioningSucceeded(Instant now) {
    require(TenantStatus.PROVISIONING, "activate");
    changeStatus(TenantStatus.ACTIVE, null, now);
  }

  public void provisioningFailed(String reason, Instant now) {
    require(TenantStatus.PROVISIONING, "mark as failed");
    changeStatus(TenantStatus.PROVISIONING_FAILED, reason, now);
  }

  /**
   * A new provisioning attempt. Allowed after a failure, and while {@code PROVISIONING} (an attempt
   * interrupted by a crash leaves the tenant there; every step is idempotent, so running it again
   * is safe).
   */
  public void retryProvisioning(Instant now) {
    if (status != TenantStatus.PROVISIONING_FAILED && status != TenantStatus.PROVISIONING) {
      throw new IllegalTransitionException(status, "retry provisioning of");
    }
    changeStatus(TenantStatus.PROVISIONING, null, now);
  }

  public void suspend(String reason, Instant now) {
    require(TenantStatus.ACTIVE, "suspend");
    changeStatus(TenantStatus.SUSPENDED, Objects.requireNonNull(reason), now);
  }

  public void resume(Instant now) {
    require(TenantStatus.SUSPENDED, "resume");
    changeStatus(TenantStatus.ACTIVE, null, now);
  }

  public void decommission(String reason, Instant now) {
    require(TenantStatus.SUSPENDED, "decommission");
    changeStatus(TenantStatus.DECOMMISSIONED, reason, now);
  }

  /**
   * Updates what the DSI keeps about the commune: population (legal population of the year),
   * contact, convention. A decommissioned commune's record is frozen.
   */
  public void updateDetails(
      int newPopulation, Contact newContact, Convention newConvention, Instant now) {
    if (status == TenantStatus.DECOMMISSIONED) {
      throw new IllegalTransitionException(status, "update");
    }
    population = newPopulation;
    contact = newContact;
    convention = newConvention;
    updatedAt = now;
  }

  private void require(TenantStatus expected, String transition) {
    if (status != expected) {
      throw new IllegalTransitionException(status, transition);
    }
  }

  private void changeStatus(TenantStatus next, String reason, Instant now) {
    status = next;
    statusReason = reason;
    updatedAt = now;
  }

  public InseeCode insee() {
    return InseeCode.of(tenantId);
  }

  public String name() {
    return name;
  }

  public String postalCode() {
    return postalCode;
  }

  public int population() {
    return population;
  }

  public TenantStatus status() {
    return status;
  }

  public String statusReason() {
    return statusReason;
  }

  public Contact contact() {
    return contact;
  }

  public Convention convention() {
    return convention;
  }

  public FirstAdministrator administrator() {
    return administrator;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant updatedAt() {
    return updatedAt;
  }

  public TenantSummary summary() {
    return new TenantSummary(insee(), name, population, status);
  }

  public ProvisioningTarget provisioningTarget() {
    return new ProvisioningTarget(
        insee(),
        name,
        postalCode,
        new ProvisioningTarget.Administrator(
            administrator.username(),
            administrator.firstName(),
            administrator.lastName(),
            administrator.email()));
  }
}
