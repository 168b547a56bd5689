package fr.strasbourg.metrocloud.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import fr.strasbourg.metrocloud.testkit.ApiClient;
import fr.strasbourg.metrocloud.testkit.Platform;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Black-box integration tests: the real WAR deployed in Liberty (production server.xml), called
 * over HTTP with real Keycloak tokens obtained through Keycloak's login pages, on a real
 * PostgreSQL.
 */
@ExtendWith(ArquillianExtension.class)
public abstract class PlatformTestBase {

  @Deployment(testable = false)
  public static WebArchive application() {
    return Deployments.application();
  }

  protected final Platform platform = Platform.fromSystem();

  /** Asserts a problem document with the given status and code, and returns it. */
  protected static JsonObject assertProblem(ApiClient.Reply reply, int status, String code) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
    assertThat(reply.contentType()).as(reply.toString()).startsWith("application/problem+json");
    JsonObject problem = reply.json();
    assertThat(problem.getInt("status")).isEqualTo(status);
    assertThat(problem.getString("code")).as(reply.toString()).isEqualTo(code);
    assertThat(problem.getString("type")).endsWith("/problems/" + code);
    assertThat(problem.getString("title")).isNotBlank();
    return problem;
  }

  protected static ApiClient.Reply assertOk(ApiClient.Reply reply, int status) {
    assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
    return reply;
  }
}
