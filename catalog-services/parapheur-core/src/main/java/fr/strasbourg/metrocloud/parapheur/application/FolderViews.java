package fr.strasbourg.metrocloud.parapheur.application;

import fr.strasbourg.metrocloud.parapheur.domain.StepKind;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** What the parapheur returns: folders, their steps and history, inbox items, notifications. */
public final class FolderViews {

  private FolderViews() {}

  /** A folder (a document routed through a circuit). */
  public record Folder(
      UUID id,
      UUID templateId,
      String templateName,
      UUID documentId,
      int submittedVersion,
      int workingVersion,
      String title,
      String message,
      LocalDate dueDate,
      String submitterSubject,
      String submitterUsername,
      String submitterName,
      String status,
      int currentStage,
      int signatures,
      Instant createdAt,
      Instant closedAt) {}

  /** A step of a folder. */
  public record Step(
      UUID id,
      int stage,
      int position,
      StepKind kind,
      String assigneeUsername,
      String assigneeName,
      String assigneeRole,
      String label,
      String status,
      String actedByUsername,
      String actedByName,
      String onBehalfOfUsername,
      String onBehalfOfName,
      Instant actedAt,
      String comment,
      String certificateSerial,
      String certificateSubject,
      String signatureLevel,
      Integer producedVersion) {}

  /** An entry of a folder's history. */
  public record Event(
      Instant at,
      String action,
      String actorUsername,
      String actorName,
      String onBehalfOfName,
      String comment,
      String certificateSerial,
      String certificateSubject,
      Integer documentVersion) {}

  /** A step the caller can act on now, and under which delegation if any. */
  public record Actionable(UUID stepId, StepKind kind, String label, String onBehalfOfName) {}

  /** A folder with everything the folder page shows. */
  public record FolderDetail(
      Folder folder,
      List<Step> steps,
      List<Event> history,
      List<Actionable> myActions,
      boolean canWithdraw) {}

  /** An item of "my parapheur": a step awaiting the caller. */
  public record InboxItem(
      UUID folderId,
      UUID stepId,
      String title,
      String templateName,
      StepKind kind,
      String label,
      String submitterName,
      LocalDate dueDate,
      boolean overdue,
      Instant submittedAt,
      String onBehalfOfName) {}

  /** What the submitter is told. */
  public record Notification(
      UUID id, UUID folderId, String kind, String message, Instant createdAt, Instant readAt) {}
}
