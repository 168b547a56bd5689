package fr.strasbourg.metrocloud.archive.application;

import fr.strasbourg.metrocloud.catalog.api.ServiceCode;
import fr.strasbourg.metrocloud.catalog.api.UsageEvent;
import fr.strasbourg.metrocloud.catalog.api.UsageRecorder;
import fr.strasbourg.metrocloud.kernel.audit.AuditRecord;
import fr.strasbourg.metrocloud.kernel.audit.AuditTrail;
import fr.strasbourg.metrocloud.kernel.problem.NotFoundProblem;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.TenantBound;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The archive units of the commune and their objects, one transaction per call. */
@ApplicationScoped
@Transactional
@TenantBound
public class ArchiveUnits {

  /** The component that emits the archive's usage events. */
  public static final String SOURCE = "archive";

  static final String UNIT_COLUMNS =
      "u.id, u.reference, u.title, u.description, u.description_level, u.start_date, u.end_date,"
          + " u.originating_service, array_to_string(u.keywords, chr(31)), u.agreement,"
          + " u.rule_code, u.rule_label, u.retention_duration, u.final_action, u.retention_start,"
          + " u.retention_end, u.access_restricted_until, u.source, u.source_document_id,"
          + " u.source_document_version, u.transfer_id, u.status, u.legal_hold,"
          + " u.legal_hold_reason, u.total_bytes, u.archived_by_name, u.archived_at,"
          + " u.destroyed_at";

  static final String OBJECT_COLUMNS =
      "id, unit_id, kind, file_name, mime_type, size, sha256, storage_key, stored_at,"
          + " last_checked_at, last_check, deleted_at";

  private static final BigDecimal GIB = BigDecimal.valueOf(1L << 30);

  @PersistenceContext EntityManager em;

  @Inject ArchiveJournal journal;

  @Inject AuditTrail audit;

  @Inject UsageRecorder usage;

  @Inject Clock clock;

  /** A transfer as received, recorded with its outcome. */
  public record TransferRecord(
      UUID id, String messageIdentifier, List<String> reasons, byte[] reply) {}

  /**
   * Records a unit whose objects are stored, its journal entries (the unit, then each object with
   * its fingerprint), the audit record and the usage event, all in one transaction; with the SEDA
   * transfer it came from, if any.
   */
  public ArchiveViews.Unit record(
      CallContext caller,
      ArchiveViews.Unit unit,
      List<ArchiveViews.StoredObject> objects,
      TransferRecord transfer,
      String searchText) {
    String tenant = caller.tenant().value();
    em.createNativeQuery(
            "INSERT INTO archive_units (id, tenant_id, reference, title, description,"
                + " description_level, start_date, end_date, originating_service, keywords,"
                + " agreement, rule_code, rule_label, retention_duration, final_action,"
                + " retention_start, retention_end, access_restricted_until, source,"
                + " source_document_id, source_document_version, transfer_id, status, total_bytes,"
                + " archived_by_subject, archived_by_name, archived_at, search_vector) VALUES (?1,"
                + " ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, string_to_array(?10, chr(31)), ?11, ?12, ?13,"
                + " ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, 'ARCHIVED', ?23, ?24, ?25, ?26,"
                + " to_tsvector('metrocloud_fr', ?27))")
        .setParameter(1, unit.id())
        .setParameter(2, tenant)
        .setParameter(3, unit.reference())
        .setParameter(4, unit.title())
        .setParameter(5, unit.description())
        .setParameter(6, unit.descriptionLevel())
        .setParameter(7, date(unit.startDate()))
        .setParameter(8, date(unit.endDate()))
        .setParameter(9, unit.originatingService())
        .setParameter(10, String.join(ArchiveReferential.SEP, unit.keywords()))
        .setParameter(11, unit.agreement())
        .setParameter(12, unit.ruleCode())
        .setParameter(13, unit.ruleLabel())
        .setParameter(14, unit.retentionDuration())
        .setParameter(15, unit.finalAction())
        .setParameter(16, date(unit.retentionStart()))
        .setParameter(17, date(unit.retentionEnd()))
        .setParameter(18, date(unit.accessRestrictedUntil()))
        .setParameter(19, unit.source())
        .setParameter(20, unit.sourceDocumentId())
        .setParameter(21, unit.sourceDocumentVersion())
        .setParameter(22, unit.transferId())
        .setParameter(23, unit.totalBytes())
        .setParameter(24, caller.actor().subject())
        .setParameter(25, caller.actor().displayName())
        .setParameter(26, Timestamp.from(unit.archivedAt()))
        .setParameter(27, searchText)
        .executeUpdate();
    for (ArchiveViews.StoredObject o : objects) {
      em.createNativeQuery(
              "INSERT INTO archive_objects (id, tenant_id, unit_id, kind, file_name, mime_type,"
                  + " size, sha256, storage_key, stored_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,"
                  + " ?8, ?9, ?10)")
          .setParameter(1, o.id())
          .setParameter(2, tenant)
          .setParameter(3, unit.id())
          .setParameter(4, o.kind())
          .setParameter(5, o.fileName())
          .setParameter(6, o.mimeType())
          .setParameter(7, o.size())
          .setParameter(8, o.sha256())
          .setParameter(9, o.storageKey())
          .setParameter(10, Timestamp.from(o.storedAt()))
          .executeUpdate();
    }
    if (transfer != null) {
      insertTransfer(caller, transfer, "ACCEPTED", unit.id());
    }
    Map<String, String> details = new LinkedHashMap<>();
    details.put("reference", unit.reference());
    details.put("title", unit.title());
    details.put("source", unit.source());
    details.put("agreement", unit.agreement());
    details.put("rule", unit.ruleCode());
    details.put("finalAction", unit.finalAction());
    details.put("retentionStart", unit.retentionStart().toString());
    details.put("objects", String.valueOf(objects.size()));
    if (transfer != null && transfer.messageIdentifier() != null) {
      details.put("transferMessage", transfer.messageIdentifier());
    }
    journal.append(caller, "unit.archived", unit.id(), null, details);
    for (ArchiveViews.StoredObject o : objects) {
      journal.append(
          caller,
          "object.stored",
          unit.id(),
          o.id(),
          Map.of(
              "kind", o.kind(),
              "fileName", o.fileName(),
              "size", String.valueOf(o.size()),
              "sha256", o.sha256(),
              "key", o.storageKey()));
    }
    audit.record(
        caller,
        AuditRecord.success("archive.unit.archived", "archive-unit", unit.id().toString())
            .withDetail("reference", unit.reference())
            .withDetail("source", unit.source())
            .withDetail("rule", unit.ruleCode()));
    usage.record(
        caller,
        new UsageEvent(
            ServiceCode.ARCHIVING,
            "archive.transfers",
            BigDecimal.ONE,
            unit.archivedAt(),
            "archive/transfer/" + unit.id(),
            SOURCE));
    return find(caller, unit.id());
  }

