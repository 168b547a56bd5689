package fr.strasbourg.metrocloud.catalog.domain;

import fr.strasbourg.metrocloud.catalog.api.ServiceCode;
import fr.strasbourg.metrocloud.kernel.tenancy.InseeCode;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

/**
 * A commune's subscription to a service over [startsOn, endsOn). Rules: no retroactive start or end
 * (billing periods already closed must not change), a start at most one year ahead, an end never
 * before the start (ending a subscription that has not started cancels it). Overlaps with another
 * subscription of the same commune to the same service are refused by the database (exclusion
 * constraint) and checked here first for a clear message.
 */
@Entity
@Table(name = "subscriptions")
public class Subscription {

  @Id
  @Column(name = "id", nullable = false, updatable = false)
  private UUID id;

  @Column(name = "tenant_id", nullable = false, updatable = false)
  private String tenantId;

  @Column(name = "service_code", nullable = false, updatable = false)
  private String serviceCode;

  @Column(name = "starts_on", nullable = false, updatable = false)
  private LocalDate startsOn;

  @Column(name = "ends_on")
  private LocalDate endsOn;

  @Column(name = "deliberation_ref", updatable = false)
  private String deliberationRef;

  @Column(name = "end_deliberation_ref")
  private String endDeliberationRef;

  @Column(name = "created_by", nullable = false, updatable = false)
  private String createdBy;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Column(name = "ended_by")
  private String endedBy;

  @Column(name = "ended_at")
  private Instant endedAt;

  @Column(name = "quota_bytes")
  private Long quotaBytes;

  @Version
  @Column(name = "version", nullable = false)
  private long version;

  protected Subscription() {}

  public static Subscription start(
      InseeCode commune,
      ServiceCode service,
      LocalDate startsOn,
      LocalDate today,
      String deliberationRef,
      String actor,
      Instant now) {
    Objects.requireNonNull(startsOn);
    if (startsOn.isBefore(today)) {
      throw new SubscriptionRuleException(
          "retroactive-subscription",
          "La date d'effet ("
              + startsOn
              + ") ne peut pas être antérieure à aujourd'hui ("
              + today
              + ").");
    }
    if (startsOn.isAfter(today.plusYears(1))) {
      throw new SubscriptionRuleException(
          "subscription-too-far-ahead",
          "La date d'effet ne peut pas dépasser un an (" + today.plusYears(1) + ").");
    }
    Subscription s = new Subscription();
    s.id = UUID.randomUUID();
    s.tenantId = commune.value();
    s.serviceCode = service.value();
    s.startsOn = startsOn;
    s.deliberationRef = deliberationRef;
    s.createdBy = actor;
    s.createdAt = now;
    return s;
  }

  /**
   * A subscription of the past, recorded by the DSI when a commune's history is taken over (its
   * conventions before the platform): it started before today, and may have ended.
   */
  public static Subscription history(
      InseeCode commune,
      ServiceCode service,
      LocalDate startsOn,
      LocalDate endsOn,
      LocalDate today,
      String deliberationRef,
      String actor,
      Instant now) {
    Objects.requireNonNull(startsOn);
    if (!startsOn.isBefore(today)) {
      throw new SubscriptionRuleException(
          "not-history",
          "Un abonnement repris de l'historique commence avant aujourd'hui (" + today + ").");
    }
    if (endsOn != null && !endsOn.isAfter(startsOn)) {
      throw new SubscriptionRuleException(
          "invalid-period", "La fin (" + endsOn + ") doit suivre le début (" + startsOn + ").");
    }
    Subscription s = new Subscription();
    s.id = UUID.randomUUID();
    s.tenantId = commune.value();
    s.serviceCode = service.value();
    s.startsOn = startsOn;
    s.endsOn = endsOn;
    s.deliberationRef = deliberationRef;
    s.createdBy = actor;
    s.createdAt = now;
    if (endsOn != null) {
      s.endedBy = actor;
      s.endedAt = now;
    }
    return s;
  }

  /**
   * Ends the subscription on {@code effective} (first day without the service). Ending before the
   * start cancels it.
   */
  public void end(
      LocalDate effective, LocalDate today, String deliberationRef, String actor, Instant now) {
    SubscriptionStatus status = statusOn(today);
    if (status == SubscriptionStatus.ENDED || status == SubscriptionStatus.CANCELLED) {
      throw new SubscriptionRuleException(
          "subscription-already-ended",
          "Cet abonnement est déjà terminé (depuis le " + endsOn + ").");
    }
    if (effective.isBefore(today)) {
      throw new SubscriptionRuleException(
          "retroactive-unsubscription",
          "La date d'effet de la résiliation ("
              + effective
              + ") ne peut pas être antérieure à aujourd'hui.");
    }
    if (endsOn != null && !effective.isBefore(endsOn)) {
      throw new SubscriptionRuleException(
          "subscription-already-ending", "Cet abonnement prend déjà fin le " + endsOn + ".");
    }
    endsOn = effective.isBefore(startsOn) ? startsOn : effective;
    endDeliberationRef = deliberationRef;
    endedBy = actor;
    endedAt = now;
  }

  /** Sets the commune's own storage quota ({@code null}: the service's default). */
  public void setQuota(Long bytes) {
    if (bytes != null && bytes <= 0) {
      throw new SubscriptionRuleException("invalid-quota", "Le quota doit être positif.");
    }
    quotaBytes = bytes;
  }

  public java.util.OptionalLong quotaBytes() {
    return quotaBytes == null
        ? java.util.OptionalLong.empty()
        : java.util.OptionalLong.of(quotaBytes);
  }

  public SubscriptionStatus statusOn(LocalDate day) {
    if (endsOn != null && endsOn.equals(startsOn)) {
      return SubscriptionStatus.CANCELLED;
    }
    if (day.isBefore(startsOn)) {
      return SubscriptionStatus.SCHEDULED;
    }
    if (endsOn != null && !day.isBefore(endsOn)) {
      return SubscriptionStatus.ENDED;
    }
    return endsOn == null ? SubscriptionStatus.ACTIVE : SubscriptionStatus.ENDING;
  }

  /** Whether this period and {@code [from, to)} (to null = open) share a day. */
  public boolean overlaps(LocalDate from, LocalDate to) {
    if (endsOn != null && endsOn.equals(startsOn)) {
      return false;
    }
    boolean startsBeforeOtherEnds = to == null || startsOn.isBefore(to);
    boolean endsAfterOtherStarts = endsOn == null || endsOn.isAfter(from);
    return startsBeforeOtherEnds && endsAfterOtherStarts;
  }

  public UUID id() {
    return id;
  }

  public InseeCode commune() {
    return InseeCode.of(tenantId);
  }

  public ServiceCode service() {
    return new ServiceCode(serviceCode);
  }

  public LocalDate startsOn() {
    return startsOn;
  }

  public LocalDate endsOn() {
    return endsOn;
  }

  public String deliberationRef() {
    return deliberationRef;
  }

  public String endDeliberationRef() {
    return endDeliberationRef;
  }

  public String createdBy() {
    return createdBy;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public String endedBy() {
    return endedBy;
  }

  public Instant endedAt() {
    return endedAt;
  }
}
