package fr.strasbourg.metrocloud.archive.domain;

/** What happens when a unit's retention period ends (SEDA {@code FinalAction}: Keep, Destroy). */
public enum FinalAction {
  /** Kept for good (historical archives). */
  KEEP("Keep"),
  /** Destroyed after the commune's and the archives authority's approval. */
  DESTROY("Destroy");

  private final String seda;

  FinalAction(String seda) {
    this.seda = seda;
  }

  /** The value SEDA 2.2 messages carry. */
  public String seda() {
    return seda;
  }
}
