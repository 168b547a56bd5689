/**
 * Use cases of the audit trail: appending (joined with the caller's transaction, or independently
 * for refusals), listing a tenant's entries and verifying a tenant's chain (operator, audited in
 * the platform trail).
 */
package fr.strasbourg.metrocloud.audit.application;
