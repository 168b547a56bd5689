package fr.strasbourg.metrocloud.billing.domain;

/** A regular statement of use for a period, or a credit on an issued one. */
public enum StatementKind {
  REGULAR("EU"),
  CREDIT("AV");

  private final String numberPrefix;

  StatementKind(String numberPrefix) {
    this.numberPrefix = numberPrefix;
  }

  /** Prefix of the statement numbers: EU (état d'utilisation), AV (avoir). */
  public String numberPrefix() {
    return numberPrefix;
  }
}
