package fr.strasbourg.metrocloud.signatures.api;

import java.time.Instant;
import java.util.List;

/**
 * Validation of the signatures of a PDF with EU DSS, the platform root CA as trust anchor and the
 * platform's CRLs as revocation data.
 */
public interface SignatureValidation {

  ValidationReport validate(String fileName, byte[] pdf);

  /** The DSS simple report, with the certificate facts a reader needs. */
  record ValidationReport(
      String fileName,
      Instant validationTime,
      int signaturesCount,
      int validSignaturesCount,
      List<SignatureResult> signatures) {}

  /**
   * One signature.
   *
   * @param indication {@code TOTAL_PASSED}, {@code INDETERMINATE} or {@code TOTAL_FAILED}
   * @param subIndication why it is not passed (e.g. {@code NO_CERTIFICATE_CHAIN_FOUND}), or null
   * @param level e.g. {@code PAdES-BASELINE-LTA}
   * @param reason the PDF signature's reason (says "par délégation de …" when so)
   * @param signerRevoked whether the signer's certificate is revoked according to the platform's
   *     CRLs (an agent who left): the signature may still pass if it was timestamped before
   */
  record SignatureResult(
      String id,
      String indication,
      String subIndication,
      String signedBy,
      Instant signingTime,
      Instant bestSignatureTime,
      String level,
      String reason,
      String certificateSubject,
      String certificateSerial,
      String certificateIssuer,
      boolean trustedByPlatform,
      boolean signerRevoked,
      Instant revocationTime,
      String revocationReason,
      boolean timestamped,
      List<String> errors,
      List<String> warnings) {}
}
