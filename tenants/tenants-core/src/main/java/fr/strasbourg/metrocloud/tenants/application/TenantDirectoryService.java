package fr.strasbourg.metrocloud.tenants.application;

import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.InseeCode;
import fr.strasbourg.metrocloud.kernel.tenancy.TenantBound;
import fr.strasbourg.metrocloud.tenants.api.TenantDirectory;
import fr.strasbourg.metrocloud.tenants.api.TenantSummary;
import fr.strasbourg.metrocloud.tenants.domain.Tenant;
import fr.strasbourg.metrocloud.tenants.domain.TenantRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Optional;

/** {@link TenantDirectory} for other contexts; reads under the caller's binding. */
@ApplicationScoped
@Transactional
@TenantBound
public class TenantDirectoryService implements TenantDirectory {

  @Inject TenantRepository tenants;

  @Override
  public Optional<TenantSummary> ownCommune(CallContext caller) {
    return caller.commune().flatMap(tenants::find).map(Tenant::summary);
  }

  @Override
  public java.util.List<TenantSummary> all(CallContext operator) {
    return tenants.findAll().stream().map(Tenant::summary).toList();
  }

  @Override
  public Optional<TenantSummary> find(CallContext caller, InseeCode commune) {
    return tenants.find(commune).map(Tenant::summary);
  }
}
