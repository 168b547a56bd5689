package fr.strasbourg.metrocloud.archive.application;

import fr.strasbourg.metrocloud.kernel.audit.AuditRecord;
import fr.strasbourg.metrocloud.kernel.audit.AuditTrail;
import fr.strasbourg.metrocloud.kernel.problem.ConflictProblem;
import fr.strasbourg.metrocloud.kernel.problem.ForbiddenProblem;
import fr.strasbourg.metrocloud.kernel.problem.NotFoundProblem;
import fr.strasbourg.metrocloud.kernel.problem.UnprocessableProblem;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.Role;
import fr.strasbourg.metrocloud.kernel.tenancy.TenantBound;
import fr.strasbourg.metrocloud.tenants.api.TenantDirectory;
import fr.strasbourg.metrocloud.tenants.api.TenantSummary;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Disposal of archive units (élimination). A commune administrator proposes units whose retention
 * has ended with final action DESTROY and no legal hold; the commune (an administrator) and the
 * archives authority (a person with role {@code archivist}) both approve, two different people. The
 * second approval destroys, in one transaction: the units are reduced to a destruction record,
 * their objects marked deleted, the certificate produced, everything journalled; the objects are
 * then removed from the store (see {@link ArchiveDisposal}).
 */
@ApplicationScoped
@Transactional
@TenantBound
public class Disposals {

  private static final String COLUMNS =
      "id, status, comment, created_by_name, created_at, commune_approved_by_subject,"
          + " commune_approved_by_name, commune_approved_at, authority_approved_by_subject,"
          + " authority_approved_by_name, authority_approved_at, rejected_by_name, rejected_at,"
          + " rejection_reason, destroyed_at";

  @PersistenceContext EntityManager em;

  @Inject ArchiveJournal journal;

  @Inject AuditTrail audit;

  @Inject TenantDirectory directory;

  @Inject Clock clock;

  public record ProposalUnit(
      UUID unitId,
      String reference,
      String title,
      String ruleCode,
      LocalDate retentionEnd,
      long totalBytes) {}

  public record Proposal(
      UUID id,
      String status,
      String comment,
      String createdByName,
      Instant createdAt,
      String communeApprovedByName,
      Instant communeApprovedAt,
      String authorityApprovedByName,
      Instant authorityApprovedAt,
      String rejectedByName,
      Instant rejectedAt,
      String rejectionReason,
      Instant destroyedAt,
      List<ProposalUnit> units) {}

  /** An approval, and the storage keys to remove when it destroyed the units. */
  public record Approval(Proposal proposal, List<String> keysToPurge) {}

  private record Row(Proposal proposal, String communeSubject, String authoritySubject) {}

