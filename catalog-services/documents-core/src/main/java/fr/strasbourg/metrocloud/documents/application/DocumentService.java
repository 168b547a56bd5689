package fr.strasbourg.metrocloud.documents.application;

import fr.strasbourg.metrocloud.catalog.api.ServiceAccess;
import fr.strasbourg.metrocloud.catalog.api.ServiceCode;
import fr.strasbourg.metrocloud.catalog.api.SubscriptionTerms;
import fr.strasbourg.metrocloud.documents.api.DocumentLibrary;
import fr.strasbourg.metrocloud.documents.domain.Document;
import fr.strasbourg.metrocloud.documents.domain.DocumentVersion;
import fr.strasbourg.metrocloud.documents.domain.FileNames;
import fr.strasbourg.metrocloud.kernel.problem.Problem;
import fr.strasbourg.metrocloud.kernel.problem.UnavailableProblem;
import fr.strasbourg.metrocloud.kernel.problem.UnprocessableProblem;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.storage.ObjectStore;
import fr.strasbourg.metrocloud.storage.StorageUnavailableException;
import fr.strasbourg.metrocloud.storage.StoredObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Uploads and downloads of the GED. An upload checks what it can first (subscription, folder, type,
 * size, quota), streams the content to the commune's encrypted store without a database transaction
 * open, then records it in one transaction; if the record fails, the stored object is deleted, so
 * there is never an object without metadata (a crash in between leaves an orphan that {@link
 * DocumentMaintenance} removes) nor metadata without an object.
 */
@ApplicationScoped
public class DocumentService implements DocumentLibrary {

  private static final Logger LOG = Logger.getLogger(DocumentService.class.getName());
  private static final int DETECTION_BYTES = 64 * 1024;

  @Inject DocumentShares shares;

  @Inject ServiceAccess access;

  @Inject DocumentStore store;

  @Inject ObjectStore objects;

  @Inject TextExtractor extractor;

  @Inject DocumentsSettings settings;

  /** Stores a new document with its first version. */
  public Document create(CallContext caller, Upload upload, InputStream content) {
    SubscriptionTerms terms = access.requireSubscription(caller, ServiceCode.DOCUMENT_MANAGEMENT);
    Upload checked = validate(upload);
    store.checkNewDocument(caller, checked, terms.quotaBytes());
    UUID documentId = UUID.randomUUID();
    UUID versionId = UUID.randomUUID();
    Stored stored =
        put(caller, DocumentVersion.objectKey(documentId, versionId), content, checked.size());
    try {
      return store.recordNewDocument(
          caller,
          documentId,
          versionId,
          checked,
          stored.object(),
          stored.mimeType(),
          stored.extractable(),
          terms.quotaBytes());
    } catch (RuntimeException e) {
      deleteQuietly(caller, stored.object().key());
      throw e;
    }
  }

  /** Stores a new version of a document. */
  public DocumentVersion addVersion(
      CallContext caller, UUID documentId, Upload upload, InputStream content) {
    SubscriptionTerms terms = access.requireSubscription(caller, ServiceCode.DOCUMENT_MANAGEMENT);
    Upload checked = validate(upload);
    store.checkNewVersion(caller, documentId, checked.size(), terms.quotaBytes());
    UUID versionId = UUID.randomUUID();
    Stored stored =
        put(caller, DocumentVersion.objectKey(documentId, versionId), content, checked.size());
    try {
      return store.recordNewVersion(
          caller,
          documentId,
          versionId,
          checked.fileName(),
          checked.claimedMimeType(),
          stored.object(),
          stored.mimeType(),
          stored.extractable(),
          terms.quotaBytes());
    } catch (RuntimeException e) {
      deleteQuietly(caller, stored.object().key());
      throw e;
    }
  }

  /** A version to stream, after access was recorded. */
  public record Download(DocumentVersion version, InputStream content) {}

