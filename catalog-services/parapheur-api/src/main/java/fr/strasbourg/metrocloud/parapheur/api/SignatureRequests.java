package fr.strasbourg.metrocloud.parapheur.api;

import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import java.util.UUID;

/**
 * Has a GED document signed by one person of the commune through the parapheur: a folder of a
 * one-signature circuit appears in that person's parapheur, and {@link FolderClosed} is fired in
 * the transaction that closes it. Needs the commune's e-signature subscription.
 */
public interface SignatureRequests {

  /**
   * Submits the document's current version for signature.
   *
   * @param signerUsername a person of the commune
   * @param signerLabel their capacity, printed in the stamp (e.g. « Maire »)
   * @return the parapheur folder's id
   */
  UUID requestSignature(
      CallContext commune,
      UUID documentId,
      String title,
      String signerUsername,
      String signerLabel,
      String message);

  /** A folder reached its end: {@code APPROVED} (signed), {@code REJECTED} or {@code WITHDRAWN}. */
  record FolderClosed(
      String tenant,
      UUID folderId,
      String status,
      UUID documentId,
      int workingVersion,
      String reason) {}
}
