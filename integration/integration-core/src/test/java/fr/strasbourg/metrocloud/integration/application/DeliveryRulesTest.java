package fr.strasbourg.metrocloud.integration.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.strasbourg.metrocloud.kernel.problem.UnprocessableProblem;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeliveryRulesTest {

  @Test
  void backOffDoublesFromTheBaseUpToTheCap() {
    DispatchSteps steps = new DispatchSteps();
    steps.backoffBaseMs = 30_000;
    steps.backoffMaxMs = 3_600_000;
    assertThat(steps.backoff(1)).isEqualTo(Duration.ofSeconds(30));
    assertThat(steps.backoff(2)).isEqualTo(Duration.ofSeconds(60));
    assertThat(steps.backoff(5)).isEqualTo(Duration.ofMinutes(8));
    assertThat(steps.backoff(8)).isEqualTo(Duration.ofHours(1));
    assertThat(steps.backoff(500)).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void eachFlowHasItsResourceUnderTheConnectorsAddress() {
    assertThat(Dispatcher.endpointUri("https://rh.example.org/api/", "leave.approved"))
        .isEqualTo("https://rh.example.org/api/leave.approved?throwExceptionOnFailure=true");
    assertThat(Dispatcher.endpointUri("https://rh.example.org/api?v=2", "leave.cancelled"))
        .isEqualTo("https://rh.example.org/api/leave.cancelled?v=2&throwExceptionOnFailure=true");
    assertThat(Dispatcher.basic("rh", "pässwörd")).isEqualTo("Basic cmg6cMOkc3N3w7ZyZA==");
  }

  @Test
  void failuresAreDescribedForPeople() {
    assertThat(Dispatcher.describe(new java.net.ConnectException("Connection refused")))
        .startsWith("Connexion refusée");
    assertThat(Dispatcher.describe(new java.net.UnknownHostException("rh.invalid")))
        .isEqualTo("Nom d'hôte inconnu : rh.invalid");
    assertThat(Dispatcher.describe(new RuntimeException(new IllegalStateException("boom"))))
        .isEqualTo("IllegalStateException : boom");
  }

  @Test
  void connectorAddressesAreCheckedAndCarryNoCredentials() {
    Connectors.check("REST", "https://rh.example.org/api", 60);
    Connectors.check("SFTP", "sftp://sftp.example.org:2222/depot", 60);
    for (String[] bad :
        new String[][] {
          {"REST", "ftp://rh.example.org/"},
          {"REST", "https://user:pass@rh.example.org/"},
          {"SFTP", "https://rh.example.org/"},
          {"SOAP", "https://rh.example.org/"},
          {"REST", " "},
        }) {
      assertThatThrownBy(() -> Connectors.check(bad[0], bad[1], 60))
          .as(bad[0] + " " + bad[1])
          .isInstanceOf(UnprocessableProblem.class);
    }
    assertThatThrownBy(() -> Connectors.check("REST", "https://rh.example.org/", 1))
        .isInstanceOf(UnprocessableProblem.class);
  }
}
