package fr.strasbourg.metrocloud.parapheur.application;

import fr.strasbourg.metrocloud.kernel.audit.AuditRecord;
import fr.strasbourg.metrocloud.kernel.audit.AuditTrail;
import fr.strasbourg.metrocloud.kernel.problem.NotFoundProblem;
import fr.strasbourg.metrocloud.kernel.problem.UnprocessableProblem;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.TenantBound;
import fr.strasbourg.metrocloud.tenants.api.CommuneMembers;
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
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/**
 * Delegations of signing rights: for a period, a person of the commune acts on the steps assigned
 * to the delegator, and what they sign says "par délégation de …".
 */
@ApplicationScoped
@Transactional
@TenantBound
public class Delegations {

  static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  @PersistenceContext EntityManager em;

  @Inject AuditTrail audit;

  @Inject Clock clock;

  /** A delegation. */
  public record Delegation(
      UUID id,
      String delegatorUsername,
      String delegatorName,
      String delegateUsername,
      String delegateName,
      LocalDate startsOn,
      LocalDate endsOn,
      String reason,
      Instant createdAt,
      Instant revokedAt) {

    public boolean activeOn(LocalDate day) {
      return revokedAt == null && !day.isBefore(startsOn) && !day.isAfter(endsOn);
    }
  }

  /**
   * The caller delegates their signing right to {@code delegate} from {@code startsOn} to {@code
   * endsOn}.
   */
  public Delegation create(
      CallContext delegator,
      CommuneMembers.Member delegate,
      LocalDate startsOn,
      LocalDate endsOn,
      String reason) {
    LocalDate today = LocalDate.now(clock.withZone(PARIS));
    if (delegate.username().equalsIgnoreCase(delegator.actor().username())) {
      throw new UnprocessableProblem(
          "invalid-delegation", "On ne se délègue pas sa propre signature.");
    }
    if (startsOn == null || endsOn == null || endsOn.isBefore(startsOn)) {
      throw new UnprocessableProblem(
          "invalid-delegation", "La période de délégation est invalide (début ≤ fin).");
    }
    if (endsOn.isBefore(today)) {
      throw new UnprocessableProblem(
          "invalid-delegation", "La période de délégation est déjà passée.");
    }
    if (endsOn.isAfter(startsOn.plusYears(1))) {
      throw new UnprocessableProblem("invalid-delegation", "Une délégation dure au plus un an.");
    }
    UUID id = UUID.randomUUID();
    em.createNativeQuery(
            "INSERT INTO parapheur_delegations (id, tenant_id, delegator_username, delegator_name,"
                + " delegate_username, delegate_name, starts_on, ends_on, reason, created_at)"
                + " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)")
        .setParameter(1, id)
        .setParameter(2, delegator.tenant().value())
        .setParameter(3, delegator.actor().username())
        .setParameter(4, delegator.actor().displayName())
        .setParameter(5, delegate.username())
        .setParameter(6, delegate.displayName())
        .setParameter(7, Date.valueOf(startsOn))
        .setParameter(8, Date.valueOf(endsOn))
        .setParameter(9, reason == null || reason.isBlank() ? null : reason.strip())
        .setParameter(10, Timestamp.from(clock.instant()))
        .executeUpdate();
    audit.record(
        delegator,
        AuditRecord.success("parapheur.delegation.created", "delegation", id.toString())
            .withDetail("delegate", delegate.username())
            .withDetail("from", startsOn.toString())
            .withDetail("to", endsOn.toString()));
    return find(id);
  }

  /** Delegations the caller gave or received, newest first. */
  public List<Delegation> mine(CallContext caller) {
    return query(
        "WHERE lower(delegator_username) = lower(?1) OR lower(delegate_username) = lower(?1)",
        caller.actor().username());
  }

  /** Every delegation of the commune (administrator). */
  public List<Delegation> all(CallContext commune) {
    return query("", null);
  }

  /** Revokes a delegation the caller gave. */
  public Delegation revoke(CallContext caller, UUID id) {
    Delegation d = find(id);
    if (!d.delegatorUsername().equalsIgnoreCase(caller.actor().username())) {
      throw new NotFoundProblem("delegation-not-found", "Délégation introuvable : " + id);
    }
    em.createNativeQuery(
            "UPDATE parapheur_delegations SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL")
        .setParameter(1, id)
        .setParameter(2, Timestamp.from(clock.instant()))
        .executeUpdate();
    audit.record(
        caller, AuditRecord.success("parapheur.delegation.revoked", "delegation", id.toString()));
    return find(id);
  }

  /** Delegations to the caller in force today. */
  public List<Delegation> activeTo(CallContext caller) {
    LocalDate today = LocalDate.now(clock.withZone(PARIS));
    return query(
            "WHERE lower(delegate_username) = lower(?1) AND revoked_at IS NULL",
            caller.actor().username())
        .stream()
        .filter(d -> d.activeOn(today))
        .toList();
  }

  private Delegation find(UUID id) {
    return query("WHERE id = ?1", id).stream()
        .findFirst()
        .orElseThrow(
            () -> new NotFoundProblem("delegation-not-found", "Délégation introuvable : " + id));
  }

  private List<Delegation> query(String where, Object parameter) {
    var q =
        em.createNativeQuery(
            "SELECT id, delegator_username, delegator_name, delegate_username, delegate_name,"
                + " starts_on, ends_on, reason, created_at, revoked_at FROM parapheur_delegations "
                + where
                + " ORDER BY created_at DESC");
    if (parameter != null) {
      q.setParameter(1, parameter);
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows = q.getResultList();
    return rows.stream()
        .map(
            r ->
                new Delegation(
                    r[0] instanceof UUID u ? u : UUID.fromString(String.valueOf(r[0])),
                    (String) r[1],
                    (String) r[2],
                    (String) r[3],
                    (String) r[4],
                    ((Date) r[5]).toLocalDate(),
                    ((Date) r[6]).toLocalDate(),
                    (String) r[7],
                    ((Timestamp) r[8]).toInstant(),
                    r[9] == null ? null : ((Timestamp) r[9]).toInstant()))
        .toList();
  }
}
