package fr.strasbourg.metrocloud.tenants.infrastructure.keycloak;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keycloak connection settings (MicroProfile Config; the secret comes from the environment only).
 */
@ApplicationScoped
public class KeycloakSettings {

  /**
   * Base URL of Keycloak as the platform reaches it for administration (may differ from the public
   * issuer URL).
   */
  @Inject
  @ConfigProperty(name = "metrocloud.keycloak.admin-url")
  String adminUrl;

  @Inject
  @ConfigProperty(name = "metrocloud.keycloak.realm", defaultValue = "metrocloud")
  String realm;

  @Inject
  @ConfigProperty(
      name = "metrocloud.keycloak.provisioner.client-id",
      defaultValue = "metrocloud-provisioner")
  String clientId;

  /** Environment variable {@code METROCLOUD_KEYCLOAK_PROVISIONER_SECRET}. */
  @Inject
  @ConfigProperty(name = "metrocloud.keycloak.provisioner.secret")
  String clientSecret;

  @Inject
  @ConfigProperty(name = "metrocloud.keycloak.timeout-seconds", defaultValue = "10")
  int timeoutSeconds;

  public String adminUrl() {
    return adminUrl.endsWith("/") ? adminUrl.substring(0, adminUrl.length() - 1) : adminUrl;
  }

  public String realm() {
    return realm;
  }

  public String clientId() {
    return clientId;
  }

  public String clientSecret() {
    return clientSecret;
  }

  public Duration timeout() {
    return Duration.ofSeconds(timeoutSeconds);
  }
}
