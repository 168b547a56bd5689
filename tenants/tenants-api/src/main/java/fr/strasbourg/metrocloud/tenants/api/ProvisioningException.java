package fr.strasbourg.metrocloud.tenants.api;

/** A provisioning step failed; the message says which system and why, without secrets. */
public class ProvisioningException extends Exception {

  private static final long serialVersionUID = 1L;

  public ProvisioningException(String message, Throwable cause) {
    super(message, cause);
  }

  public ProvisioningException(String message) {
    super(message);
  }
}
