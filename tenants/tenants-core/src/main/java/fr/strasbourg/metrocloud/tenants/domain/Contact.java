package fr.strasbourg.metrocloud.tenants.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * The commune's contact for the DSI (usually the director-general of services or the IT
 * correspondent).
 */
@Embeddable
public class Contact {

  @Column(name = "contact_name")
  private String name;

  @Column(name = "contact_email")
  private String email;

  @Column(name = "contact_phone")
  private String phone;

  protected Contact() {}

  public Contact(String name, String email, String phone) {
    this.name = name;
    this.email = email;
    this.phone = phone;
  }

  public String name() {
    return name;
  }

  public String email() {
    return email;
  }

  public String phone() {
    return phone;
  }
}
