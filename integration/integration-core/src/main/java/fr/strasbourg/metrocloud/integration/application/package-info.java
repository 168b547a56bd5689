/**
 * Connectors of the communes to their HR and finance software, the transactional outbox and its
 * dispatcher over Apache Camel, the exchange log.
 */
package fr.strasbourg.metrocloud.integration.application;
