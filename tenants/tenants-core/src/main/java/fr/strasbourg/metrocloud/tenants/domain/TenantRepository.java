package fr.strasbourg.metrocloud.tenants.domain;

import fr.strasbourg.metrocloud.kernel.tenancy.InseeCode;
import java.util.List;
import java.util.Optional;

/**
 * Persistence port of the tenants context. Implementations run inside the caller's tenant-bound
 * transaction: what they return is what Row-Level Security lets that transaction see.
 */
public interface TenantRepository {

  Optional<Tenant> find(InseeCode insee);

  List<Tenant> findAll();

  void add(Tenant tenant);

  List<RegisteredResource> resourcesOf(InseeCode insee);

  void add(RegisteredResource resource);
}
