package fr.strasbourg.metrocloud.documents.application;

import fr.strasbourg.metrocloud.documents.domain.Document;
import fr.strasbourg.metrocloud.documents.domain.DocumentRepository;
import fr.strasbourg.metrocloud.documents.domain.DocumentVersion;
import fr.strasbourg.metrocloud.documents.domain.Folder;
import fr.strasbourg.metrocloud.kernel.audit.AuditRecord;
import fr.strasbourg.metrocloud.kernel.audit.AuditTrail;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.TenantBound;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Database steps of an export, each one short transaction bound to the commune. */
@ApplicationScoped
@Transactional
@TenantBound
public class ExportSteps {

  @Inject DocumentRepository repository;

  @Inject AuditTrail audit;

  /** What an export contains, read in one transaction (a consistent picture). */
  public record Inventory(
      List<Document> documents, List<DocumentVersion> versions, List<Folder> folders) {}

  public Inventory inventory(CallContext onCommune) {
    return new Inventory(repository.allDocuments(), repository.allVersions(), repository.folders());
  }

  public void completed(
      CallContext onCommune, Instant startedAt, int documents, int versions, long bytes) {
    UUID id = UUID.randomUUID();
    // the export reflects the state read when it started: changes during the export need another
    repository.recordExport(
        id, startedAt, onCommune.actor().username(), documents, versions, bytes);
    audit.record(
        onCommune,
        AuditRecord.success("documents.export.completed", "export", id.toString())
            .withDetail("documents", Integer.toString(documents))
            .withDetail("versions", Integer.toString(versions))
            .withDetail("bytes", Long.toString(bytes)));
  }

  /** Why the commune's documents are not safely exported, or empty. */
  public Optional<String> unexported(CallContext onCommune) {
    if (!repository.hasDocuments()) {
      return Optional.empty();
    }
    Optional<Instant> last = repository.lastExport();
    if (last.isEmpty()) {
      return Optional.of(
          "Les documents de la commune n'ont jamais été exportés : exportez-les d'abord"
              + " (GET /api/v1/tenants/{insee}/documents/export) et remettez l'export à la commune.");
    }
    if (repository.changedSince(last.get())) {
      return Optional.of(
          "Des documents ont changé depuis le dernier export ("
              + last.get()
              + ") : exportez-les à nouveau avant la désactivation définitive.");
    }
    return Optional.empty();
  }
}
