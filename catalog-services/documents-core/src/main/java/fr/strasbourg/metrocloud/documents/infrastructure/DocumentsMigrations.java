package fr.strasbourg.metrocloud.documents.infrastructure;

import fr.strasbourg.metrocloud.kernel.migration.ModuleMigrations;
import jakarta.enterprise.context.ApplicationScoped;

/** The GED's tables reference the tenants table. */
@ApplicationScoped
public class DocumentsMigrations implements ModuleMigrations {
  @Override
  public String module() {
    return "documents";
  }

  @Override
  public int order() {
    return 300;
  }
}
