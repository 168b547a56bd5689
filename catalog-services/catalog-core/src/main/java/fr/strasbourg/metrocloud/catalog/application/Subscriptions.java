package fr.strasbourg.metrocloud.catalog.application;

import fr.strasbourg.metrocloud.catalog.api.ServiceCode;
import fr.strasbourg.metrocloud.catalog.api.UsageEvent;
import fr.strasbourg.metrocloud.catalog.api.UsageRecorder;
import fr.strasbourg.metrocloud.catalog.domain.CatalogRepository;
import fr.strasbourg.metrocloud.catalog.domain.CatalogService;
import fr.strasbourg.metrocloud.catalog.domain.Subscription;
import fr.strasbourg.metrocloud.catalog.domain.SubscriptionRuleException;
import fr.strasbourg.metrocloud.kernel.audit.AuditRecord;
import fr.strasbourg.metrocloud.kernel.audit.AuditTrail;
import fr.strasbourg.metrocloud.kernel.problem.ConflictProblem;
import fr.strasbourg.metrocloud.kernel.problem.NotFoundProblem;
import fr.strasbourg.metrocloud.kernel.problem.UnprocessableProblem;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.InseeCode;
import fr.strasbourg.metrocloud.kernel.tenancy.TenantBound;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Subscriptions of a commune to catalogue services. Each change writes, in one transaction, the
 * subscription, a usage event for billing ({@code subscription.started} / {@code
 * subscription.ended}, idempotent per subscription) and an audit entry.
 */
@ApplicationScoped
@Transactional
@TenantBound
public class Subscriptions {

  static final String SOURCE = "catalog.subscriptions";

  @Inject CatalogRepository repository;

  @Inject UsageRecorder usage;

  @Inject AuditTrail audit;

  @Inject BusinessCalendar calendar;

  @Inject fr.strasbourg.metrocloud.tenants.api.TenantDirectory tenants;

  /** Subscribes the caller's commune. */
  public Subscription subscribe(
      CallContext admin, String serviceCode, Optional<LocalDate> startsOn, String deliberationRef) {
    InseeCode commune = admin.requireCommune();
    if (!ServiceCode.isValid(serviceCode)) {
      throw unknownServiceInBody(serviceCode);
    }
    ServiceCode code = new ServiceCode(serviceCode);
    CatalogService service =
        repository.service(code).orElseThrow(() -> unknownServiceInBody(serviceCode));
    if (!service.acceptsSubscriptions()) {
      throw (UnprocessableProblem)
          new UnprocessableProblem(
                  "service-withdrawn",
                  "Le service « " + service.nameFr() + " » n'accepte plus de nouveaux abonnements.")
              .with("service", code.value());
    }
    LocalDate today = calendar.today();
    LocalDate start = startsOn.orElse(today);
    Subscription subscription =
        rules(
            () ->
                Subscription.start(
                    commune,
                    code,
                    start,
                    today,
                    deliberationRef,
                    admin.actor().username(),
                    calendar.now()));
    refuseOverlap(service, start, null);
    repository.add(subscription);
    recordBoundary(admin, subscription, "started", start);
    audit.record(
        admin,
        AuditRecord.success(
                "catalog.subscription.created", "subscription", subscription.id().toString())
            .withDetail("service", code.value())
            .withDetail("startsOn", start.toString())
            .withDetail("deliberation", deliberationRef));
    return subscription;
  }

  /**
   * Takes over a subscription of the commune's past (the DSI, acting on the commune): a period that
   * started before today, ended or not, that overlaps no other of the service. Writes the usage
   * events of its start (and end) like a subscription made today, and an audit entry.
   */
  public Subscription recordHistory(
      CallContext operatorOnCommune,
      String serviceCode,
      LocalDate startsOn,
      LocalDate endsOn,
      String deliberationRef) {
    operatorOnCommune.operatorActingOnBehalf().orElseThrow();
    InseeCode commune = operatorOnCommune.requireCommune();
    tenants
        .find(operatorOnCommune, commune)
        .orElseThrow(
            () ->
                new fr.strasbourg.metrocloud.kernel.problem.NotFoundProblem(
                    "tenant-not-found", "Commune inconnue."));
    if (!ServiceCode.isValid(serviceCode)) {
      throw unknownServiceInBody(serviceCode);
    }
    ServiceCode code = new ServiceCode(serviceCode);
    CatalogService service =
        repository.service(code).orElseThrow(() -> unknownServiceInBody(serviceCode));
    Subscription subscription =
        rules(
            () ->
                Subscription.history(
                    commune,
                    code,
                    startsOn,
                    endsOn,
                    calendar.today(),
                    deliberationRef,
                    operatorOnCommune.operatorActingOnBehalf().get().username(),
                    calendar.now()));
    refuseOverlap(service, startsOn, endsOn);
    repository.add(subscription);
    recordBoundary(operatorOnCommune, subscription, "started", startsOn);
    if (endsOn != null) {
      recordBoundary(operatorOnCommune, subscription, "ended", endsOn);
    }
    audit.record(
        operatorOnCommune,
        AuditRecord.success(
                "catalog.subscription.history-recorded",
                "subscription",
                subscription.id().toString())
            .withDetail("service", code.value())
            .withDetail("startsOn", startsOn.toString())
            .withDetail("endsOn", String.valueOf(endsOn))
            .withDetail("deliberation", deliberationRef));
    return subscription;
  }

