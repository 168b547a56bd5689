package fr.strasbourg.metrocloud.signatures.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Settings of the platform PKI. */
@ApplicationScoped
public class PkiSettings {

  /** The platform's public address: CRL distribution points in certificates point below it. */
  @Inject
  @ConfigProperty(name = "metrocloud.public-url", defaultValue = "http://127.0.0.1:9080")
  String publicUrl;

  @Inject
  @ConfigProperty(name = "metrocloud.pki.signer-validity-days", defaultValue = "1095")
  int signerValidityDays;

  /** Stable URL of a CA's CRL: {@code root} or a commune's INSEE code. */
  public String crlUrl(String name) {
    String base =
        publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    return base + "/api/v1/pki/crl/" + name + ".crl";
  }

  public Duration signerValidity() {
    return Duration.ofDays(signerValidityDays);
  }

  public Duration communeCaValidity() {
    return Duration.ofDays(3650);
  }

  public Duration rootValidity() {
    return Duration.ofDays(7300);
  }

  public Duration crlValidity() {
    return Duration.ofDays(1);
  }
}