  /** Records a refused SEDA transfer with its KO reply. */
  public void recordRejected(CallContext caller, TransferRecord transfer) {
    insertTransfer(caller, transfer, "REJECTED", null);
    audit.record(
        caller,
        AuditRecord.success(
                "archive.transfer.rejected", "archive-transfer", transfer.id().toString())
            .withDetail(
                "message",
                transfer.messageIdentifier() == null ? "-" : transfer.messageIdentifier())
            .withDetail("reasons", String.join(" | ", transfer.reasons())));
  }

  private void insertTransfer(CallContext caller, TransferRecord t, String status, UUID unitId) {
    em.createNativeQuery(
            "INSERT INTO archive_transfers (id, tenant_id, message_identifier, received_at,"
                + " received_by_subject, received_by_name, status, unit_id, reasons, reply) VALUES"
                + " (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, string_to_array(?9, chr(31)), ?10)")
        .setParameter(1, t.id())
        .setParameter(2, caller.tenant().value())
        .setParameter(3, t.messageIdentifier())
        .setParameter(4, Timestamp.from(clock.instant()))
        .setParameter(5, caller.actor().subject())
        .setParameter(6, caller.actor().displayName())
        .setParameter(7, status)
        .setParameter(8, unitId)
        .setParameter(9, String.join(ArchiveReferential.SEP, t.reasons()))
        .setParameter(10, t.reply())
        .executeUpdate();
  }

  /** Whether a SEDA message of this identifier was already accepted. */
  public boolean alreadyAccepted(CallContext caller, String messageIdentifier) {
    return !em.createNativeQuery(
            "SELECT 1 FROM archive_transfers WHERE message_identifier = ?1 AND status = 'ACCEPTED'")
        .setParameter(1, messageIdentifier)
        .getResultList()
        .isEmpty();
  }

