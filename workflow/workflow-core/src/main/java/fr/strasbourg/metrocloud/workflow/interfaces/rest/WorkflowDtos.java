package fr.strasbourg.metrocloud.workflow.interfaces.rest;

import fr.strasbourg.metrocloud.kernel.problem.BadRequestProblem;
import fr.strasbourg.metrocloud.kernel.problem.NotFoundProblem;
import fr.strasbourg.metrocloud.workflow.domain.HalfDay;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/** Request bodies of the procedures' API (responses are the application's views). */
public final class WorkflowDtos {

  private WorkflowDtos() {}

  public record LeaveRequestBody(
      String type,
      String startDate,
      String startHalf,
      String endDate,
      String endHalf,
      String comment) {}

  public record CancelBody(String reason) {}

  public record DecisionBody(String decision, String reason) {}

  public record SettingsBody(Boolean hrValidation, Integer reminderWorkingDays) {}

  public record AgentBody(
      String displayName,
      String service,
      String managerUsername,
      String workingPattern,
      Boolean active) {}

  public record LeaveTypeBody(String label, Boolean tracksBalance, Boolean active) {}

  public record BalanceBody(BigDecimal days) {}

  public record CountDto(long count) {}

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

  static HalfDay half(String value, String field) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return HalfDay.valueOf(value.strip().toUpperCase());
    } catch (IllegalArgumentException e) {
      throw new BadRequestProblem(
          "invalid-half-day", field + " : MORNING (matin) ou AFTERNOON (après-midi).");
    }
  }

  static UUID id(String value, String code, String what) {
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new NotFoundProblem(code, what + " introuvable.");
    }
  }
}
