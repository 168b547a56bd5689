package fr.strasbourg.metrocloud.catalog.infrastructure;

import fr.strasbourg.metrocloud.catalog.api.BillingInputs;
import fr.strasbourg.metrocloud.catalog.api.ServiceCode;
import fr.strasbourg.metrocloud.catalog.application.BusinessCalendar;
import fr.strasbourg.metrocloud.catalog.domain.TariffRepository;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.TenantBound;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link BillingInputs} in SQL. Usage is summed per day in the database (one indexed scan of the
 * commune's events of the period), only for the metric each service is billed on.
 */
@ApplicationScoped
public class JpaBillingInputs implements BillingInputs {

  @PersistenceContext EntityManager em;

  @Inject TariffRepository tariffs;

  @Override
  @Transactional
  public List<Service> services() {
    List<Service> services = new ArrayList<>();
    for (Object row :
        em.createNativeQuery(
                "SELECT code, name_fr, usage_unit, usage_metric FROM catalog_services"
                    + " ORDER BY display_order")
            .getResultList()) {
      Object[] r = (Object[]) row;
      services.add(
          new Service(
              new ServiceCode((String) r[0]),
              (String) r[1],
              Unit.valueOf(((String) r[2]).toUpperCase().replace('-', '_')),
              (String) r[3]));
    }
    return services;
  }

  @Override
  @Transactional
  public List<Tariff> tariffs() {
    return tariffs.all();
  }

  @Override
  @Transactional
  @TenantBound
  public List<SubscriptionSpan> subscriptions(CallContext commune) {
    List<SubscriptionSpan> spans = new ArrayList<>();
    for (Object row :
        em.createNativeQuery(
                "SELECT service_code, starts_on, ends_on FROM subscriptions WHERE tenant_id = ?1"
                    + " ORDER BY service_code, starts_on")
            .setParameter(1, commune.requireCommune().value())
            .getResultList()) {
      Object[] r = (Object[]) row;
      spans.add(
          new SubscriptionSpan(
              new ServiceCode((String) r[0]),
              JpaTariffRepository.day(r[1]),
              r[2] == null ? null : JpaTariffRepository.day(r[2])));
    }
    return spans;
  }

  @Override
  @Transactional
  @TenantBound
  public List<DailyUsage> usage(
      CallContext commune,
      LocalDate from,
      LocalDate to,
      Instant recordedFrom,
      Instant recordedBefore) {
    List<DailyUsage> usage = new ArrayList<>();
    for (Object row :
        em.createNativeQuery(
                "SELECT e.service_code, e.metric,"
                    + " (e.occurred_at AT TIME ZONE 'Europe/Paris')::date AS day,"
                    + " sum(e.quantity), count(*)"
                    + " FROM usage_events e JOIN catalog_services s"
                    + " ON s.code = e.service_code AND s.usage_metric = e.metric"
                    + " WHERE e.tenant_id = ?1 AND e.occurred_at >= ?2 AND e.occurred_at < ?3"
                    + " AND e.recorded_at >= ?4 AND e.recorded_at < ?5"
                    + " GROUP BY 1, 2, 3 ORDER BY 1, 2, 3")
            .setParameter(1, commune.requireCommune().value())
            .setParameter(2, Timestamp.from(BusinessCalendar.startOf(from)))
            .setParameter(3, Timestamp.from(BusinessCalendar.startOf(to)))
            .setParameter(4, Timestamp.from(recordedFrom == null ? Instant.EPOCH : recordedFrom))
            .setParameter(5, Timestamp.from(recordedBefore))
            .getResultList()) {
      Object[] r = (Object[]) row;
      usage.add(
          new DailyUsage(
              new ServiceCode((String) r[0]),
              (String) r[1],
              JpaTariffRepository.day(r[2]),
              (BigDecimal) r[3],
              ((Number) r[4]).longValue()));
    }
    return usage;
  }
}
