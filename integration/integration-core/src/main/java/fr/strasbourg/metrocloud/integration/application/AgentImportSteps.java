package fr.strasbourg.metrocloud.integration.application;

import fr.strasbourg.metrocloud.integration.domain.AgentsFile;
import fr.strasbourg.metrocloud.integration.domain.AgentsFile.LineError;
import fr.strasbourg.metrocloud.kernel.audit.AuditRecord;
import fr.strasbourg.metrocloud.kernel.audit.AuditTrail;
import fr.strasbourg.metrocloud.kernel.problem.NotFoundProblem;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.TenantBound;
import fr.strasbourg.metrocloud.signatures.api.SignerRevocation;
import fr.strasbourg.metrocloud.workflow.api.HrDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.StringReader;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The transactional steps of an agents import: one agent per transaction, then the report. */
@ApplicationScoped
@Transactional
@TenantBound
public class AgentImportSteps {

  private static final String COLUMNS =
      "id, source, file_name, sha256, encoding, status, duplicate_of, lines, applied, unchanged,"
          + " created, left_count, errors, received_at, received_by";

  @PersistenceContext EntityManager em;

  @Inject HrDirectory directory;

  @Inject SignerRevocation revocation;

  @Inject AuditTrail audit;

  @Inject Clock clock;

  /** An import as the API shows it; {@code errors} null in lists. */
  public record ImportReport(
      UUID id,
      String source,
      String fileName,
      String sha256,
      String encoding,
      String status,
      UUID duplicateOf,
      int lines,
      int applied,
      int unchanged,
      int created,
      int left,
      List<LineError> errors,
      Instant receivedAt,
      String by) {}

  /** The import that already applied these bytes, if any. */
  public Optional<UUID> appliedBefore(CallContext commune, String sha256) {
    @SuppressWarnings("unchecked")
    List<Object> rows =
        em.createNativeQuery(
                "SELECT id FROM integration_hr_imports WHERE sha256 = ?1 AND status IN"
                    + " ('APPLIED', 'PARTIAL')")
            .setParameter(1, sha256)
            .getResultList();
    return rows.stream().findFirst().map(UUID.class::cast);
  }

  /** The fingerprint of the agent's last line applied. */
  public Optional<String> fingerprint(CallContext commune, String username) {
    @SuppressWarnings("unchecked")
    List<Object> rows =
        em.createNativeQuery("SELECT fingerprint FROM integration_hr_agents WHERE username = ?1")
            .setParameter(1, username)
            .getResultList();
    return rows.stream().findFirst().map(String.class::cast);
  }

  public boolean knows(CallContext commune, String username) {
    return directory.knows(commune, username);
  }

  /** Writes a present agent to the procedures' directory, with the line's fingerprint. */
  public void applyPresent(CallContext commune, UUID importId, AgentsFile.AgentLine agent) {
    directory.upsert(
        commune,
        new HrDirectory.HrAgent(
            agent.username(),
            agent.displayName(),
            agent.service(),
            agent.manager(),
            agent.workingPattern(),
            agent.balances()));
    remember(commune, importId, agent, false);
    audit.record(
        commune,
        AuditRecord.success("integration.hr-agent.applied", "agent", agent.username())
            .withDetail("import", importId.toString())
            .withDetail("line", String.valueOf(agent.line())));
  }

  /**
   * Marks a leaver gone in the directory and revokes their signing certificates; returns whether
   * anything changed.
   */
  public boolean applyLeaver(CallContext commune, UUID importId, AgentsFile.AgentLine agent) {
    boolean wasPresent = directory.deactivate(commune, agent.username());
    int revoked =
        revocation.revokeAll(commune, agent.username(), SignerRevocation.AFFILIATION_CHANGED);
    remember(commune, importId, agent, true);
    audit.record(
        commune,
        AuditRecord.success("integration.hr-agent.left", "agent", agent.username())
            .withDetail("import", importId.toString())
            .withDetail("leavingDate", String.valueOf(agent.leavingDate()))
            .withDetail("certificatesRevoked", String.valueOf(revoked)));
    return wasPresent || revoked > 0;
  }

  private void remember(
      CallContext commune, UUID importId, AgentsFile.AgentLine agent, boolean left) {
    Timestamp now = Timestamp.from(clock.instant());
    em.createNativeQuery(
            "INSERT INTO integration_hr_agents (tenant_id, username, employee_id, fingerprint,"
                + " import_id, applied_at, left_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT"
                + " (tenant_id, username) DO UPDATE SET employee_id = EXCLUDED.employee_id,"
                + " fingerprint = EXCLUDED.fingerprint, import_id = EXCLUDED.import_id, applied_at"
                + " = EXCLUDED.applied_at, left_at = EXCLUDED.left_at")
        .setParameter(1, commune.tenant().value())
        .setParameter(2, agent.username())
        .setParameter(3, agent.employeeId())
        .setParameter(4, agent.fingerprint())
        .setParameter(5, importId)
        .setParameter(6, now)
        .setParameter(7, left ? now : null)
        .executeUpdate();
  }

