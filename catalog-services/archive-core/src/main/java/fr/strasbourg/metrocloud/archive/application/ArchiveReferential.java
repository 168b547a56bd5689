package fr.strasbourg.metrocloud.archive.application;

import fr.strasbourg.metrocloud.archive.domain.ArchivalAgreement;
import fr.strasbourg.metrocloud.archive.domain.FinalAction;
import fr.strasbourg.metrocloud.archive.domain.RetentionRule;
import fr.strasbourg.metrocloud.archive.domain.RetentionRules;
import fr.strasbourg.metrocloud.kernel.audit.AuditRecord;
import fr.strasbourg.metrocloud.kernel.audit.AuditTrail;
import fr.strasbourg.metrocloud.kernel.problem.NotFoundProblem;
import fr.strasbourg.metrocloud.kernel.problem.UnprocessableProblem;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.TenantBound;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Period;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The commune's retention rules and archival agreements. A commune starts with the common durations
 * ({@link RetentionRules#defaults()}) and one general agreement covering its usual services; it may
 * adjust both. Units keep the rule they were archived with.
 */
@ApplicationScoped
@Transactional
@TenantBound
public class ArchiveReferential {

  /** The services of a commune the general agreement covers. */
  public static final List<String> DEFAULT_SERVICES =
      List.of(
          "SECRETARIAT_GENERAL",
          "RESSOURCES_HUMAINES",
          "FINANCES",
          "URBANISME",
          "ETAT_CIVIL",
          "SERVICES_TECHNIQUES",
          "COMMANDE_PUBLIQUE");

  private static final Pattern SERVICE = Pattern.compile("[A-Z][A-Z0-9_-]{1,39}");
  private static final Pattern AGREEMENT = Pattern.compile("[A-Za-z0-9_.:-]{2,80}");

  @PersistenceContext EntityManager em;

  @Inject AuditTrail audit;

  @Inject Clock clock;

  /** The identifier of a commune's general agreement. */
  public static String generalAgreement(String insee) {
    return "CONV-" + insee + "-GENERALE";
  }

  /** Seeds the defaults the commune does not have yet; returns the number of rules. */
  public int ensureSeeded(CallContext commune) {
    String tenant = commune.tenant().value();
    long existing =
        ((Number)
                em.createNativeQuery(
                        "SELECT (SELECT count(*) FROM archive_rules)"
                            + " + (SELECT count(*) FROM archive_agreements)")
                    .getSingleResult())
            .longValue();
    if (existing > 0) {
      return rules(commune).size();
    }
    Timestamp now = Timestamp.from(clock.instant());
    for (RetentionRule r : RetentionRules.defaults()) {
      em.createNativeQuery(
              "INSERT INTO archive_rules (tenant_id, code, label, duration, final_action,"
                  + " created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)"
                  + " ON CONFLICT DO NOTHING")
          .setParameter(1, tenant)
          .setParameter(2, r.code())
          .setParameter(3, r.label())
          .setParameter(4, r.sedaDuration().orElse(null))
          .setParameter(5, r.finalAction().name())
          .setParameter(6, now)
          .executeUpdate();
    }
    String codes =
        String.join(SEP, RetentionRules.defaults().stream().map(RetentionRule::code).toList());
    em.createNativeQuery(
            "INSERT INTO archive_agreements (tenant_id, identifier, label, services, rules,"
                + " created_at, updated_at) VALUES (?1, ?2, ?3, string_to_array(?4, chr(31)),"
                + " string_to_array(?5, chr(31)), ?6, ?6) ON CONFLICT DO NOTHING")
        .setParameter(1, tenant)
        .setParameter(2, generalAgreement(tenant))
        .setParameter(3, "Convention générale d'archivage de la commune")
        .setParameter(4, String.join(SEP, DEFAULT_SERVICES))
        .setParameter(5, codes)
        .setParameter(6, now)
        .executeUpdate();
    return rules(commune).size();
  }

  public List<RetentionRule> rules(CallContext commune) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT code, label, duration, final_action FROM archive_rules ORDER BY code")
            .getResultList();
    return rows.stream().map(ArchiveReferential::rule).toList();
  }

  public Optional<RetentionRule> rule(CallContext commune, String code) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT code, label, duration, final_action FROM archive_rules WHERE code = ?1")
            .setParameter(1, code)
            .getResultList();
    return rows.stream().map(ArchiveReferential::rule).findFirst();
  }

  /** Adds or changes a rule of the commune's referential (administrator). */
  public RetentionRule saveRule(
      CallContext admin, String code, String label, String duration, String finalAction) {
    RetentionRule rule;
    try {
      rule =
          new RetentionRule(
              code,
              label == null ? null : label.strip(),
              duration == null || duration.isBlank()
                  ? Optional.empty()
                  : Optional.of(Period.parse(duration.strip())),
              FinalAction.valueOf(finalAction == null ? "" : finalAction));
    } catch (IllegalArgumentException | java.time.format.DateTimeParseException e) {
      throw new UnprocessableProblem(
          "invalid-rule",
          "Règle de conservation invalide : "
              + (e instanceof java.time.format.DateTimeParseException
                  ? "durée au format ISO 8601 attendue (ex. P10Y)."
                  : e.getMessage()));
    }
    Timestamp now = Timestamp.from(clock.instant());
    em.createNativeQuery(
            "INSERT INTO archive_rules (tenant_id, code, label, duration, final_action, created_at,"
                + " updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6) ON CONFLICT (tenant_id, code)"
                + " DO UPDATE SET label = EXCLUDED.label, duration = EXCLUDED.duration,"
                + " final_action = EXCLUDED.final_action, updated_at = EXCLUDED.updated_at")
        .setParameter(1, admin.tenant().value())
        .setParameter(2, rule.code())
        .setParameter(3, rule.label())
        .setParameter(4, rule.sedaDuration().orElse(null))
        .setParameter(5, rule.finalAction().name())
        .setParameter(6, now)
        .executeUpdate();
    audit.record(
        admin,
        AuditRecord.success("archive.rule.saved", "archive-rule", rule.code())
            .withDetail("duration", rule.sedaDuration().orElse("forever"))
            .withDetail("finalAction", rule.finalAction().name()));
    return rule;
  }

  public List<ArchivalAgreement> agreements(CallContext commune) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT identifier, label, array_to_string(services, chr(31)),"
                    + " array_to_string(rules, chr(31)), active FROM archive_agreements"
                    + " ORDER BY identifier")
            .getResultList();
    return rows.stream().map(ArchiveReferential::agreement).toList();
  }

  public ArchivalAgreement agreement(CallContext commune, String identifier) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT identifier, label, array_to_string(services, chr(31)),"
                    + " array_to_string(rules, chr(31)), active FROM archive_agreements"
                    + " WHERE identifier = ?1")
            .setParameter(1, identifier)
            .getResultList();
    return rows.stream()
        .map(ArchiveReferential::agreement)
        .findFirst()
        .orElseThrow(
            () ->
                new NotFoundProblem(
                    "agreement-not-found",
                    "Convention d'archivage inconnue dans la commune : " + identifier));
  }

  /** Adds or changes an agreement (administrator). Rules it names must exist. */
  public ArchivalAgreement saveAgreement(
      CallContext admin,
      String identifier,
      String label,
      List<String> services,
      List<String> rules,
      boolean active) {
    if (identifier == null || !AGREEMENT.matcher(identifier).matches()) {
      throw new UnprocessableProblem(
          "invalid-agreement",
          "Identifiant de convention invalide (2 à 80 lettres, chiffres, « _ . : - »).");
    }
    if (label == null || label.isBlank() || label.strip().length() > 200) {
      throw new UnprocessableProblem(
          "invalid-agreement", "Le libellé de la convention est obligatoire (200 caractères).");
    }
    Set<String> serviceSet = new TreeSet<>(services == null ? List.of() : services);
    Set<String> ruleSet = new TreeSet<>(rules == null ? List.of() : rules);
    if (serviceSet.isEmpty() || ruleSet.isEmpty()) {
      throw new UnprocessableProblem(
          "invalid-agreement", "Une convention couvre au moins un service et une règle.");
    }
    for (String s : serviceSet) {
      if (!SERVICE.matcher(s).matches()) {
        throw new UnprocessableProblem(
            "invalid-agreement", "Code de service invalide (majuscules, chiffres, _ ou -) : " + s);
      }
    }
    Set<String> known = new TreeSet<>(rules(admin).stream().map(RetentionRule::code).toList());
    for (String r : ruleSet) {
      if (!known.contains(r)) {
        throw new UnprocessableProblem(
            "invalid-agreement", "Règle de conservation inconnue dans la commune : " + r);
      }
    }
    Timestamp now = Timestamp.from(clock.instant());
    em.createNativeQuery(
            "INSERT INTO archive_agreements (tenant_id, identifier, label, services, rules, active,"
                + " created_at, updated_at) VALUES (?1, ?2, ?3, string_to_array(?4, chr(31)),"
                + " string_to_array(?5, chr(31)), ?6, ?7, ?7) ON CONFLICT (tenant_id, identifier) DO"
                + " UPDATE SET label = EXCLUDED.label, services = EXCLUDED.services, rules ="
                + " EXCLUDED.rules, active = EXCLUDED.active, updated_at = EXCLUDED.updated_at")
        .setParameter(1, admin.tenant().value())
        .setParameter(2, identifier)
        .setParameter(3, label.strip())
        .setParameter(4, String.join(SEP, serviceSet))
        .setParameter(5, String.join(SEP, ruleSet))
        .setParameter(6, active)
        .setParameter(7, now)
        .executeUpdate();
    audit.record(
        admin,
        AuditRecord.success("archive.agreement.saved", "archive-agreement", identifier)
            .withDetail("services", String.join(",", serviceSet))
            .withDetail("rules", String.join(",", ruleSet))
            .withDetail("active", String.valueOf(active)));
    return agreement(admin, identifier);
  }

  private static RetentionRule rule(Object[] r) {
    String duration = (String) r[2];
    return new RetentionRule(
        (String) r[0],
        (String) r[1],
        duration == null ? Optional.empty() : Optional.of(Period.parse(duration)),
        FinalAction.valueOf((String) r[3]));
  }

  private static ArchivalAgreement agreement(Object[] r) {
    return new ArchivalAgreement(
        (String) r[0],
        (String) r[1],
        Set.copyOf(strings(r[2])),
        Set.copyOf(strings(r[3])),
        (Boolean) r[4]);
  }

  /** Separator of text arrays passed to and read from PostgreSQL (unit separator, chr(31)). */
  static final String SEP = "\u001f";

  /** A PostgreSQL text[] read as {@code array_to_string(column, chr(31))}. */
  static List<String> strings(Object joined) {
    if (joined == null || ((String) joined).isEmpty()) {
      return List.of();
    }
    return Arrays.asList(((String) joined).split(SEP, -1));
  }
}
