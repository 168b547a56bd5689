/** Adapters of the integration context: its migrations. */
package fr.strasbourg.metrocloud.integration.infrastructure;
