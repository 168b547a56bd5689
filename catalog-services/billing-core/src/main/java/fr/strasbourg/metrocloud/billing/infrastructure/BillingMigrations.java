package fr.strasbourg.metrocloud.billing.infrastructure;

import fr.strasbourg.metrocloud.kernel.migration.ModuleMigrations;
import jakarta.enterprise.context.ApplicationScoped;

/** Billing migrates after the catalogue and the tenants (statements reference the communes). */
@ApplicationScoped
public class BillingMigrations implements ModuleMigrations {
  @Override
  public String module() {
    return "billing";
  }

  @Override
  public int order() {
    return 480;
  }
}
