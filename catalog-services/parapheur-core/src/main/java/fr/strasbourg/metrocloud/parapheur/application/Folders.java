package fr.strasbourg.metrocloud.parapheur.application;

import fr.strasbourg.metrocloud.catalog.api.ServiceCode;
import fr.strasbourg.metrocloud.catalog.api.UsageEvent;
import fr.strasbourg.metrocloud.catalog.api.UsageRecorder;
import fr.strasbourg.metrocloud.kernel.audit.AuditRecord;
import fr.strasbourg.metrocloud.kernel.audit.AuditTrail;
import fr.strasbourg.metrocloud.kernel.problem.ConflictProblem;
import fr.strasbourg.metrocloud.kernel.problem.ForbiddenProblem;
import fr.strasbourg.metrocloud.kernel.problem.NotFoundProblem;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.Role;
import fr.strasbourg.metrocloud.kernel.tenancy.TenantBound;
import fr.strasbourg.metrocloud.parapheur.api.SignatureRequests;
import fr.strasbourg.metrocloud.parapheur.application.FolderViews.Actionable;
import fr.strasbourg.metrocloud.parapheur.application.FolderViews.Event;
import fr.strasbourg.metrocloud.parapheur.application.FolderViews.Folder;
import fr.strasbourg.metrocloud.parapheur.application.FolderViews.FolderDetail;
import fr.strasbourg.metrocloud.parapheur.application.FolderViews.InboxItem;
import fr.strasbourg.metrocloud.parapheur.application.FolderViews.Notification;
import fr.strasbourg.metrocloud.parapheur.application.FolderViews.Step;
import fr.strasbourg.metrocloud.parapheur.domain.CircuitRules;
import fr.strasbourg.metrocloud.parapheur.domain.StepKind;
import fr.strasbourg.metrocloud.parapheur.domain.TemplateStep;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The folders of the commune's parapheur and the state changes of their steps, one transaction
 * each.
 */
@ApplicationScoped
@Transactional
@TenantBound
public class Folders {

  /** A signature claim older than this was left by a crashed instance and may be taken over. */
  static final Duration CLAIM_TIMEOUT = Duration.ofMinutes(5);

  private static final String FOLDER_COLUMNS =
      "id, template_id, template_name, document_id, submitted_version, working_version, title,"
          + " message, due_date, submitter_subject, submitter_username, submitter_name, status,"
          + " current_stage, signatures, created_at, closed_at";

  private static final String STEP_COLUMNS =
      "id, stage, position, kind, assignee_username, assignee_name, assignee_role, label, status,"
          + " acted_by_username, acted_by_name, on_behalf_of_username, on_behalf_of_name, acted_at,"
          + " comment, certificate_serial, certificate_subject, signature_level, produced_version";

  @PersistenceContext EntityManager em;

  @Inject jakarta.enterprise.event.Event<SignatureRequests.FolderClosed> closedEvents;

  @Inject AuditTrail audit;

  @Inject UsageRecorder usage;

  @Inject Clock clock;

  // ---- submission -----------------------------------------------------------------------------

  public Folder submit(
      CallContext submitter,
      CircuitTemplates.Template template,
      UUID documentId,
      int version,
      String title,
      String message,
      LocalDate dueDate) {
    UUID id = UUID.randomUUID();
    Instant now = clock.instant();
    em.createNativeQuery(
            "INSERT INTO parapheur_folders (id, tenant_id, template_id, template_name, document_id,"
                + " submitted_version, working_version, title, message, due_date,"
                + " submitter_subject, submitter_username, submitter_name, status, current_stage,"
                + " created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7, ?8, ?9, ?10, ?11, ?12,"
                + " 'IN_PROGRESS', 1, ?13)")
        .setParameter(1, id)
        .setParameter(2, submitter.tenant().value())
        .setParameter(3, template.id())
        .setParameter(4, template.name())
        .setParameter(5, documentId)
        .setParameter(6, version)
        .setParameter(7, title)
        .setParameter(8, message)
        .setParameter(9, dueDate == null ? null : Date.valueOf(dueDate))
        .setParameter(10, submitter.actor().subject())
        .setParameter(11, submitter.actor().username())
        .setParameter(12, submitter.actor().displayName())
        .setParameter(13, Timestamp.from(now))
        .executeUpdate();
    int position = 0;
    for (TemplateStep s : template.steps()) {
      em.createNativeQuery(
              "INSERT INTO parapheur_steps (id, tenant_id, folder_id, stage, position, kind,"
                  + " assignee_username, assignee_name, assignee_role, label, status)"
                  + " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)")
          .setParameter(1, UUID.randomUUID())
          .setParameter(2, submitter.tenant().value())
          .setParameter(3, id)
          .setParameter(4, s.stage())
          .setParameter(5, position++)
          .setParameter(6, s.kind().name())
          .setParameter(7, s.username())
          .setParameter(8, s.username() == null ? null : s.assigneeName())
          .setParameter(9, s.role())
          .setParameter(10, s.label())
          .setParameter(11, s.stage() == 1 ? "PENDING" : "WAITING")
          .executeUpdate();
    }
    event(submitter, id, null, "submitted", null, message, null, null, version);
    audit.record(
        submitter,
        AuditRecord.success("parapheur.folder.submitted", "parapheur-folder", id.toString())
            .withDetail("document", documentId.toString())
            .withDetail("version", String.valueOf(version))
            .withDetail("circuit", template.name()));
    return find(submitter, id);
  }

