package fr.strasbourg.metrocloud.catalog.domain;

/** Whether communes can subscribe to a service. */
public enum Availability {
  /** Open to subscriptions. */
  AVAILABLE,
  /** Announced; subscriptions accepted for pilot communes. */
  PREVIEW,
  /** No new subscriptions; existing ones run until their end. */
  WITHDRAWN
}
