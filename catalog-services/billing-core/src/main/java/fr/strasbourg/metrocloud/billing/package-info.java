/**
 * Billing bounded context: cost recovery of the shared services from the member communes (CGCT
 * L5211-4-1, D5211-16) — billing runs per period, statements of use rated from the catalogue's
 * tariffs, subscriptions and usage ledger (read through {@code catalog-api}'s BillingInputs),
 * credits, and the receivables sent to the Eurométropole's finance software ({@code
 * integration-api}'s Receivables).
 */
package fr.strasbourg.metrocloud.billing;
