/**
 * Catalogue domain: services and prices (platform reference data), subscriptions with their period
 * rules, recorded usage, and the repository port.
 */
package fr.strasbourg.metrocloud.catalog.domain;