  public Download download(CallContext caller, UUID documentId, Integer version) {
    access.requireSubscription(caller, ServiceCode.DOCUMENT_MANAGEMENT);
    DocumentVersion v = store.download(caller, documentId, version);
    try {
      return new Download(v, objects.open(caller, v.objectKey()));
    } catch (StorageUnavailableException e) {
      throw Problems.storageUnavailable(e);
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "Content of " + documentId + " v" + v.number() + " cannot be read", e);
      throw new UnavailableProblem(
          "content-unreadable", "Le contenu de ce document est illisible ; la DSI a été alertée.");
    }
  }

  /** Opens a share link and streams the version it gives access to. */
  public Download downloadShared(CallContext caller, String token) {
    access.requireSubscription(caller, ServiceCode.DOCUMENT_MANAGEMENT);
    DocumentShares.OpenedShare opened = shares.open(caller, token);
    return download(caller, opened.document().id(), opened.share().versionNumber());
  }

  // ---- DocumentLibrary (for the parapheur and the archive)
  // --------------------------------------------------------

  @Override
  public DocumentSummary describe(CallContext commune, UUID document) {
    Document d = store.get(commune, document);
    List<DocumentVersion> versions = store.versions(commune, document);
    DocumentVersion current =
        versions.stream().filter(v -> v.number() == d.currentVersion()).findFirst().orElseThrow();
    return new DocumentSummary(
        d.id(),
        d.title(),
        d.currentVersion(),
        current.fileName(),
        current.mimeType(),
        current.size(),
        current.sha256());
  }

  @Override
  public DocumentSummary create(
      CallContext commune, String fileName, String title, InputStream content, long size) {
    Document created =
        create(
            commune, new Upload(fileName, size, null, null, title, null, null, List.of()), content);
    return describe(commune, created.id());
  }

  @Override
  public InputStream open(CallContext commune, UUID document, int version) {
    return download(commune, document, version).content();
  }

  @Override
  public int addVersion(
      CallContext commune, UUID document, String fileName, InputStream content, long size) {
    return addVersion(
            commune,
            document,
            new Upload(fileName, size, null, null, null, null, null, List.of()),
            content)
        .number();
  }

  // ---- plumbing
  // ------------------------------------------------------------------------------------------------------

  private record Stored(StoredObject object, String mimeType, boolean extractable) {}

  private Stored put(CallContext caller, String key, InputStream content, long size) {
    BufferedInputStream buffered = new BufferedInputStream(content, DETECTION_BYTES);
    String mimeType;
    try {
      buffered.mark(DETECTION_BYTES);
      byte[] head = buffered.readNBytes(DETECTION_BYTES);
      buffered.reset();
      mimeType = extractor.detect(head);
    } catch (IOException e) {
      throw Problems.badInput(
          "upload-interrupted", "L'envoi du fichier a été interrompu ; rien n'a été enregistré.");
    }
    try {
      StoredObject object = objects.put(caller, key, buffered, size);
      boolean extractable =
          extractor.extractable(mimeType) && size > 0 && size <= settings.maxExtractionInputBytes();
      return new Stored(object, mimeType, extractable);
    } catch (StorageUnavailableException e) {
      LOG.log(Level.WARNING, "Object store unavailable during an upload of " + caller.tenant(), e);
      deleteQuietly(caller, key);
      throw Problems.storageUnavailable(e);
    } catch (IllegalArgumentException e) {
      throw Problems.badInput(
          "size-mismatch",
          "Le contenu reçu ne correspond pas à la taille annoncée (Content-Length) ; rien n'a été enregistré.");
    }
  }

  private Upload validate(Upload upload) {
    String nameProblem = FileNames.problemWith(upload.fileName());
    if (nameProblem != null) {
      throw (Problem)
          Problems.badInput("invalid-file-name", "Nom de fichier refusé : " + nameProblem + ".");
    }
    if (upload.size() == 0) {
      throw new UnprocessableProblem(
          "empty-file", "Le fichier est vide (0 octet) : rien n'a été enregistré.");
    }
    if (upload.size() < 0) {
      throw Problems.badInput(
          "length-required", "La taille du fichier (Content-Length) est obligatoire.");
    }
    if (upload.size() > settings.maxUploadBytes()) {
      throw new FileTooLargeProblem(upload.size(), settings.maxUploadBytes());
    }
    if (upload.title() != null && upload.title().length() > 200) {
      throw Problems.badInput("invalid-title", "Le titre dépasse 200 caractères.");
    }
    if (upload.description() != null && upload.description().length() > 2000) {
      throw Problems.badInput("invalid-description", "La description dépasse 2 000 caractères.");
    }
    List<String> tags;
    try {
      tags = fr.strasbourg.metrocloud.documents.domain.Tags.normalize(upload.tags());
    } catch (IllegalArgumentException e) {
      throw Problems.badInput("invalid-tags", "Étiquettes refusées : " + e.getMessage() + ".");
    }
    String claimed = upload.claimedMimeType();
    if (claimed != null && claimed.length() > 255) {
      claimed = claimed.substring(0, 255);
    }
    return new Upload(
        FileNames.normalize(upload.fileName()),
        upload.size(),
        claimed,
        upload.folderId(),
        upload.title(),
        upload.description(),
        upload.type(),
        tags);
  }

  private void deleteQuietly(CallContext caller, String key) {
    try {
      objects.delete(caller, key);
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "Could not delete " + key + " after a failed upload; reconciliation removes it",
          e);
    }
  }

  /** HTTP 413: the file is larger than an upload may be. */
  public static class FileTooLargeProblem extends Problem {
    private static final long serialVersionUID = 1L;

    FileTooLargeProblem(long size, long max) {
      super(
          413,
          "file-too-large",
          "Fichier trop volumineux",
          "Le fichier ("
              + Sizes.human(size)
              + ") dépasse la taille maximale d'un envoi ("
              + Sizes.human(max)
              + ").");
      with("maxBytes", max);
    }
  }
}
