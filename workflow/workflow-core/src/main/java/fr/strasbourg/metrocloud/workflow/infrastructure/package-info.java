/** Migrations of the procedures' tables. */
package fr.strasbourg.metrocloud.workflow.infrastructure;
