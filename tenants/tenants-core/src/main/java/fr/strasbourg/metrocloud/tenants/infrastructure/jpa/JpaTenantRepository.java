package fr.strasbourg.metrocloud.tenants.infrastructure.jpa;

import fr.strasbourg.metrocloud.kernel.tenancy.InseeCode;
import fr.strasbourg.metrocloud.tenants.domain.RegisteredResource;
import fr.strasbourg.metrocloud.tenants.domain.Tenant;
import fr.strasbourg.metrocloud.tenants.domain.TenantRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

/**
 * Tenants through JPA. No query names a tenant filter beyond what the use case asks: Row-Level
 * Security decides what the bound transaction sees (the isolation tests rely on this).
 */
@ApplicationScoped
public class JpaTenantRepository implements TenantRepository {

  @PersistenceContext EntityManager em;

  @Override
  public Optional<Tenant> find(InseeCode insee) {
    return Optional.ofNullable(em.find(Tenant.class, insee.value()));
  }

  @Override
  public List<Tenant> findAll() {
    return em.createQuery("SELECT t FROM Tenant t ORDER BY t.name", Tenant.class).getResultList();
  }

  @Override
  public void add(Tenant tenant) {
    em.persist(tenant);
    em.flush();
  }

  @Override
  public List<RegisteredResource> resourcesOf(InseeCode insee) {
    return em.createQuery(
            "SELECT r FROM RegisteredResource r WHERE r.tenantId = :tenant ORDER BY r.createdAt, r.kind",
            RegisteredResource.class)
        .setParameter("tenant", insee.value())
        .getResultList();
  }

  @Override
  public void add(RegisteredResource resource) {
    em.persist(resource);
  }
}
