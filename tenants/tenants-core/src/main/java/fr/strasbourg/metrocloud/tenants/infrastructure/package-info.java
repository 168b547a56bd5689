/** Technology adapters of the tenants context and its migrations declaration. */
package fr.strasbourg.metrocloud.tenants.infrastructure;
