package fr.strasbourg.metrocloud.parapheur.application;

import fr.strasbourg.metrocloud.catalog.api.ServiceAccess;
import fr.strasbourg.metrocloud.catalog.api.ServiceCode;
import fr.strasbourg.metrocloud.documents.api.DocumentLibrary;
import fr.strasbourg.metrocloud.kernel.problem.ConflictProblem;
import fr.strasbourg.metrocloud.kernel.problem.UnprocessableProblem;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.parapheur.application.FolderViews.Folder;
import fr.strasbourg.metrocloud.signatures.api.PdfSigning;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Submitting into a circuit, visas, signatures, rejections, withdrawals. Every call needs the
 * commune's subscription to the e-signature service.
 */
@ApplicationScoped
public class Parapheur {

  /** How long a signer waits for another signature of the same folder to finish. */
  static final Duration BUSY_WAIT = Duration.ofSeconds(20);

  @Inject Folders folders;

  @Inject CircuitTemplates templates;

  @Inject Delegations delegations;

  @Inject DocumentLibrary documents;

  @Inject PdfSigning signing;

  @Inject ServiceAccess access;

  @Inject Clock clock;

  /** Submits a PDF of the GED (its current version) into a circuit. */
  public Folder submit(
      CallContext caller,
      UUID templateId,
      UUID documentId,
      String title,
      String message,
      LocalDate dueDate) {
    guard(caller);
    CircuitTemplates.Template template = usableTemplate(caller, templateId);
    checkFields(title, message, dueDate);
    DocumentLibrary.DocumentSummary document = documents.describe(caller, documentId);
    signing.inspect(read(caller, documentId, document.currentVersion()));
    return folders.submit(
        caller,
        template,
        documentId,
        document.currentVersion(),
        title.strip(),
        blank(message),
        dueDate);
  }

  /** Stores an uploaded PDF in the GED, then submits it. */
  public Folder submitUpload(
      CallContext caller,
      UUID templateId,
      String fileName,
      byte[] pdf,
      String title,
      String message,
      LocalDate dueDate) {
    guard(caller);
    CircuitTemplates.Template template = usableTemplate(caller, templateId);
    checkFields(title, message, dueDate);
    signing.inspect(pdf);
    DocumentLibrary.DocumentSummary document =
        documents.create(
            caller,
            fileName == null || fileName.isBlank() ? "document.pdf" : fileName,
            title.strip(),
            new ByteArrayInputStream(pdf),
            pdf.length);
    return folders.submit(
        caller,
        template,
        document.id(),
        document.currentVersion(),
        title.strip(),
        blank(message),
        dueDate);
  }

  public Folder approve(CallContext caller, UUID folderId, UUID stepId, String comment) {
    guard(caller);
    return folders.approve(
        caller, folderId, stepId, comment(comment), delegations.activeTo(caller));
  }

  /**
   * Signs the folder's working version as the caller (or the person they hold a delegation from)
   * and stores the signed PDF as a new version of the GED document.
   */
  public Folder sign(
      CallContext caller,
      UUID folderId,
      UUID stepId,
      String comment,
      PdfSigning.StampPosition position) {
    guard(caller);
    List<Delegations.Delegation> delegated = delegations.activeTo(caller);
    Instant deadline = clock.instant().plus(BUSY_WAIT);
    Folders.Claim claim;
    while ((claim = folders.claimSignature(caller, folderId, stepId, delegated).orElse(null))
        == null) {
      if (clock.instant().isAfter(deadline)) {
        throw new ConflictProblem(
            "folder-busy",
            "Une autre signature de ce dossier est en cours : réessayez dans un instant.");
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ConflictProblem("folder-busy", "Signature interrompue : réessayez.");
      }
    }
    try {
      Folder folder = claim.folder();
      DocumentLibrary.DocumentSummary document = documents.describe(caller, folder.documentId());
      byte[] pdf = read(caller, folder.documentId(), folder.workingVersion());
      PdfSigning.SignedPdf signed =
          signing.sign(
              caller,
              pdf,
              new PdfSigning.SignatureRequest(
                  claim.step().label(),
                  claim.step().onBehalfOfName(),
                  "Signature de « " + folder.title() + " »",
                  position));
      int version =
          documents.addVersion(
              caller,
              folder.documentId(),
              document.fileName(),
              new ByteArrayInputStream(signed.pdf()),
              signed.pdf().length);
      return folders.completeSignature(
          caller,
          claim,
          comment(comment),
          signed.certificateSerial(),
          signed.certificateSubject(),
          signed.level(),
          version);
    } catch (RuntimeException e) {
      folders.releaseClaim(caller, claim.step().stepId());
      throw e;
    }
  }

  public Folder reject(CallContext caller, UUID folderId, UUID stepId, String reason) {
    guard(caller);
    if (reason == null || reason.isBlank()) {
      throw new UnprocessableProblem(
          "reason-required", "Un refus se motive : indiquez la raison du refus.");
    }
    return folders.reject(caller, folderId, stepId, comment(reason), delegations.activeTo(caller));
  }

  public Folder withdraw(CallContext caller, UUID folderId, String reason) {
    guard(caller);
    return folders.withdraw(caller, folderId, comment(reason));
  }

  private void guard(CallContext caller) {
    access.requireSubscription(caller, ServiceCode.E_SIGNATURE);
  }

  private CircuitTemplates.Template usableTemplate(CallContext caller, UUID templateId) {
    CircuitTemplates.Template template = templates.get(caller, templateId);
    if (template.archivedAt() != null) {
      throw new ConflictProblem(
          "template-archived", "Ce circuit est archivé : choisissez-en un autre.");
    }
    return template;
  }

  private void checkFields(String title, String message, LocalDate dueDate) {
    if (title == null || title.isBlank() || title.strip().length() > 200) {
      throw new UnprocessableProblem(
          "invalid-folder", "L'objet du dossier est obligatoire (200 caractères au plus).");
    }
    if (message != null && message.length() > 2000) {
      throw new UnprocessableProblem("invalid-folder", "Le message dépasse 2 000 caractères.");
    }
    if (dueDate != null && dueDate.isBefore(LocalDate.now(clock.withZone(Delegations.PARIS)))) {
      throw new UnprocessableProblem("invalid-folder", "La date limite est déjà passée.");
    }
  }

  private byte[] read(CallContext caller, UUID documentId, int version) {
    try (InputStream in = documents.open(caller, documentId, version)) {
      return PdfSigning.readBounded(in);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read document " + documentId, e);
    }
  }

  private static String comment(String comment) {
    if (comment == null || comment.isBlank()) {
      return null;
    }
    String c = comment.strip();
    return c.length() > 2000 ? c.substring(0, 2000) : c;
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
