package fr.strasbourg.metrocloud.audit.domain;

/** In which capacity the actor of an audit entry acted. */
public enum ActorKind {
  COMMUNE_USER,
  OPERATOR,
  SYSTEM
}
