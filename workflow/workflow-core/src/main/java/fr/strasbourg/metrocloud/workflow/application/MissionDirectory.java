package fr.strasbourg.metrocloud.workflow.application;

import fr.strasbourg.metrocloud.kernel.audit.AuditRecord;
import fr.strasbourg.metrocloud.kernel.audit.AuditTrail;
import fr.strasbourg.metrocloud.kernel.problem.UnprocessableProblem;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.TenantBound;
import fr.strasbourg.metrocloud.workflow.domain.MissionRates;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** A commune's mission settings (authorised signer, allowance rates) and internal budget lines. */
@ApplicationScoped
@Transactional
@TenantBound
public class MissionDirectory {

  private static final Pattern LINE_CODE = Pattern.compile("[A-Za-z0-9._-]{1,40}");

  @PersistenceContext EntityManager em;

  @Inject AuditTrail audit;

  @Inject Clock clock;

  /** Who signs the commune's mission orders, and the rates in force. */
  public record Settings(String signerUsername, String signerLabel, MissionRates rates) {}

  public record BudgetLine(
      String code,
      int year,
      String label,
      String service,
      BigDecimal amount,
      BigDecimal committed) {}

  public Optional<Settings> settings(CallContext caller) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT signer_username, signer_label, CAST(rates AS text) FROM mission_settings"
                    + " WHERE tenant_id = ?1")
            .setParameter(1, caller.tenant().value())
            .getResultList();
    return rows.stream()
        .findFirst()
        .map(r -> new Settings((String) r[0], (String) r[1], rates((String) r[2])));
  }

  public MissionRates rates(CallContext caller) {
    return settings(caller).map(Settings::rates).orElse(MissionRates.defaults());
  }

  public Settings save(
      CallContext caller, String signerUsername, String signerLabel, MissionRates rates) {
    if (signerUsername == null
        || signerUsername.isBlank()
        || signerLabel == null
        || signerLabel.isBlank()
        || signerLabel.length() > 120) {
      throw new UnprocessableProblem(
          "invalid-mission-settings",
          "Le signataire des ordres de mission (identifiant) et sa qualité (ex. Maire) sont"
              + " obligatoires.");
    }
    MissionRates r = rates == null ? MissionRates.defaults() : rates;
    for (BigDecimal amount : List.of(r.meal(), r.night(), r.nightLargeCity(), r.nightParis())) {
      if (amount == null || amount.signum() < 0 || amount.compareTo(new BigDecimal("1000")) > 0) {
        throw new UnprocessableProblem(
            "invalid-mission-settings", "Les taux sont des montants entre 0 et 1000 €.");
      }
    }
    em.createNativeQuery(
            "INSERT INTO mission_settings (tenant_id, signer_username, signer_label, rates,"
                + " updated_by, updated_at) VALUES (?1, ?2, ?3, CAST(?4 AS jsonb), ?5, ?6) ON"
                + " CONFLICT (tenant_id) DO UPDATE SET signer_username = EXCLUDED.signer_username,"
                + " signer_label = EXCLUDED.signer_label, rates = EXCLUDED.rates, updated_by ="
                + " EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at")
        .setParameter(1, caller.tenant().value())
        .setParameter(2, signerUsername.strip())
        .setParameter(3, signerLabel.strip())
        .setParameter(4, json(r))
        .setParameter(5, caller.actor().username())
        .setParameter(6, Timestamp.from(clock.instant()))
        .executeUpdate();
    audit.record(
        caller,
        AuditRecord.success(
                "workflow.mission-settings.saved", "mission-settings", caller.tenant().value())
            .withDetail("signer", signerUsername.strip())
            .withDetail("meal", r.meal().toPlainString())
            .withDetail("night", r.night().toPlainString()));
    return settings(caller).orElseThrow();
  }

  public List<BudgetLine> budgetLines(CallContext caller, int year) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT code, year, label, service, amount, committed FROM budget_lines WHERE"
                    + " tenant_id = ?1 AND year = ?2 ORDER BY code")
            .setParameter(1, caller.tenant().value())
            .setParameter(2, year)
            .getResultList();
    return rows.stream()
        .map(
            r ->
                new BudgetLine(
                    (String) r[0],
                    ((Number) r[1]).intValue(),
                    (String) r[2],
                    (String) r[3],
                    (BigDecimal) r[4],
                    (BigDecimal) r[5]))
        .toList();
  }

  public BudgetLine saveBudgetLine(CallContext caller, BudgetLine line) {
    if (line.code() == null || !LINE_CODE.matcher(line.code()).matches()) {
      throw new UnprocessableProblem(
          "invalid-budget-line", "Code de ligne budgétaire invalide (lettres, chiffres, . _ -).");
    }
    if (line.year() < 2000 || line.year() > 2200) {
      throw new UnprocessableProblem("invalid-budget-line", "Exercice invalide : " + line.year());
    }
    if (line.label() == null || line.label().isBlank() || line.label().length() > 200) {
      throw new UnprocessableProblem("invalid-budget-line", "Le libellé est obligatoire.");
    }
    if (line.amount() == null || line.amount().signum() < 0) {
      throw new UnprocessableProblem("invalid-budget-line", "Le montant voté est positif.");
    }
    em.createNativeQuery(
            "INSERT INTO budget_lines (tenant_id, code, year, label, service, amount, updated_at)"
                + " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (tenant_id, code, year) DO"
                + " UPDATE SET label = EXCLUDED.label, service = EXCLUDED.service, amount ="
                + " EXCLUDED.amount, updated_at = EXCLUDED.updated_at")
        .setParameter(1, caller.tenant().value())
        .setParameter(2, line.code())
        .setParameter(3, line.year())
        .setParameter(4, line.label().strip())
        .setParameter(
            5, line.service() == null || line.service().isBlank() ? null : line.service().strip())
        .setParameter(6, line.amount())
        .setParameter(7, Timestamp.from(clock.instant()))
        .executeUpdate();
    audit.record(
        caller,
        AuditRecord.success(
                "workflow.budget-line.saved", "budget-line", line.code() + "/" + line.year())
            .withDetail("amount", line.amount().toPlainString()));
    return budgetLines(caller, line.year()).stream()
        .filter(l -> l.code().equals(line.code()))
        .findFirst()
        .orElseThrow();
  }

  static String json(MissionRates r) {
    return Json.createObjectBuilder()
        .add("meal", r.meal())
        .add("night", r.night())
        .add("nightLargeCity", r.nightLargeCity())
        .add("nightParis", r.nightParis())
        .add("largeCityPopulation", r.largeCityPopulation())
        .build()
        .toString();
  }

  static MissionRates rates(String json) {
    MissionRates d = MissionRates.defaults();
    if (json == null) {
      return d;
    }
    JsonObject o = Json.createReader(new StringReader(json)).readObject();
    return new MissionRates(
        o.getJsonNumber("meal").bigDecimalValue(),
        o.getJsonNumber("night").bigDecimalValue(),
        o.getJsonNumber("nightLargeCity").bigDecimalValue(),
        o.getJsonNumber("nightParis").bigDecimalValue(),
        o.getInt("largeCityPopulation"),
        d.kilometric());
  }
}
