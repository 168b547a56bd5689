/**
 * REST resources of the tenants context ({@code /tenants}, {@code /me}) and their DTOs. Resources
 * never return entities; path parameters are parsed into value types here, and refusals are
 * problems.
 */
package fr.strasbourg.metrocloud.tenants.interfaces.rest;
