package fr.strasbourg.metrocloud.documents.application;

import fr.strasbourg.metrocloud.catalog.api.ServiceCode;
import fr.strasbourg.metrocloud.catalog.api.UsageEvent;
import fr.strasbourg.metrocloud.catalog.api.UsageRecorder;
import fr.strasbourg.metrocloud.documents.domain.Document;
import fr.strasbourg.metrocloud.documents.domain.DocumentRepository;
import fr.strasbourg.metrocloud.documents.domain.DocumentType;
import fr.strasbourg.metrocloud.documents.domain.DocumentVersion;
import fr.strasbourg.metrocloud.documents.domain.FileNames;
import fr.strasbourg.metrocloud.documents.domain.Folder;
import fr.strasbourg.metrocloud.documents.domain.SearchCriteria;
import fr.strasbourg.metrocloud.documents.domain.SearchPage;
import fr.strasbourg.metrocloud.kernel.audit.AuditRecord;
import fr.strasbourg.metrocloud.kernel.audit.AuditTrail;
import fr.strasbourg.metrocloud.kernel.problem.ConflictProblem;
import fr.strasbourg.metrocloud.kernel.problem.UnprocessableProblem;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.TenantBound;
import fr.strasbourg.metrocloud.storage.StoredObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * The GED's database steps, each a short transaction bound to the commune, each with its audit
 * entry.
 */
@ApplicationScoped
@Transactional
@TenantBound
public class DocumentStore {

  static final String SOURCE = "documents";

  @Inject DocumentRepository repository;

  @Inject AuditTrail audit;

  @Inject UsageRecorder usage;

  @Inject Clock clock;

  @Inject Event<VersionStored> versionStored;

  /** Checks folder, type and quota before a new document's content is sent to the store. */
  public void checkNewDocument(CallContext commune, Upload upload, OptionalLong quota) {
    if (upload.folderId() != null) {
      repository
          .folder(upload.folderId())
          .orElseThrow(() -> Problems.folderNotFound(upload.folderId()));
    }
    requireType(upload.type());
    checkQuota(repository.storedBytes(), upload.size(), quota);
  }

  /**
   * Checks that the document exists (not in the trash) and the quota before a new version is sent
   * to the store.
   */
  public void checkNewVersion(CallContext commune, UUID documentId, long size, OptionalLong quota) {
    active(documentId);
    checkQuota(repository.storedBytes(), size, quota);
  }

  static void checkQuota(long stored, long size, OptionalLong quota) {
    if (quota.isPresent() && stored + size > quota.getAsLong()) {
      throw new QuotaExceededProblem(stored, size, quota.getAsLong());
    }
  }

  private void requireType(String type) {
    if (type != null && repository.type(type).isEmpty()) {
      throw new UnprocessableProblem(
          "unknown-document-type", "Type de document inconnu : « " + type + " ».");
    }
  }

  /** Records a new document and its first version (the content is already in the store). */
  public Document recordNewDocument(
      CallContext commune,
      UUID documentId,
      UUID versionId,
      Upload upload,
      StoredObject object,
      String mimeType,
      boolean extractable,
      OptionalLong quota) {
    checkQuota(repository.storedBytes(), object.size(), quota);
    String title =
        upload.title() == null || upload.title().isBlank()
            ? FileNames.titleOf(upload.fileName())
            : upload.title().strip();
    Document document =
        Document.create(
            documentId,
            commune.tenant().value(),
            upload.folderId(),
            title,
            upload.description(),
            upload.type(),
            upload.tags(),
            commune.actor().username(),
            commune.actor().displayName(),
            clock.instant());
    repository.add(document);
    addVersion(
        commune,
        document,
        versionId,
        upload.fileName(),
        upload.claimedMimeType(),
        object,
        mimeType,
        extractable);
    audit.record(
        commune,
        AuditRecord.success("documents.document.created", "document", documentId.toString())
            .withDetail("title", title)
            .withDetail("sha256", object.sha256())
            .withDetail("size", Long.toString(object.size())));
    return document;
  }

  /** Records a new version of an existing document. */
  public DocumentVersion recordNewVersion(
      CallContext commune,
      UUID documentId,
      UUID versionId,
      String fileName,
      String claimedMimeType,
      StoredObject object,
      String mimeType,
      boolean extractable,
      OptionalLong quota) {
    Document document = active(documentId);
    checkQuota(repository.storedBytes(), object.size(), quota);
    DocumentVersion version =
        addVersion(
            commune, document, versionId, fileName, claimedMimeType, object, mimeType, extractable);
    audit.record(
        commune,
        AuditRecord.success("documents.version.added", "document", documentId.toString())
            .withDetail("version", Integer.toString(version.number()))
            .withDetail("sha256", object.sha256()));
    return version;
  }

  private DocumentVersion addVersion(
      CallContext commune,
      Document document,
      UUID versionId,
      String fileName,
      String claimedMimeType,
      StoredObject object,
      String mimeType,
      boolean extractable) {
    int number = document.nextVersion();
    DocumentVersion version =
        DocumentVersion.stored(
            versionId,
            commune.tenant().value(),
            document.id(),
            number,
            fileName,
            object.size(),
            object.sha256(),
            mimeType,
            claimedMimeType,
            object.key(),
            object.storedSize(),
            commune.actor().username(),
            clock.instant(),
            extractable);
    repository.add(version);
    document.versionAdded(number, clock.instant());
    repository.refreshSearch(document.id());
    usage.record(
        commune,
        new UsageEvent(
            ServiceCode.DOCUMENT_MANAGEMENT,
            "documents.uploads",
            BigDecimal.ONE,
            clock.instant(),
            "upload/" + versionId,
            SOURCE));
    versionStored.fire(new VersionStored(commune.tenant(), versionId, extractable));
    return version;
  }

