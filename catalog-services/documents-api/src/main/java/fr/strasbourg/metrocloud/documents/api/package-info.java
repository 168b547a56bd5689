/**
 * Published language of the document-management context (GED). The parapheur takes the PDFs it
 * routes from the GED and stores the signed output as a new version; the archive takes documents
 * and their versions from it. Both go through {@link
 * fr.strasbourg.metrocloud.documents.api.DocumentLibrary}, always in a commune's context.
 */
package fr.strasbourg.metrocloud.documents.api;
