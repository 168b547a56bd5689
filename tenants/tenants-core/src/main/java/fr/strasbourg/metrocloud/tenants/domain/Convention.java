package fr.strasbourg.metrocloud.tenants.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.LocalDate;

/**
 * Reference of the commune's convention with the Eurométropole for the shared services (number,
 * signature date).
 */
@Embeddable
public class Convention {

  @Column(name = "convention_number")
  private String number;

  @Column(name = "convention_signed_on")
  private LocalDate signedOn;

  protected Convention() {}

  public Convention(String number, LocalDate signedOn) {
    this.number = number;
    this.signedOn = signedOn;
  }

  public String number() {
    return number;
  }

  public LocalDate signedOn() {
    return signedOn;
  }
}
