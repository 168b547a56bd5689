package fr.strasbourg.metrocloud.parapheur.application;

import fr.strasbourg.metrocloud.kernel.audit.AuditRecord;
import fr.strasbourg.metrocloud.kernel.audit.AuditTrail;
import fr.strasbourg.metrocloud.kernel.problem.ConflictProblem;
import fr.strasbourg.metrocloud.kernel.problem.NotFoundProblem;
import fr.strasbourg.metrocloud.kernel.problem.UnprocessableProblem;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.TenantBound;
import fr.strasbourg.metrocloud.parapheur.domain.CircuitRules;
import fr.strasbourg.metrocloud.parapheur.domain.StepKind;
import fr.strasbourg.metrocloud.parapheur.domain.TemplateStep;
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
import java.util.UUID;

/** The commune's circuit templates. */
@ApplicationScoped
@Transactional
@TenantBound
public class CircuitTemplates {

  @PersistenceContext EntityManager em;

  @Inject AuditTrail audit;

  @Inject Clock clock;

  /** A template. */
  public record Template(
      UUID id,
      String name,
      String description,
      List<TemplateStep> steps,
      String createdBy,
      Instant createdAt,
      Instant updatedAt,
      Instant archivedAt) {}

  public List<Template> list(CallContext commune, boolean includeArchived) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT id, name, description, CAST(steps AS text), created_by, created_at,"
                    + " updated_at, archived_at FROM parapheur_templates"
                    + (includeArchived ? "" : " WHERE archived_at IS NULL")
                    + " ORDER BY lower(name)")
            .getResultList();
    return rows.stream().map(CircuitTemplates::toTemplate).toList();
  }

  public Template get(CallContext commune, UUID id) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT id, name, description, CAST(steps AS text), created_by, created_at,"
                    + " updated_at, archived_at FROM parapheur_templates WHERE id = ?1")
            .setParameter(1, id)
            .getResultList();
    return rows.stream()
        .findFirst()
        .map(CircuitTemplates::toTemplate)
        .orElseThrow(
            () -> new NotFoundProblem("template-not-found", "Circuit introuvable : " + id));
  }

  public Template create(
      CallContext commune, String name, String description, List<TemplateStep> steps) {
    validate(name, steps);
    nameFree(commune, name, null);
    UUID id = UUID.randomUUID();
    Instant now = clock.instant();
    em.createNativeQuery(
            "INSERT INTO parapheur_templates (id, tenant_id, name, description, steps, created_by,"
                + " created_at, updated_at) VALUES (?1, ?2, ?3, ?4, CAST(?5 AS jsonb), ?6, ?7, ?7)")
        .setParameter(1, id)
        .setParameter(2, commune.tenant().value())
        .setParameter(3, name.strip())
        .setParameter(4, blankToNull(description))
        .setParameter(5, toJson(steps))
        .setParameter(6, commune.actor().username())
        .setParameter(7, Timestamp.from(now))
        .executeUpdate();
    audit.record(
        commune,
        AuditRecord.success("parapheur.template.created", "circuit-template", id.toString())
            .withDetail("name", name.strip()));
    return get(commune, id);
  }

  /** Replaces a template; folders already submitted keep the steps they were created with. */
  public Template update(
      CallContext commune, UUID id, String name, String description, List<TemplateStep> steps) {
    Template existing = get(commune, id);
    if (existing.archivedAt() != null) {
      throw new ConflictProblem("template-archived", "Ce circuit est archivé.");
    }
    validate(name, steps);
    nameFree(commune, name, id);
    em.createNativeQuery(
            "UPDATE parapheur_templates SET name = ?2, description = ?3, steps = CAST(?4 AS jsonb),"
                + " updated_at = ?5 WHERE id = ?1")
        .setParameter(1, id)
        .setParameter(2, name.strip())
        .setParameter(3, blankToNull(description))
        .setParameter(4, toJson(steps))
        .setParameter(5, Timestamp.from(clock.instant()))
        .executeUpdate();
    audit.record(
        commune,
        AuditRecord.success("parapheur.template.updated", "circuit-template", id.toString())
            .withDetail("name", name.strip()));
    return get(commune, id);
  }

  public void archive(CallContext commune, UUID id) {
    get(commune, id);
    int updated =
        em.createNativeQuery(
                "UPDATE parapheur_templates SET archived_at = ?2 WHERE id = ?1 AND archived_at IS NULL")
            .setParameter(1, id)
            .setParameter(2, Timestamp.from(clock.instant()))
            .executeUpdate();
    if (updated > 0) {
      audit.record(
          commune,
          AuditRecord.success("parapheur.template.archived", "circuit-template", id.toString()));
    }
  }

  private void nameFree(CallContext commune, String name, UUID except) {
    Number taken =
        (Number)
            em.createNativeQuery(
                    "SELECT count(*) FROM parapheur_templates WHERE lower(name) = lower(?1)"
                        + " AND archived_at IS NULL AND id <> ?2")
                .setParameter(1, name.strip())
                .setParameter(2, except == null ? new UUID(0, 0) : except)
                .getSingleResult();
    if (taken.longValue() > 0) {
      throw new ConflictProblem(
          "template-name-taken", "Un circuit s'appelle déjà « " + name.strip() + " ».");
    }
  }

  private static void validate(String name, List<TemplateStep> steps) {
    List<String> problems = CircuitRules.problems(name, steps);
    if (!problems.isEmpty()) {
      throw new UnprocessableProblem(
              "invalid-template", "Circuit refusé : " + String.join(" ; ", problems) + ".")
          .with("errors", problems);
    }
  }

  static String toJson(List<TemplateStep> steps) {
    JsonArrayBuilder array = Json.createArrayBuilder();
    for (TemplateStep s : steps) {
      var o = Json.createObjectBuilder().add("stage", s.stage()).add("kind", s.kind().name());
      if (s.username() != null && !s.username().isBlank()) {
        o.add("username", s.username().strip().toLowerCase());
        o.add("assigneeName", s.assigneeName() == null ? s.username() : s.assigneeName());
      } else {
        o.add("role", s.role());
      }
      if (s.label() != null && !s.label().isBlank()) {
        o.add("label", s.label().strip());
      }
      array.add(o);
    }
    return array.build().toString();
  }

  static List<TemplateStep> fromJson(String json) {
    JsonArray array = Json.createReader(new StringReader(json)).readArray();
    return array.stream()
        .map(JsonValue::asJsonObject)
        .map(
            (JsonObject o) ->
                new TemplateStep(
                    o.getInt("stage"),
                    StepKind.valueOf(o.getString("kind")),
                    o.getString("username", null),
                    o.getString("assigneeName", null),
                    o.getString("role", null),
                    o.getString("label", null)))
        .toList();
  }

  private static Template toTemplate(Object[] r) {
    return new Template(
        r[0] instanceof UUID u ? u : UUID.fromString(String.valueOf(r[0])),
        (String) r[1],
        (String) r[2],
        fromJson((String) r[3]),
        (String) r[4],
        ((Timestamp) r[5]).toInstant(),
        ((Timestamp) r[6]).toInstant(),
        r[7] == null ? null : ((Timestamp) r[7]).toInstant());
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
