/**
 * Billing domain: periods and frequencies, the rating rules (proration by day, free allowance,
 * population bands, rounding to the cent, late usage as adjustments), statements and their lines,
 * the statement documents (PDF, CSV), and the repository port.
 */
package fr.strasbourg.metrocloud.billing.domain;
