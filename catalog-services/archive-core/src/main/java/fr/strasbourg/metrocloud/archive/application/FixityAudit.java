package fr.strasbourg.metrocloud.archive.application;

import fr.strasbourg.metrocloud.kernel.audit.AuditRecord;
import fr.strasbourg.metrocloud.kernel.audit.AuditTrail;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.TenantBound;
import fr.strasbourg.metrocloud.storage.ObjectStore;
import fr.strasbourg.metrocloud.storage.StorageUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Fixity audit of a commune's archive: every stored object is read back from the object store and
 * its SHA-256 compared with the fingerprint recorded at ingest. An altered or missing object raises
 * an alert (one open alert per object), is journalled and audited; the run's counts are kept. The
 * objects are read outside any transaction; each result is recorded in its own short one.
 */
@ApplicationScoped
public class FixityAudit {

  private static final Logger LOG = Logger.getLogger(FixityAudit.class.getName());

  /** A scheduled audit is skipped if one ran for the commune within this window. */
  static final Duration SCHEDULE_WINDOW = Duration.ofHours(20);

  /** Result of checking one object. */
  public enum Outcome {
    OK,
    ALTERED,
    MISSING
  }

  @Inject Steps steps;

  @Inject ObjectStore objects;

  /**
   * Audits the commune's objects. A scheduled run is skipped (empty result) if one ran recently.
   */
  public java.util.Optional<ArchiveViews.FixityRun> run(
      CallContext commune, String trigger, String requestedBy) {
    java.util.Optional<UUID> started = steps.start(commune, trigger, requestedBy);
    if (started.isEmpty()) {
      return java.util.Optional.empty();
    }
    UUID run = started.get();
    int checked = 0;
    int intact = 0;
    int altered = 0;
    int missing = 0;
    boolean unreachable = false;
    UUID after = new UUID(0, 0);
    outer:
    while (true) {
      List<ArchiveViews.StoredObject> batch = steps.batch(commune, after, 200);
      if (batch.isEmpty()) {
        break;
      }
      for (ArchiveViews.StoredObject o : batch) {
        after = o.id();
        Check check;
        try {
          check = check(commune, o);
        } catch (StorageUnavailableException e) {
          LOG.log(Level.WARNING, "Fixity audit of " + commune.tenant() + " stopped: store down", e);
          unreachable = true;
          break outer;
        }
        checked++;
        switch (check.outcome()) {
          case OK -> intact++;
          case ALTERED -> altered++;
          case MISSING -> missing++;
        }
        steps.result(commune, run, o, check.outcome(), check.detail());
      }
    }
    return java.util.Optional.of(
        steps.finish(commune, run, checked, intact, altered, missing, unreachable));
  }

  private record Check(Outcome outcome, String detail) {}

