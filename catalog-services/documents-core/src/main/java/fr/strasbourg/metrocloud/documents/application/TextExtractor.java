package fr.strasbourg.metrocloud.documents.application;

import java.io.InputStream;

/**
 * Detection of the MIME type from the content (never from the client's claim) and bounded text
 * extraction.
 */
public interface TextExtractor {

  /** The MIME type of a content from its first bytes (magic numbers). */
  String detect(byte[] firstBytes);

  /** Whether documents of this type have text worth extracting. */
  boolean extractable(String mimeType);

  /**
   * Extracts the text of a content, at most {@code maxChars} characters and {@code maxDepth} levels
   * of embedded documents; the refined MIME type comes with it (containers such as OOXML are
   * recognized only from the whole file).
   *
   * @throws ExtractionException with a French reason: encrypted, corrupt, decompression bomb…
   */
  Extraction extract(InputStream content, int maxChars, int maxDepth) throws ExtractionException;

  /** What an extraction produced. */
  record Extraction(String mimeType, String text, boolean truncated) {}

  /** The content could not be read; the message says why, in French. */
  class ExtractionException extends Exception {
    private static final long serialVersionUID = 1L;

    public ExtractionException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
