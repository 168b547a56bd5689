/**
 * The catalogue bounded context: the shared services the Eurométropole offers with their
 * effective-dated prices, the communes' subscriptions, the subscription guard of every service and
 * the usage ledger billing reads.
 */
package fr.strasbourg.metrocloud.catalog;
