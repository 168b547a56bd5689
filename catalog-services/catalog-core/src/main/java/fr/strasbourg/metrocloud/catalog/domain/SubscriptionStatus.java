package fr.strasbourg.metrocloud.catalog.domain;

/** Where a subscription stands on a given day. */
public enum SubscriptionStatus {
  /** Starts later. */
  SCHEDULED,
  /** In force, open-ended. */
  ACTIVE,
  /** In force, with an end date already set. */
  ENDING,
  /** Over. */
  ENDED,
  /** Cancelled before it started. */
  CANCELLED;

  public boolean inForce() {
    return this == ACTIVE || this == ENDING;
  }
}
