package fr.strasbourg.metrocloud.tenants.application;

import fr.strasbourg.metrocloud.kernel.problem.BadGatewayProblem;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.tenants.api.ProvisionedResource;
import fr.strasbourg.metrocloud.tenants.api.ProvisioningException;
import fr.strasbourg.metrocloud.tenants.api.ProvisioningTarget;
import fr.strasbourg.metrocloud.tenants.api.TenantResourceProvisioner;
import fr.strasbourg.metrocloud.tenants.api.TenantStatus;
import fr.strasbourg.metrocloud.tenants.domain.Tenant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The provisioning saga. Runs every {@link TenantResourceProvisioner} in order, outside any
 * database transaction; if one fails, releases what this attempt created (reverse order, best
 * effort), marks the tenant {@code PROVISIONING_FAILED} with the reason and reports 502. Because
 * every provisioner adopts what already exists, a retry completes an attempt whose compensation
 * could not run (e.g. Keycloak went down for good).
 */
@ApplicationScoped
public class TenantProvisioning {

  private static final Logger LOG = Logger.getLogger(TenantProvisioning.class.getName());

  @Inject Instance<TenantResourceProvisioner> provisioners;

  @Inject TenantStore store;

  List<TenantResourceProvisioner> ordered() {
    List<TenantResourceProvisioner> list = new ArrayList<>();
    provisioners.forEach(list::add);
    list.sort(Comparator.comparingInt(TenantResourceProvisioner::order));
    return list;
  }

  public ProvisioningResult run(CallContext onCommune) {
    Tenant tenant = store.load(onCommune, onCommune.requireCommune());
    ProvisioningTarget target = tenant.provisioningTarget();
    Map<String, ProvisionedResource> created = new LinkedHashMap<>();
    Map<String, String> handover = new LinkedHashMap<>();
    List<TenantResourceProvisioner> done = new ArrayList<>();
    for (TenantResourceProvisioner provisioner : ordered()) {
      try {
        ProvisionedResource resource = provisioner.provision(target, Map.copyOf(created), handover);
        created.put(provisioner.kind(), resource);
        done.add(provisioner);
      } catch (ProvisioningException | RuntimeException e) {
        String reason = provisioner.kind() + " : " + e.getMessage();
        LOG.log(
            Level.WARNING,
            "Provisioning of " + target.insee() + " failed at " + provisioner.kind(),
            e);
        compensate(target, done, created);
        store.markFailed(onCommune, reason);
        throw (BadGatewayProblem)
            new BadGatewayProblem(
                    "provisioning-failed",
                    "Échec du provisionnement de la commune "
                        + target.name()
                        + " ("
                        + reason
                        + "). La commune est en état PROVISIONING_FAILED ; rien n'a été laissé à moitié créé."
                        + " Relancez avec POST /api/v1/tenants/"
                        + target.insee()
                        + "/provisioning.")
                .with("tenant", target.insee().value())
                .with("failedStep", provisioner.kind());
      }
    }
    return store.markActive(onCommune, created.values(), handover);
  }

  private static void compensate(
      ProvisioningTarget target,
      List<TenantResourceProvisioner> done,
      Map<String, ProvisionedResource> created) {
    for (int i = done.size() - 1; i >= 0; i--) {
      TenantResourceProvisioner provisioner = done.get(i);
      try {
        provisioner.release(target, created.get(provisioner.kind()));
      } catch (ProvisioningException | RuntimeException e) {
        // The retry adopts what could not be released; the tenant is not usable meanwhile.
        LOG.log(
            Level.WARNING,
            "Could not release "
                + provisioner.kind()
                + " of "
                + target.insee()
                + "; a retry adopts it",
            e);
      }
    }
  }

  /**
   * Completes an active commune's resources: every provisioner runs in reconciliation mode (creates
   * what is missing, adopts what exists, changes nothing in use). Used after an upgrade that adds a
   * kind of resource, or to repair a resource removed by hand. A failure leaves the commune active
   * and is reported (502) and audited.
   */
  public ProvisioningResult reconcile(CallContext onCommune) {
    Tenant tenant = store.expectStatus(onCommune, TenantStatus.ACTIVE, "reconcile");
    ProvisioningTarget target = tenant.provisioningTarget().forReconciliation();
    Map<String, ProvisionedResource> found = new LinkedHashMap<>();
    Map<String, String> handover = new LinkedHashMap<>();
    for (TenantResourceProvisioner provisioner : ordered()) {
      try {
        found.put(provisioner.kind(), provisioner.provision(target, Map.copyOf(found), handover));
      } catch (ProvisioningException | RuntimeException e) {
        String reason = provisioner.kind() + " : " + e.getMessage();
        store.markReconciliationFailed(onCommune, reason);
        throw (BadGatewayProblem)
            new BadGatewayProblem(
                    "reconciliation-failed",
                    "Échec de la mise en conformité des ressources de "
                        + target.name()
                        + " ("
                        + reason
                        + "). La commune reste active ; relancez l'opération.")
                .with("tenant", target.insee().value())
                .with("failedStep", provisioner.kind());
      }
    }
    return store.markReconciled(onCommune, found.values(), handover);
  }

  /**
   * Disables every registered resource of a decommissioned commune, in reverse provisioning order.
   */
  public void decommissionResources(CallContext onCommune) {
    Tenant tenant = store.load(onCommune, onCommune.requireCommune());
    Map<String, ProvisionedResource> registered = new LinkedHashMap<>();
    store
        .resources(onCommune, tenant.insee())
        .forEach(r -> registered.put(r.kind(), r.toResource()));
    List<TenantResourceProvisioner> list = ordered();
    for (int i = list.size() - 1; i >= 0; i--) {
      TenantResourceProvisioner provisioner = list.get(i);
      ProvisionedResource resource = registered.get(provisioner.kind());
      if (resource == null) {
        continue;
      }
      try {
        provisioner.decommission(tenant.provisioningTarget(), resource);
      } catch (ProvisioningException | RuntimeException e) {
        throw (BadGatewayProblem)
            new BadGatewayProblem(
                    "decommissioning-failed",
                    "Échec de la désactivation de "
                        + provisioner.kind()
                        + " : "
                        + e.getMessage()
                        + ". La commune reste suspendue ; relancez l'opération.")
                .with("tenant", tenant.insee().value());
      }
    }
  }
}
