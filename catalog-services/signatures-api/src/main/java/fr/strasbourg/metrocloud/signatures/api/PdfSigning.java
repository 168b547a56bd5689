package fr.strasbourg.metrocloud.signatures.api;

import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import java.time.Instant;

/**
 * PAdES signatures made by the caller (a member of a commune) with a certificate the commune's
 * signing CA issues on first use. The private key never leaves the platform's key custody.
 */
public interface PdfSigning {

  /** Largest PDF accepted (bytes). */
  long MAX_PDF_BYTES = 50L * 1024 * 1024;

  /**
   * Reads a request body that should be a PDF, refusing more than {@link #MAX_PDF_BYTES} (413
   * problem {@code pdf-too-large}) without reading further.
   */
  static byte[] readBounded(java.io.InputStream body) {
    try {
      byte[] data = body.readNBytes((int) MAX_PDF_BYTES + 1);
      if (data.length > MAX_PDF_BYTES) {
        throw new fr.strasbourg.metrocloud.kernel.problem.PayloadTooLargeProblem(
            "pdf-too-large",
            "Le PDF dépasse "
                + (MAX_PDF_BYTES / (1024 * 1024))
                + " Mo, la taille maximale acceptée.");
      }
      if (data.length == 0) {
        throw new fr.strasbourg.metrocloud.kernel.problem.BadRequestProblem(
            "empty-body", "Le corps de la requête est vide : envoyez le PDF.");
      }
      return data;
    } catch (java.io.IOException e) {
      throw new fr.strasbourg.metrocloud.kernel.problem.BadRequestProblem(
          "unreadable-body", "Le fichier n'a pas pu être reçu en entier.");
    }
  }

  /**
   * Checks that the bytes are a PDF the platform can sign: not another format (415 problem {@code
   * not-a-pdf}), not encrypted (422 {@code encrypted-pdf}), not damaged (422 {@code corrupt-pdf}),
   * not too large (413 {@code pdf-too-large}).
   */
  PdfFacts inspect(byte[] pdf);

  /** Signs as the caller; an existing signature of the PDF stays valid (incremental update). */
  SignedPdf sign(CallContext signer, byte[] pdf, SignatureRequest request);

  /** What the platform found in a PDF. */
  record PdfFacts(int pages, int existingSignatures) {}

  /**
   * @param signerTitle the capacity the signer signs in, e.g. "Maire" (shown in the stamp)
   * @param onBehalfOf the display name of the person whose signing right the signer holds by
   *     delegation, or {@code null}
   * @param reason the PDF signature's reason, e.g. "Approbation de l'arrêté n° 2026-14"
   * @param position where to put the visible stamp, {@code null} for the bottom of the last page
   */
  record SignatureRequest(
      String signerTitle, String onBehalfOf, String reason, StampPosition position) {}

  /**
   * A stamp position in PDF points from the top-left corner of a page (1-based).
   *
   * @param page 1-based page number; 0 means the last page
   */
  record StampPosition(int page, float x, float y) {}

  /**
   * @param level the PAdES level actually reached, e.g. {@code PAdES-BASELINE-LTA}
   */
  record SignedPdf(
      byte[] pdf,
      String certificateSerial,
      String certificateSubject,
      String certificateSha256,
      String level,
      Instant signedAt) {}
}