  private Check check(CallContext commune, ArchiveViews.StoredObject o) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    long size = 0;
    try (InputStream in = objects.open(commune, o.storageKey())) {
      byte[] buffer = new byte[64 * 1024];
      int n;
      while ((n = in.read(buffer)) > 0) {
        sha.update(buffer, 0, n);
        size += n;
      }
    } catch (StorageUnavailableException e) {
      // the store answers but the object cannot be decoded, or the store is down
      if (!objects.exists(commune, o.storageKey())) {
        return missing(o);
      }
      return new Check(Outcome.ALTERED, "Objet illisible (chiffrement ou en-tête altéré).");
    } catch (IOException e) {
      return new Check(
          Outcome.ALTERED, "Objet altéré : son intégrité chiffrée ne se vérifie plus.");
    } catch (RuntimeException e) {
      if (!objects.exists(commune, o.storageKey())) {
        return missing(o);
      }
      return new Check(Outcome.ALTERED, "Objet illisible : " + e.getMessage());
    }
    String digest = HexFormat.of().formatHex(sha.digest());
    if (!digest.equals(o.sha256()) || size != o.size()) {
      return new Check(
          Outcome.ALTERED,
          "Empreinte SHA-256 relue "
              + digest
              + " au lieu de "
              + o.sha256()
              + " ("
              + size
              + " octets).");
    }
    return new Check(Outcome.OK, null);
  }

  private static Check missing(ArchiveViews.StoredObject o) {
    return new Check(Outcome.MISSING, "Objet absent du stockage : " + o.storageKey());
  }

  /** The transactional steps of an audit. */
  @ApplicationScoped
  @Transactional
  @TenantBound
  public static class Steps {
    @PersistenceContext EntityManager em;

    @Inject ArchiveJournal journal;

    @Inject AuditTrail audit;

    @Inject Clock clock;

    public java.util.Optional<UUID> start(CallContext commune, String trigger, String requestedBy) {
      Instant now = clock.instant();
      if ("SCHEDULED".equals(trigger)) {
        em.createNativeQuery(
                "SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtextextended(?1, 20261202))) l")
            .setParameter(1, "archive-fixity:" + commune.tenant().value())
            .getSingleResult();
        boolean recent =
            !em.createNativeQuery(
                    "SELECT 1 FROM archive_fixity_runs WHERE trigger = 'SCHEDULED' AND started_at > ?1")
                .setParameter(1, Timestamp.from(now.minus(SCHEDULE_WINDOW)))
                .getResultList()
                .isEmpty();
        if (recent) {
          return java.util.Optional.empty();
        }
      }
      UUID id = UUID.randomUUID();
      em.createNativeQuery(
              "INSERT INTO archive_fixity_runs (id, tenant_id, trigger, requested_by, started_at)"
                  + " VALUES (?1, ?2, ?3, ?4, ?5)")
          .setParameter(1, id)
          .setParameter(2, commune.tenant().value())
          .setParameter(3, trigger)
          .setParameter(4, requestedBy)
          .setParameter(5, Timestamp.from(now))
          .executeUpdate();
      return java.util.Optional.of(id);
    }

    public List<ArchiveViews.StoredObject> batch(CallContext commune, UUID after, int limit) {
      @SuppressWarnings("unchecked")
      List<Object[]> rows =
          em.createNativeQuery(
                  "SELECT "
                      + ArchiveUnits.OBJECT_COLUMNS
                      + " FROM archive_objects WHERE deleted_at IS NULL AND id > ?1 ORDER BY id"
                      + " LIMIT "
                      + limit)
              .setParameter(1, after)
              .getResultList();
      return rows.stream().map(ArchiveUnits::object).toList();
    }

    public void result(
        CallContext commune,
        UUID run,
        ArchiveViews.StoredObject o,
        Outcome outcome,
        String detail) {
      Instant now = clock.instant();
      em.createNativeQuery(
              "UPDATE archive_objects SET last_checked_at = ?2, last_check = ?3 WHERE id = ?1")
          .setParameter(1, o.id())
          .setParameter(2, Timestamp.from(now))
          .setParameter(3, outcome.name())
          .executeUpdate();
      if (outcome == Outcome.OK) {
        return;
      }
      int inserted =
          em.createNativeQuery(
                  "INSERT INTO archive_alerts (id, tenant_id, run_id, unit_id, object_id, kind,"
                      + " detail, detected_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
                      + " ON CONFLICT (object_id) WHERE resolved_at IS NULL DO NOTHING")
              .setParameter(1, UUID.randomUUID())
              .setParameter(2, commune.tenant().value())
              .setParameter(3, run)
              .setParameter(4, o.unitId())
              .setParameter(5, o.id())
              .setParameter(6, outcome.name())
              .setParameter(7, detail)
              .setParameter(8, Timestamp.from(now))
              .executeUpdate();
      Map<String, String> details = new LinkedHashMap<>();
      details.put("outcome", outcome.name());
      details.put("expectedSha256", o.sha256());
      details.put("detail", detail);
      details.put("run", run.toString());
      journal.append(commune, "fixity.failed", o.unitId(), o.id(), details);
      if (inserted > 0) {
        audit.record(
            commune,
            AuditRecord.success("archive.fixity.alert", "archive-object", o.id().toString())
                .withDetail("outcome", outcome.name())
                .withDetail("unit", o.unitId().toString()));
      }
    }

    public ArchiveViews.FixityRun finish(
        CallContext commune,
        UUID run,
        int checked,
        int intact,
        int altered,
        int missing,
        boolean unreachable) {
      em.createNativeQuery(
              "UPDATE archive_fixity_runs SET finished_at = ?2, checked = ?3, intact = ?4,"
                  + " altered = ?5, missing = ?6, unreachable = ?7 WHERE id = ?1")
          .setParameter(1, run)
          .setParameter(2, Timestamp.from(clock.instant()))
          .setParameter(3, checked)
          .setParameter(4, intact)
          .setParameter(5, altered)
          .setParameter(6, missing)
          .setParameter(7, unreachable)
          .executeUpdate();
      journal.append(
          commune,
          "fixity.completed",
          null,
          null,
          Map.of(
              "run", run.toString(),
              "checked", String.valueOf(checked),
              "intact", String.valueOf(intact),
              "altered", String.valueOf(altered),
              "missing", String.valueOf(missing),
              "unreachable", String.valueOf(unreachable)));
      return runs(commune, "WHERE id = ?1", run).get(0);
    }

    /** The commune's latest runs, newest first. */
    public List<ArchiveViews.FixityRun> latest(CallContext commune, int limit) {
      return runs(
          commune,
          "WHERE id IS NOT NULL ORDER BY started_at DESC LIMIT "
              + Math.max(1, Math.min(limit, 100)),
          null);
    }

    private List<ArchiveViews.FixityRun> runs(CallContext commune, String where, Object param) {
      var q =
          em.createNativeQuery(
              "SELECT id, trigger, requested_by, started_at, finished_at, checked, intact, altered,"
                  + " missing, unreachable FROM archive_fixity_runs "
                  + where);
      if (param != null) {
        q.setParameter(1, param);
      }
      @SuppressWarnings("unchecked")
      List<Object[]> rows = q.getResultList();
      return rows.stream()
          .map(
              r ->
                  new ArchiveViews.FixityRun(
                      ArchiveJournal.uuid(r[0]),
                      (String) r[1],
                      (String) r[2],
                      ArchiveJournal.instant(r[3]),
                      ArchiveJournal.instant(r[4]),
                      ((Number) r[5]).intValue(),
                      ((Number) r[6]).intValue(),
                      ((Number) r[7]).intValue(),
                      ((Number) r[8]).intValue(),
                      (Boolean) r[9]))
          .toList();
    }

    /**
     * Integrity alerts, newest first: the commune's, or every commune's for the DSI (a cross-tenant
     * read context).
     */
    public List<ArchiveViews.Alert> alerts(CallContext caller, boolean openOnly, int limit) {
      @SuppressWarnings("unchecked")
      List<Object[]> rows =
          em.createNativeQuery(
                  "SELECT a.id, a.tenant_id, a.run_id, a.unit_id, u.reference, u.title,"
                      + " a.object_id, o.file_name, a.kind, a.detail, a.detected_at,"
                      + " a.resolved_at, a.resolved_by, a.resolution FROM archive_alerts a"
                      + " JOIN archive_units u ON u.id = a.unit_id JOIN archive_objects o ON o.id"
                      + " = a.object_id"
                      + (openOnly ? " WHERE a.resolved_at IS NULL" : "")
                      + " ORDER BY a.detected_at DESC LIMIT "
                      + Math.max(1, Math.min(limit, 500)))
              .getResultList();
      return rows.stream()
          .map(
              r ->
                  new ArchiveViews.Alert(
                      ArchiveJournal.uuid(r[0]),
                      (String) r[1],
                      ArchiveJournal.uuid(r[2]),
                      ArchiveJournal.uuid(r[3]),
                      (String) r[4],
                      (String) r[5],
                      ArchiveJournal.uuid(r[6]),
                      (String) r[7],
                      (String) r[8],
                      (String) r[9],
                      ArchiveJournal.instant(r[10]),
                      ArchiveJournal.instant(r[11]),
                      (String) r[12],
                      (String) r[13]))
          .toList();
    }
  }
}
