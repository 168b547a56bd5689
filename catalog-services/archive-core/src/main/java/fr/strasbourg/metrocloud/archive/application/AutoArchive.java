package fr.strasbourg.metrocloud.archive.application;

import fr.strasbourg.metrocloud.archive.domain.ArchivalAgreement;
import fr.strasbourg.metrocloud.kernel.audit.AuditRecord;
import fr.strasbourg.metrocloud.kernel.audit.AuditTrail;
import fr.strasbourg.metrocloud.kernel.problem.UnprocessableProblem;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.InseeCode;
import fr.strasbourg.metrocloud.kernel.tenancy.TenantBound;
import fr.strasbourg.metrocloud.kernel.tenancy.TenantId;
import fr.strasbourg.metrocloud.parapheur.api.SignatureRequests;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Archives what the commune's signature circuits signed, when the commune asked for it: the request
 * is written in the transaction that closes the parapheur folder, then a worker transfers the
 * signed document (with its validation report) as a unit of source {@code PLATFORM}. Pending
 * requests are retried by the archive's periodic task.
 */
@ApplicationScoped
public class AutoArchive {

  private static final Logger LOG = Logger.getLogger(AutoArchive.class.getName());

  @Inject Steps steps;

  @Inject Archive archive;

  @Resource ManagedExecutorService executor;

  /** The commune's setting. */
  public record Settings(boolean autoArchiveSigned, String service, String ruleCode) {}

  /** In the transaction that closes the folder: writes the request if the commune wants it. */
  void onFolderClosed(@Observes SignatureRequests.FolderClosed closed) {
    if (!"APPROVED".equals(closed.status())) {
      return;
    }
    steps.request(context(closed.tenant()), closed);
  }

