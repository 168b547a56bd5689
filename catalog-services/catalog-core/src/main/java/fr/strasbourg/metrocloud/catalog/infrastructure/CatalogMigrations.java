package fr.strasbourg.metrocloud.catalog.infrastructure;

import fr.strasbourg.metrocloud.kernel.migration.ModuleMigrations;
import jakarta.enterprise.context.ApplicationScoped;

/** The catalogue migrates after tenants (subscriptions and usage reference the tenants table). */
@ApplicationScoped
public class CatalogMigrations implements ModuleMigrations {
  @Override
  public String module() {
    return "catalog";
  }

  @Override
  public int order() {
    return 200;
  }
}
