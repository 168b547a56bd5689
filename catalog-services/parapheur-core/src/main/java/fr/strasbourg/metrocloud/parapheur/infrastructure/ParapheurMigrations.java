package fr.strasbourg.metrocloud.parapheur.infrastructure;

import fr.strasbourg.metrocloud.kernel.migration.ModuleMigrations;
import jakarta.enterprise.context.ApplicationScoped;

/** The parapheur's tables reference the tenants and the GED's documents. */
@ApplicationScoped
public class ParapheurMigrations implements ModuleMigrations {
  @Override
  public String module() {
    return "parapheur";
  }

  @Override
  public int order() {
    return 400;
  }
}