  public List<ArchiveViews.Transfer> transfers(CallContext caller, int limit) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT id, message_identifier, received_at, received_by_name, status, unit_id,"
                    + " array_to_string(reasons, chr(31)) FROM archive_transfers ORDER BY"
                    + " received_at DESC LIMIT "
                    + Math.max(1, Math.min(limit, 200)))
            .getResultList();
    return rows.stream()
        .map(
            r ->
                new ArchiveViews.Transfer(
                    ArchiveJournal.uuid(r[0]),
                    (String) r[1],
                    ArchiveJournal.instant(r[2]),
                    (String) r[3],
                    (String) r[4],
                    ArchiveJournal.uuid(r[5]),
                    ArchiveReferential.strings(r[6])))
        .toList();
  }

  /** The reply sent for a transfer. */
  public byte[] reply(CallContext caller, UUID transferId) {
    List<?> rows =
        em.createNativeQuery("SELECT reply FROM archive_transfers WHERE id = ?1")
            .setParameter(1, transferId)
            .getResultList();
    if (rows.isEmpty()) {
      throw new NotFoundProblem("transfer-not-found", "Versement introuvable : " + transferId);
    }
    return (byte[]) rows.get(0);
  }

  // ---- reading --------------------------------------------------------------------------------

  public ArchiveViews.Unit find(CallContext caller, UUID id) {
    return units("WHERE u.id = ?1", List.of(id)).stream()
        .findFirst()
        .orElseThrow(() -> notFound(id));
  }

  /** Search criteria; null fields do not filter. */
  public record Criteria(
      String text,
      String ruleCode,
      String service,
      String status,
      Boolean legalHold,
      LocalDate archivedFrom,
      LocalDate archivedTo) {}

  /**
   * Units matching the criteria, newest first. The text matches the unit's metadata (title,
   * description, keywords, reference) and, for units transferred from the GED, the full text of the
   * document as the GED indexed it.
   */
  public ArchiveViews.UnitPage search(CallContext caller, Criteria c, int offset, int limit) {
    StringBuilder where = new StringBuilder("WHERE true");
    List<Object> params = new ArrayList<>();
    if (c.text() != null && !c.text().isBlank()) {
      params.add(c.text().strip());
      int p = params.size();
      params.add(
          "%"
              + c.text().strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
              + "%");
      int like = params.size();
      where
          .append(" AND (u.search_vector @@ websearch_to_tsquery('metrocloud_fr', ?")
          .append(p)
          .append(") OR u.reference ILIKE ?")
          .append(like)
          .append(" OR EXISTS (SELECT 1 FROM documents d WHERE d.id = u.source_document_id")
          .append(" AND d.search_vector @@ websearch_to_tsquery('metrocloud_fr', ?")
          .append(p)
          .append(")))");
    }
    if (c.ruleCode() != null) {
      params.add(c.ruleCode());
      where.append(" AND u.rule_code = ?").append(params.size());
    }
    if (c.service() != null) {
      params.add(c.service());
      where.append(" AND u.originating_service = ?").append(params.size());
    }
    if (c.status() != null) {
      params.add(c.status());
      where.append(" AND u.status = ?").append(params.size());
    }
    if (c.legalHold() != null) {
      params.add(c.legalHold());
      where.append(" AND u.legal_hold = ?").append(params.size());
    }
    if (c.archivedFrom() != null) {
      params.add(Timestamp.from(c.archivedFrom().atStartOfDay(ArchiveJournal.PARIS).toInstant()));
      where.append(" AND u.archived_at >= ?").append(params.size());
    }
    if (c.archivedTo() != null) {
      params.add(
          Timestamp.from(
              c.archivedTo().plusDays(1).atStartOfDay(ArchiveJournal.PARIS).toInstant()));
      where.append(" AND u.archived_at < ?").append(params.size());
    }
    Query count = em.createNativeQuery("SELECT count(*) FROM archive_units u " + where);
    for (int i = 0; i < params.size(); i++) {
      count.setParameter(i + 1, params.get(i));
    }
    long total = ((Number) count.getSingleResult()).longValue();
    int safeLimit = Math.max(1, Math.min(limit, 100));
    int safeOffset = Math.max(0, offset);
    List<ArchiveViews.Unit> units =
        units(
            where
                + " ORDER BY u.archived_at DESC, u.id LIMIT "
                + safeLimit
                + " OFFSET "
                + safeOffset,
            params);
    return new ArchiveViews.UnitPage(units, total, safeOffset, safeLimit);
  }

  public List<ArchiveViews.StoredObject> objects(CallContext caller, UUID unitId) {
    find(caller, unitId);
    return objectRows("WHERE unit_id = ?1 ORDER BY stored_at, kind, file_name", unitId);
  }

  public ArchiveViews.StoredObject object(CallContext caller, UUID unitId, UUID objectId) {
    return objectRows("WHERE unit_id = ?1 AND id = ?2", unitId, objectId).stream()
        .findFirst()
        .orElseThrow(
            () -> new NotFoundProblem("object-not-found", "Fichier introuvable dans cette unité."));
  }

  /** Journals and counts a consultation of an object (before its content is sent). */
  public void consulted(
      CallContext caller, ArchiveViews.Unit unit, ArchiveViews.StoredObject object) {
    Instant now = clock.instant();
    journal.append(
        caller,
        "object.consulted",
        unit.id(),
        object.id(),
        Map.of("fileName", object.fileName(), "username", caller.actor().username()));
    usage.record(
        caller,
        new UsageEvent(
            ServiceCode.ARCHIVING,
            "archive.consultations",
            BigDecimal.ONE,
            now,
            "archive/consultation/" + UUID.randomUUID(),
            SOURCE));
  }

  /** Journals an event about a unit (e.g. an export) in its own transaction. */
  public void journalled(
      CallContext caller, UUID unitId, String eventType, Map<String, String> details) {
    journal.append(caller, eventType, unitId, null, details);
  }

  /** Units of the commune still archived, oldest first (for a complete export). */
  public List<ArchiveViews.Unit> archived(CallContext caller, int offset, int limit) {
    return units(
        "WHERE u.status = 'ARCHIVED' ORDER BY u.archived_at, u.id LIMIT "
            + Math.max(1, Math.min(limit, 1000))
            + " OFFSET "
            + Math.max(0, offset),
        List.of());
  }

  /** Records a complete export of the commune's archive. */
  public void exported(CallContext operator, int unitCount, long bytes) {
    long seq = materialHead();
    em.createNativeQuery(
            "INSERT INTO archive_exports (id, tenant_id, exported_at, exported_by, units, bytes,"
                + " journal_seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
        .setParameter(1, UUID.randomUUID())
        .setParameter(2, operator.tenant().value())
        .setParameter(3, Timestamp.from(clock.instant()))
        .setParameter(4, operator.actor().displayName())
        .setParameter(5, unitCount)
        .setParameter(6, bytes)
        .setParameter(7, seq)
        .executeUpdate();
    journal.append(
        operator,
        "archive.exported",
        null,
        null,
        Map.of("units", String.valueOf(unitCount), "bytes", String.valueOf(bytes)));
    audit.record(
        operator,
        AuditRecord.success("archive.exported", "archive", operator.tenant().value())
            .withDetail("units", String.valueOf(unitCount)));
  }

  /**
   * Why the commune cannot be decommissioned yet: it holds archives and no complete export was made
   * since they last changed.
   */
  public java.util.Optional<String> exportBlocker(CallContext operator) {
    long units =
        ((Number) em.createNativeQuery("SELECT count(*) FROM archive_units").getSingleResult())
            .longValue();
    if (units == 0) {
      return java.util.Optional.empty();
    }
    List<?> last =
        em.createNativeQuery("SELECT max(journal_seq) FROM archive_exports").getResultList();
    Object exportedSeq = last.isEmpty() ? null : last.get(0);
    if (exportedSeq == null || ((Number) exportedSeq).longValue() < materialHead()) {
      return java.util.Optional.of(
          "Les archives électroniques de la commune ("
              + units
              + " unités) n'ont pas été exportées depuis leur dernière modification : exportez-les"
              + " au format SEDA 2.2 (GET /api/v1/tenants/"
              + operator.tenant().value()
              + "/archive/export) avant de décommissionner.");
    }
    return java.util.Optional.empty();
  }

  /** The last journal entry that changed what the archive holds. */
  private long materialHead() {
    Object v =
        em.createNativeQuery(
                "SELECT coalesce(max(seq), 0) FROM archive_journal WHERE event_type IN"
                    + " ('unit.archived', 'object.stored', 'unit.destroyed')")
            .getSingleResult();
    return ((Number) v).longValue();
  }

  /** Puts or lifts a legal hold (a hold blocks any disposal of the unit). */
  public ArchiveViews.Unit legalHold(CallContext admin, UUID unitId, boolean hold, String reason) {
    ArchiveViews.Unit unit = find(admin, unitId);
    if (!"ARCHIVED".equals(unit.status())) {
      throw new fr.strasbourg.metrocloud.kernel.problem.ConflictProblem(
          "unit-destroyed", "Cette unité a été éliminée.");
    }
    em.createNativeQuery(
            "UPDATE archive_units SET legal_hold = ?2, legal_hold_reason = ?3 WHERE id = ?1")
        .setParameter(1, unitId)
        .setParameter(2, hold)
        .setParameter(3, hold ? reason : null)
        .executeUpdate();
    journal.append(
        admin,
        hold ? "unit.hold-placed" : "unit.hold-lifted",
        unitId,
        null,
        reason == null ? Map.of() : Map.of("reason", reason));
    audit.record(
        admin,
        AuditRecord.success(
                hold ? "archive.hold.placed" : "archive.hold.lifted",
                "archive-unit",
                unit.id().toString())
            .withDetail("reference", unit.reference()));
    return find(admin, unitId);
  }

  /**
   * Records the commune's archived bytes of {@code day} once, as the billable {@code
   * archive.gb-month} share of that day (bytes / 2^30 / days of the month).
   */
  public BigDecimal snapshotStorage(CallContext commune, LocalDate day) {
    long bytes =
        ((Number)
                em.createNativeQuery(
                        "SELECT coalesce(sum(size), 0) FROM archive_objects WHERE deleted_at IS NULL")
                    .getSingleResult())
            .longValue();
    if (bytes == 0) {
      return BigDecimal.ZERO;
    }
    BigDecimal gbMonth =
        BigDecimal.valueOf(bytes)
            .divide(GIB, 12, RoundingMode.HALF_UP)
            .divide(BigDecimal.valueOf(day.lengthOfMonth()), 6, RoundingMode.HALF_UP);
    Instant at = day.atStartOfDay(ZoneOffset.UTC).toInstant();
    usage.record(
        commune,
        new UsageEvent(
            ServiceCode.ARCHIVING,
            "archive.gb-month",
            gbMonth,
            at,
            "archive/gb-month/" + day,
            SOURCE));
    usage.record(
        commune,
        new UsageEvent(
            ServiceCode.ARCHIVING,
            "archive.stored-bytes",
            BigDecimal.valueOf(bytes),
            at,
            "archive/bytes/" + day,
            SOURCE));
    return gbMonth;
  }

  // ---- rows -----------------------------------------------------------------------------------

  private List<ArchiveViews.Unit> units(String where, List<Object> params) {
    Query q = em.createNativeQuery("SELECT " + UNIT_COLUMNS + " FROM archive_units u " + where);
    for (int i = 0; i < params.size(); i++) {
      q.setParameter(i + 1, params.get(i));
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows = q.getResultList();
    return rows.stream().map(ArchiveUnits::unit).toList();
  }

  static ArchiveViews.Unit unit(Object[] r) {
    return new ArchiveViews.Unit(
        ArchiveJournal.uuid(r[0]),
        (String) r[1],
        (String) r[2],
        (String) r[3],
        (String) r[4],
        localDate(r[5]),
        localDate(r[6]),
        (String) r[7],
        ArchiveReferential.strings(r[8]),
        (String) r[9],
        (String) r[10],
        (String) r[11],
        (String) r[12],
        (String) r[13],
        localDate(r[14]),
        localDate(r[15]),
        localDate(r[16]),
        (String) r[17],
        ArchiveJournal.uuid(r[18]),
        r[19] == null ? null : ((Number) r[19]).intValue(),
        ArchiveJournal.uuid(r[20]),
        (String) r[21],
        (Boolean) r[22],
        (String) r[23],
        ((Number) r[24]).longValue(),
        (String) r[25],
        ArchiveJournal.instant(r[26]),
        ArchiveJournal.instant(r[27]));
  }

  private List<ArchiveViews.StoredObject> objectRows(String where, Object... params) {
    Query q = em.createNativeQuery("SELECT " + OBJECT_COLUMNS + " FROM archive_objects " + where);
    for (int i = 0; i < params.length; i++) {
      q.setParameter(i + 1, params[i]);
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows = q.getResultList();
    return rows.stream().map(ArchiveUnits::object).toList();
  }

  static ArchiveViews.StoredObject object(Object[] r) {
    return new ArchiveViews.StoredObject(
        ArchiveJournal.uuid(r[0]),
        ArchiveJournal.uuid(r[1]),
        (String) r[2],
        (String) r[3],
        (String) r[4],
        ((Number) r[5]).longValue(),
        (String) r[6],
        (String) r[7],
        ArchiveJournal.instant(r[8]),
        ArchiveJournal.instant(r[9]),
        (String) r[10],
        ArchiveJournal.instant(r[11]));
  }

  static LocalDate localDate(Object value) {
    if (value == null) {
      return null;
    }
    return value instanceof Date d ? d.toLocalDate() : (LocalDate) value;
  }

  private static Date date(LocalDate d) {
    return d == null ? null : Date.valueOf(d);
  }

  static NotFoundProblem notFound(UUID id) {
    return new NotFoundProblem("unit-not-found", "Unité d'archives introuvable : " + id);
  }
}
