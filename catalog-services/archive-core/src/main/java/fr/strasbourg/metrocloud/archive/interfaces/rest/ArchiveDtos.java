package fr.strasbourg.metrocloud.archive.interfaces.rest;

import fr.strasbourg.metrocloud.archive.application.Archive;
import fr.strasbourg.metrocloud.archive.application.ArchiveJournal;
import fr.strasbourg.metrocloud.archive.application.ArchiveViews;
import fr.strasbourg.metrocloud.archive.domain.ArchivalAgreement;
import fr.strasbourg.metrocloud.archive.domain.JournalEntry;
import fr.strasbourg.metrocloud.archive.domain.RetentionRule;
import fr.strasbourg.metrocloud.kernel.problem.BadRequestProblem;
import fr.strasbourg.metrocloud.kernel.problem.NotFoundProblem;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/** Requests and answers of the archive's API. */
public final class ArchiveDtos {

  private ArchiveDtos() {}

  /** Archive a GED document (its current version). Dates are ISO (yyyy-MM-dd). */
  public record GedTransferRequest(
      String documentId,
      String title,
      String description,
      String descriptionLevel,
      String startDate,
      String endDate,
      String service,
      List<String> keywords,
      String ruleCode,
      String retentionStart,
      String accessRestrictedUntil,
      String agreement) {

    Archive.GedTransfer toCommand() {
      return new Archive.GedTransfer(
          id(documentId, "document-not-found", "Document"),
          title,
          description,
          descriptionLevel,
          date(startDate, "startDate"),
          date(endDate, "endDate"),
          service,
          keywords,
          ruleCode,
          date(retentionStart, "retentionStart"),
          date(accessRestrictedUntil, "accessRestrictedUntil"),
          agreement);
    }
  }

  public record RuleRequest(String label, String duration, String finalAction) {}

  public record RuleDto(String code, String label, String duration, String finalAction) {
    static RuleDto of(RetentionRule r) {
      return new RuleDto(
          r.code(), r.label(), r.sedaDuration().orElse(null), r.finalAction().name());
    }
  }

  public record AgreementRequest(
      String label, List<String> services, List<String> rules, Boolean active) {}

  public record AgreementDto(
      String identifier, String label, List<String> services, List<String> rules, boolean active) {
    static AgreementDto of(ArchivalAgreement a) {
      return new AgreementDto(
          a.identifier(),
          a.label(),
          a.services().stream().sorted().toList(),
          a.rules().stream().sorted().toList(),
          a.active());
    }
  }

  public record LegalHoldRequest(Boolean hold, String reason) {}

  public record DisposalRequest(List<String> unitIds, String comment) {}

  public record RejectRequest(String reason) {}

  public record JournalEntryDto(
      long seq,
      String id,
      Instant at,
      String eventType,
      String unitId,
      String objectId,
      String actorName,
      String details,
      String prevHash,
      String hash) {
    static JournalEntryDto of(JournalEntry e) {
      return new JournalEntryDto(
          e.seq(),
          e.id().toString(),
          e.at(),
          e.eventType(),
          e.unitId() == null ? null : e.unitId().toString(),
          e.objectId() == null ? null : e.objectId().toString(),
          e.actorName(),
          e.details(),
          e.prevHash(),
          e.hash());
    }
  }

  public record SealDto(
      long seq, String hash, String kind, LocalDate day, Instant sealedAt, String token) {
    static SealDto of(ArchiveViews.Seal s) {
      return new SealDto(
          s.seq(),
          s.hash(),
          s.kind(),
          s.day(),
          s.sealedAt(),
          Base64.getEncoder().encodeToString(s.token()));
    }
  }

  public record UnitDetailDto(
      ArchiveViews.Unit unit,
      List<ArchiveViews.StoredObject> objects,
      List<JournalEntryDto> journal,
      boolean restricted) {
    static UnitDetailDto of(Archive.UnitDetail d) {
      return new UnitDetailDto(
          d.unit(),
          d.objects(),
          d.journal().stream().map(JournalEntryDto::of).toList(),
          d.restricted());
    }
  }

  public record VerificationDto(ArchiveJournal.Verification journal) {}

  static UUID id(String value, String code, String what) {
    try {
      return UUID.fromString(value);
    } catch (RuntimeException e) {
      throw new NotFoundProblem(code, what + " introuvable : " + value);
    }
  }

  static LocalDate date(String value, String field) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw new BadRequestProblem(
          "invalid-date", "Date invalide pour " + field + " (aaaa-mm-jj attendu) : " + value);
    }
  }
}
