package fr.strasbourg.metrocloud.audit.infrastructure;

import fr.strasbourg.metrocloud.kernel.migration.ModuleMigrations;
import jakarta.enterprise.context.ApplicationScoped;

/** The audit tables migrate first: every context writes audit entries. */
@ApplicationScoped
public class AuditMigrations implements ModuleMigrations {
  @Override
  public String module() {
    return "audit";
  }

  @Override
  public int order() {
    return 10;
  }
}
