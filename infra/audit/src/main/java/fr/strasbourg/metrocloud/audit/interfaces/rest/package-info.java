/**
 * REST resources of the audit trail: {@code /audit/events} and the operator's {@code
 * /audit/verify}.
 */
package fr.strasbourg.metrocloud.audit.interfaces.rest;
