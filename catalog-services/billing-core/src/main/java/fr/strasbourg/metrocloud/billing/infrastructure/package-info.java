/** Billing adapters: SQL repository (native queries under Row-Level Security), migrations. */
package fr.strasbourg.metrocloud.billing.infrastructure;
