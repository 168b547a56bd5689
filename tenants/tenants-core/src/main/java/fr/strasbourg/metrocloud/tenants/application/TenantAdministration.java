package fr.strasbourg.metrocloud.tenants.application;

import fr.strasbourg.metrocloud.kernel.problem.ConflictProblem;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.InseeCode;
import fr.strasbourg.metrocloud.tenants.api.DecommissionPrecondition;
import fr.strasbourg.metrocloud.tenants.api.TenantStatus;
import fr.strasbourg.metrocloud.tenants.domain.Contact;
import fr.strasbourg.metrocloud.tenants.domain.Convention;
import fr.strasbourg.metrocloud.tenants.domain.RegisteredResource;
import fr.strasbourg.metrocloud.tenants.domain.Tenant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/**
 * What the DSI operator does with communes. Every method takes the operator's platform context and
 * derives from it, explicitly, the context that acts on one commune; a commune user's context is
 * refused ({@code requireOperator}).
 */
@ApplicationScoped
public class TenantAdministration {

  @Inject TenantStore store;

  @Inject TenantProvisioning provisioning;

  @Inject Instance<DecommissionPrecondition> preconditions;

  public ProvisioningResult register(CallContext operator, NewTenant cmd) {
    CallContext onCommune = operator.requireOperator().actingOn(cmd.insee());
    store.create(onCommune, cmd);
    return provisioning.run(onCommune);
  }

  public ProvisioningResult retryProvisioning(CallContext operator, InseeCode insee) {
    CallContext onCommune = operator.requireOperator().actingOn(insee);
    store.beginRetry(onCommune);
    return provisioning.run(onCommune);
  }

  public ProvisioningResult reconcile(CallContext operator, InseeCode insee) {
    return provisioning.reconcile(operator.requireOperator().actingOn(insee));
  }

  public List<Tenant> list(CallContext operator) {
    return store.all(operator.requireOperator());
  }

  /** A commune as the caller may see it: the operator any, a commune user its own (else 404). */
  public Tenant get(CallContext caller, InseeCode insee) {
    return store.read(caller, insee);
  }

  public List<RegisteredResource> resources(CallContext operator, InseeCode insee) {
    return store.resources(operator.requireOperator(), insee);
  }

  public Tenant suspend(CallContext operator, InseeCode insee, String reason) {
    return store.suspend(operator.requireOperator().actingOn(insee), reason);
  }

  public Tenant updateDetails(
      CallContext operator,
      InseeCode insee,
      int population,
      Contact contact,
      Convention convention) {
    return store.updateDetails(
        operator.requireOperator().actingOn(insee), population, contact, convention);
  }

  public Tenant resume(CallContext operator, InseeCode insee) {
    return store.resume(operator.requireOperator().actingOn(insee));
  }

  public Tenant decommission(CallContext operator, InseeCode insee, String reason) {
    CallContext onCommune = operator.requireOperator().actingOn(insee);
    store.expectStatus(onCommune, TenantStatus.SUSPENDED, "decommission");
    for (DecommissionPrecondition precondition : preconditions) {
      Optional<String> blocker = precondition.blocker(onCommune);
      if (blocker.isPresent()) {
        throw new ConflictProblem("decommission-blocked", blocker.get());
      }
    }
    provisioning.decommissionResources(onCommune);
    return store.decommissioned(onCommune, reason);
  }
}
