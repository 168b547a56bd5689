package fr.strasbourg.metrocloud.app.migration;

import fr.strasbourg.metrocloud.kernel.migration.ModuleMigrations;
import jakarta.enterprise.context.ApplicationScoped;

/** Schema-level grants, before any module. */
@ApplicationScoped
public class PlatformMigrations implements ModuleMigrations {
  @Override
  public String module() {
    return "platform";
  }

  @Override
  public int order() {
    return 0;
  }
}