  /** 409 when the commune already has a subscription to the service over part of the period. */
  private void refuseOverlap(CatalogService service, LocalDate start, LocalDate end) {
    Optional<Subscription> overlapping =
        repository.subscriptionsTo(service.code()).stream()
            .filter(s -> s.overlaps(start, end))
            .findFirst();
    if (overlapping.isPresent()) {
      throw (ConflictProblem)
          new ConflictProblem(
                  "already-subscribed",
                  "La commune est déjà abonnée au service « "
                      + service.nameFr()
                      + " » sur cette période (abonnement du "
                      + overlapping.get().startsOn()
                      + ").")
              .with("service", service.code().value())
              .with("subscription", overlapping.get().id().toString());
    }
  }

  /** The usage event of a subscription's start or end, idempotent per subscription. */
  private void recordBoundary(
      CallContext caller, Subscription subscription, String boundary, LocalDate day) {
    usage.record(
        caller,
        new UsageEvent(
            subscription.service(),
            "subscription." + boundary,
            BigDecimal.ONE,
            BusinessCalendar.startOf(day),
            "subscription/" + subscription.id() + "/" + boundary,
            SOURCE));
  }

  /**
   * Ends one of the caller's commune's subscriptions; another commune's subscription is "not
   * found".
   */
  public Subscription unsubscribe(
      CallContext admin, UUID id, Optional<LocalDate> effective, String deliberationRef) {
    admin.requireCommune();
    Subscription subscription = repository.subscription(id).orElseThrow(() -> notFound(id));
    LocalDate today = calendar.today();
    LocalDate end = effective.orElse(today);
    rules(
        () -> {
          subscription.end(end, today, deliberationRef, admin.actor().username(), calendar.now());
          return subscription;
        });
    recordBoundary(admin, subscription, "ended", subscription.endsOn());
    audit.record(
        admin,
        AuditRecord.success("catalog.subscription.ended", "subscription", id.toString())
            .withDetail("service", subscription.service().value())
            .withDetail("endsOn", subscription.endsOn().toString())
            .withDetail("deliberation", deliberationRef));
    return subscription;
  }

  /**
   * The subscriptions the caller may see: its commune's, or every commune's for the operator
   * (audited).
   */
  public List<Subscription> list(CallContext caller) {
    List<Subscription> all = repository.subscriptions();
    if (caller.crossTenantRead()) {
      audit.record(
          caller,
          AuditRecord.success("platform.subscriptions.listed", "subscription", "*")
              .withDetail("count", Integer.toString(all.size())));
    }
    return all;
  }

  /**
   * The DSI sets a commune's own storage quota on a subscription ({@code null}: the service's
   * default).
   */
  public Subscription setQuota(CallContext onCommune, UUID id, Long quotaBytes) {
    Subscription subscription = repository.subscription(id).orElseThrow(() -> notFound(id));
    rules(
        () -> {
          subscription.setQuota(quotaBytes);
          return subscription;
        });
    audit.record(
        onCommune,
        AuditRecord.success("catalog.subscription.quota-set", "subscription", id.toString())
            .withDetail("quotaBytes", quotaBytes == null ? "default" : quotaBytes.toString()));
    return subscription;
  }

  public Subscription get(CallContext caller, UUID id) {
    Subscription subscription = repository.subscription(id).orElseThrow(() -> notFound(id));
    if (caller.crossTenantRead()) {
      audit.record(
          caller,
          AuditRecord.success("platform.subscription.read", "subscription", id.toString())
              .withDetail("tenant", subscription.commune().value()));
    }
    return subscription;
  }

  private static Subscription rules(java.util.function.Supplier<Subscription> change) {
    try {
      return change.get();
    } catch (SubscriptionRuleException e) {
      throw new UnprocessableProblem(e.code(), e.getMessage());
    }
  }

  static NotFoundProblem notFound(UUID id) {
    return (NotFoundProblem)
        new NotFoundProblem("subscription-not-found", "Abonnement introuvable : " + id + ".")
            .with("subscription", id.toString());
  }

  static UnprocessableProblem unknownServiceInBody(String code) {
    String shown = code == null ? "" : code.length() > 40 ? code.substring(0, 40) + "…" : code;
    return (UnprocessableProblem)
        new UnprocessableProblem(
                "unknown-service", "Service inconnu dans le catalogue : « " + shown + " ».")
            .with("service", shown);
  }
}
