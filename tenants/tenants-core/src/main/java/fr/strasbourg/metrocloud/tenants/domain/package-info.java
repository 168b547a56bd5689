/**
 * Tenants domain: the {@link fr.strasbourg.metrocloud.tenants.domain.Tenant} aggregate with its
 * lifecycle rules, the resource registry entries and the repository port.
 */
package fr.strasbourg.metrocloud.tenants.domain;
