package fr.strasbourg.metrocloud.app.incontainer;

import fr.strasbourg.metrocloud.catalog.domain.Subscription;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.TenantBound;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;

/**
 * Runs deliberately tenant-agnostic SQL and JPA inside the platform's transactions, with the
 * platform's tenant binding: no statement here filters on a tenant, so whatever isolation the tests
 * observe comes from PostgreSQL.
 */
@ApplicationScoped
public class IsolationProbe {

  @PersistenceContext EntityManager em;

  @Inject IsolationProbe self;

  @Transactional
  @TenantBound
  @SuppressWarnings("unchecked")
  public List<String> nativeSubscriptionTenants(CallContext context) {
    return em.createNativeQuery("SELECT tenant_id FROM subscriptions").getResultList();
  }

  @Transactional
  @TenantBound
  public List<Subscription> jpqlSubscriptions(CallContext context) {
    return em.createQuery("SELECT s FROM Subscription s", Subscription.class).getResultList();
  }

  @Transactional
  @TenantBound
  @SuppressWarnings("unchecked")
  public List<String> nativeTenantRows(CallContext context) {
    return em.createNativeQuery("SELECT tenant_id FROM tenants").getResultList();
  }

  @Transactional
  @TenantBound
  public java.time.LocalDate latestStart(CallContext context) {
    Object latest =
        em.createNativeQuery(
                "SELECT max(starts_on) FROM subscriptions WHERE service_code = 'e-signature'")
            .getSingleResult();
    return latest == null ? null : ((java.sql.Date) latest).toLocalDate();
  }

  @Transactional
  @TenantBound
  public Subscription find(CallContext context, UUID id) {
    return em.find(Subscription.class, id);
  }

  @Transactional
  @TenantBound
  public void persist(CallContext context, Subscription subscription) {
    em.persist(subscription);
    em.flush();
  }

  /** A raw insert naming a tenant explicitly. */
  @Transactional
  @TenantBound
  public void insertSubscriptionFor(CallContext context, String tenantId) {
    rawInsert(tenantId);
  }

  /**
   * Updates rows by id without any tenant condition; returns the number of rows PostgreSQL let it
   * touch.
   */
  @Transactional
  @TenantBound
  public int updateDeliberation(CallContext context, UUID id, String deliberation) {
    return em.createNativeQuery("UPDATE subscriptions SET end_deliberation_ref = ?1 WHERE id = ?2")
        .setParameter(1, deliberation)
        .setParameter(2, id)
        .executeUpdate();
  }

  @Transactional
  @TenantBound
  public String boundTenant(CallContext context) {
    return (String)
        em.createNativeQuery("SELECT current_setting('app.tenant_id', true)").getSingleResult();
  }

  /** A transaction that binds no tenant at all. */
  @Transactional
  public long unboundCount() {
    return ((Number) em.createNativeQuery("SELECT count(*) FROM subscriptions").getSingleResult())
        .longValue();
  }

  @Transactional
  public String unboundSetting() {
    return (String)
        em.createNativeQuery("SELECT current_setting('app.tenant_id', true)").getSingleResult();
  }

  @Transactional
  public void unboundInsert(String tenantId) {
    rawInsert(tenantId);
  }

  /** One transaction that tries to work for two tenants. */
  @Transactional
  public void twoTenantsInOneTransaction(CallContext first, CallContext second) {
    self.nativeTenantRows(first);
    self.nativeTenantRows(second);
  }

  private void rawInsert(String tenantId) {
    em.createNativeQuery(
            "INSERT INTO subscriptions (id, tenant_id, service_code, starts_on, created_by, created_at)"
                + " VALUES (?1, ?2, 'archiving', DATE '2030-01-01', 'probe', now())")
        .setParameter(1, UUID.randomUUID())
        .setParameter(2, tenantId)
        .executeUpdate();
  }
}
