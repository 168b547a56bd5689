package fr.strasbourg.metrocloud.workflow.application;

import fr.strasbourg.metrocloud.workflow.domain.HalfDay;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** What the procedures' use cases return (the REST layer maps them to JSON as they are). */
public final class WorkflowViews {

  private WorkflowViews() {}

  public record LeaveType(String code, String label, boolean tracksBalance, boolean active) {}

  public record Balance(String typeCode, String typeLabel, BigDecimal days, BigDecimal pending) {}

  public record LeaveRequest(
      UUID id,
      String agentUsername,
      String agentName,
      String typeCode,
      String typeLabel,
      LocalDate startDate,
      HalfDay startHalf,
      LocalDate endDate,
      HalfDay endHalf,
      BigDecimal workingDays,
      String comment,
      String status,
      String processInstanceId,
      Integer processVersion,
      String decidedBy,
      String decisionReason,
      Instant createdAt,
      Instant decidedAt,
      Instant cancelledAt,
      List<String> waitingFor,
      List<HistoryEntry> history) {}

  public record HistoryEntry(
      Instant at, String action, String actorUsername, String actorName, String detail) {}

  public record Task(
      String id,
      String key,
      String name,
      String processKey,
      Instant createdAt,
      boolean escalated,
      LeaveRequest leaveRequest,
      MissionOrders.MissionOrder missionOrder) {}

  public record CalendarEntry(
      UUID requestId,
      String agentUsername,
      String agentName,
      String typeCode,
      LocalDate startDate,
      HalfDay startHalf,
      LocalDate endDate,
      HalfDay endHalf,
      BigDecimal workingDays) {}

  public record Notification(
      UUID id,
      String kind,
      String subjectKind,
      UUID subjectId,
      String message,
      Instant at,
      boolean read) {}

  public record Agent(
      String username,
      String displayName,
      String service,
      String managerUsername,
      String workingPattern,
      boolean active) {}

  public record Settings(boolean hrValidation, int reminderWorkingDays) {}

  /** Which definition of a process a commune runs. */
  public record DefinitionUse(
      String commune,
      String processKey,
      String name,
      int version,
      String definitionId,
      boolean communeVariant,
      Instant deployedAt,
      int defaultVersion) {}
}
