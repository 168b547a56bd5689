/**
 * The audit bounded context: an append-only log of security and business events per tenant, chained
 * by SHA-256 so that any later edit of a stored entry is detected by {@link
 * fr.strasbourg.metrocloud.audit.application.AuditVerification}.
 */
package fr.strasbourg.metrocloud.audit;
