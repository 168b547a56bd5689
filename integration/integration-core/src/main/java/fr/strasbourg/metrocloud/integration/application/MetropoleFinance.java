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
  @ConfigProperty(name = "metrocloud.integration.metropole-finance.endpoint", defaultValue = "")
  String endpoint;

  @Inject
  @ConfigProperty(
      name = "metrocloud.integration.metropole-finance.transport",
      defaultValue = "REST")
  String transport;

  @Inject
  @ConfigProperty(name = "metrocloud.integration.metropole-finance.username", defaultValue = "")
  String username;

  @Inject
  @ConfigProperty(name = "metrocloud.integration.metropole-finance.secret", defaultValue = "")
  String secret;

  public boolean configured() {
    return endpoint != null && !endpoint.isBlank();
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
            endpoint.strip(),
            username.isBlank() ? null : username,
            null,
            60,
            "{}",
            true));
  }

  public Optional<String> password() {
    return secret == null || secret.isBlank() ? Optional.empty() : Optional.of(secret);
  }

  public Optional<String> authorization() {
    return password().map(p -> username.isBlank() ? "Bearer " + p : Dispatcher.basic(username, p));
  }
}
