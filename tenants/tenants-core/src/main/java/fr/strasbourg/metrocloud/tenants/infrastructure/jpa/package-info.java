/** JPA adapter of the tenants repository port. */
package fr.strasbourg.metrocloud.tenants.infrastructure.jpa;
