package fr.strasbourg.metrocloud.kernel.audit;

/** How an audited action ended. */
public enum Outcome {
  /** The action took effect. */
  SUCCESS,
  /** The action was refused by an authorization or tenancy rule. */
  DENIED,
  /** The action was attempted and failed (e.g. an external component was unreachable). */
  FAILURE
}
