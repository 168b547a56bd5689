package fr.strasbourg.metrocloud.app.health;

import fr.strasbourg.metrocloud.app.migration.MigrationRunner;
import fr.strasbourg.metrocloud.kernel.tenancy.TenantBindingInterceptor;
import fr.strasbourg.metrocloud.workflow.engine.WorkflowEngine;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the schema is migrated, the process engine runs and the application role reaches the
 * database.
 */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {

  @Resource(lookup = TenantBindingInterceptor.DATASOURCE)
  DataSource dataSource;

  @Inject MigrationRunner migrations;

  @Inject WorkflowEngine workflow;

  @Override
  public HealthCheckResponse call() {
    var response =
        HealthCheckResponse.named("database")
            .withData("migrated", migrations.done())
            .withData("workflowEngine", workflow.started());
    if (!migrations.done() || !workflow.started()) {
      return response.down().build();
    }
    try (Connection c = dataSource.getConnection()) {
      return (c.isValid(2) ? response.up() : response.down()).build();
    } catch (Exception e) {
      return response.down().withData("error", e.getClass().getSimpleName()).build();
    }
  }
}
