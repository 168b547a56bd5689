package fr.strasbourg.metrocloud.integration.application;

import fr.strasbourg.metrocloud.integration.api.Outbox.Connector;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The Eurométropole's finance software, where receivables go: one connector for the platform,
 * configured by the DSI in the server's configuration ({@code
 * metrocloud.integration.metropole-finance.*}; its secret from the environment variable {@code
 * METROCLOUD_INTEGRATION_METROPOLE_FINANCE_SECRET}), not per commune.
 */
@ApplicationScoped
public class MetropoleFinance {

  @Inject
  @ConfigProperty(name = "metrocloud.integration.metropole-finance.endpoint")
  Optional<String> endpointSetting;

  @Inject
  @ConfigProperty(
      name = "metrocloud.integration.metropole-finance.transport",
      defaultValue = "REST")
  String transport;

  @Inject
  @ConfigProperty(name = "metrocloud.integration.metropole-finance.username")
  Optional<String> usernameSetting;

  @Inject
  @ConfigProperty(name = "metrocloud.integration.metropole-finance.secret")
  Optional<String> secretSetting;

  // an empty default is "missing" for MicroProfile Config: optional settings, read through these
  private String endpoint() {
    return endpointSetting.map(String::strip).orElse("");
  }

  private String username() {
    return usernameSetting.map(String::strip).orElse("");
  }

  public boolean configured() {
    return !endpoint().isEmpty();
  }

  /** As a connector (its secret is not sealed: it is the platform's, from the environment). */
  public Optional<Connectors.Stored> connector() {
    if (!configured()) {
      return Optional.empty();
    }
    return Optional.of(
        new Connectors.Stored(
            Connector.METROPOLE_FINANCE,
            transport,
            endpoint(),
            username().isEmpty() ? null : username(),
            null,
            60,
            "{}",
            true));
  }

  public Optional<String> password() {
    return secretSetting.filter(v -> !v.isBlank());
  }

  public Optional<String> authorization() {
    return password()
        .map(p -> username().isEmpty() ? "Bearer " + p : Dispatcher.basic(username(), p));
  }
}
