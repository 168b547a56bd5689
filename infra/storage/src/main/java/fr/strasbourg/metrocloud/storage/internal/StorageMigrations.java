package fr.strasbourg.metrocloud.storage.internal;

import fr.strasbourg.metrocloud.kernel.migration.ModuleMigrations;
import jakarta.enterprise.context.ApplicationScoped;

/** The data keys reference the tenants table. */
@ApplicationScoped
public class StorageMigrations implements ModuleMigrations {
  @Override
  public String module() {
    return "storage";
  }

  @Override
  public int order() {
    return 150;
  }
}
