package fr.strasbourg.metrocloud.tenants.application;

import fr.strasbourg.metrocloud.kernel.audit.AuditRecord;
import fr.strasbourg.metrocloud.kernel.audit.AuditTrail;
import fr.strasbourg.metrocloud.kernel.audit.Outcome;
import fr.strasbourg.metrocloud.kernel.problem.ConflictProblem;
import fr.strasbourg.metrocloud.kernel.problem.NotFoundProblem;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.InseeCode;
import fr.strasbourg.metrocloud.kernel.tenancy.TenantBound;
import fr.strasbourg.metrocloud.tenants.api.ProvisionedResource;
import fr.strasbourg.metrocloud.tenants.api.TenantStatus;
import fr.strasbourg.metrocloud.tenants.domain.Contact;
import fr.strasbourg.metrocloud.tenants.domain.Convention;
import fr.strasbourg.metrocloud.tenants.domain.IllegalTransitionException;
import fr.strasbourg.metrocloud.tenants.domain.RegisteredResource;
import fr.strasbourg.metrocloud.tenants.domain.Tenant;
import fr.strasbourg.metrocloud.tenants.domain.TenantRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The database steps of the tenants use cases, each one short transaction bound to the tenant of
 * its call context, each writing its audit entry in the same transaction.
 */
@ApplicationScoped
@Transactional
@TenantBound
public class TenantStore {

  @Inject TenantRepository tenants;

  @Inject AuditTrail audit;

  @Inject Clock clock;

  public Tenant create(CallContext onCommune, NewTenant cmd) {
    if (tenants.find(cmd.insee()).isPresent()) {
      throw duplicate(cmd.insee());
    }
    Tenant tenant =
        Tenant.register(
            cmd.insee(),
            cmd.name(),
            cmd.postalCode(),
            cmd.population(),
            cmd.contact(),
            cmd.convention(),
            cmd.administrator(),
            clock.instant());
    tenants.add(tenant);
    audit.record(
        onCommune,
        AuditRecord.success("tenants.tenant.registered", "tenant", cmd.insee().value())
            .withDetail("name", cmd.name())
            .withDetail("administrator", cmd.administrator().username()));
    return tenant;
  }

  static ConflictProblem duplicate(InseeCode insee) {
    return (ConflictProblem)
        new ConflictProblem(
                "tenant-already-exists",
                "La commune " + insee + " est déjà enregistrée sur la plateforme.")
            .with("tenant", insee.value());
  }

  public Tenant load(CallContext context, InseeCode insee) {
    return tenants.find(insee).orElseThrow(() -> notFound(insee.value()));
  }

  public List<Tenant> all(CallContext operator) {
    operator.requireOperator();
    List<Tenant> all = tenants.findAll();
    audit.record(
        operator,
        AuditRecord.success("platform.tenants.listed", "tenant", "*")
            .withDetail("count", Integer.toString(all.size())));
    return all;
  }

  public List<RegisteredResource> resources(CallContext context, InseeCode insee) {
    load(context, insee);
    auditOperatorRead(context, "platform.tenant-resources.read", insee);
    return tenants.resourcesOf(insee);
  }

  /** One commune as the caller may see it; the operator's cross-tenant read is audited. */
  public Tenant read(CallContext context, InseeCode insee) {
    Tenant tenant = load(context, insee);
    auditOperatorRead(context, "platform.tenant.read", insee);
    return tenant;
  }

  private void auditOperatorRead(CallContext context, String action, InseeCode insee) {
    if (context.crossTenantRead()) {
      audit.record(context, AuditRecord.success(action, "tenant", insee.value()));
    }
  }

  public Tenant beginRetry(CallContext onCommune) {
    Tenant tenant = load(onCommune, onCommune.requireCommune());
    transition(() -> tenant.retryProvisioning(clock.instant()), tenant);
    audit.record(
        onCommune,
        AuditRecord.success("tenants.provisioning.retried", "tenant", tenant.insee().value()));
    return tenant;
  }

  public void markFailed(CallContext onCommune, String reason) {
    Tenant tenant = load(onCommune, onCommune.requireCommune());
    tenant.provisioningFailed(reason, clock.instant());
    audit.record(
        onCommune,
        AuditRecord.success("tenants.provisioning.failed", "tenant", tenant.insee().value())
            .withOutcome(Outcome.FAILURE)
            .withDetail("reason", reason));
  }

  /** Records the resources and activates the tenant, in one transaction. */
  public ProvisioningResult markActive(
      CallContext onCommune,
      Collection<ProvisionedResource> created,
      Map<String, String> handover) {
    InseeCode insee = onCommune.requireCommune();
    Tenant tenant = load(onCommune, insee);
    register(insee, created);
    tenant.provisioningSucceeded(clock.instant());
    audit.record(
        onCommune,
        AuditRecord.success("tenants.provisioning.completed", "tenant", insee.value())
            .withDetail("resources", kinds(created)));
    return new ProvisioningResult(tenant, tenants.resourcesOf(insee), handover);
  }

