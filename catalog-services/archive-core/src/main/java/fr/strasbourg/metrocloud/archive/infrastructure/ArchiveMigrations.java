package fr.strasbourg.metrocloud.archive.infrastructure;

import fr.strasbourg.metrocloud.kernel.migration.ModuleMigrations;
import jakarta.enterprise.context.ApplicationScoped;

/** The archive's tables reference the tenants; its search joins the GED's full-text index. */
@ApplicationScoped
public class ArchiveMigrations implements ModuleMigrations {
  @Override
  public String module() {
    return "archive";
  }

  @Override
  public int order() {
    return 460;
  }
}
