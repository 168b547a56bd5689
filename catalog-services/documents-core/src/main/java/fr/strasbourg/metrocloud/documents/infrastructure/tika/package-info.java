/** Apache Tika adapter: MIME detection from content, bounded text extraction. */
package fr.strasbourg.metrocloud.documents.infrastructure.tika;
