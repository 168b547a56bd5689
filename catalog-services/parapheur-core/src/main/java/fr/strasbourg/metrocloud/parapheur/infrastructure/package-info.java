/** Migrations of the parapheur. */
package fr.strasbourg.metrocloud.parapheur.infrastructure;
