/**
 * The published language of the catalogue context. Every shared service (parapheur, GED, archive,
 * procedures, connectors) calls {@link
 * fr.strasbourg.metrocloud.catalog.api.ServiceAccess#requireSubscription} at the start of its use
 * cases, and reports what its communes consume through {@link
 * fr.strasbourg.metrocloud.catalog.api.UsageRecorder}.
 */
package fr.strasbourg.metrocloud.catalog.api;