  // ---- reading --------------------------------------------------------------------------------

  public Folder find(CallContext caller, UUID id) {
    return folders("WHERE id = ?1", id).stream().findFirst().orElseThrow(() -> notFound(id));
  }

  public FolderDetail detail(
      CallContext caller, UUID id, List<Delegations.Delegation> delegationsToCaller) {
    Folder folder = find(caller, id);
    List<Step> steps = steps(id);
    return new FolderDetail(
        folder,
        steps,
        history(id),
        actionable(caller, folder, steps, delegationsToCaller),
        canWithdraw(caller, folder, steps));
  }

  /** Folders of the commune: the caller's submissions ({@code mine}) or all of them. */
  public List<Folder> list(CallContext caller, boolean mine, String status, int limit) {
    List<String> where = new ArrayList<>();
    List<Object> params = new ArrayList<>();
    if (mine) {
      params.add(caller.actor().subject());
      where.add("submitter_subject = ?" + params.size());
    }
    if (status != null) {
      params.add(status);
      where.add("status = ?" + params.size());
    }
    String sql =
        "SELECT "
            + FOLDER_COLUMNS
            + " FROM parapheur_folders"
            + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
            + " ORDER BY created_at DESC LIMIT "
            + Math.max(1, Math.min(limit, 200));
    Query q = em.createNativeQuery(sql);
    for (int i = 0; i < params.size(); i++) {
      q.setParameter(i + 1, params.get(i));
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows = q.getResultList();
    return rows.stream().map(Folders::toFolder).toList();
  }

  /** Steps awaiting the caller: assigned to them, to one of their roles, or to a delegator. */
  public List<InboxItem> inbox(
      CallContext caller, List<Delegations.Delegation> delegationsToCaller) {
    List<Object> params = new ArrayList<>();
    List<String> people = new ArrayList<>();
    params.add(caller.actor().username().toLowerCase());
    people.add("?" + params.size());
    for (Delegations.Delegation d : delegationsToCaller) {
      params.add(d.delegatorUsername().toLowerCase());
      people.add("?" + params.size());
    }
    List<String> roles = new ArrayList<>();
    for (Role r : caller.roles()) {
      params.add(r.claimValue());
      roles.add("?" + params.size());
    }
    String sql =
        "SELECT f.id, s.id, f.title, f.template_name, s.kind, s.label, f.submitter_name,"
            + " f.due_date, f.created_at, s.assignee_username"
            + " FROM parapheur_steps s JOIN parapheur_folders f ON f.id = s.folder_id"
            + " WHERE s.status = 'PENDING' AND f.status = 'IN_PROGRESS' AND ("
            + "lower(s.assignee_username) IN ("
            + String.join(", ", people)
            + ")"
            + (roles.isEmpty() ? "" : " OR s.assignee_role IN (" + String.join(", ", roles) + ")")
            + ") ORDER BY f.due_date NULLS LAST, f.created_at, s.position";
    Query q = em.createNativeQuery(sql);
    for (int i = 0; i < params.size(); i++) {
      q.setParameter(i + 1, params.get(i));
    }
    LocalDate today = LocalDate.now(clock.withZone(Delegations.PARIS));
    @SuppressWarnings("unchecked")
    List<Object[]> rows = q.getResultList();
    return rows.stream()
        .map(
            r -> {
              LocalDate due = r[7] == null ? null : ((Date) r[7]).toLocalDate();
              String assignee = (String) r[9];
              String onBehalfOf =
                  assignee == null || assignee.equalsIgnoreCase(caller.actor().username())
                      ? null
                      : delegationsToCaller.stream()
                          .filter(d -> d.delegatorUsername().equalsIgnoreCase(assignee))
                          .map(Delegations.Delegation::delegatorName)
                          .findFirst()
                          .orElse(null);
              return new InboxItem(
                  uuid(r[0]),
                  uuid(r[1]),
                  (String) r[2],
                  (String) r[3],
                  StepKind.valueOf((String) r[4]),
                  (String) r[5],
                  (String) r[6],
                  due,
                  due != null && due.isBefore(today),
                  ((Timestamp) r[8]).toInstant(),
                  onBehalfOf);
            })
        .toList();
  }

  public List<Notification> notifications(CallContext caller, boolean unreadOnly) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT id, folder_id, kind, message, created_at, read_at FROM"
                    + " parapheur_notifications WHERE recipient_subject = ?1"
                    + (unreadOnly ? " AND read_at IS NULL" : "")
                    + " ORDER BY created_at DESC LIMIT 100")
            .setParameter(1, caller.actor().subject())
            .getResultList();
    return rows.stream()
        .map(
            r ->
                new Notification(
                    uuid(r[0]),
                    uuid(r[1]),
                    (String) r[2],
                    (String) r[3],
                    ((Timestamp) r[4]).toInstant(),
                    r[5] == null ? null : ((Timestamp) r[5]).toInstant()))
        .toList();
  }

  public void markRead(CallContext caller, UUID id) {
    int updated =
        em.createNativeQuery(
                "UPDATE parapheur_notifications SET read_at = coalesce(read_at, ?3)"
                    + " WHERE id = ?1 AND recipient_subject = ?2")
            .setParameter(1, id)
            .setParameter(2, caller.actor().subject())
            .setParameter(3, Timestamp.from(clock.instant()))
            .executeUpdate();
    if (updated == 0) {
      throw new NotFoundProblem("notification-not-found", "Notification introuvable : " + id);
    }
  }

  // ---- actions --------------------------------------------------------------------------------

  /** A visa: the step is done, the circuit moves on. */
  public Folder approve(
      CallContext caller,
      UUID folderId,
      UUID stepId,
      String comment,
      List<Delegations.Delegation> delegationsToCaller) {
    Folder folder = lock(folderId);
    Actionable target = target(caller, folder, stepId, delegationsToCaller, StepKind.VISA);
    Instant now = clock.instant();
    markActed(caller, target, "DONE", comment, now, null, null, null, null, "PENDING");
    event(
        caller,
        folderId,
        target.stepId(),
        "approved",
        target.onBehalfOfName(),
        comment,
        null,
        null,
        null);
    usage.record(
        caller,
        new UsageEvent(
            ServiceCode.E_SIGNATURE,
            "visas",
            BigDecimal.ONE,
            now,
            "parapheur/visa/" + target.stepId(),
            "parapheur"));
    audit.record(
        caller,
        AuditRecord.success("parapheur.step.approved", "parapheur-folder", folderId.toString())
            .withDetail("step", target.stepId().toString())
            .withDetail("onBehalfOf", String.valueOf(target.onBehalfOfName())));
    advance(caller, folderId, now);
    return find(caller, folderId);
  }

  /** A claimed signature step. */
  public record Claim(Folder folder, Actionable step) {}

  /**
   * Claims a signature step for the caller: returns empty while another signature of the folder is
   * being made (the caller retries), throws if the caller cannot sign now.
   */
  public Optional<Claim> claimSignature(
      CallContext caller,
      UUID folderId,
      UUID stepId,
      List<Delegations.Delegation> delegationsToCaller) {
    Folder folder = lock(folderId);
    Instant now = clock.instant();
    // a claim left by a crashed instance is released
    em.createNativeQuery(
            "UPDATE parapheur_steps SET status = 'PENDING', claimed_at = NULL"
                + " WHERE folder_id = ?1 AND status = 'SIGNING' AND claimed_at < ?2")
        .setParameter(1, folderId)
        .setParameter(2, Timestamp.from(now.minus(CLAIM_TIMEOUT)))
        .executeUpdate();
    Number busy =
        (Number)
            em.createNativeQuery(
                    "SELECT count(*) FROM parapheur_steps WHERE folder_id = ?1 AND status = 'SIGNING'")
                .setParameter(1, folderId)
                .getSingleResult();
    if (busy.intValue() > 0) {
      return Optional.empty();
    }
    Actionable target = target(caller, folder, stepId, delegationsToCaller, StepKind.SIGNATURE);
    em.createNativeQuery(
            "UPDATE parapheur_steps SET status = 'SIGNING', claimed_at = ?2 WHERE id = ?1"
                + " AND status = 'PENDING'")
        .setParameter(1, target.stepId())
        .setParameter(2, Timestamp.from(now))
        .executeUpdate();
    return Optional.of(new Claim(folder, target));
  }

  /** The signature is made and stored as {@code version}: the step is done. */
  public Folder completeSignature(
      CallContext caller,
      Claim claim,
      String comment,
      String certificateSerial,
      String certificateSubject,
      String level,
      int version) {
    UUID folderId = claim.folder().id();
    lock(folderId);
    Instant now = clock.instant();
    markActed(
        caller,
        claim.step(),
        "DONE",
        comment,
        now,
        certificateSerial,
        certificateSubject,
        level,
        version,
        "SIGNING");
    em.createNativeQuery(
            "UPDATE parapheur_folders SET working_version = ?2, signatures = signatures + 1"
                + " WHERE id = ?1")
        .setParameter(1, folderId)
        .setParameter(2, version)
        .executeUpdate();
    event(
        caller,
        folderId,
        claim.step().stepId(),
        "signed",
        claim.step().onBehalfOfName(),
        comment,
        certificateSerial,
        certificateSubject,
        version);
    usage.record(
        caller,
        new UsageEvent(
            ServiceCode.E_SIGNATURE,
            "signatures",
            BigDecimal.ONE,
            now,
            "parapheur/signature/" + claim.step().stepId(),
            "parapheur"));
    audit.record(
        caller,
        AuditRecord.success("parapheur.step.signed", "parapheur-folder", folderId.toString())
            .withDetail("step", claim.step().stepId().toString())
            .withDetail("certificate", certificateSerial)
            .withDetail("level", level)
            .withDetail("version", String.valueOf(version))
            .withDetail("onBehalfOf", String.valueOf(claim.step().onBehalfOfName())));
    advance(caller, folderId, now);
    return find(caller, folderId);
  }

  /** The signature failed: the step is pending again. */
  public void releaseClaim(CallContext caller, UUID stepId) {
    em.createNativeQuery(
            "UPDATE parapheur_steps SET status = 'PENDING', claimed_at = NULL WHERE id = ?1"
                + " AND status = 'SIGNING'")
        .setParameter(1, stepId)
        .executeUpdate();
  }

  /** A rejection stops the circuit and tells the submitter. */
  public Folder reject(
      CallContext caller,
      UUID folderId,
      UUID stepId,
      String reason,
      List<Delegations.Delegation> delegationsToCaller) {
    Folder folder = lock(folderId);
    Actionable target = target(caller, folder, stepId, delegationsToCaller, null);
    Instant now = clock.instant();
    markActed(caller, target, "REJECTED", reason, now, null, null, null, null, "PENDING");
    close(folderId, "REJECTED", now);
    announceClosed(caller, folderId, reason);
    event(
        caller,
        folderId,
        target.stepId(),
        "rejected",
        target.onBehalfOfName(),
        reason,
        null,
        null,
        null);
    notify(
        caller,
        folder,
        "REJECTED",
        "« "
            + folder.title()
            + " » a été refusé par "
            + caller.actor().displayName()
            + (target.onBehalfOfName() == null
                ? ""
                : " (par délégation de " + target.onBehalfOfName() + ")")
            + " : "
            + reason,
        now);
    audit.record(
        caller,
        AuditRecord.success("parapheur.step.rejected", "parapheur-folder", folderId.toString())
            .withDetail("step", target.stepId().toString())
            .withDetail("reason", reason));
    return find(caller, folderId);
  }

  /** The submitter withdraws the folder; possible until the first signature. */
  public Folder withdraw(CallContext caller, UUID folderId, String reason) {
    Folder folder = lock(folderId);
    if (!folder.submitterSubject().equals(caller.actor().subject())) {
      throw new ForbiddenProblem(
          "not-submitter", "Seule la personne qui a déposé le dossier peut le retirer.");
    }
    open(folder);
    List<Step> steps = steps(folderId);
    if (folder.signatures() > 0 || steps.stream().anyMatch(s -> "SIGNING".equals(s.status()))) {
      throw new ConflictProblem(
          "already-signed", "Le dossier a déjà été signé : il ne peut plus être retiré.");
    }
    Instant now = clock.instant();
    close(folderId, "WITHDRAWN", now);
    announceClosed(caller, folderId, reason);
    event(caller, folderId, null, "withdrawn", null, reason, null, null, null);
    audit.record(
        caller,
        AuditRecord.success("parapheur.folder.withdrawn", "parapheur-folder", folderId.toString()));
    return find(caller, folderId);
  }

  // ---- rules --------------------------------------------------------------------------------

  /** The steps the caller may act on now. */
  static List<Actionable> actionable(
      CallContext caller,
      Folder folder,
      List<Step> steps,
      List<Delegations.Delegation> delegations) {
    List<Actionable> result = new ArrayList<>();
    if (!"IN_PROGRESS".equals(folder.status())) {
      return result;
    }
    for (Step s : steps) {
      if (!"PENDING".equals(s.status())) {
        continue;
      }
      if (s.assigneeUsername() != null) {
        if (s.assigneeUsername().equalsIgnoreCase(caller.actor().username())) {
          result.add(new Actionable(s.id(), s.kind(), s.label(), null));
        } else {
          delegations.stream()
              .filter(d -> d.delegatorUsername().equalsIgnoreCase(s.assigneeUsername()))
              .findFirst()
              .ifPresent(
                  d -> result.add(new Actionable(s.id(), s.kind(), s.label(), d.delegatorName())));
        }
      } else if (s.assigneeRole() != null
          && Role.fromClaim(s.assigneeRole()).map(caller::hasRole).orElse(false)) {
        result.add(new Actionable(s.id(), s.kind(), s.label(), null));
      }
    }
    return result;
  }

  private static boolean canWithdraw(CallContext caller, Folder folder, List<Step> steps) {
    return "IN_PROGRESS".equals(folder.status())
        && folder.submitterSubject().equals(caller.actor().subject())
        && folder.signatures() == 0
        && steps.stream().noneMatch(s -> "SIGNING".equals(s.status()));
  }

  private Actionable target(
      CallContext caller,
      Folder folder,
      UUID stepId,
      List<Delegations.Delegation> delegations,
      StepKind expected) {
    open(folder);
    List<Actionable> mine =
        actionable(caller, folder, steps(folder.id()), delegations).stream()
            .filter(a -> stepId == null || a.stepId().equals(stepId))
            .toList();
    if (mine.isEmpty()) {
      throw new ForbiddenProblem(
          "not-assignee", "Aucune étape en cours de ce dossier ne vous est destinée.");
    }
    Actionable target =
        mine.stream()
            .filter(a -> expected == null || a.kind() == expected)
            .findFirst()
            .orElse(mine.get(0));
    if (expected != null && target.kind() != expected) {
      throw new ConflictProblem(
          "wrong-action",
          target.kind() == StepKind.VISA
              ? "Cette étape est un visa : elle se vise, elle ne se signe pas."
              : "Cette étape est une signature : elle se signe, elle ne se vise pas.");
    }
    return target;
  }

  private static void open(Folder folder) {
    if (!"IN_PROGRESS".equals(folder.status())) {
      throw new ConflictProblem(
          "folder-closed", "Le dossier n'est plus en cours (" + folder.status() + ").");
    }
  }

  private void markActed(
      CallContext caller,
      Actionable target,
      String newStatus,
      String comment,
      Instant now,
      String certificateSerial,
      String certificateSubject,
      String level,
      Integer version,
      String fromStatus) {
    int updated =
        em.createNativeQuery(
                "UPDATE parapheur_steps SET status = ?13, claimed_at = NULL, acted_by_subject = ?2,"
                    + " acted_by_username = ?3, acted_by_name = ?4, on_behalf_of_name = ?5,"
                    + " acted_at = ?6, comment = ?7, certificate_serial = ?8,"
                    + " certificate_subject = ?9, signature_level = ?10, produced_version = ?11"
                    + " WHERE id = ?1 AND status = ?12")
            .setParameter(1, target.stepId())
            .setParameter(2, caller.actor().subject())
            .setParameter(3, caller.actor().username())
            .setParameter(4, caller.actor().displayName())
            .setParameter(5, target.onBehalfOfName())
            .setParameter(6, Timestamp.from(now))
            .setParameter(7, comment)
            .setParameter(8, certificateSerial)
            .setParameter(9, certificateSubject)
            .setParameter(10, level)
            .setParameter(11, version)
            .setParameter(12, fromStatus)
            .setParameter(13, newStatus)
            .executeUpdate();
    if (updated != 1) {
      throw new ConflictProblem(
          "step-changed", "L'étape a changé entre-temps : rechargez le dossier.");
    }
  }

  private void advance(CallContext caller, UUID folderId, Instant now) {
    Folder folder = find(caller, folderId);
    List<CircuitRules.StepState> states =
        steps(folderId).stream()
            .map(s -> new CircuitRules.StepState(s.stage(), s.status()))
            .toList();
    int next = CircuitRules.nextStage(states, folder.currentStage());
    if (next > 0) {
      em.createNativeQuery(
              "UPDATE parapheur_steps SET status = 'PENDING' WHERE folder_id = ?1 AND stage = ?2"
                  + " AND status = 'WAITING'")
          .setParameter(1, folderId)
          .setParameter(2, next)
          .executeUpdate();
      em.createNativeQuery("UPDATE parapheur_folders SET current_stage = ?2 WHERE id = ?1")
          .setParameter(1, folderId)
          .setParameter(2, next)
          .executeUpdate();
    } else if (next < 0) {
      em.createNativeQuery(
              "UPDATE parapheur_folders SET status = 'APPROVED', closed_at = ?2 WHERE id = ?1")
          .setParameter(1, folderId)
          .setParameter(2, Timestamp.from(now))
          .executeUpdate();
      event(caller, folderId, null, "completed", null, null, null, null, folder.workingVersion());
      announceClosed(caller, folderId, null);
      Folder closed = find(caller, folderId);
      notify(
          caller,
          closed,
          "APPROVED",
          "« "
              + closed.title()
              + " » a terminé son circuit"
              + (closed.signatures() > 0
                  ? " : version signée n° " + closed.workingVersion() + " dans la GED."
                  : "."),
          now);
      audit.record(
          caller,
          AuditRecord.success("parapheur.folder.approved", "parapheur-folder", folderId.toString())
              .withDetail("version", String.valueOf(closed.workingVersion())));
    }
  }

  /** Tells other contexts (in this transaction) that a folder ended. */
  private void announceClosed(CallContext caller, UUID folderId, String reason) {
    Folder f = find(caller, folderId);
    closedEvents.fire(
        new SignatureRequests.FolderClosed(
            caller.tenant().value(),
            folderId,
            f.status(),
            f.documentId(),
            f.workingVersion(),
            reason));
  }

  private void close(UUID folderId, String status, Instant now) {
    em.createNativeQuery(
            "UPDATE parapheur_steps SET status = 'CANCELLED', claimed_at = NULL WHERE folder_id = ?1"
                + " AND status IN ('PENDING', 'WAITING')")
        .setParameter(1, folderId)
        .executeUpdate();
    em.createNativeQuery("UPDATE parapheur_folders SET status = ?2, closed_at = ?3 WHERE id = ?1")
        .setParameter(1, folderId)
        .setParameter(2, status)
        .setParameter(3, Timestamp.from(now))
        .executeUpdate();
  }

  private void notify(CallContext caller, Folder folder, String kind, String message, Instant now) {
    em.createNativeQuery(
            "INSERT INTO parapheur_notifications (id, tenant_id, recipient_subject, folder_id, kind,"
                + " message, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
        .setParameter(1, UUID.randomUUID())
        .setParameter(2, caller.tenant().value())
        .setParameter(3, folder.submitterSubject())
        .setParameter(4, folder.id())
        .setParameter(5, kind)
        .setParameter(6, message.length() > 2000 ? message.substring(0, 2000) : message)
        .setParameter(7, Timestamp.from(now))
        .executeUpdate();
  }

  private void event(
      CallContext caller,
      UUID folderId,
      UUID stepId,
      String action,
      String onBehalfOf,
      String comment,
      String certificateSerial,
      String certificateSubject,
      Integer version) {
    em.createNativeQuery(
            "INSERT INTO parapheur_events (id, tenant_id, folder_id, step_id, at, action,"
                + " actor_username, actor_name, on_behalf_of_name, comment, certificate_serial,"
                + " certificate_subject, document_version)"
                + " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)")
        .setParameter(1, UUID.randomUUID())
        .setParameter(2, caller.tenant().value())
        .setParameter(3, folderId)
        .setParameter(4, stepId)
        .setParameter(5, Timestamp.from(clock.instant()))
        .setParameter(6, action)
        .setParameter(7, caller.actor().username())
        .setParameter(8, caller.actor().displayName())
        .setParameter(9, onBehalfOf)
        .setParameter(10, comment)
        .setParameter(11, certificateSerial)
        .setParameter(12, certificateSubject)
        .setParameter(13, version)
        .executeUpdate();
  }

  private Folder lock(UUID id) {
    return folders("WHERE id = ?1 FOR UPDATE", id).stream()
        .findFirst()
        .orElseThrow(() -> notFound(id));
  }

  private List<Folder> folders(String where, Object parameter) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery("SELECT " + FOLDER_COLUMNS + " FROM parapheur_folders " + where)
            .setParameter(1, parameter)
            .getResultList();
    return rows.stream().map(Folders::toFolder).toList();
  }

  private List<Step> steps(UUID folderId) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT "
                    + STEP_COLUMNS
                    + " FROM parapheur_steps WHERE folder_id = ?1 ORDER BY position")
            .setParameter(1, folderId)
            .getResultList();
    return rows.stream()
        .map(
            r ->
                new Step(
                    uuid(r[0]),
                    ((Number) r[1]).intValue(),
                    ((Number) r[2]).intValue(),
                    StepKind.valueOf((String) r[3]),
                    (String) r[4],
                    (String) r[5],
                    (String) r[6],
                    (String) r[7],
                    (String) r[8],
                    (String) r[9],
                    (String) r[10],
                    (String) r[11],
                    (String) r[12],
                    r[13] == null ? null : ((Timestamp) r[13]).toInstant(),
                    (String) r[14],
                    (String) r[15],
                    (String) r[16],
                    (String) r[17],
                    r[18] == null ? null : ((Number) r[18]).intValue()))
        .toList();
  }

  private List<Event> history(UUID folderId) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT at, action, actor_username, actor_name, on_behalf_of_name, comment,"
                    + " certificate_serial, certificate_subject, document_version"
                    + " FROM parapheur_events WHERE folder_id = ?1 ORDER BY at, id")
            .setParameter(1, folderId)
            .getResultList();
    return rows.stream()
        .map(
            r ->
                new Event(
                    ((Timestamp) r[0]).toInstant(),
                    (String) r[1],
                    (String) r[2],
                    (String) r[3],
                    (String) r[4],
                    (String) r[5],
                    (String) r[6],
                    (String) r[7],
                    r[8] == null ? null : ((Number) r[8]).intValue()))
        .toList();
  }

  private static Folder toFolder(Object[] r) {
    return new Folder(
        uuid(r[0]),
        uuid(r[1]),
        (String) r[2],
        uuid(r[3]),
        ((Number) r[4]).intValue(),
        ((Number) r[5]).intValue(),
        (String) r[6],
        (String) r[7],
        r[8] == null ? null : ((Date) r[8]).toLocalDate(),
        (String) r[9],
        (String) r[10],
        (String) r[11],
        (String) r[12],
        ((Number) r[13]).intValue(),
        ((Number) r[14]).intValue(),
        ((Timestamp) r[15]).toInstant(),
        r[16] == null ? null : ((Timestamp) r[16]).toInstant());
  }

  static UUID uuid(Object value) {
    return value instanceof UUID u ? u : UUID.fromString(String.valueOf(value));
  }

  private static NotFoundProblem notFound(UUID id) {
    return new NotFoundProblem("folder-not-found", "Dossier introuvable : " + id);
  }
}
