package fr.strasbourg.metrocloud.integration.application;

import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.storage.SecretBox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Connector credentials sealed with the commune's data key, bound to the connector (a secret of the
 * HR connector does not open as the finance connector's), opened only to authenticate an exchange.
 */
@ApplicationScoped
public class ConnectorSecrets {

  @Inject SecretBox box;

  public byte[] seal(
      CallContext commune,
      fr.strasbourg.metrocloud.integration.api.Outbox.Connector kind,
      String secret) {
    return box.sealForCommune(commune, purpose(kind), secret.getBytes(StandardCharsets.UTF_8));
  }

  /** The Authorization header for the connector: Basic with a user, Bearer with a token alone. */
  public Optional<String> authorization(CallContext commune, Connectors.Stored connector) {
    if (connector.secret() == null) {
      return Optional.empty();
    }
    String secret =
        new String(
            box.openForCommune(commune, purpose(connector.kind()), connector.secret()),
            StandardCharsets.UTF_8);
    return Optional.of(
        connector.username() == null
            ? "Bearer " + secret
            : Dispatcher.basic(connector.username(), secret));
  }

  /** The connector's secret in clear (an SFTP password), to open a session. */
  public Optional<String> password(CallContext commune, Connectors.Stored connector) {
    if (connector.secret() == null) {
      return Optional.empty();
    }
    return Optional.of(
        new String(
            box.openForCommune(commune, purpose(connector.kind()), connector.secret()),
            StandardCharsets.UTF_8));
  }

  private static String purpose(fr.strasbourg.metrocloud.integration.api.Outbox.Connector kind) {
    return "integration.connector." + kind.name();
  }
}
