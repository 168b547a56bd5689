package fr.strasbourg.metrocloud.integration.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Counters and timers of the connectors' Camel routes, per commune, route and flow, served by
 * MicroProfile Metrics at {@code /metrics} in the Prometheus format: {@code
 * integration_messages_total{commune, route, flow, outcome}}, {@code
 * integration_route_duration_seconds{route}}, {@code integration_agent_lines_total{commune,
 * outcome}}.
 */
@ApplicationScoped
public class IntegrationMetrics {

  @Inject MetricRegistry registry;

  /** A message through a route: {@code outcome} sent, failed, refused… */
  public void exchange(String commune, String route, String flow, String outcome, long millis) {
    registry
        .counter(
            "integration_messages",
            new Tag("commune", commune),
            new Tag("route", route),
            new Tag("flow", flow),
            new Tag("outcome", outcome))
        .inc();
    registry
        .timer("integration_route_duration", new Tag("route", route))
        .update(Duration.ofMillis(millis));
  }

  /** Lines of an agents file by outcome (applied, unchanged, error). */
  public void agentLines(String commune, String outcome, int count) {
    if (count > 0) {
      registry
          .counter(
              "integration_agent_lines", new Tag("commune", commune), new Tag("outcome", outcome))
          .inc(count);
    }
  }
}
