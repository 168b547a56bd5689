/**
 * The published language of the tenants context. Other contexts use {@link
 * fr.strasbourg.metrocloud.tenants.api.TenantDirectory} to learn a commune's name and status, and
 * extend tenant provisioning by implementing {@link
 * fr.strasbourg.metrocloud.tenants.api.TenantResourceProvisioner} (object-storage bucket, signing
 * CA, Flowable tenant id…): each implementation creates one kind of per-tenant resource,
 * idempotently, and the registry records it.
 */
package fr.strasbourg.metrocloud.tenants.api;
