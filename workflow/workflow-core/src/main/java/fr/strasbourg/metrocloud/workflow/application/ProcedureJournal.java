package fr.strasbourg.metrocloud.workflow.application;

import fr.strasbourg.metrocloud.kernel.problem.NotFoundProblem;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.TenantBound;
import fr.strasbourg.metrocloud.workflow.application.WorkflowViews.HistoryEntry;
import fr.strasbourg.metrocloud.workflow.application.WorkflowViews.Notification;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** History of each procedure and the notifications of its people. */
@ApplicationScoped
@Transactional
@TenantBound
public class ProcedureJournal {

  @PersistenceContext EntityManager em;

  @Inject Clock clock;

  public void record(
      CallContext caller, String kind, UUID subjectId, String action, String detail) {
    em.createNativeQuery(
            "INSERT INTO workflow_history (id, tenant_id, subject_kind, subject_id, at, action,"
                + " actor_username, actor_name, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")
        .setParameter(1, UUID.randomUUID())
        .setParameter(2, caller.tenant().value())
        .setParameter(3, kind)
        .setParameter(4, subjectId)
        .setParameter(5, Timestamp.from(clock.instant()))
        .setParameter(6, action)
        .setParameter(7, caller.actor().username())
        .setParameter(8, caller.actor().displayName())
        .setParameter(9, detail == null ? null : truncate(detail))
        .executeUpdate();
  }

  public List<HistoryEntry> history(CallContext caller, String kind, UUID subjectId) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT at, action, actor_username, actor_name, detail FROM workflow_history"
                    + " WHERE tenant_id = ?1 AND subject_kind = ?2 AND subject_id = ?3"
                    + " ORDER BY at, id")
            .setParameter(1, caller.tenant().value())
            .setParameter(2, kind)
            .setParameter(3, subjectId)
            .getResultList();
    return rows.stream()
        .map(
            r ->
                new HistoryEntry(
                    ((Timestamp) r[0]).toInstant(),
                    (String) r[1],
                    (String) r[2],
                    (String) r[3],
                    (String) r[4]))
        .toList();
  }

  public void notify(
      CallContext caller,
      String recipient,
      String kind,
      String subjectKind,
      UUID subjectId,
      String message) {
    if (recipient == null || recipient.isBlank()) {
      return;
    }
    em.createNativeQuery(
            "INSERT INTO workflow_notifications (id, tenant_id, recipient, subject_kind,"
                + " subject_id, kind, message, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
        .setParameter(1, UUID.randomUUID())
        .setParameter(2, caller.tenant().value())
        .setParameter(3, recipient)
        .setParameter(4, subjectKind)
        .setParameter(5, subjectId)
        .setParameter(6, kind)
        .setParameter(7, truncate(message))
        .setParameter(8, Timestamp.from(clock.instant()))
        .executeUpdate();
  }

  public List<Notification> notifications(CallContext caller, boolean unreadOnly) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT id, kind, subject_kind, subject_id, message, at, read_at FROM"
                    + " workflow_notifications WHERE tenant_id = ?1 AND recipient = ?2"
                    + (unreadOnly ? " AND read_at IS NULL" : "")
                    + " ORDER BY at DESC, id LIMIT 100")
            .setParameter(1, caller.tenant().value())
            .setParameter(2, caller.actor().username())
            .getResultList();
    return rows.stream()
        .map(
            r ->
                new Notification(
                    (UUID) r[0],
                    (String) r[1],
                    (String) r[2],
                    (UUID) r[3],
                    (String) r[4],
                    ((Timestamp) r[5]).toInstant(),
                    r[6] != null))
        .toList();
  }

  public void markRead(CallContext caller, UUID id) {
    int n =
        em.createNativeQuery(
                "UPDATE workflow_notifications SET read_at = coalesce(read_at, ?1) WHERE id = ?2"
                    + " AND tenant_id = ?3 AND recipient = ?4")
            .setParameter(1, Timestamp.from(clock.instant()))
            .setParameter(2, id)
            .setParameter(3, caller.tenant().value())
            .setParameter(4, caller.actor().username())
            .executeUpdate();
    if (n == 0) {
      throw new NotFoundProblem("notification-not-found", "Notification introuvable.");
    }
  }

  private static String truncate(String s) {
    return s.length() <= 1000 ? s : s.substring(0, 999) + "…";
  }
}
