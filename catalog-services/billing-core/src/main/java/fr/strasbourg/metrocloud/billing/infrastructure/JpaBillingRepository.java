package fr.strasbourg.metrocloud.billing.infrastructure;

import fr.strasbourg.metrocloud.billing.domain.BillingPeriod;
import fr.strasbourg.metrocloud.billing.domain.BillingRepository;
import fr.strasbourg.metrocloud.billing.domain.Frequency;
import fr.strasbourg.metrocloud.billing.domain.LineKind;
import fr.strasbourg.metrocloud.billing.domain.StandaloneCost;
import fr.strasbourg.metrocloud.billing.domain.Statement;
import fr.strasbourg.metrocloud.billing.domain.StatementKind;
import fr.strasbourg.metrocloud.billing.domain.StatementLine;
import fr.strasbourg.metrocloud.billing.domain.StatementStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Billing in SQL (native queries: statements are read and written as wholes). Tenant filtering is
 * left to Row-Level Security on purpose.
 */
@ApplicationScoped
public class JpaBillingRepository implements BillingRepository {

  private static final String HEADER =
      "SELECT id, tenant_id, commune_name, population, kind, status, number, frequency,"
          + " period_start, period_end, usage_cutoff, total_cents, previous_year_cents, corrects,"
          + " (SELECT c.number FROM billing_statements c WHERE c.id = s.corrects), reason,"
          + " computed_at, issued_at, issued_on, issued_by, run_id FROM billing_statements s";

  @PersistenceContext EntityManager em;

  @Override
  public Run run(BillingPeriod period, String by, Instant at) {
    em.createNativeQuery(
            "INSERT INTO billing_runs (id, frequency, period_start, period_end, created_by,"
                + " created_at, last_run_by, last_run_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?5, ?6)"
                + " ON CONFLICT (period_start, period_end) DO UPDATE"
                + " SET last_run_by = EXCLUDED.last_run_by, last_run_at = EXCLUDED.last_run_at")
        .setParameter(1, UUID.randomUUID())
        .setParameter(2, period.frequency().name())
        .setParameter(3, Date.valueOf(period.start()))
        .setParameter(4, Date.valueOf(period.end()))
        .setParameter(5, by)
        .setParameter(6, Timestamp.from(at))
        .executeUpdate();
    return runs("WHERE period_start = ?1 AND period_end = ?2", period.start(), period.end()).get(0);
  }

  @Override
  public Optional<Run> findRun(UUID id) {
    return runs("WHERE id = ?1", id).stream().findFirst();
  }

  @Override
  public List<Run> runs() {
    return runs("");
  }

  private List<Run> runs(String where, Object... parameters) {
    Query query =
        em.createNativeQuery(
            "SELECT id, frequency, period_start, period_end, created_by, created_at, last_run_by,"
                + " last_run_at FROM billing_runs "
                + where
                + " ORDER BY period_start DESC, period_end");
    bind(query, parameters);
    List<Run> runs = new ArrayList<>();
    for (Object row : query.getResultList()) {
      Object[] r = (Object[]) row;
      runs.add(
          new Run(
              (UUID) r[0],
              new BillingPeriod(day(r[2]), day(r[3]), Frequency.valueOf((String) r[1])),
              (String) r[4],
              instant(r[5]),
              (String) r[6],
              instant(r[7])));
    }
    return runs;
  }

  @Override
  public Optional<Statement> find(UUID id) {
    List<Statement> found = headers(" WHERE id = ?1", id);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Statement s = found.get(0);
    return Optional.of(s.withLines(lines(id)));
  }

  @Override
  public List<Statement> list(UUID runId, Integer year, StatementStatus status) {
    List<String> conditions = new ArrayList<>();
    List<Object> parameters = new ArrayList<>();
    if (runId != null) {
      parameters.add(runId);
      conditions.add("run_id = ?" + parameters.size());
    }
    if (year != null) {
      parameters.add(Date.valueOf(LocalDate.of(year, 1, 1)));
      conditions.add("period_start >= ?" + parameters.size());
      parameters.add(Date.valueOf(LocalDate.of(year + 1, 1, 1)));
      conditions.add("period_start < ?" + parameters.size());
    }
    if (status != null) {
      parameters.add(status.name());
      conditions.add("status = ?" + parameters.size());
    }
    String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    return headers(
        where + " ORDER BY period_start DESC, tenant_id, kind, computed_at", parameters.toArray());
  }