  /**
   * Records the resources of an active commune after a reconciliation; its status does not change.
   */
  public ProvisioningResult markReconciled(
      CallContext onCommune,
      Collection<ProvisionedResource> resources,
      Map<String, String> handover) {
    InseeCode insee = onCommune.requireCommune();
    Tenant tenant = load(onCommune, insee);
    register(insee, resources);
    audit.record(
        onCommune,
        AuditRecord.success("tenants.resources.reconciled", "tenant", insee.value())
            .withDetail("resources", kinds(resources)));
    return new ProvisioningResult(tenant, tenants.resourcesOf(insee), handover);
  }

  public void markReconciliationFailed(CallContext onCommune, String reason) {
    audit.record(
        onCommune,
        AuditRecord.success("tenants.resources.reconciled", "tenant", onCommune.tenant().value())
            .withOutcome(Outcome.FAILURE)
            .withDetail("reason", reason));
  }

  private void register(InseeCode insee, Collection<ProvisionedResource> resources) {
    Map<String, RegisteredResource> existing =
        tenants.resourcesOf(insee).stream()
            .collect(Collectors.toMap(RegisteredResource::kind, Function.identity()));
    for (ProvisionedResource resource : resources) {
      RegisteredResource entry = existing.get(resource.kind());
      if (entry == null) {
        tenants.add(RegisteredResource.of(insee, resource, clock.instant()));
      } else {
        entry.refresh(resource, clock.instant());
      }
    }
  }

  private static String kinds(Collection<ProvisionedResource> resources) {
    return resources.stream().map(ProvisionedResource::kind).collect(Collectors.joining(","));
  }

  public Tenant suspend(CallContext onCommune, String reason) {
    Tenant tenant = load(onCommune, onCommune.requireCommune());
    transition(() -> tenant.suspend(reason, clock.instant()), tenant);
    audit.record(
        onCommune,
        AuditRecord.success("tenants.tenant.suspended", "tenant", tenant.insee().value())
            .withDetail("reason", reason));
    return tenant;
  }

  public Tenant updateDetails(
      CallContext onCommune, int population, Contact contact, Convention convention) {
    Tenant tenant = load(onCommune, onCommune.requireCommune());
    transition(
        () -> tenant.updateDetails(population, contact, convention, clock.instant()), tenant);
    audit.record(
        onCommune,
        AuditRecord.success("tenants.tenant.updated", "tenant", tenant.insee().value())
            .withDetail("population", Integer.toString(population))
            .withDetail("convention", convention == null ? null : convention.number()));
    return tenant;
  }

  public Tenant resume(CallContext onCommune) {
    Tenant tenant = load(onCommune, onCommune.requireCommune());
    transition(() -> tenant.resume(clock.instant()), tenant);
    audit.record(
        onCommune, AuditRecord.success("tenants.tenant.resumed", "tenant", tenant.insee().value()));
    return tenant;
  }

  public Tenant decommissioned(CallContext onCommune, String reason) {
    Tenant tenant = load(onCommune, onCommune.requireCommune());
    transition(() -> tenant.decommission(reason, clock.instant()), tenant);
    tenants.resourcesOf(tenant.insee()).forEach(r -> r.disable(clock.instant()));
    audit.record(
        onCommune,
        AuditRecord.success("tenants.tenant.decommissioned", "tenant", tenant.insee().value())
            .withDetail("reason", reason));
    return tenant;
  }

  /**
   * Checks the status before side effects (decommissioning disables resources before the status
   * changes).
   */
  public Tenant expectStatus(CallContext onCommune, TenantStatus expected, String transition) {
    Tenant tenant = load(onCommune, onCommune.requireCommune());
    if (tenant.status() != expected) {
      transition(
          () -> {
            throw new IllegalTransitionException(tenant.status(), transition);
          },
          tenant);
    }
    return tenant;
  }

  private static void transition(Runnable change, Tenant tenant) {
    try {
      change.run();
    } catch (IllegalTransitionException e) {
      throw (ConflictProblem)
          new ConflictProblem(
                  "illegal-tenant-transition",
                  "Opération impossible : la commune "
                      + tenant.name()
                      + " est dans l'état "
                      + e.from()
                      + ".")
              .with("currentStatus", e.from().name());
    }
  }

  static NotFoundProblem notFound(String insee) {
    return (NotFoundProblem)
        new NotFoundProblem("tenant-not-found", "Commune inconnue : " + insee + ".")
            .with("tenant", insee);
  }
}
