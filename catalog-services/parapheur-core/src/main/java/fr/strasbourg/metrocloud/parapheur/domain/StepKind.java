package fr.strasbourg.metrocloud.parapheur.domain;

/** A visa (approval) or a signature. */
public enum StepKind {
  VISA,
  SIGNATURE
}
