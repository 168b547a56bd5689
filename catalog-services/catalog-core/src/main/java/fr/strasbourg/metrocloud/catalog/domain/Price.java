package fr.strasbourg.metrocloud.catalog.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A price of a service over [validFrom, validTo). Unit prices keep four decimals (a GB-month may
 * cost fractions of a cent); amounts are rounded to the cent by billing.
 */
@Entity
@Table(name = "catalog_prices")
@IdClass(Price.Key.class)
public class Price {

  @Id
  @ManyToOne
  @JoinColumn(name = "service_code")
  private CatalogService service;

  @Id
  @Column(name = "valid_from")
  private LocalDate validFrom;

  @Column(name = "valid_to")
  private LocalDate validTo;

  @Column(name = "unit_price", nullable = false)
  private BigDecimal unitPrice;

  @Column(name = "yearly_base_fee")
  private BigDecimal yearlyBaseFee;

  @Column(name = "currency", nullable = false)
  private String currency;

  protected Price() {}

  public boolean appliesOn(LocalDate day) {
    return !day.isBefore(validFrom) && (validTo == null || day.isBefore(validTo));
  }

  public LocalDate validFrom() {
    return validFrom;
  }

  public LocalDate validTo() {
    return validTo;
  }

  public BigDecimal unitPrice() {
    return unitPrice;
  }

  public BigDecimal yearlyBaseFee() {
    return yearlyBaseFee;
  }

  public String currency() {
    return currency;
  }

  /** Composite key (service, first day). */
  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;
    private String service;
    private LocalDate validFrom;

    public Key() {}

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k
          && Objects.equals(k.service, service)
          && Objects.equals(k.validFrom, validFrom);
    }

    @Override
    public int hashCode() {
      return Objects.hash(service, validFrom);
    }
  }
}
