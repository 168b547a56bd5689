package fr.strasbourg.metrocloud.billing.domain;

/**
 * DRAFT: computed, reviewable, recomputed by a new run. ISSUED: numbered and immutable (the
 * database refuses any change). DISCARDED: a draft replaced by a run of another frequency.
 */
public enum StatementStatus {
  DRAFT,
  ISSUED,
  DISCARDED
}
