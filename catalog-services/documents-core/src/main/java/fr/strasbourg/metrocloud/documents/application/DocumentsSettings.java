package fr.strasbourg.metrocloud.documents.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Limits of the GED (MicroProfile Config, with the defaults below). */
@ApplicationScoped
public class DocumentsSettings {

  /** Largest file accepted by an upload (413 above). */
  @Inject
  @ConfigProperty(name = "metrocloud.documents.max-upload-bytes", defaultValue = "209715200")
  long maxUploadBytes;

  /** Larger files are stored but their text is not extracted. */
  @Inject
  @ConfigProperty(
      name = "metrocloud.documents.extraction.max-input-bytes",
      defaultValue = "52428800")
  long maxExtractionInputBytes;

  /** An extraction that takes longer fails with "délai dépassé". */
  @Inject
  @ConfigProperty(name = "metrocloud.documents.extraction.timeout-seconds", defaultValue = "60")
  int extractionTimeoutSeconds;

  /** Extracted text beyond this is cut (the document says so). */
  @Inject
  @ConfigProperty(name = "metrocloud.documents.extraction.max-chars", defaultValue = "500000")
  int maxExtractedChars;

  /** Documents embedded in documents are read this deep, no deeper. */
  @Inject
  @ConfigProperty(name = "metrocloud.documents.extraction.max-embedded-depth", defaultValue = "2")
  int maxEmbeddedDepth;

  public long maxUploadBytes() {
    return maxUploadBytes;
  }

  public long maxExtractionInputBytes() {
    return maxExtractionInputBytes;
  }

  public Duration extractionTimeout() {
    return Duration.ofSeconds(extractionTimeoutSeconds);
  }

  public int maxExtractedChars() {
    return maxExtractedChars;
  }

  public int maxEmbeddedDepth() {
    return maxEmbeddedDepth;
  }
}
