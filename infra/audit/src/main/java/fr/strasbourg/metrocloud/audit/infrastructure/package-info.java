/** Module wiring: declares the audit migrations to the platform's migration runner. */
package fr.strasbourg.metrocloud.audit.infrastructure;