  @Override
  public List<Statement> regularOverlapping(LocalDate start, LocalDate end) {
    return headers(
        " WHERE kind = 'REGULAR' AND status <> 'DISCARDED' AND period_start < ?2"
            + " AND period_end > ?1 ORDER BY period_start",
        Date.valueOf(start),
        Date.valueOf(end));
  }

  @Override
  public List<LocalDate[]> issuedPeriodsBefore(LocalDate day) {
    List<LocalDate[]> periods = new ArrayList<>();
    for (Object row :
        em.createNativeQuery(
                "SELECT period_start, period_end FROM billing_statements WHERE kind = 'REGULAR'"
                    + " AND status = 'ISSUED' AND period_end <= ?1 ORDER BY period_start")
            .setParameter(1, Date.valueOf(day))
            .getResultList()) {
      Object[] r = (Object[]) row;
      periods.add(new LocalDate[] {day(r[0]), day(r[1])});
    }
    return periods;
  }

  @Override
  public Optional<Instant> lastIssuedCutoffBefore(LocalDate day) {
    Object max =
        em.createNativeQuery(
                "SELECT max(usage_cutoff) FROM billing_statements WHERE kind = 'REGULAR'"
                    + " AND status = 'ISSUED' AND period_start < ?1")
            .setParameter(1, Date.valueOf(day))
            .getSingleResult();
    return Optional.ofNullable(max).map(JpaBillingRepository::instant);
  }

  @Override
  public boolean draftBefore(LocalDate day) {
    return ((Number)
                em.createNativeQuery(
                        "SELECT count(*) FROM billing_statements WHERE kind = 'REGULAR'"
                            + " AND status = 'DRAFT' AND period_start < ?1")
                    .setParameter(1, Date.valueOf(day))
                    .getSingleResult())
            .longValue()
        > 0;
  }

  @Override
  public Optional<Long> issuedTotal(LocalDate start, LocalDate end) {
    Object[] r =
        (Object[])
            em.createNativeQuery(
                    "SELECT count(*), coalesce(sum(total_cents), 0) FROM billing_statements"
                        + " WHERE status = 'ISSUED' AND period_start >= ?1 AND period_end <= ?2")
                .setParameter(1, Date.valueOf(start))
                .setParameter(2, Date.valueOf(end))
                .getSingleResult();
    return ((Number) r[0]).longValue() == 0
        ? Optional.empty()
        : Optional.of(((Number) r[1]).longValue());
  }

  @Override
  public void insert(Statement s, String computedBy) {
    em.createNativeQuery(
            "INSERT INTO billing_statements (id, tenant_id, run_id, kind, status, frequency,"
                + " period_start, period_end, usage_cutoff, commune_name, population, total_cents,"
                + " previous_year_cents, corrects, reason, computed_at, computed_by)"
                + " VALUES (?1, ?2, ?3, ?4, 'DRAFT', ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
                + " ?15, ?16)")
        .setParameter(1, s.id())
        .setParameter(2, s.tenantId())
        .setParameter(3, s.runId())
        .setParameter(4, s.kind().name())
        .setParameter(5, s.period().frequency().name())
        .setParameter(6, Date.valueOf(s.period().start()))
        .setParameter(7, Date.valueOf(s.period().end()))
        .setParameter(8, Timestamp.from(s.usageCutoff()))
        .setParameter(9, s.communeName())
        .setParameter(10, s.population())
        .setParameter(11, s.totalCents())
        .setParameter(12, s.previousYearCents())
        .setParameter(13, s.corrects())
        .setParameter(14, s.reason())
        .setParameter(15, Timestamp.from(s.computedAt()))
        .setParameter(16, computedBy)
        .executeUpdate();
    insertLines(s);
  }

  @Override
  public void replaceDraft(Statement s) {
    em.createNativeQuery("DELETE FROM billing_statement_lines WHERE statement_id = ?1")
        .setParameter(1, s.id())
        .executeUpdate();
    em.createNativeQuery(
            "UPDATE billing_statements SET run_id = ?2, usage_cutoff = ?3, commune_name = ?4,"
                + " population = ?5, total_cents = ?6, previous_year_cents = ?7, computed_at = ?8,"
                + " version = version + 1 WHERE id = ?1 AND status = 'DRAFT'")
        .setParameter(1, s.id())
        .setParameter(2, s.runId())
        .setParameter(3, Timestamp.from(s.usageCutoff()))
        .setParameter(4, s.communeName())
        .setParameter(5, s.population())
        .setParameter(6, s.totalCents())
        .setParameter(7, s.previousYearCents())
        .setParameter(8, Timestamp.from(s.computedAt()))
        .executeUpdate();
    insertLines(s);
  }

