package fr.strasbourg.metrocloud.app.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Live as long as the application answers; dependencies are the readiness check's business. */
@Liveness
@ApplicationScoped
public class LivenessCheck implements HealthCheck {
  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("application").up().build();
  }
}
