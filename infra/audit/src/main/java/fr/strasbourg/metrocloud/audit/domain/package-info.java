/**
 * Audit entries and the hash-chain rules (canonical form, genesis hash, verification of a
 * sequence).
 */
package fr.strasbourg.metrocloud.audit.domain;
