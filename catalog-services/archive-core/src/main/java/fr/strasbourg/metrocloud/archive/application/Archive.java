package fr.strasbourg.metrocloud.archive.application;

import fr.strasbourg.metrocloud.archive.domain.ArchivalAgreement;
import fr.strasbourg.metrocloud.archive.domain.JournalEntry;
import fr.strasbourg.metrocloud.archive.domain.RetentionRule;
import fr.strasbourg.metrocloud.archive.seda.SedaMessages;
import fr.strasbourg.metrocloud.archive.seda.SedaPackages;
import fr.strasbourg.metrocloud.archive.seda.SedaSchemas;
import fr.strasbourg.metrocloud.catalog.api.ServiceAccess;
import fr.strasbourg.metrocloud.catalog.api.ServiceCode;
import fr.strasbourg.metrocloud.documents.api.DocumentLibrary;
import fr.strasbourg.metrocloud.kernel.problem.ConflictProblem;
import fr.strasbourg.metrocloud.kernel.problem.ForbiddenProblem;
import fr.strasbourg.metrocloud.kernel.problem.NotFoundProblem;
import fr.strasbourg.metrocloud.kernel.problem.PayloadTooLargeProblem;
import fr.strasbourg.metrocloud.kernel.problem.Problem;
import fr.strasbourg.metrocloud.kernel.problem.UnavailableProblem;
import fr.strasbourg.metrocloud.kernel.problem.UnprocessableProblem;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.Role;
import fr.strasbourg.metrocloud.signatures.api.SignatureValidation;
import fr.strasbourg.metrocloud.storage.ObjectStore;
import fr.strasbourg.metrocloud.storage.StorageUnavailableException;
import fr.strasbourg.metrocloud.storage.StoredObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Transfers into the archive (from the GED, or as SEDA 2.2 packages through the API) and
 * consultation. Objects are stored first, outside any transaction, under {@code
 * archive/<unit>/<object>} keys that are never reused; the unit, its objects and its journal
 * entries are then recorded in one transaction. If storing fails nothing is recorded and what was
 * stored is removed; if recording fails the stored objects are removed: a unit is archived entirely
 * or not at all.
 */
@ApplicationScoped
public class Archive {

  private static final Logger LOG = Logger.getLogger(Archive.class.getName());

  /** Prefix of the archive's objects in the commune's bucket. */
  public static final String PREFIX = "archive/";

  private static final Pattern SERVICE = Pattern.compile("[A-Z][A-Z0-9_-]{1,39}");
  private static final Pattern KEYWORD = Pattern.compile("[\\p{L}\\p{N} '’-]{1,60}");

  @Inject ArchiveReferential referential;

  @Inject ArchiveUnits units;

  @Inject DocumentLibrary documents;

  @Inject ObjectStore objects;

  @Inject SignatureValidation validation;

