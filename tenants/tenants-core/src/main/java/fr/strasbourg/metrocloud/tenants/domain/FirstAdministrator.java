package fr.strasbourg.metrocloud.tenants.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * The commune administrator account created at provisioning (kept so that a retry recreates the
 * same account).
 */
@Embeddable
public class FirstAdministrator {

  @Column(name = "admin_username", nullable = false)
  private String username;

  @Column(name = "admin_first_name", nullable = false)
  private String firstName;

  @Column(name = "admin_last_name", nullable = false)
  private String lastName;

  @Column(name = "admin_email", nullable = false)
  private String email;

  protected FirstAdministrator() {}

  public FirstAdministrator(String username, String firstName, String lastName, String email) {
    this.username = username;
    this.firstName = firstName;
    this.lastName = lastName;
    this.email = email;
  }

  public String username() {
    return username;
  }

  public String firstName() {
    return firstName;
  }

  public String lastName() {
    return lastName;
  }

  public String email() {
    return email;
  }
}
