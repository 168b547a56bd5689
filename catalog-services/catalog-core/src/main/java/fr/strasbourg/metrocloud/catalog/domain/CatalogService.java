package fr.strasbourg.metrocloud.catalog.domain;

import fr.strasbourg.metrocloud.catalog.api.ServiceCode;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A shared service of the catalogue (platform reference data, read-only for the application). */
@Entity
@Table(name = "catalog_services")
public class CatalogService {

  @Id
  @Column(name = "code")
  private String code;

  @Column(name = "name_fr", nullable = false)
  private String nameFr;

  @Column(name = "description_fr", nullable = false)
  private String descriptionFr;

  @Convert(converter = UsageUnitConverter.class)
  @Column(name = "usage_unit", nullable = false)
  private UsageUnit usageUnit;

  @Column(name = "usage_metric", nullable = false)
  private String usageMetric;

  @Enumerated(EnumType.STRING)
  @Column(name = "availability", nullable = false)
  private Availability availability;

  @Column(name = "display_order", nullable = false)
  private int displayOrder;

  @Column(name = "default_quota_bytes")
  private Long defaultQuotaBytes;

  @OneToMany(mappedBy = "service")
  @OrderBy("validFrom")
  private List<Price> prices = new ArrayList<>();

  protected CatalogService() {}

  public ServiceCode code() {
    return new ServiceCode(code);
  }

  public String nameFr() {
    return nameFr;
  }

  public String descriptionFr() {
    return descriptionFr;
  }

  public UsageUnit usageUnit() {
    return usageUnit;
  }

  public String usageMetric() {
    return usageMetric;
  }

  public Availability availability() {
    return availability;
  }

  public int displayOrder() {
    return displayOrder;
  }

  public List<Price> prices() {
    return List.copyOf(prices);
  }

  /** The price in force on a day. */
  public Optional<Price> priceOn(LocalDate day) {
    return prices.stream().filter(p -> p.appliesOn(day)).findFirst();
  }

  /** The storage quota of a commune that has no quota of its own, if the service has one. */
  public java.util.OptionalLong defaultQuotaBytes() {
    return defaultQuotaBytes == null
        ? java.util.OptionalLong.empty()
        : java.util.OptionalLong.of(defaultQuotaBytes);
  }

  public boolean acceptsSubscriptions() {
    return availability != Availability.WITHDRAWN;
  }
}
