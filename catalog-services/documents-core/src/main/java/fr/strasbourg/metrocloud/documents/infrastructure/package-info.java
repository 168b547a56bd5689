/**
 * Adapters of the GED: JPA and SQL (full-text search), Apache Tika, migrations, default document
 * types.
 */
package fr.strasbourg.metrocloud.documents.infrastructure;
