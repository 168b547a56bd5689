package fr.strasbourg.metrocloud.tenants.infrastructure.keycloak;

/** A Keycloak call failed: unreachable, timed out, or answered with an unexpected status. */
public class KeycloakException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;

  public KeycloakException(String message, int status, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  /** The HTTP status Keycloak answered, or 0 if it could not be reached. */
  public int status() {
    return status;
  }
}