  /** After the commit: works the commune's requests off the caller's thread. */
  void afterFolderClosed(
      @Observes(during = TransactionPhase.AFTER_SUCCESS) SignatureRequests.FolderClosed closed) {
    if (!"APPROVED".equals(closed.status())) {
      return;
    }
    CallContext commune = context(closed.tenant());
    try {
      executor.submit(() -> process(commune));
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING, "Auto-archiving of " + closed.tenant() + " left to the periodic task", e);
    }
  }

  /** Transfers the commune's pending requests; returns how many became units. */
  public int process(CallContext commune) {
    int done = 0;
    for (Steps.Pending p : steps.pending(commune)) {
      try {
        ArchiveViews.Unit unit =
            archive.transferFromGed(
                commune,
                new Archive.GedTransfer(
                    p.documentId(),
                    null,
                    null,
                    null,
                    null,
                    null,
                    p.service(),
                    List.of(),
                    p.ruleCode(),
                    null,
                    null,
                    null),
                "PLATFORM");
        steps.done(commune, p.id(), unit.id());
        done++;
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Auto-archiving of document " + p.documentId() + " failed", e);
        steps.failed(commune, p.id(), e.getMessage());
      }
    }
    return done;
  }

  private static CallContext context(String insee) {
    return CallContext.system("archive", TenantId.of(InseeCode.of(insee)));
  }

  /** The transactional steps. */
  @ApplicationScoped
  @Transactional
  @TenantBound
  public static class Steps {
    /** Requests that failed this many times are left for a person to look at. */
    static final int MAX_ATTEMPTS = 10;

    @PersistenceContext EntityManager em;

    @Inject ArchiveReferential referential;

    @Inject AuditTrail audit;

    @Inject Clock clock;

    public record Pending(UUID id, UUID documentId, String service, String ruleCode) {}

    public Settings settings(CallContext commune) {
      @SuppressWarnings("unchecked")
      List<Object[]> rows =
          em.createNativeQuery(
                  "SELECT auto_archive_signed, service, rule_code FROM archive_settings")
              .getResultList();
      return rows.stream()
          .findFirst()
          .map(r -> new Settings((Boolean) r[0], (String) r[1], (String) r[2]))
          .orElse(new Settings(false, "SECRETARIAT_GENERAL", "ARRETES"));
    }

    public Settings save(CallContext admin, Settings s) {
      referential.ensureSeeded(admin);
      ArchivalAgreement general =
          referential.agreement(admin, ArchiveReferential.generalAgreement(admin.tenant().value()));
      List<String> reasons = general.violations(general.identifier(), s.service(), s.ruleCode());
      if (s.ruleCode() == null || referential.rule(admin, s.ruleCode()).isEmpty()) {
        reasons = new java.util.ArrayList<>(reasons);
        reasons.add("Règle de conservation inconnue : " + s.ruleCode());
      }
      if (!reasons.isEmpty()) {
        throw (UnprocessableProblem)
            new UnprocessableProblem(
                    "outside-agreement",
                    "Réglage hors de la convention générale : " + String.join(" ", reasons))
                .with("reasons", reasons);
      }
      em.createNativeQuery(
              "INSERT INTO archive_settings (tenant_id, auto_archive_signed, service, rule_code,"
                  + " updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT"
                  + " (tenant_id) DO UPDATE SET auto_archive_signed = EXCLUDED.auto_archive_signed,"
                  + " service = EXCLUDED.service, rule_code = EXCLUDED.rule_code, updated_at ="
                  + " EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by")
          .setParameter(1, admin.tenant().value())
          .setParameter(2, s.autoArchiveSigned())
          .setParameter(3, s.service())
          .setParameter(4, s.ruleCode())
          .setParameter(5, Timestamp.from(clock.instant()))
          .setParameter(6, admin.actor().displayName())
          .executeUpdate();
      audit.record(
          admin,
          AuditRecord.success("archive.settings.saved", "archive-settings", admin.tenant().value())
              .withDetail("autoArchiveSigned", String.valueOf(s.autoArchiveSigned()))
              .withDetail("rule", s.ruleCode()));
      return settings(admin);
    }

    public void request(CallContext commune, SignatureRequests.FolderClosed closed) {
      Settings s = settings(commune);
      if (!s.autoArchiveSigned()) {
        return;
      }
      em.createNativeQuery(
              "INSERT INTO archive_auto_requests (id, tenant_id, folder_id, document_id, service,"
                  + " rule_code, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT"
                  + " (folder_id) DO NOTHING")
          .setParameter(1, UUID.randomUUID())
          .setParameter(2, commune.tenant().value())
          .setParameter(3, closed.folderId())
          .setParameter(4, closed.documentId())
          .setParameter(5, s.service())
          .setParameter(6, s.ruleCode())
          .setParameter(7, Timestamp.from(clock.instant()))
          .executeUpdate();
    }

    public List<Pending> pending(CallContext commune) {
      @SuppressWarnings("unchecked")
      List<Object[]> rows =
          em.createNativeQuery(
                  "SELECT id, document_id, service, rule_code FROM archive_auto_requests WHERE"
                      + " done_at IS NULL AND attempts < ?1 AND (claimed_until IS NULL OR"
                      + " claimed_until < ?2) ORDER BY created_at LIMIT 50 FOR UPDATE SKIP LOCKED")
              .setParameter(1, MAX_ATTEMPTS)
              .setParameter(2, Timestamp.from(clock.instant()))
              .getResultList();
      List<Pending> out = new java.util.ArrayList<>();
      for (Object[] r : rows) {
        UUID id = ArchiveJournal.uuid(r[0]);
        // claimed for ten minutes: another instance leaves it alone while this one works on it
        em.createNativeQuery(
                "UPDATE archive_auto_requests SET attempts = attempts + 1, claimed_until = ?2"
                    + " WHERE id = ?1")
            .setParameter(1, id)
            .setParameter(2, Timestamp.from(clock.instant().plusSeconds(600)))
            .executeUpdate();
        out.add(new Pending(id, ArchiveJournal.uuid(r[1]), (String) r[2], (String) r[3]));
      }
      return out;
    }

    public void done(CallContext commune, UUID request, UUID unit) {
      em.createNativeQuery(
              "UPDATE archive_auto_requests SET done_at = ?2, unit_id = ?3, last_error = NULL,"
                  + " claimed_until = NULL WHERE id = ?1")
          .setParameter(1, request)
          .setParameter(2, Timestamp.from(clock.instant()))
          .setParameter(3, unit)
          .executeUpdate();
    }

    public void failed(CallContext commune, UUID request, String error) {
      em.createNativeQuery(
              "UPDATE archive_auto_requests SET last_error = ?2, claimed_until = NULL WHERE id = ?1")
          .setParameter(1, request)
          .setParameter(
              2,
              error == null ? "erreur" : error.length() > 1000 ? error.substring(0, 1000) : error)
          .executeUpdate();
    }

    /** Whether the commune has requests still to work (for checks). */
    public Optional<Integer> pendingCount(CallContext commune) {
      return Optional.of(
          ((Number)
                  em.createNativeQuery(
                          "SELECT count(*) FROM archive_auto_requests WHERE done_at IS NULL")
                      .getSingleResult())
              .intValue());
    }
  }
}
