/**
 * GED domain: folders, documents, versions, document types, file-name and tag rules, the repository
 * port.
 */
package fr.strasbourg.metrocloud.documents.domain;