  private void insertLines(Statement s) {
    int position = 0;
    for (StatementLine l : s.lines()) {
      position++;
      em.createNativeQuery(
              "INSERT INTO billing_statement_lines (statement_id, position, tenant_id, kind,"
                  + " service_code, metric, label, covers_from, covers_to, quantity, free_quantity,"
                  + " unit_price, amount_cents, tariff_from, credits_position)"
                  + " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)")
          .setParameter(1, s.id())
          .setParameter(2, position)
          .setParameter(3, s.tenantId())
          .setParameter(4, l.kind().name())
          .setParameter(5, l.service())
          .setParameter(6, l.metric())
          .setParameter(7, l.label())
          .setParameter(8, Date.valueOf(l.from()))
          .setParameter(9, Date.valueOf(l.to()))
          .setParameter(10, l.quantity())
          .setParameter(11, l.freeQuantity())
          .setParameter(12, l.unitPrice())
          .setParameter(13, l.amountCents())
          .setParameter(14, l.tariffFrom() == null ? null : Date.valueOf(l.tariffFrom()))
          .setParameter(15, l.creditsPosition())
          .executeUpdate();
    }
  }

  @Override
  public void discard(UUID id) {
    em.createNativeQuery(
            "UPDATE billing_statements SET status = 'DISCARDED', version = version + 1"
                + " WHERE id = ?1 AND status = 'DRAFT'")
        .setParameter(1, id)
        .executeUpdate();
  }

  @Override
  public int nextNumber(String tenantId, String prefix, int year) {
    return ((Number)
            em.createNativeQuery(
                    "INSERT INTO billing_sequences (tenant_id, prefix, year, last_value)"
                        + " VALUES (?1, ?2, ?3, 1) ON CONFLICT (tenant_id, prefix, year)"
                        + " DO UPDATE SET last_value = billing_sequences.last_value + 1"
                        + " RETURNING last_value")
                .setParameter(1, tenantId)
                .setParameter(2, prefix)
                .setParameter(3, year)
                .getSingleResult())
        .intValue();
  }

  @Override
  public void markIssued(
      UUID id,
      String number,
      Instant at,
      LocalDate on,
      String by,
      String pdfSha256,
      String receivableKey) {
    int updated =
        em.createNativeQuery(
                "UPDATE billing_statements SET status = 'ISSUED', number = ?2, issued_at = ?3,"
                    + " issued_on = ?4, issued_by = ?5, pdf_sha256 = ?6, receivable_key = ?7,"
                    + " version = version + 1 WHERE id = ?1 AND status = 'DRAFT'")
            .setParameter(1, id)
            .setParameter(2, number)
            .setParameter(3, Timestamp.from(at))
            .setParameter(4, Date.valueOf(on))
            .setParameter(5, by)
            .setParameter(6, pdfSha256)
            .setParameter(7, receivableKey)
            .executeUpdate();
    if (updated != 1) {
      throw new IllegalStateException("Statement " + id + " is no longer a draft");
    }
  }

  @Override
  public Map<Integer, Long> creditedCents(UUID statementId) {
    Map<Integer, Long> credited = new HashMap<>();
    for (Object row :
        em.createNativeQuery(
                "SELECT l.credits_position, -sum(l.amount_cents) FROM billing_statement_lines l"
                    + " JOIN billing_statements s ON s.id = l.statement_id"
                    + " WHERE s.corrects = ?1 AND s.status <> 'DISCARDED'"
                    + " GROUP BY l.credits_position")
            .setParameter(1, statementId)
            .getResultList()) {
      Object[] r = (Object[]) row;
      credited.put(((Number) r[0]).intValue(), ((Number) r[1]).longValue());
    }
    return credited;
  }

