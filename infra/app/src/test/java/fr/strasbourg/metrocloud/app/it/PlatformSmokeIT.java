package fr.strasbourg.metrocloud.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import fr.strasbourg.metrocloud.app.support.Deployments;
import fr.strasbourg.metrocloud.testkit.ApiClient;
import fr.strasbourg.metrocloud.testkit.Platform;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ArquillianExtension.class)
class PlatformSmokeIT {

  @Deployment(testable = false)
  static WebArchive app() {
    return Deployments.application();
  }

  private final Platform platform = Platform.fromSystem();

  @Test
  void theApplicationIsReadyAndDescribesItsApi() {
    ApiClient anonymous = platform.anonymous();
    ApiClient.Reply ready = anonymous.get("/health/ready");
    assertThat(ready.status()).as(ready.toString()).isEqualTo(200);
    ApiClient.Reply openapi = anonymous.get("/openapi");
    assertThat(openapi.status()).isEqualTo(200);
    assertThat(openapi.body()).contains("/api/v1/tenants");
  }

  @Test
  void theOperatorListsTenants() {
    ApiClient.Reply tenants = platform.operator().get("/api/v1/tenants");
    assertThat(tenants.status()).as(tenants.toString()).isEqualTo(200);
  }
}
