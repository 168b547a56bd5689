package fr.strasbourg.metrocloud.tenants.infrastructure;

import fr.strasbourg.metrocloud.kernel.migration.ModuleMigrations;
import jakarta.enterprise.context.ApplicationScoped;

/** Tenants migrate right after the audit trail; other contexts reference the tenants table. */
@ApplicationScoped
public class TenantsMigrations implements ModuleMigrations {
  @Override
  public String module() {
    return "tenants";
  }

  @Override
  public int order() {
    return 100;
  }
}