  @Override
  public List<StandaloneCost> standaloneCosts() {
    List<StandaloneCost> costs = new ArrayList<>();
    for (Object row :
        em.createNativeQuery(
                "SELECT c.service_code, c.min_population, c.max_population, c.licence, c.hosting,"
                    + " c.maintenance, c.agent_time, c.source, c.updated_by, c.updated_at"
                    + " FROM billing_standalone_costs c JOIN catalog_services s ON s.code = c.service_code"
                    + " ORDER BY s.display_order, c.min_population")
            .getResultList()) {
      Object[] r = (Object[]) row;
      costs.add(
          new StandaloneCost(
              (String) r[0],
              ((Number) r[1]).intValue(),
              r[2] == null ? null : ((Number) r[2]).intValue(),
              (BigDecimal) r[3],
              (BigDecimal) r[4],
              (BigDecimal) r[5],
              (BigDecimal) r[6],
              (String) r[7],
              (String) r[8],
              instant(r[9])));
    }
    return costs;
  }

  @Override
  public void saveStandaloneCost(StandaloneCost c) {
    em.createNativeQuery(
            "INSERT INTO billing_standalone_costs (service_code, min_population, max_population,"
                + " licence, hosting, maintenance, agent_time, source, updated_by, updated_at)"
                + " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
                + " ON CONFLICT (service_code, min_population) DO UPDATE SET"
                + " max_population = EXCLUDED.max_population, licence = EXCLUDED.licence,"
                + " hosting = EXCLUDED.hosting, maintenance = EXCLUDED.maintenance,"
                + " agent_time = EXCLUDED.agent_time, source = EXCLUDED.source,"
                + " updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at")
        .setParameter(1, c.service())
        .setParameter(2, c.minPopulation())
        .setParameter(3, c.maxPopulation())
        .setParameter(4, c.licence())
        .setParameter(5, c.hosting())
        .setParameter(6, c.maintenance())
        .setParameter(7, c.agentTime())
        .setParameter(8, c.source())
        .setParameter(9, c.updatedBy())
        .setParameter(10, Timestamp.from(c.updatedAt()))
        .executeUpdate();
  }

  private List<Statement> headers(String whereAndOrder, Object... parameters) {
    Query query = em.createNativeQuery(HEADER + whereAndOrder);
    bind(query, parameters);
    List<Statement> statements = new ArrayList<>();
    for (Object row : query.getResultList()) {
      Object[] r = (Object[]) row;
      statements.add(
          new Statement(
              (UUID) r[0],
              (String) r[1],
              (String) r[2],
              ((Number) r[3]).intValue(),
              StatementKind.valueOf((String) r[4]),
              StatementStatus.valueOf((String) r[5]),
              (String) r[6],
              new BillingPeriod(day(r[8]), day(r[9]), Frequency.valueOf((String) r[7])),
              instant(r[10]),
              List.of(),
              ((Number) r[11]).longValue(),
              r[12] == null ? null : ((Number) r[12]).longValue(),
              (UUID) r[13],
              (String) r[14],
              (String) r[15],
              instant(r[16]),
              r[17] == null ? null : instant(r[17]),
              r[18] == null ? null : day(r[18]),
              (String) r[19],
              (UUID) r[20]));
    }
    return statements;
  }

  private List<StatementLine> lines(UUID statementId) {
    List<StatementLine> lines = new ArrayList<>();
    for (Object row :
        em.createNativeQuery(
                "SELECT kind, service_code, metric, label, covers_from, covers_to, quantity,"
                    + " free_quantity, unit_price, amount_cents, tariff_from, credits_position"
                    + " FROM billing_statement_lines WHERE statement_id = ?1 ORDER BY position")
            .setParameter(1, statementId)
            .getResultList()) {
      Object[] r = (Object[]) row;
      lines.add(
          new StatementLine(
              LineKind.valueOf((String) r[0]),
              (String) r[1],
              (String) r[2],
              (String) r[3],
              day(r[4]),
              day(r[5]),
              (BigDecimal) r[6],
              (BigDecimal) r[7],
              (BigDecimal) r[8],
              ((Number) r[9]).longValue(),
              r[10] == null ? null : day(r[10]),
              r[11] == null ? null : ((Number) r[11]).intValue()));
    }
    return lines;
  }

  private static void bind(Query query, Object... parameters) {
    for (int i = 0; i < parameters.length; i++) {
      Object p = parameters[i];
      query.setParameter(i + 1, p instanceof LocalDate d ? Date.valueOf(d) : p);
    }
  }

  private static LocalDate day(Object value) {
    return value instanceof LocalDate d ? d : ((Date) value).toLocalDate();
  }

  private static Instant instant(Object value) {
    if (value instanceof Timestamp t) {
      return t.toInstant();
    }
    if (value instanceof OffsetDateTime o) {
      return o.toInstant();
    }
    return (Instant) value;
  }
}
