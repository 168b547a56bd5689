package fr.strasbourg.metrocloud.kernel.migration;

/**
 * A bounded context's migrations. Implementations are {@code @ApplicationScoped} beans; a module
 * whose tables reference another module's tables returns a higher {@link #order()}.
 */
public interface ModuleMigrations {

  /**
   * Short module name, e.g. {@code tenants}; the history table is {@code schema_history_<module>}.
   */
  String module();

  /** Modules migrate in ascending order. Kernel-level modules use 0-99, contexts 100 and up. */
  int order();

  /** Classpath location of the scripts, by convention {@code db/migration/<module>}. */
  default String location() {
    return "classpath:db/migration/" + module();
  }
}