  /** Records the import's report (and an inbound entry of the exchange log). */
  public ImportReport record(CallContext commune, ImportReport report) {
    JsonArrayBuilder errors = Json.createArrayBuilder();
    for (LineError e : report.errors()) {
      var o = Json.createObjectBuilder().add("line", e.line()).add("reason", e.reason());
      if (e.identifier() != null) {
        o.add("identifier", e.identifier());
      }
      errors.add(o);
    }
    em.createNativeQuery(
            "INSERT INTO integration_hr_imports ("
                + COLUMNS
                + ", tenant_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
                + " ?14, ?15, ?16)")
        .setParameter(1, report.id())
        .setParameter(2, report.source())
        .setParameter(3, report.fileName())
        .setParameter(4, report.sha256())
        .setParameter(5, report.encoding())
        .setParameter(6, report.status())
        .setParameter(7, report.duplicateOf())
        .setParameter(8, report.lines())
        .setParameter(9, report.applied())
        .setParameter(10, report.unchanged())
        .setParameter(11, report.created())
        .setParameter(12, report.left())
        .setParameter(13, errors.build().toString())
        .setParameter(14, Timestamp.from(report.receivedAt()))
        .setParameter(15, report.by())
        .setParameter(16, commune.tenant().value())
        .executeUpdate();
    em.createNativeQuery(
            "INSERT INTO integration_exchanges (id, tenant_id, message_id, direction, connector,"
                + " flow, status, attempt, at, duration_ms, correlation_id, detail) VALUES (?1, ?2,"
                + " NULL, 'IN', 'HR', 'agents.import', 'RECEIVED', 1, ?3, NULL, ?4, ?5)")
        .setParameter(1, UUID.randomUUID())
        .setParameter(2, commune.tenant().value())
        .setParameter(3, Timestamp.from(clock.instant()))
        .setParameter(4, report.id().toString())
        .setParameter(5, summary(report))
        .executeUpdate();
    audit.record(
        commune,
        AuditRecord.success(
                "integration.hr-import." + report.status().toLowerCase(),
                "hr-import",
                report.id().toString())
            .withDetail("source", report.source())
            .withDetail("file", report.fileName())
            .withDetail("sha256", report.sha256())
            .withDetail("summary", summary(report)));
    return report;
  }

  static String summary(ImportReport r) {
    return switch (r.status()) {
      case "DUPLICATE" -> r.fileName() + " : fichier déjà traité (import " + r.duplicateOf() + ")";
      case "REJECTED" ->
          r.fileName() + " : refusé — " + (r.errors().isEmpty() ? "" : r.errors().get(0).reason());
      default ->
          r.fileName()
              + " : "
              + r.lines()
              + " ligne(s), "
              + r.applied()
              + " appliquée(s), "
              + r.unchanged()
              + " inchangée(s), "
              + r.created()
              + " compte(s) créé(s), "
              + r.left()
              + " départ(s), "
              + r.errors().size()
              + " erreur(s)";
    };
  }

  public List<ImportReport> list(CallContext commune, int limit) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT "
                    + COLUMNS
                    + " FROM integration_hr_imports ORDER BY received_at DESC LIMIT ?1")
            .setParameter(1, limit)
            .getResultList();
    return rows.stream().map(r -> report(r, false)).toList();
  }

  public ImportReport get(CallContext commune, UUID id) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery("SELECT " + COLUMNS + " FROM integration_hr_imports WHERE id = ?1")
            .setParameter(1, id)
            .getResultList();
    return rows.stream()
        .findFirst()
        .map(r -> report(r, true))
        .orElseThrow(() -> new NotFoundProblem("import-not-found", "Import inconnu : " + id));
  }

  private static ImportReport report(Object[] r, boolean withErrors) {
    List<LineError> errors = null;
    if (withErrors) {
      JsonArray array = Json.createReader(new StringReader((String) r[12])).readArray();
      errors =
          array.stream()
              .map(JsonValue::asJsonObject)
              .map(
                  (JsonObject o) ->
                      new LineError(
                          o.getInt("line"), o.getString("identifier", null), o.getString("reason")))
              .toList();
    }
    return new ImportReport(
        (UUID) r[0],
        (String) r[1],
        (String) r[2],
        (String) r[3],
        (String) r[4],
        (String) r[5],
        (UUID) r[6],
        ((Number) r[7]).intValue(),
        ((Number) r[8]).intValue(),
        ((Number) r[9]).intValue(),
        ((Number) r[10]).intValue(),
        ((Number) r[11]).intValue(),
        errors,
        ((Timestamp) r[13]).toInstant(),
        (String) r[14]);
  }
}
