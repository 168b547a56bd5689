package fr.strasbourg.metrocloud.documents.domain;

/**
 * Where the text extraction of a version stands; a failure is visible on the document, never
 * silent.
 */
public enum ExtractionStatus {
  /** Waiting for a worker. */
  PENDING,
  /** A worker claimed it (a claim older than the timeout is taken again). */
  RUNNING,
  /** Text extracted (possibly truncated at the limit) and indexed. */
  DONE,
  /** Extraction failed; the reason is kept; the document stays listed and downloadable. */
  FAILED,
  /** Not extracted on purpose (format without text, or over the size limit). */
  SKIPPED
}