  /** A document that is not in the trash. */
  Document active(UUID documentId) {
    Document document =
        repository.document(documentId).orElseThrow(() -> Problems.documentNotFound(documentId));
    if (document.inTrash()) {
      throw (ConflictProblem)
          new ConflictProblem(
                  "document-in-trash", "Ce document est dans la corbeille ; restaurez-le d'abord.")
              .with("document", documentId.toString());
    }
    return document;
  }

  public Document get(CallContext commune, UUID documentId) {
    return repository.document(documentId).orElseThrow(() -> Problems.documentNotFound(documentId));
  }

  public List<DocumentVersion> versions(CallContext commune, UUID documentId) {
    get(commune, documentId);
    return repository.versions(documentId);
  }

  /** Records a download (audit and usage) and returns the version to stream. */
  public DocumentVersion download(CallContext commune, UUID documentId, Integer number) {
    Document document = active(documentId);
    int wanted = number == null ? document.currentVersion() : number;
    DocumentVersion version =
        repository
            .version(documentId, wanted)
            .orElseThrow(() -> Problems.versionNotFound(documentId, wanted));
    audit.record(
        commune,
        AuditRecord.success("documents.document.downloaded", "document", documentId.toString())
            .withDetail("version", Integer.toString(wanted)));
    usage.record(
        commune,
        new UsageEvent(
            ServiceCode.DOCUMENT_MANAGEMENT,
            "documents.downloads",
            BigDecimal.ONE,
            clock.instant(),
            "download/" + UUID.randomUUID(),
            SOURCE));
    return version;
  }

  public Document describe(
      CallContext commune,
      UUID documentId,
      String title,
      String description,
      String type,
      List<String> tags,
      UUID folderId) {
    Document document = active(documentId);
    if (folderId != null) {
      repository.folder(folderId).orElseThrow(() -> Problems.folderNotFound(folderId));
    }
    requireType(type);
    document.describe(title, description, type, tags, folderId, clock.instant());
    repository.refreshSearch(documentId);
    audit.record(
        commune,
        AuditRecord.success("documents.document.described", "document", documentId.toString()));
    return document;
  }

  public Document trash(CallContext commune, UUID documentId) {
    Document document = active(documentId);
    document.trash(commune.actor().username(), clock.instant());
    audit.record(
        commune,
        AuditRecord.success("documents.document.trashed", "document", documentId.toString()));
    return document;
  }

  public Document restore(CallContext commune, UUID documentId) {
    Document document = get(commune, documentId);
    if (!document.inTrash()) {
      throw new ConflictProblem(
          "document-not-in-trash", "Ce document n'est pas dans la corbeille.");
    }
    document.restore(clock.instant());
    audit.record(
        commune,
        AuditRecord.success("documents.document.restored", "document", documentId.toString()));
    return document;
  }

  public List<Document> trashContents(CallContext commune) {
    return repository.trash();
  }

  public SearchPage search(CallContext commune, SearchCriteria criteria) {
    return repository.search(criteria);
  }

  public List<DocumentType> types(CallContext commune) {
    return repository.types();
  }

  public long storedBytes(CallContext commune) {
    return repository.storedBytes();
  }

  // ---- folders
  // ------------------------------------------------------------------------------------------------------

  public List<Folder> folders(CallContext commune) {
    return repository.folders();
  }

  public Folder createFolder(CallContext commune, UUID parentId, String name) {
    if (parentId != null) {
      repository.folder(parentId).orElseThrow(() -> Problems.folderNotFound(parentId));
    }
    if (repository.folderNameTaken(parentId, name)) {
      throw new ConflictProblem(
          "folder-exists", "Un dossier « " + name + " » existe déjà à cet endroit.");
    }
    Folder folder =
        Folder.create(
            commune.tenant().value(), parentId, name, commune.actor().username(), clock.instant());
    repository.add(folder);
    audit.record(
        commune,
        AuditRecord.success("documents.folder.created", "folder", folder.id().toString())
            .withDetail("name", name));
    return folder;
  }

  public Folder renameFolder(CallContext commune, UUID folderId, String name) {
    Folder folder =
        repository.folder(folderId).orElseThrow(() -> Problems.folderNotFound(folderId));
    if (!folder.name().equalsIgnoreCase(name)
        && repository.folderNameTaken(folder.parentId(), name)) {
      throw new ConflictProblem(
          "folder-exists", "Un dossier « " + name + " » existe déjà à cet endroit.");
    }
    folder.rename(name, clock.instant());
    audit.record(
        commune,
        AuditRecord.success("documents.folder.renamed", "folder", folderId.toString())
            .withDetail("name", name));
    return folder;
  }

  public void deleteFolder(CallContext commune, UUID folderId) {
    Folder folder =
        repository.folder(folderId).orElseThrow(() -> Problems.folderNotFound(folderId));
    if (!repository.folderIsEmpty(folderId)) {
      throw new ConflictProblem(
          "folder-not-empty", "Le dossier « " + folder.name() + " » n'est pas vide.");
    }
    repository.remove(folder);
    audit.record(
        commune, AuditRecord.success("documents.folder.deleted", "folder", folderId.toString()));
  }
}