  @Inject ServiceAccess access;

  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "metrocloud.archive.agency", defaultValue = "EMS-SAE")
  String archivalAgency;

  @Inject
  @ConfigProperty(name = "metrocloud.archive.max-package-bytes", defaultValue = "268435456")
  long maxPackageBytes;

  private final SedaSchemas schemas = SedaSchemas.seda22();

  /** What an agent asks to archive from the GED (the document's current version). */
  public record GedTransfer(
      UUID documentId,
      String title,
      String description,
      String descriptionLevel,
      LocalDate startDate,
      LocalDate endDate,
      String service,
      List<String> keywords,
      String ruleCode,
      LocalDate retentionStart,
      LocalDate accessRestrictedUntil,
      String agreement) {}

  /** The outcome of a SEDA package transfer. */
  public record PackageOutcome(UUID transferId, ArchiveViews.Unit unit, byte[] reply) {}

  public void guard(CallContext caller) {
    access.requireSubscription(caller, ServiceCode.ARCHIVING);
  }

  // ---- transfer from the GED ------------------------------------------------------------------

  public ArchiveViews.Unit transferFromGed(CallContext caller, GedTransfer t) {
    return transferFromGed(caller, t, "GED");
  }

  /**
   * A transfer from the GED made by an agent ({@code GED}) or by the platform itself ({@code
   * PLATFORM}, e.g. a document a signature circuit signed).
   */
  public ArchiveViews.Unit transferFromGed(CallContext caller, GedTransfer t, String source) {
    guard(caller);
    referential.ensureSeeded(caller);
    if (t.documentId() == null) {
      throw invalid("Le document de la GED à archiver est obligatoire.");
    }
    String agreementId =
        blank(t.agreement()) ? ArchiveReferential.generalAgreement(insee(caller)) : t.agreement();
    Rules rules = checkAgreement(caller, agreementId, t.service(), t.ruleCode());
    SedaMessages.DescriptionLevel level = level(t.descriptionLevel());
    List<String> keywords = keywords(t.keywords());
    DocumentLibrary.DocumentSummary doc = documents.describe(caller, t.documentId());
    String title = blank(t.title()) ? doc.title() : t.title().strip();
    checkText(title, t.description());
    checkDates(t.startDate(), t.endDate());
    LocalDate today = today();
    LocalDate retentionStart = t.retentionStart() == null ? today : t.retentionStart();
    if (retentionStart.isAfter(today.plusYears(1))) {
      throw invalid("Le point de départ de la durée de conservation est trop lointain.");
    }

    UUID unitId = UUID.randomUUID();
    Instant now = clock.instant();
    List<ArchiveViews.StoredObject> stored = new ArrayList<>();
    try {
      ArchiveViews.StoredObject file;
      try (InputStream in = documents.open(caller, doc.id(), doc.currentVersion())) {
        file = store(caller, unitId, "FILE", doc.fileName(), doc.mimeType(), in, doc.size(), now);
      } catch (IOException e) {
        throw new UnavailableProblem(
            "content-unreadable",
            "Le contenu du document n'a pas pu être lu ; rien n'a été archivé.");
      }
      stored.add(file);
      if (doc.sha256() != null && !doc.sha256().equalsIgnoreCase(file.sha256())) {
        throw new ConflictProblem(
            "source-changed",
            "Le contenu lu ne correspond pas à l'empreinte de la GED ; rien n'a été archivé.");
      }
      validationReport(caller, unitId, file, now).ifPresent(stored::add);

      String unitXmlId = "AU1";
      SedaMessages.Transfer transfer =
          new SedaMessages.Transfer(
              "MC-" + unitId,
              OffsetDateTime.ofInstant(now, ArchiveJournal.PARIS),
              ("PLATFORM".equals(source)
                      ? "Versement automatique après signature : "
                      : "Versement depuis la GED : ")
                  + title,
              agreementId,
              archivalAgency,
              insee(caller) + "-" + t.service(),
              insee(caller) + "-" + t.service(),
              new SedaMessages.Unit(
                  unitXmlId,
                  title,
                  level,
                  blank(t.description()) ? null : t.description().strip(),
                  t.startDate(),
                  t.endDate(),
                  keywords,
                  new SedaMessages.AppraisalRule(
                      rules.rule().code(),
                      retentionStart,
                      SedaMessages.FinalAction.of(rules.rule().finalAction().seda())),
                  accessRule(t.accessRestrictedUntil(), retentionStart)),
              List.of(
                  new SedaMessages.BinaryFile(
                      "BDO1",
                      file.fileName(),
                      file.mimeType(),
                      Math.max(1, file.size()),
                      file.sha256(),
                      "content/" + file.fileName())));
      byte[] message = valid(SedaMessages.archiveTransfer(transfer));
      String reference = reference(caller, unitId, now);
      byte[] reply =
          valid(
              SedaMessages.acceptedReply(
                  replyHeader(
                      transfer.messageIdentifier(), agreementId, transfer.transferringAgency()),
                  OffsetDateTime.ofInstant(now, ArchiveJournal.PARIS),
                  unitXmlId,
                  reference));
      stored.add(
          storeBytes(
              caller,
              unitId,
              "SEDA_TRANSFER",
              "archive-transfer.xml",
              "application/xml",
              message,
              now));
      stored.add(
          storeBytes(
              caller,
              unitId,
              "SEDA_REPLY",
              "archive-transfer-reply.xml",
              "application/xml",
              reply,
              now));

      ArchiveViews.Unit unit =
          unit(
              unitId,
              reference,
              title,
              blank(t.description()) ? null : t.description().strip(),
              level.code(),
              t.startDate(),
              t.endDate(),
              t.service(),
              keywords,
              agreementId,
              rules.rule(),
              retentionStart,
              t.accessRestrictedUntil(),
              source,
              doc.id(),
              doc.currentVersion(),
              null,
              stored,
              caller,
              now);
      return units.record(caller, unit, stored, null, searchText(unit));
    } catch (RuntimeException e) {
      removeQuietly(caller, stored);
      throw e;
    }
  }

  // ---- transfer of a SEDA package -------------------------------------------------------------

  /**
   * Reads a SEDA 2.2 transfer package (ZIP: {@code manifest.xml} + files) and archives its unit, or
   * refuses it: the refusal is recorded with its ArchiveTransferReply (KO) and thrown as a 422
   * problem {@code transfer-rejected} with the reasons and the transfer's id.
   */
  public PackageOutcome transferPackage(CallContext caller, InputStream body) {
    guard(caller);
    referential.ensureSeeded(caller);
    byte[] zip;
    try {
      zip = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, maxPackageBytes + 1));
    } catch (IOException e) {
      throw new UnprocessableProblem("transfer-rejected", "Le paquet n'a pas pu être lu.");
    }
    if (zip.length > maxPackageBytes) {
      throw new PayloadTooLargeProblem(
          "package-too-large",
          "Le paquet dépasse " + (maxPackageBytes >> 20) + " Mo ; rien n'a été archivé.");
    }
    UUID transferId = UUID.randomUUID();
    SedaPackages.Result result =
        new SedaPackages(new SedaPackages.Limits(maxPackageBytes * 4, 1000)).read(zip);
    if (result instanceof SedaPackages.Refused refused) {
      throw reject(caller, transferId, null, null, null, refused.reasons());
    }
    SedaPackages.TransferPackage p = ((SedaPackages.Accepted) result).transferPackage();
    List<String> reasons = new ArrayList<>();
    String service = serviceOf(caller, p.originatingAgency());
    RetentionRule rule = null;
    try {
      rule = checkAgreement(caller, p.archivalAgreement(), service, p.appraisalRuleId()).rule();
    } catch (UnprocessableProblem e) {
      reasons.addAll(reasonsOf(e));
    }
    if (rule != null
        && p.appraisalFinalAction() != null
        && !rule.finalAction().seda().equals(p.appraisalFinalAction())) {
      reasons.add(
          "Le sort final « "
              + p.appraisalFinalAction()
              + " » du paquet contredit la règle « "
              + rule.code()
              + " » de la commune ("
              + rule.finalAction().seda()
              + ").");
    }
    if (units.alreadyAccepted(caller, p.messageIdentifier())) {
      reasons.add("Le message « " + p.messageIdentifier() + " » a déjà été versé et accepté.");
    }
    if (!reasons.isEmpty()) {
      throw reject(
          caller,
          transferId,
          p.messageIdentifier(),
          p.archivalAgreement(),
          p.transferringAgency(),
          reasons);
    }

    UUID unitId = UUID.randomUUID();
    Instant now = clock.instant();
    List<ArchiveViews.StoredObject> stored = new ArrayList<>();
    try {
      for (SedaPackages.PackagedFile f : p.files()) {
        ArchiveViews.StoredObject o =
            store(caller, unitId, "FILE", f.fileName(), f.mimeType(), f.open(), f.size(), now);
        stored.add(o);
        if (!o.sha256().equals(f.sha256Hex())) {
          throw new IllegalStateException("Stored content differs from the checked package file");
        }
        validationReport(caller, unitId, o, now).ifPresent(stored::add);
      }
      String reference = reference(caller, unitId, now);
      byte[] reply =
          valid(
              SedaMessages.acceptedReply(
                  replyHeader(p.messageIdentifier(), p.archivalAgreement(), p.transferringAgency()),
                  OffsetDateTime.ofInstant(now, ArchiveJournal.PARIS),
                  p.unitId(),
                  reference));
      stored.add(
          storeBytes(
              caller,
              unitId,
              "SEDA_TRANSFER",
              SedaPackages.MANIFEST,
              "application/xml",
              p.manifest(),
              now));
      stored.add(
          storeBytes(
              caller,
              unitId,
              "SEDA_REPLY",
              "archive-transfer-reply.xml",
              "application/xml",
              reply,
              now));
      LocalDate retentionStart = sedaDate(p.appraisalStartDate());
      ArchiveViews.Unit unit =
          unit(
              unitId,
              reference,
              p.title(),
              null,
              p.descriptionLevel(),
              sedaDate(p.startDate()),
              sedaDate(p.endDate()),
              service,
              List.of(),
              p.archivalAgreement(),
              rule,
              retentionStart == null ? today() : retentionStart,
              null,
              "SEDA",
              null,
              null,
              transferId,
              stored,
              caller,
              now);
      ArchiveViews.Unit recorded =
          units.record(
              caller,
              unit,
              stored,
              new ArchiveUnits.TransferRecord(transferId, p.messageIdentifier(), List.of(), reply),
              searchText(unit));
      return new PackageOutcome(transferId, recorded, reply);
    } catch (RuntimeException e) {
      removeQuietly(caller, stored);
      throw e;
    }
  }

  /** The transferring agency of a package is {@code <insee>-<service>}; returns the service. */
  private static String serviceOf(CallContext caller, String originatingAgency) {
    String prefix = insee(caller) + "-";
    return originatingAgency != null && originatingAgency.startsWith(prefix)
        ? originatingAgency.substring(prefix.length())
        : originatingAgency;
  }

  private Problem reject(
      CallContext caller,
      UUID transferId,
      String messageId,
      String agreement,
      String transferringAgency,
      List<String> reasons) {
    List<SedaMessages.Reason> sedaReasons = new ArrayList<>();
    for (String r : reasons) {
      sedaReasons.add(new SedaMessages.Reason("TRANSFER_REFUSED", r));
    }
    byte[] reply =
        valid(
            SedaMessages.rejectedReply(
                new SedaMessages.ReplyHeader(
                    "MC-REPLY-" + transferId,
                    OffsetDateTime.ofInstant(clock.instant(), ArchiveJournal.PARIS),
                    "Versement refusé",
                    messageId == null ? "INCONNU" : messageId,
                    agreement,
                    archivalAgency,
                    transferringAgency == null ? insee(caller) : transferringAgency),
                sedaReasons));
    units.recordRejected(
        caller, new ArchiveUnits.TransferRecord(transferId, messageId, reasons, reply));
    return new UnprocessableProblem(
            "transfer-rejected",
            "Versement refusé : " + String.join(" ", reasons) + " Rien n'a été archivé.")
        .with("reasons", reasons)
        .with("transfer", transferId.toString());
  }

  // ---- consultation ---------------------------------------------------------------------------

  /** A unit with its objects and journal, as the caller may see it. */
  public record UnitDetail(
      ArchiveViews.Unit unit,
      List<ArchiveViews.StoredObject> objects,
      List<JournalEntry> journal,
      boolean restricted) {}

  /** Content being sent to a consulting user. */
  public record Content(ArchiveViews.StoredObject object, InputStream stream) {}

  public UnitDetail detail(CallContext caller, UUID unitId, List<JournalEntry> journal) {
    ArchiveViews.Unit unit = units.find(caller, unitId);
    boolean restricted = restrictedFor(caller, unit);
    return new UnitDetail(
        unit, restricted ? List.of() : units.objects(caller, unitId), journal, restricted);
  }

  /** Opens an object for consultation; the consultation is journalled first. */
  public Content consult(CallContext caller, UUID unitId, UUID objectId) {
    guard(caller);
    ArchiveViews.Unit unit = units.find(caller, unitId);
    if (restrictedFor(caller, unit)) {
      throw new ForbiddenProblem(
          "access-restricted",
          "Cette unité n'est pas communicable avant le "
              + unit.accessRestrictedUntil()
              + " : seul l'administrateur de la commune peut la consulter.");
    }
    ArchiveViews.StoredObject object = units.object(caller, unitId, objectId);
    if (object.deletedAt() != null) {
      throw new NotFoundProblem("object-destroyed", "Ce fichier a été éliminé.");
    }
    units.consulted(caller, unit, object);
    try {
      // the first segment is decrypted and checked before anything is sent: an altered object is
      // refused with a problem rather than served
      java.io.PushbackInputStream in =
          new java.io.PushbackInputStream(objects.open(caller, object.storageKey()), 1);
      int first = in.read();
      if (first >= 0) {
        in.unread(first);
      }
      return new Content(object, in);
    } catch (StorageUnavailableException e) {
      throw unavailable();
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.SEVERE, "Archived object " + object.storageKey() + " cannot be read", e);
      throw new UnavailableProblem(
          "content-unreadable",
          "Ce fichier archivé est illisible ; lancez un audit d'intégrité ou alertez la DSI.");
    }
  }

  public boolean restrictedFor(CallContext caller, ArchiveViews.Unit unit) {
    return unit.restrictedOn(today()) && !caller.hasRole(Role.COMMUNE_ADMIN);
  }

  // ---- helpers --------------------------------------------------------------------------------

  private record Rules(ArchivalAgreement agreement, RetentionRule rule) {}

  private Rules checkAgreement(
      CallContext caller, String agreementId, String service, String ruleCode) {
    if (blank(service) || !SERVICE.matcher(service).matches()) {
      throw outside(
          List.of("Le service versant est obligatoire (code en majuscules, ex. FINANCES)."));
    }
    if (blank(ruleCode)) {
      throw outside(List.of("La règle de conservation est obligatoire."));
    }
    ArchivalAgreement agreement;
    try {
      agreement = referential.agreement(caller, agreementId);
    } catch (NotFoundProblem e) {
      throw outside(
          List.of(
              "La convention d'archivage « " + agreementId + " » n'existe pas dans la commune."));
    }
    List<String> reasons = new ArrayList<>(agreement.violations(agreementId, service, ruleCode));
    RetentionRule rule = referential.rule(caller, ruleCode).orElse(null);
    if (rule == null) {
      reasons.add("La règle de conservation « " + ruleCode + " » n'existe pas dans la commune.");
    }
    if (!reasons.isEmpty()) {
      throw outside(reasons);
    }
    return new Rules(agreement, rule);
  }

  private static UnprocessableProblem outside(List<String> reasons) {
    return (UnprocessableProblem)
        new UnprocessableProblem(
                "outside-agreement",
                "Versement hors convention : "
                    + String.join(" ", reasons)
                    + " Rien n'a été archivé.")
            .with("reasons", reasons);
  }

  @SuppressWarnings("unchecked")
  private static List<String> reasonsOf(Problem p) {
    Object r = p.extensions().get("reasons");
    return r instanceof List<?> l ? (List<String>) l : List.of(p.detail());
  }

  private ArchiveViews.StoredObject store(
      CallContext caller,
      UUID unitId,
      String kind,
      String fileName,
      String mimeType,
      InputStream content,
      long size,
      Instant now) {
    UUID id = UUID.randomUUID();
    String key = PREFIX + unitId + "/" + id;
    try {
      if (objects.exists(caller, key)) {
        throw new IllegalStateException("Archive key already used: " + key);
      }
      StoredObject o = objects.put(caller, key, content, size);
      return new ArchiveViews.StoredObject(
          id,
          unitId,
          kind,
          fileName,
          mimeType == null ? "application/octet-stream" : mimeType,
          o.size(),
          o.sha256().toLowerCase(Locale.ROOT),
          key,
          now,
          null,
          null,
          null);
    } catch (StorageUnavailableException e) {
      LOG.log(Level.WARNING, "Object store unavailable during an archive transfer", e);
      try {
        objects.delete(caller, key);
      } catch (RuntimeException ignored) {
        // the store is down: the orphan is found by the next fixity audit's reconciliation
      }
      throw unavailable();
    }
  }

  private ArchiveViews.StoredObject storeBytes(
      CallContext caller,
      UUID unitId,
      String kind,
      String name,
      String mime,
      byte[] bytes,
      Instant now) {
    return store(
        caller, unitId, kind, name, mime, new ByteArrayInputStream(bytes), bytes.length, now);
  }

  /** For a signed PDF, the validation report of its signatures (JSON), stored with the file. */
  private java.util.Optional<ArchiveViews.StoredObject> validationReport(
      CallContext caller, UUID unitId, ArchiveViews.StoredObject file, Instant now) {
    if (!"application/pdf".equals(file.mimeType()) || file.size() > 50L * 1024 * 1024) {
      return java.util.Optional.empty();
    }
    byte[] pdf;
    try (InputStream in = objects.open(caller, file.storageKey())) {
      pdf = in.readAllBytes();
    } catch (IOException e) {
      throw unavailable();
    }
    SignatureValidation.ValidationReport report;
    try {
      report = validation.validate(file.fileName(), pdf);
    } catch (RuntimeException e) {
      // not a readable PDF for DSS: archived as it is, without a report
      LOG.log(Level.FINE, "No signature report for " + file.fileName(), e);
      return java.util.Optional.empty();
    }
    if (report.signaturesCount() == 0) {
      return java.util.Optional.empty();
    }
    byte[] json;
    try (Jsonb jsonb = JsonbBuilder.create()) {
      json = jsonb.toJson(report).getBytes(StandardCharsets.UTF_8);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return java.util.Optional.of(
        storeBytes(
            caller,
            unitId,
            "VALIDATION_REPORT",
            file.fileName() + ".validation.json",
            "application/json",
            json,
            now));
  }

  private void removeQuietly(CallContext caller, List<ArchiveViews.StoredObject> stored) {
    for (ArchiveViews.StoredObject o : stored) {
      try {
        objects.delete(caller, o.storageKey());
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Could not remove " + o.storageKey() + " of a failed transfer", e);
      }
    }
  }

  private byte[] valid(byte[] message) {
    List<String> violations = schemas.violations(message);
    if (!violations.isEmpty()) {
      throw new IllegalStateException("Produced SEDA message is not valid: " + violations);
    }
    return message;
  }

  private SedaMessages.ReplyHeader replyHeader(
      String requestId, String agreement, String transferringAgency) {
    return new SedaMessages.ReplyHeader(
        "MC-REPLY-" + UUID.randomUUID(),
        OffsetDateTime.ofInstant(clock.instant(), ArchiveJournal.PARIS),
        null,
        requestId,
        agreement,
        archivalAgency,
        transferringAgency);
  }

  private static SedaMessages.AccessRule accessRule(LocalDate restrictedUntil, LocalDate start) {
    return restrictedUntil == null
        ? new SedaMessages.AccessRule("ACC-LIBRE", start)
        : new SedaMessages.AccessRule("ACC-RESTREINT-JUSQU-" + restrictedUntil, start);
  }

  private ArchiveViews.Unit unit(
      UUID id,
      String reference,
      String title,
      String description,
      String level,
      LocalDate startDate,
      LocalDate endDate,
      String service,
      List<String> keywords,
      String agreement,
      RetentionRule rule,
      LocalDate retentionStart,
      LocalDate restrictedUntil,
      String source,
      UUID documentId,
      Integer documentVersion,
      UUID transferId,
      List<ArchiveViews.StoredObject> stored,
      CallContext caller,
      Instant now) {
    return new ArchiveViews.Unit(
        id,
        reference,
        title,
        description,
        level,
        startDate,
        endDate,
        service,
        keywords,
        agreement,
        rule.code(),
        rule.label(),
        rule.sedaDuration().orElse(null),
        rule.finalAction().name(),
        retentionStart,
        rule.endOf(retentionStart).orElse(null),
        restrictedUntil,
        source,
        documentId,
        documentVersion,
        transferId,
        "ARCHIVED",
        false,
        null,
        stored.stream().mapToLong(ArchiveViews.StoredObject::size).sum(),
        caller.actor().displayName(),
        now,
        null);
  }

  private static String searchText(ArchiveViews.Unit u) {
    return String.join(
        " ",
        u.title(),
        u.description() == null ? "" : u.description(),
        String.join(" ", u.keywords()),
        u.reference(),
        u.originatingService());
  }

  private static String reference(CallContext caller, UUID unitId, Instant now) {
    return insee(caller)
        + "-"
        + LocalDate.ofInstant(now, ArchiveJournal.PARIS).getYear()
        + "-"
        + unitId.toString().substring(0, 8).toUpperCase(Locale.ROOT);
  }

  private static SedaMessages.DescriptionLevel level(String value) {
    if (blank(value)) {
      return SedaMessages.DescriptionLevel.ITEM;
    }
    for (SedaMessages.DescriptionLevel l : SedaMessages.DescriptionLevel.values()) {
      if (l.code().equals(value) || l.name().equals(value)) {
        return l;
      }
    }
    throw invalid("Niveau de description inconnu : " + value + " (ex. Item, File, RecordGrp).");
  }

  private static List<String> keywords(List<String> keywords) {
    if (keywords == null) {
      return List.of();
    }
    LinkedHashSet<String> out = new LinkedHashSet<>();
    for (String k : keywords) {
      if (k == null || k.isBlank()) {
        continue;
      }
      if (!KEYWORD.matcher(k.strip()).matches()) {
        throw invalid("Mot-clé invalide (60 caractères, lettres, chiffres, espaces) : " + k);
      }
      out.add(k.strip());
    }
    if (out.size() > 20) {
      throw invalid("20 mots-clés au plus.");
    }
    return List.copyOf(out);
  }

  private static void checkText(String title, String description) {
    if (title == null || title.isBlank() || title.length() > 300) {
      throw invalid("L'intitulé de l'unité est obligatoire (300 caractères au plus).");
    }
    if (description != null && description.length() > 4000) {
      throw invalid("La description dépasse 4 000 caractères.");
    }
  }

  private static void checkDates(LocalDate start, LocalDate end) {
    if (start != null && end != null && end.isBefore(start)) {
      throw invalid("La date de fin précède la date de début.");
    }
  }

  /** SEDA dates may be a year, a month or a day; the unit keeps the first day they denote. */
  static LocalDate sedaDate(String value) {
    if (blank(value)) {
      return null;
    }
    String v = value.strip();
    try {
      if (v.matches("\\d{4}")) {
        return LocalDate.of(Integer.parseInt(v), 1, 1);
      }
      if (v.matches("\\d{4}-\\d{2}")) {
        return LocalDate.parse(v + "-01");
      }
      return LocalDate.parse(v.length() >= 10 ? v.substring(0, 10) : v);
    } catch (DateTimeParseException | NumberFormatException e) {
      return null;
    }
  }

  private LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), ArchiveJournal.PARIS);
  }

  private static String insee(CallContext caller) {
    return caller.tenant().value();
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static UnprocessableProblem invalid(String detail) {
    return new UnprocessableProblem("invalid-unit", detail);
  }

  private static UnavailableProblem unavailable() {
    return new UnavailableProblem(
        "storage-unavailable",
        "Le stockage des archives est momentanément indisponible ; rien n'a été archivé.");
  }
}
