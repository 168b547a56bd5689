/** Adapters of the archive: its migrations and its periodic tasks (seals, fixity audits). */
package fr.strasbourg.metrocloud.archive.infrastructure;
