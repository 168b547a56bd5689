package fr.strasbourg.metrocloud.archive.application;

import fr.strasbourg.metrocloud.archive.domain.JournalEntry;
import fr.strasbourg.metrocloud.archive.seda.SedaMessages;
import fr.strasbourg.metrocloud.archive.seda.SedaSchemas;
import fr.strasbourg.metrocloud.kernel.problem.ForbiddenProblem;
import fr.strasbourg.metrocloud.kernel.problem.UnavailableProblem;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.signatures.api.Timestamping;
import fr.strasbourg.metrocloud.storage.ObjectStore;
import fr.strasbourg.metrocloud.storage.StorageUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What leaves the archive as files: the evidence bundle of a unit, a unit as a SEDA 2.2 package,
 * and the whole archive of a commune (one SEDA package per unit, the journal and its seals) before
 * its decommissioning. Every object is checked against its recorded SHA-256 as it is written; a
 * mismatch aborts with a problem. A unit's bundle and package are built in a temporary file first,
 * so that a failure is answered as a problem rather than as a cut download.
 */
@ApplicationScoped
public class ArchivePackages {

  @Inject Archive archive;

  @Inject ArchiveUnits units;

  @Inject ArchiveJournal journal;

  @Inject ObjectStore objects;

  @Inject Timestamping tsa;

  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "metrocloud.archive.agency", defaultValue = "EMS-SAE")
  String archivalAgency;

  private final SedaSchemas schemas = SedaSchemas.seda22();

  /** A bundle or package ready to send, in a temporary file the caller deletes. */
  public record Built(Path file, String fileName) {}

  // ---- evidence bundle ------------------------------------------------------------------------

  /**
   * The evidence bundle of a unit: its files, their fingerprints, the signature validation reports,
   * the SEDA transfer and reply, the contiguous journal segment from the unit's first entry to the
   * seal that covers its last one (a seal of the chain's head is made when none covers it yet), the
   * seal's RFC 3161 token and the certificates to verify it, and a French how-to.
   */
  public Built evidence(CallContext caller, UUID unitId) throws IOException {
    archive.guard(caller);
    ArchiveViews.Unit unit = units.find(caller, unitId);
    if (archive.restrictedFor(caller, unit)) {
      throw restricted(unit);
    }
    units.journalled(caller, unitId, "unit.evidence-exported", Map.of());
    journal.sealHead(caller);
    List<JournalEntry> ofUnit = journal.ofUnit(caller, unitId);
    long first = ofUnit.get(0).seq();
    long last = ofUnit.get(ofUnit.size() - 1).seq();
    ArchiveViews.Seal seal =
        journal
            .sealCovering(caller, last)
            .orElseThrow(() -> new IllegalStateException("No seal after sealing the head"));
    List<JournalEntry> segment = new ArrayList<>();
    long after = first - 1;
    while (after < seal.seq()) {
      List<JournalEntry> page = journal.page(caller, after, 1000);
      if (page.isEmpty()) {
        break;
      }
      for (JournalEntry e : page) {
        if (e.seq() <= seal.seq()) {
          segment.add(e);
        }
      }
      after = page.get(page.size() - 1).seq();
    }

    Path file = Files.createTempFile("evidence-", ".zip");
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
      StringBuilder sums = new StringBuilder();
      Set<String> names = new HashSet<>();
      for (ArchiveViews.StoredObject o : units.objects(caller, unitId)) {
        if (o.deletedAt() != null) {
          continue;
        }
        String folder =
            switch (o.kind()) {
              case "FILE" -> "fichiers/";
              case "VALIDATION_REPORT" -> "validation/";
              default -> "seda/";
            };
        String path = unique(names, folder + safeName(o.fileName()));
        copyChecked(caller, o, zip, path);
        sums.append(o.sha256()).append("  ").append(path).append('\n');
      }
      put(zip, "empreintes.sha256", sums.toString().getBytes(StandardCharsets.UTF_8));
      try (Jsonb jsonb = JsonbBuilder.create()) {
        put(zip, "unite.json", jsonb.toJson(unit).getBytes(StandardCharsets.UTF_8));
      } catch (Exception e) {
        throw new IOException(e);
      }
      put(zip, "journal/entrees.json", entriesJson(segment).getBytes(StandardCharsets.UTF_8));
      put(
          zip,
          "journal/sceau.json",
          Json.createObjectBuilder()
              .add("seq", seal.seq())
              .add("hash", seal.hash())
              .add("kind", seal.kind())
              .add("day", seal.day().toString())
              .add("sealedAt", seal.sealedAt().toString())
              .build()
              .toString()
              .getBytes(StandardCharsets.UTF_8));
      put(zip, "journal/sceau.tsr", seal.token());
      put(zip, "pki/horodatage.crt", tsa.authorityCertificateDer());
      put(zip, "pki/racine.crt", tsa.rootCertificateDer());
      put(zip, "LISEZMOI.txt", readme(unit, seal, first).getBytes(StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    }
    return new Built(file, "preuves-" + unit.reference() + ".zip");
  }

  private static String readme(ArchiveViews.Unit unit, ArchiveViews.Seal seal, long first) {
    return """
        Dossier de preuve de l'unité d'archives %s — « %s »

        1. Intégrité des fichiers : « sha256sum -c empreintes.sha256 » doit répondre OK pour
           chaque fichier ; ces empreintes sont celles enregistrées au versement (%s).
        2. Journal : « journal/entrees.json » contient les entrées %d à %d du journal d'archivage
           chaîné de la commune. Chaque entrée porte l'empreinte de la précédente (prevHash) et la
           sienne (hash, SHA-256 de sa forme canonique : chaque champ écrit <longueur>:<valeur>|,
           dans l'ordre « archive-journal-v1 », tenantId, seq, id, at, eventType, unitId,
           objectId, actorSubject, actorName, details, prevHash ; -1: pour une valeur absente).
        3. Sceau : « journal/sceau.tsr » est un jeton d'horodatage RFC 3161 de l'autorité
           d'horodatage de la plateforme sur l'empreinte de l'entrée %d (%s) :
             openssl ts -verify -digest %s -in journal/sceau.tsr \\
               -CAfile pki/racine.crt -untrusted pki/horodatage.crt
           doit répondre « Verification: OK ».
        """
        .formatted(
            unit.reference(),
            unit.title(),
            unit.archivedAt(),
            first,
            seal.seq(),
            seal.seq(),
            seal.hash(),
            seal.hash());
  }

  private static String entriesJson(List<JournalEntry> entries) {
    JsonArrayBuilder array = Json.createArrayBuilder();
    for (JournalEntry e : entries) {
      JsonObjectBuilder o =
          Json.createObjectBuilder()
              .add("tenantId", e.tenantId())
              .add("seq", e.seq())
              .add("id", e.id().toString())
              .add("at", e.at().toString())
              .add("eventType", e.eventType());
      if (e.unitId() != null) {
        o.add("unitId", e.unitId().toString());
      }
      if (e.objectId() != null) {
        o.add("objectId", e.objectId().toString());
      }
      array.add(
          o.add("actorSubject", e.actorSubject())
              .add("actorName", e.actorName())
              .add("details", e.details())
              .add("prevHash", e.prevHash())
              .add("hash", e.hash()));
    }
    return array.build().toString();
  }

  // ---- SEDA export ----------------------------------------------------------------------------

  /** A unit as a SEDA 2.2 transfer package (manifest.xml + its files and validation reports). */
  public Built exportUnit(CallContext caller, UUID unitId) throws IOException {
    archive.guard(caller);
    ArchiveViews.Unit unit = units.find(caller, unitId);
    if (archive.restrictedFor(caller, unit)) {
      throw restricted(unit);
    }
    Path file = Files.createTempFile("seda-", ".zip");
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
      writeUnit(caller, unit, zip, "");
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    }
    units.journalled(caller, unitId, "unit.exported", Map.of("format", "SEDA 2.2"));
    return new Built(file, unit.reference() + "-seda.zip");
  }

  /**
   * Every archived unit of the commune (one SEDA package per unit, in {@code <reference>/}), the
   * journal and its seals, streamed; recorded as the commune's complete export when it ends.
   */
  public void exportAll(CallContext operator, OutputStream out) throws IOException {
    ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
    int count = 0;
    long bytes = 0;
    int offset = 0;
    while (true) {
      List<ArchiveViews.Unit> page = units.archived(operator, offset, 200);
      if (page.isEmpty()) {
        break;
      }
      for (ArchiveViews.Unit u : page) {
        bytes += writeUnit(operator, u, zip, safeName(u.reference()) + "/");
        count++;
      }
      offset += page.size();
    }
    List<JournalEntry> all = new ArrayList<>();
    long after = 0;
    while (true) {
      List<JournalEntry> page = journal.page(operator, after, 1000);
      if (page.isEmpty()) {
        break;
      }
      all.addAll(page);
      after = page.get(page.size() - 1).seq();
    }
    put(zip, "journal/entrees.json", entriesJson(all).getBytes(StandardCharsets.UTF_8));
    JsonArrayBuilder seals = Json.createArrayBuilder();
    for (ArchiveViews.Seal s : journal.seals(operator)) {
      seals.add(
          Json.createObjectBuilder()
              .add("seq", s.seq())
              .add("hash", s.hash())
              .add("kind", s.kind())
              .add("day", s.day().toString())
              .add("sealedAt", s.sealedAt().toString())
              .add("token", java.util.Base64.getEncoder().encodeToString(s.token())));
    }
    put(zip, "journal/sceaux.json", seals.build().toString().getBytes(StandardCharsets.UTF_8));
    put(zip, "pki/horodatage.crt", tsa.authorityCertificateDer());
    put(zip, "pki/racine.crt", tsa.rootCertificateDer());
    zip.finish();
    zip.flush();
    units.exported(operator, count, bytes);
  }

  /** Writes a unit's SEDA package under {@code prefix}; returns the bytes of its files. */
  private long writeUnit(
      CallContext caller, ArchiveViews.Unit unit, ZipOutputStream zip, String prefix)
      throws IOException {
    List<SedaMessages.BinaryFile> files = new ArrayList<>();
    List<ArchiveViews.StoredObject> content = new ArrayList<>();
    Set<String> names = new HashSet<>();
    int n = 0;
    for (ArchiveViews.StoredObject o : units.objects(caller, unit.id())) {
      if (o.deletedAt() != null
          || (!o.kind().equals("FILE") && !o.kind().equals("VALIDATION_REPORT"))) {
        continue;
      }
      n++;
      String uri = unique(names, "content/" + safeName(o.fileName()));
      files.add(
          new SedaMessages.BinaryFile(
              "BDO" + n, o.fileName(), o.mimeType(), Math.max(1, o.size()), o.sha256(), uri));
      content.add(o);
    }
    SedaMessages.Transfer transfer =
        new SedaMessages.Transfer(
            "EXPORT-" + unit.reference() + "-" + clock.millis(),
            OffsetDateTime.now(clock.withZone(ArchiveJournal.PARIS)),
            "Export de l'unité " + unit.reference(),
            unit.agreement(),
            archivalAgency,
            caller.tenant().value() + "-" + unit.originatingService(),
            caller.tenant().value() + "-" + unit.originatingService(),
            new SedaMessages.Unit(
                "AU1",
                unit.title(),
                level(unit.descriptionLevel()),
                unit.description(),
                unit.startDate(),
                unit.endDate(),
                unit.keywords(),
                new SedaMessages.AppraisalRule(
                    unit.ruleCode(),
                    unit.retentionStart(),
                    "DESTROY".equals(unit.finalAction())
                        ? SedaMessages.FinalAction.DESTROY
                        : SedaMessages.FinalAction.KEEP),
                new SedaMessages.AccessRule(
                    unit.accessRestrictedUntil() == null
                        ? "ACC-LIBRE"
                        : "ACC-RESTREINT-JUSQU-" + unit.accessRestrictedUntil(),
                    unit.retentionStart())),
            files);
    byte[] manifest = SedaMessages.archiveTransfer(transfer);
    List<String> violations = schemas.violations(manifest);
    if (!violations.isEmpty()) {
      throw new IllegalStateException("Exported manifest is not valid SEDA 2.2: " + violations);
    }
    put(zip, prefix + "manifest.xml", manifest);
    long bytes = 0;
    for (int i = 0; i < content.size(); i++) {
      copyChecked(caller, content.get(i), zip, prefix + files.get(i).uri());
      bytes += content.get(i).size();
    }
    return bytes;
  }

  // ---- helpers --------------------------------------------------------------------------------

  private void copyChecked(
      CallContext caller, ArchiveViews.StoredObject o, ZipOutputStream zip, String path)
      throws IOException {
    zip.putNextEntry(new ZipEntry(path));
    MessageDigest sha = sha256();
    try (InputStream in = objects.open(caller, o.storageKey())) {
      OutputStream through =
          new DigestOutputStream(
              new java.io.FilterOutputStream(zip) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                  out.write(b, off, len);
                }

                @Override
                public void close() {
                  // the zip stays open
                }
              },
              sha);
      in.transferTo(through);
    } catch (StorageUnavailableException e) {
      throw new UnavailableProblem(
          "storage-unavailable", "Le stockage des archives est momentanément indisponible.");
    } catch (IOException | RuntimeException e) {
      throw unreadable(o);
    }
    zip.closeEntry();
    if (!HexFormat.of().formatHex(sha.digest()).equals(o.sha256())) {
      throw unreadable(o);
    }
  }

  private static UnavailableProblem unreadable(ArchiveViews.StoredObject o) {
    return new UnavailableProblem(
        "content-unreadable",
        "Le fichier archivé « "
            + o.fileName()
            + " » ne correspond plus à son empreinte : lancez un audit d'intégrité ou alertez la"
            + " DSI.");
  }

  private static ForbiddenProblem restricted(ArchiveViews.Unit unit) {
    return new ForbiddenProblem(
        "access-restricted",
        "Cette unité n'est pas communicable avant le "
            + unit.accessRestrictedUntil()
            + " : seul l'administrateur de la commune peut la consulter.");
  }

  private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(content);
    zip.closeEntry();
  }

  private static String unique(Set<String> names, String path) {
    String candidate = path;
    int i = 2;
    while (!names.add(candidate)) {
      int dot = path.lastIndexOf('.');
      candidate =
          dot > path.lastIndexOf('/')
              ? path.substring(0, dot) + "-" + i + path.substring(dot)
              : path + "-" + i;
      i++;
    }
    return candidate;
  }

  static String safeName(String name) {
    String s = name.replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_").strip();
    if (s.isEmpty() || s.equals(".") || s.equals("..")) {
      return "fichier";
    }
    return s.length() > 120 ? s.substring(0, 120) : s;
  }

  private static SedaMessages.DescriptionLevel level(String code) {
    for (SedaMessages.DescriptionLevel l : SedaMessages.DescriptionLevel.values()) {
      if (l.code().equals(code)) {
        return l;
      }
    }
    return SedaMessages.DescriptionLevel.ITEM;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Today's date in Strasbourg (for filenames). */
  LocalDate today() {
    return LocalDate.now(clock.withZone(ArchiveJournal.PARIS));
  }
}