  /** Units that may be proposed today. */
  public List<ArchiveViews.Unit> eligible(CallContext caller) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT "
                    + ArchiveUnits.UNIT_COLUMNS
                    + " FROM archive_units u WHERE u.status = 'ARCHIVED' AND u.final_action ="
                    + " 'DESTROY' AND NOT u.legal_hold AND u.retention_end <= ?1 AND NOT EXISTS"
                    + " (SELECT 1 FROM archive_disposal_units d WHERE d.unit_id = u.id AND"
                    + " d.pending) ORDER BY u.retention_end, u.reference LIMIT 500")
            .setParameter(1, Date.valueOf(today()))
            .getResultList();
    return rows.stream().map(ArchiveUnits::unit).toList();
  }

  public Proposal propose(CallContext admin, List<UUID> unitIds, String comment) {
    if (unitIds == null || unitIds.isEmpty() || unitIds.size() > 500) {
      throw new UnprocessableProblem(
          "invalid-disposal", "Choisissez de 1 à 500 unités à éliminer.");
    }
    if (comment != null && comment.length() > 2000) {
      throw new UnprocessableProblem(
          "invalid-disposal", "Observations limitées à 2 000 caractères.");
    }
    UUID id = UUID.randomUUID();
    Instant now = clock.instant();
    em.createNativeQuery(
            "INSERT INTO archive_disposals (id, tenant_id, status, comment, created_by_subject,"
                + " created_by_name, created_at) VALUES (?1, ?2, 'PENDING', ?3, ?4, ?5, ?6)")
        .setParameter(1, id)
        .setParameter(2, admin.tenant().value())
        .setParameter(3, comment == null || comment.isBlank() ? null : comment.strip())
        .setParameter(4, admin.actor().subject())
        .setParameter(5, admin.actor().displayName())
        .setParameter(6, Timestamp.from(now))
        .executeUpdate();
    for (UUID unitId : new LinkedHashSet<>(unitIds)) {
      ArchiveViews.Unit u = lockUnit(unitId);
      checkDestroyable(u);
      boolean pending =
          !em.createNativeQuery(
                  "SELECT 1 FROM archive_disposal_units WHERE unit_id = ?1 AND pending")
              .setParameter(1, unitId)
              .getResultList()
              .isEmpty();
      if (pending) {
        throw new ConflictProblem(
            "already-proposed",
            "L'unité "
                + u.reference()
                + " figure déjà dans une proposition d'élimination en cours.");
      }
      em.createNativeQuery(
              "INSERT INTO archive_disposal_units (disposal_id, tenant_id, unit_id, reference,"
                  + " title, rule_code, retention_end, total_bytes) VALUES (?1, ?2, ?3, ?4, ?5, ?6,"
                  + " ?7, ?8)")
          .setParameter(1, id)
          .setParameter(2, admin.tenant().value())
          .setParameter(3, unitId)
          .setParameter(4, u.reference())
          .setParameter(5, u.title())
          .setParameter(6, u.ruleCode())
          .setParameter(7, Date.valueOf(u.retentionEnd()))
          .setParameter(8, u.totalBytes())
          .executeUpdate();
      journal.append(admin, "disposal.proposed", unitId, null, Map.of("disposal", id.toString()));
    }
    audit.record(
        admin,
        AuditRecord.success("archive.disposal.proposed", "archive-disposal", id.toString())
            .withDetail("units", String.valueOf(unitIds.size())));
    return get(admin, id);
  }

  public List<Proposal> list(CallContext caller) {
    return rows("ORDER BY created_at DESC LIMIT 200", null).stream().map(Row::proposal).toList();
  }

  public Proposal get(CallContext caller, UUID id) {
    return row(id).proposal();
  }

  /**
   * Records the caller's approval: the commune's (administrator) or the archives authority's
   * (archivist), never both by one person. The second approval destroys the units.
   */
  public Approval approve(CallContext caller, UUID id) {
    Row row = lockedRow(id);
    Proposal p = row.proposal();
    if (!"PENDING".equals(p.status())) {
      throw new ConflictProblem("not-pending", "Cette proposition est close (" + p.status() + ").");
    }
    String subject = caller.actor().subject();
    if (subject.equals(row.communeSubject()) || subject.equals(row.authoritySubject())) {
      throw new ConflictProblem(
          "already-approved",
          "Vous avez déjà approuvé cette élimination : une seconde personne doit approuver.");
    }
    Instant now = clock.instant();
    String which;
    if (caller.hasRole(Role.COMMUNE_ADMIN) && p.communeApprovedAt() == null) {
      em.createNativeQuery(
              "UPDATE archive_disposals SET commune_approved_by_subject = ?2,"
                  + " commune_approved_by_name = ?3, commune_approved_at = ?4 WHERE id = ?1")
          .setParameter(1, id)
          .setParameter(2, subject)
          .setParameter(3, caller.actor().displayName())
          .setParameter(4, Timestamp.from(now))
          .executeUpdate();
      which = "commune";
    } else if (caller.hasRole(Role.ARCHIVIST) && p.authorityApprovedAt() == null) {
      em.createNativeQuery(
              "UPDATE archive_disposals SET authority_approved_by_subject = ?2,"
                  + " authority_approved_by_name = ?3, authority_approved_at = ?4 WHERE id = ?1")
          .setParameter(1, id)
          .setParameter(2, subject)
          .setParameter(3, caller.actor().displayName())
          .setParameter(4, Timestamp.from(now))
          .executeUpdate();
      which = "authority";
    } else if (!caller.hasRole(Role.COMMUNE_ADMIN) && !caller.hasRole(Role.ARCHIVIST)) {
      throw new ForbiddenProblem(
          "forbidden", "Seuls l'administrateur de la commune et l'autorité d'archives approuvent.");
    } else {
      throw new ConflictProblem(
          "already-approved",
          p.communeApprovedAt() == null
              ? "Le visa de l'autorité d'archives est déjà donné ; l'approbation de la commune est"
                  + " attendue."
              : "L'approbation de la commune est déjà donnée ; le visa de l'autorité d'archives"
                  + " est attendu.");
    }
    for (ProposalUnit u : p.units()) {
      journal.append(
          caller,
          "disposal.approved",
          u.unitId(),
          null,
          Map.of("disposal", id.toString(), "approval", which));
    }
    audit.record(
        caller,
        AuditRecord.success("archive.disposal.approved", "archive-disposal", id.toString())
            .withDetail("approval", which));
    Row after = lockedRow(id);
    if (after.proposal().communeApprovedAt() != null
        && after.proposal().authorityApprovedAt() != null) {
      List<String> keys = destroy(caller, after.proposal());
      return new Approval(get(caller, id), keys);
    }
    return new Approval(after.proposal(), List.of());
  }

  public Proposal reject(CallContext caller, UUID id, String reason) {
    if (reason == null || reason.isBlank()) {
      throw new UnprocessableProblem(
          "reason-required", "Un refus se motive : indiquez la raison du refus.");
    }
    Proposal p = lockedRow(id).proposal();
    if (!"PENDING".equals(p.status())) {
      throw new ConflictProblem("not-pending", "Cette proposition est close (" + p.status() + ").");
    }
    String r = reason.strip().length() > 2000 ? reason.strip().substring(0, 2000) : reason.strip();
    em.createNativeQuery(
            "UPDATE archive_disposals SET status = 'REJECTED', rejected_by_name = ?2, rejected_at"
                + " = ?3, rejection_reason = ?4 WHERE id = ?1")
        .setParameter(1, id)
        .setParameter(2, caller.actor().displayName())
        .setParameter(3, Timestamp.from(clock.instant()))
        .setParameter(4, r)
        .executeUpdate();
    em.createNativeQuery("UPDATE archive_disposal_units SET pending = false WHERE disposal_id = ?1")
        .setParameter(1, id)
        .executeUpdate();
    for (ProposalUnit u : p.units()) {
      journal.append(
          caller,
          "disposal.rejected",
          u.unitId(),
          null,
          Map.of("disposal", id.toString(), "reason", r));
    }
    audit.record(
        caller,
        AuditRecord.success("archive.disposal.rejected", "archive-disposal", id.toString())
            .withDetail("reason", r));
    return get(caller, id);
  }

  /** The destruction certificate (PDF) of a completed disposal. */
  public byte[] certificate(CallContext caller, UUID id) {
    List<?> rows =
        em.createNativeQuery("SELECT certificate FROM archive_disposals WHERE id = ?1")
            .setParameter(1, id)
            .getResultList();
    if (rows.isEmpty()) {
      throw notFound(id);
    }
    if (rows.get(0) == null) {
      throw new ConflictProblem(
          "not-destroyed", "Le certificat n'existe qu'une fois l'élimination faite.");
    }
    return (byte[]) rows.get(0);
  }

  /** Objects destroyed but still to remove from the store. */
  public List<ArchiveViews.StoredObject> toPurge(CallContext commune, int limit) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT "
                    + ArchiveUnits.OBJECT_COLUMNS
                    + " FROM archive_objects WHERE deleted_at IS NOT NULL AND purged_at IS NULL"
                    + " ORDER BY deleted_at LIMIT "
                    + Math.max(1, Math.min(limit, 1000)))
            .getResultList();
    return rows.stream().map(ArchiveUnits::object).toList();
  }

  public void purged(CallContext commune, String storageKey) {
    em.createNativeQuery("UPDATE archive_objects SET purged_at = ?2 WHERE storage_key = ?1")
        .setParameter(1, storageKey)
        .setParameter(2, Timestamp.from(clock.instant()))
        .executeUpdate();
  }

  // ------------------------------------------------------------------------------------------------

  private List<String> destroy(CallContext caller, Proposal p) {
    Instant now = clock.instant();
    List<DestructionCertificate.Line> lines = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    for (ProposalUnit pu : p.units()) {
      ArchiveViews.Unit u = lockUnit(pu.unitId());
      checkDestroyable(u);
      @SuppressWarnings("unchecked")
      List<Object[]> objects =
          em.createNativeQuery(
                  "SELECT "
                      + ArchiveUnits.OBJECT_COLUMNS
                      + " FROM archive_objects WHERE unit_id = ?1 AND deleted_at IS NULL ORDER BY"
                      + " stored_at, kind, file_name")
              .setParameter(1, u.id())
              .getResultList();
      List<String> fingerprints = new ArrayList<>();
      for (Object[] r : objects) {
        ArchiveViews.StoredObject o = ArchiveUnits.object(r);
        fingerprints.add(o.sha256() + "  " + o.fileName());
        keys.add(o.storageKey());
      }
      lines.add(
          new DestructionCertificate.Line(
              u.reference(),
              u.title(),
              u.ruleCode(),
              u.retentionEnd(),
              u.totalBytes(),
              fingerprints));
    }
    String commune =
        directory.ownCommune(caller).map(TenantSummary::name).orElse(caller.tenant().value());
    Row row = lockedRow(p.id());
    byte[] certificate =
        DestructionCertificate.render(
            new DestructionCertificate.Content(
                p.id(),
                commune,
                p.createdByName(),
                p.createdAt(),
                row.proposal().communeApprovedByName(),
                row.proposal().communeApprovedAt(),
                row.proposal().authorityApprovedByName(),
                row.proposal().authorityApprovedAt(),
                now,
                p.comment(),
                lines));
    String certificateSha =
        fr.strasbourg.metrocloud.archive.domain.JournalEntry.sha256Hex(certificate);
    for (ProposalUnit pu : p.units()) {
      em.createNativeQuery(
              "UPDATE archive_objects SET deleted_at = ?2 WHERE unit_id = ?1 AND deleted_at IS NULL")
          .setParameter(1, pu.unitId())
          .setParameter(2, Timestamp.from(now))
          .executeUpdate();
      em.createNativeQuery(
              "UPDATE archive_units SET status = 'DESTROYED', destroyed_at = ?2, description = NULL,"
                  + " keywords = '{}', disposal_id = ?3, search_vector ="
                  + " to_tsvector('metrocloud_fr', reference || ' ' || title) WHERE id = ?1")
          .setParameter(1, pu.unitId())
          .setParameter(2, Timestamp.from(now))
          .setParameter(3, p.id())
          .executeUpdate();
      Map<String, String> details = new LinkedHashMap<>();
      details.put("disposal", p.id().toString());
      details.put("certificateSha256", certificateSha);
      details.put("bytes", String.valueOf(pu.totalBytes()));
      journal.append(caller, "unit.destroyed", pu.unitId(), null, details);
    }
    em.createNativeQuery("UPDATE archive_disposal_units SET pending = false WHERE disposal_id = ?1")
        .setParameter(1, p.id())
        .executeUpdate();
    em.createNativeQuery(
            "UPDATE archive_disposals SET status = 'DESTROYED', destroyed_at = ?2, certificate = ?3,"
                + " certificate_sha256 = ?4 WHERE id = ?1")
        .setParameter(1, p.id())
        .setParameter(2, Timestamp.from(now))
        .setParameter(3, certificate)
        .setParameter(4, certificateSha)
        .executeUpdate();
    audit.record(
        caller,
        AuditRecord.success("archive.disposal.destroyed", "archive-disposal", p.id().toString())
            .withDetail("units", String.valueOf(p.units().size()))
            .withDetail("certificateSha256", certificateSha));
    return keys;
  }

  private void checkDestroyable(ArchiveViews.Unit u) {
    if (!"ARCHIVED".equals(u.status())) {
      throw new ConflictProblem(
          "unit-destroyed", "L'unité " + u.reference() + " est déjà éliminée.");
    }
    if (u.legalHold()) {
      throw new ConflictProblem(
              "hold-placed",
              "L'unité "
                  + u.reference()
                  + " est gelée (legal hold) : elle ne peut pas être éliminée. Rien n'a été"
                  + " détruit.")
          .with("unit", u.id().toString());
    }
    if (!"DESTROY".equals(u.finalAction())) {
      throw new UnprocessableProblem(
          "not-eligible",
          "L'unité "
              + u.reference()
              + " est à conservation définitive : elle ne sera pas détruite.");
    }
    if (u.retentionEnd() == null || today().isBefore(u.retentionEnd())) {
      throw new UnprocessableProblem(
          "not-eligible",
          "La durée de conservation de l'unité "
              + u.reference()
              + " court jusqu'au "
              + u.retentionEnd()
              + ".");
    }
  }

  private ArchiveViews.Unit lockUnit(UUID unitId) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT "
                    + ArchiveUnits.UNIT_COLUMNS
                    + " FROM archive_units u WHERE u.id = ?1 FOR UPDATE")
            .setParameter(1, unitId)
            .getResultList();
    if (rows.isEmpty()) {
      throw ArchiveUnits.notFound(unitId);
    }
    return ArchiveUnits.unit(rows.get(0));
  }

  private Row row(UUID id) {
    return rows("WHERE id = ?1", id).stream().findFirst().orElseThrow(() -> notFound(id));
  }

  private Row lockedRow(UUID id) {
    List<Row> rows = rows("WHERE id = ?1 FOR UPDATE", id);
    if (rows.isEmpty()) {
      throw notFound(id);
    }
    return rows.get(0);
  }

  private List<Row> rows(String where, Object param) {
    var q = em.createNativeQuery("SELECT " + COLUMNS + " FROM archive_disposals " + where);
    if (param != null) {
      q.setParameter(1, param);
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows = q.getResultList();
    List<Row> out = new ArrayList<>();
    for (Object[] r : rows) {
      UUID id = ArchiveJournal.uuid(r[0]);
      out.add(
          new Row(
              new Proposal(
                  id,
                  (String) r[1],
                  (String) r[2],
                  (String) r[3],
                  ArchiveJournal.instant(r[4]),
                  (String) r[6],
                  ArchiveJournal.instant(r[7]),
                  (String) r[9],
                  ArchiveJournal.instant(r[10]),
                  (String) r[11],
                  ArchiveJournal.instant(r[12]),
                  (String) r[13],
                  ArchiveJournal.instant(r[14]),
                  units(id)),
              (String) r[5],
              (String) r[8]));
    }
    return out;
  }

  private List<ProposalUnit> units(UUID disposal) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT unit_id, reference, title, rule_code, retention_end, total_bytes FROM"
                    + " archive_disposal_units WHERE disposal_id = ?1 ORDER BY reference")
            .setParameter(1, disposal)
            .getResultList();
    return rows.stream()
        .map(
            r ->
                new ProposalUnit(
                    ArchiveJournal.uuid(r[0]),
                    (String) r[1],
                    (String) r[2],
                    (String) r[3],
                    ArchiveUnits.localDate(r[4]),
                    ((Number) r[5]).longValue()))
        .toList();
  }

  private LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), ArchiveJournal.PARIS);
  }

  private static NotFoundProblem notFound(UUID id) {
    return new NotFoundProblem(
        "disposal-not-found", "Proposition d'élimination introuvable : " + id);
  }
}
