package fr.strasbourg.metrocloud.parapheur.interfaces.rest;

import fr.strasbourg.metrocloud.kernel.problem.BadRequestProblem;
import fr.strasbourg.metrocloud.kernel.problem.NotFoundProblem;
import fr.strasbourg.metrocloud.parapheur.application.CircuitTemplates;
import fr.strasbourg.metrocloud.parapheur.application.Delegations;
import fr.strasbourg.metrocloud.parapheur.domain.StepKind;
import fr.strasbourg.metrocloud.parapheur.domain.TemplateStep;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

/** Request and response bodies of the parapheur API. */
public final class ParapheurDtos {

  private ParapheurDtos() {}

  /** A step of a template, as written by an administrator. */
  public record StepRequest(
      Integer stage, String kind, String username, String role, String label) {}

  public record TemplateRequest(String name, String description, List<StepRequest> steps) {}

  /** A template step as returned (with the name of the assigned person). */
  public record StepDto(
      int stage, String kind, String username, String assigneeName, String role, String label) {
    static StepDto of(TemplateStep s) {
      return new StepDto(
          s.stage(), s.kind().name(), s.username(), s.assigneeName(), s.role(), s.label());
    }
  }

  public record TemplateDto(
      String id,
      String name,
      String description,
      List<StepDto> steps,
      String createdBy,
      Instant createdAt,
      Instant updatedAt,
      boolean archived) {
    static TemplateDto of(CircuitTemplates.Template t) {
      return new TemplateDto(
          t.id().toString(),
          t.name(),
          t.description(),
          t.steps().stream().map(StepDto::of).toList(),
          t.createdBy(),
          t.createdAt(),
          t.updatedAt(),
          t.archivedAt() != null);
    }
  }

  public record SubmitRequest(
      String templateId, String documentId, String title, String message, String dueDate) {}

  public record PositionRequest(Integer page, Float x, Float y) {}

  public record ActionRequest(
      String stepId, String comment, String reason, PositionRequest position) {}

  public record DelegationRequest(String delegate, String startsOn, String endsOn, String reason) {}

  public record DelegationDto(
      String id,
      String delegatorUsername,
      String delegatorName,
      String delegateUsername,
      String delegateName,
      LocalDate startsOn,
      LocalDate endsOn,
      String reason,
      Instant createdAt,
      Instant revokedAt,
      boolean activeToday) {
    static DelegationDto of(Delegations.Delegation d, LocalDate today) {
      return new DelegationDto(
          d.id().toString(),
          d.delegatorUsername(),
          d.delegatorName(),
          d.delegateUsername(),
          d.delegateName(),
          d.startsOn(),
          d.endsOn(),
          d.reason(),
          d.createdAt(),
          d.revokedAt(),
          d.activeOn(today));
    }
  }

  public record CountDto(int count, int overdue) {}

  static StepKind kind(String value, int index) {
    try {
      return StepKind.valueOf(value == null ? "" : value.strip().toUpperCase());
    } catch (IllegalArgumentException e) {
      throw new BadRequestProblem(
          "invalid-template", "Étape " + index + " : le type est VISA ou SIGNATURE.");
    }
  }

  static UUID id(String value, String code, String what) {
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new NotFoundProblem(code, what + " introuvable.");
    }
  }

  static UUID optionalId(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw new BadRequestProblem("invalid-step", "Identifiant d'étape invalide.");
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
          "invalid-date", "Date invalide pour " + field + " (attendu AAAA-MM-JJ) : " + value);
    }
  }
}
