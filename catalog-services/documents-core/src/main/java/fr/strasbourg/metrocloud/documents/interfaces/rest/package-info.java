/**
 * REST resources of the GED under {@code /documents}. Uploads are raw request bodies streamed to
 * the store (the file name in {@code X-File-Name}, percent-encoded UTF-8; the size in {@code
 * Content-Length}); downloads stream back.
 */
package fr.strasbourg.metrocloud.documents.interfaces.rest;
