package fr.strasbourg.metrocloud.signatures.infrastructure;

import fr.strasbourg.metrocloud.kernel.migration.ModuleMigrations;
import jakarta.enterprise.context.ApplicationScoped;

/** The PKI's tables reference the tenants table. */
@ApplicationScoped
public class SignaturesMigrations implements ModuleMigrations {
  @Override
  public String module() {
    return "signatures";
  }

  @Override
  public int order() {
    return 250;
  }
}
