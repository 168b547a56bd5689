package fr.strasbourg.metrocloud.documents.application;

import fr.strasbourg.metrocloud.documents.domain.Document;
import fr.strasbourg.metrocloud.documents.domain.DocumentVersion;
import fr.strasbourg.metrocloud.documents.domain.Folder;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.storage.ObjectStore;
import fr.strasbourg.metrocloud.tenants.api.DecommissionPrecondition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Exports every document of a commune (trash included, every version) as a ZIP streamed to the
 * operator: {@code manifeste.csv} (one line per version: metadata, folder path, SHA-256, path in
 * the archive) and {@code documents/<document id>/v<n>-<file name>}. Each content's SHA-256 is
 * checked against the one recorded at upload; a mismatch or a missing object aborts the export,
 * which is then not recorded. Decommissioning waits for a complete export made after the last
 * change.
 */
@ApplicationScoped
public class DocumentExports implements DecommissionPrecondition {

  static final String MANIFEST = "manifeste.csv";

  @Inject ExportSteps steps;

  @Inject ObjectStore objects;

  @Inject Clock clock;

  /** What a complete export held. */
  public record ExportSummary(int documents, int versions, long bytes) {}

  public ExportSummary export(CallContext onCommune, OutputStream out) throws IOException {
    Instant startedAt = clock.instant();
    ExportSteps.Inventory inventory = steps.inventory(onCommune);
    Map<UUID, Document> documents =
        inventory.documents().stream().collect(Collectors.toMap(Document::id, Function.identity()));
    Map<UUID, String> paths = folderPaths(inventory.folders());
    long bytes = 0;
    ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
    zip.putNextEntry(new ZipEntry(MANIFEST));
    zip.write(manifest(inventory.versions(), documents, paths).getBytes(StandardCharsets.UTF_8));
    zip.closeEntry();
    for (DocumentVersion v : inventory.versions()) {
      zip.putNextEntry(new ZipEntry(entryName(v)));
      MessageDigest sha256 = sha256();
      try (InputStream in = new DigestInputStream(objects.open(onCommune, v.objectKey()), sha256)) {
        bytes += in.transferTo(zip);
      }
      String actual = HexFormat.of().formatHex(sha256.digest());
      if (!actual.equals(v.sha256())) {
        throw new IOException(
            "Empreinte SHA-256 différente pour " + v.documentId() + " v" + v.number());
      }
      zip.closeEntry();
    }
    zip.finish();
    zip.flush();
    steps.completed(
        onCommune, startedAt, inventory.documents().size(), inventory.versions().size(), bytes);
    return new ExportSummary(inventory.documents().size(), inventory.versions().size(), bytes);
  }

  @Override
  public Optional<String> blocker(CallContext onCommune) {
    return steps.unexported(onCommune);
  }

  static String entryName(DocumentVersion v) {
    return "documents/" + v.documentId() + "/v" + v.number() + "-" + v.fileName();
  }

  static String manifest(
      List<DocumentVersion> versions, Map<UUID, Document> documents, Map<UUID, String> paths) {
    StringBuilder csv = new StringBuilder("\uFEFF");
    csv.append(
        "document;titre;dossier;type;etiquettes;auteur;cree_le;corbeille_le;version;fichier;"
            + "taille;sha256;type_mime;depose_par;depose_le;chemin\r\n");
    for (DocumentVersion v : versions) {
      Document d = documents.get(v.documentId());
      if (d == null) {
        continue;
      }
      csv.append(
              String.join(
                  ";",
                  d.id().toString(),
                  cell(d.title()),
                  cell(d.folderId() == null ? "" : paths.getOrDefault(d.folderId(), "")),
                  cell(d.typeCode()),
                  cell(String.join(", ", d.tags())),
                  cell(d.authorName()),
                  d.createdAt().toString(),
                  d.deletedAt() == null ? "" : d.deletedAt().toString(),
                  Integer.toString(v.number()),
                  cell(v.fileName()),
                  Long.toString(v.size()),
                  v.sha256(),
                  cell(v.mimeType()),
                  cell(v.createdBy()),
                  v.createdAt().toString(),
                  cell(entryName(v))))
          .append("\r\n");
    }
    return csv.toString();
  }

  /** A CSV cell: quoted, quotes doubled; a leading formula character is neutralised. */
  static String cell(String value) {
    if (value == null) {
      return "";
    }
    String v = value;
    if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
      v = "'" + v;
    }
    return "\"" + v.replace("\"", "\"\"") + "\"";
  }

  static Map<UUID, String> folderPaths(List<Folder> folders) {
    Map<UUID, Folder> byId = new HashMap<>();
    folders.forEach(f -> byId.put(f.id(), f));
    Map<UUID, String> paths = new HashMap<>();
    for (Folder f : folders) {
      StringBuilder path = new StringBuilder(f.name());
      Folder current = f;
      int depth = 0;
      while (current.parentId() != null && byId.containsKey(current.parentId()) && depth++ < 100) {
        current = byId.get(current.parentId());
        path.insert(0, current.name() + " / ");
      }
      paths.put(f.id(), path.toString());
    }
    return paths;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
