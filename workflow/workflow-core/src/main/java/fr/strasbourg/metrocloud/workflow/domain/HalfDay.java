package fr.strasbourg.metrocloud.workflow.domain;

/** Leave is taken by half days. */
public enum HalfDay {
  MORNING,
  AFTERNOON
}
