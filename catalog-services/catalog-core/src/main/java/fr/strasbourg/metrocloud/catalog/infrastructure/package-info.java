/** JPA adapter of the catalogue repository and the module's migrations declaration. */
package fr.strasbourg.metrocloud.catalog.infrastructure;
