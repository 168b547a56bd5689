package fr.strasbourg.metrocloud.integration.infrastructure;

import fr.strasbourg.metrocloud.kernel.migration.ModuleMigrations;
import jakarta.enterprise.context.ApplicationScoped;

/** The connectors, the outbox and the exchange log. */
@ApplicationScoped
public class IntegrationMigrations implements ModuleMigrations {
  @Override
  public String module() {
    return "integration";
  }

  @Override
  public int order() {
    return 470;
  }
}
