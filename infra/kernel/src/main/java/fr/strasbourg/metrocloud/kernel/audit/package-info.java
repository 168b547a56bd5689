/**
 * The audit trail port. Each tenant has an append-only, hash-chained log of security and business
 * events; contexts record through {@link fr.strasbourg.metrocloud.kernel.audit.AuditTrail} and
 * never see how the chain is kept.
 */
package fr.strasbourg.metrocloud.kernel.audit;
