package fr.strasbourg.metrocloud.workflow.infrastructure;

import fr.strasbourg.metrocloud.kernel.migration.ModuleMigrations;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The procedures' own tables (Flowable's are created by the engine's bootstrap in their schema).
 */
@ApplicationScoped
public class WorkflowMigrations implements ModuleMigrations {
  @Override
  public String module() {
    return "workflow";
  }

  @Override
  public int order() {
    return 450;
  }
}
