/**
 * Use cases of the GED. {@link fr.strasbourg.metrocloud.documents.application.DocumentService}
 * orchestrates an upload without holding a database transaction while the content streams to the
 * object store: the object is written first, then its metadata in one transaction; if that
 * transaction fails, the object is deleted (and a reconciliation removes objects left by a crash).
 * Text extraction runs after the commit, on bounded workers, claimed in the database so two
 * instances never extract the same version.
 */
package fr.strasbourg.metrocloud.documents.application;
