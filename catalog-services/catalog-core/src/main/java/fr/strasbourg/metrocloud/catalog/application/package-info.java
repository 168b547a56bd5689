/**
 * Use cases of the catalogue: reading the catalogue, subscribing and unsubscribing a commune
 * (commune administrator), listing subscriptions (own commune; all communes for the operator,
 * audited), the subscription guard of the services and the usage ledger. Business days are those of
 * Europe/Paris.
 */
package fr.strasbourg.metrocloud.catalog.application;
