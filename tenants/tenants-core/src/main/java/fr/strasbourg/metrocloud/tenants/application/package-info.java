/**
 * Use cases of the tenants context. {@link
 * fr.strasbourg.metrocloud.tenants.application.TenantAdministration} is the operator's facade;
 * {@link fr.strasbourg.metrocloud.tenants.application.TenantProvisioning} runs the provisioning
 * saga without holding a database transaction while it calls external systems; each database step
 * is a short tenant-bound transaction in {@link
 * fr.strasbourg.metrocloud.tenants.application.TenantStore}.
 */
package fr.strasbourg.metrocloud.tenants.application;
