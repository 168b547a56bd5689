/** JPA and native SQL adapter of the GED repository; the full-text search is PostgreSQL's. */
package fr.strasbourg.metrocloud.documents.infrastructure.jpa;
