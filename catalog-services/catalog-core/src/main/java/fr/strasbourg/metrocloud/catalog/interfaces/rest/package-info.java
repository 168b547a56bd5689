/**
 * REST resources of the catalogue: {@code /catalog/services}, {@code /subscriptions}, {@code
 * /services/{code}} (the entry point of a service, guarded by the subscription) and {@code /usage}.
 */
package fr.strasbourg.metrocloud.catalog.interfaces.rest;
