package fr.strasbourg.metrocloud.catalog.infrastructure;

import fr.strasbourg.metrocloud.catalog.api.BillingInputs.Band;
import fr.strasbourg.metrocloud.catalog.api.BillingInputs.Tariff;
import fr.strasbourg.metrocloud.catalog.api.ServiceCode;
import fr.strasbourg.metrocloud.catalog.domain.TariffRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Tariffs in {@code catalog_prices} and {@code catalog_price_bands}, through native SQL. */
@ApplicationScoped
public class JpaTariffRepository implements TariffRepository {

  @PersistenceContext EntityManager em;

  @Override
  public List<Tariff> all() {
    Map<String, List<Band>> bands = new HashMap<>();
    for (Object row :
        em.createNativeQuery(
                "SELECT service_code, valid_from, min_population, max_population, yearly_base_fee"
                    + " FROM catalog_price_bands ORDER BY service_code, valid_from, min_population")
            .getResultList()) {
      Object[] r = (Object[]) row;
      bands
          .computeIfAbsent(r[0] + "/" + day(r[1]), k -> new ArrayList<>())
          .add(
              new Band(
                  ((Number) r[2]).intValue(),
                  r[3] == null ? null : ((Number) r[3]).intValue(),
                  (BigDecimal) r[4]));
    }
    List<Tariff> tariffs = new ArrayList<>();
    for (Object row :
        em.createNativeQuery(
                "SELECT service_code, valid_from, valid_to, unit_price, yearly_base_fee,"
                    + " free_units_per_month, free_max_population, annual_cost, annual_units,"
                    + " justification FROM catalog_prices ORDER BY service_code, valid_from")
            .getResultList()) {
      Object[] r = (Object[]) row;
      LocalDate from = day(r[1]);
      tariffs.add(
          new Tariff(
              new ServiceCode((String) r[0]),
              from,
              r[2] == null ? null : day(r[2]),
              (BigDecimal) r[3],
              (BigDecimal) r[4],
              bands.getOrDefault(r[0] + "/" + from, List.of()),
              (BigDecimal) r[5],
              r[6] == null ? null : ((Number) r[6]).intValue(),
              (BigDecimal) r[7],
              (BigDecimal) r[8],
              (String) r[9]));
    }
    return tariffs;
  }

  @Override
  public void insert(Tariff t, String createdBy, Instant createdAt) {
    em.createNativeQuery(
            "INSERT INTO catalog_prices (service_code, valid_from, valid_to, unit_price,"
                + " yearly_base_fee, free_units_per_month, free_max_population, annual_cost,"
                + " annual_units, justification, created_by, created_at)"
                + " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)")
        .setParameter(1, t.service().value())
        .setParameter(2, Date.valueOf(t.validFrom()))
        .setParameter(3, t.validTo() == null ? null : Date.valueOf(t.validTo()))
        .setParameter(4, t.unitPrice())
        .setParameter(5, t.yearlyBaseFee())
        .setParameter(6, t.freeUnitsPerMonth())
        .setParameter(7, t.freeMaxPopulation())
        .setParameter(8, t.annualCost())
        .setParameter(9, t.annualUnits())
        .setParameter(10, t.justification())
        .setParameter(11, createdBy)
        .setParameter(12, Timestamp.from(createdAt))
        .executeUpdate();
    for (Band b : t.bands()) {
      em.createNativeQuery(
              "INSERT INTO catalog_price_bands (service_code, valid_from, min_population,"
                  + " max_population, yearly_base_fee) VALUES (?1, ?2, ?3, ?4, ?5)")
          .setParameter(1, t.service().value())
          .setParameter(2, Date.valueOf(t.validFrom()))
          .setParameter(3, b.minPopulation())
          .setParameter(4, b.maxPopulation())
          .setParameter(5, b.yearlyFee())
          .executeUpdate();
    }
  }

  @Override
  public void end(String service, LocalDate validFrom, LocalDate validTo) {
    em.createNativeQuery(
            "UPDATE catalog_prices SET valid_to = ?1 WHERE service_code = ?2 AND valid_from = ?3")
        .setParameter(1, Date.valueOf(validTo))
        .setParameter(2, service)
        .setParameter(3, Date.valueOf(validFrom))
        .executeUpdate();
  }

  static LocalDate day(Object value) {
    return value instanceof LocalDate d ? d : ((java.sql.Date) value).toLocalDate();
  }
}
