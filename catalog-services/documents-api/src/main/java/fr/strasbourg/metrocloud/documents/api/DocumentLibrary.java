package fr.strasbourg.metrocloud.documents.api;

import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import java.io.InputStream;
import java.util.UUID;

/** The GED as other contexts use it. Another commune's document is "not found" (404 problem). */
public interface DocumentLibrary {

  /** A document and its current version. */
  DocumentSummary describe(CallContext commune, UUID document);

  /** The decrypted content of a version (the caller closes the stream). */
  InputStream open(CallContext commune, UUID document, int version);

  /** Stores a new version (e.g. the signed PDF a circuit produced) and returns its number. */
  int addVersion(
      CallContext commune, UUID document, String fileName, InputStream content, long size);

  /**
   * Creates a document (e.g. a PDF uploaded straight into a signature circuit) at the root of the
   * commune's library and returns it.
   */
  DocumentSummary create(
      CallContext commune, String fileName, String title, InputStream content, long size);

  /** What other contexts see of a document. */
  record DocumentSummary(
      UUID id,
      String title,
      int currentVersion,
      String fileName,
      String mimeType,
      long size,
      String sha256) {}
}
