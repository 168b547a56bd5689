package fr.strasbourg.metrocloud.billing.domain;

/** What a statement line bills. */
public enum LineKind {
  /** Units used in the period (or months of subscription for services billed per month). */
  USAGE,
  /** The yearly base fee, prorated by subscribed day. */
  BASE_FEE,
  /** Usage of an already billed period recorded after its statement was computed. */
  ADJUSTMENT,
  /** A credit on an issued statement's line (negative). */
  CREDIT
}
