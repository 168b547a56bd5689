package fr.strasbourg.metrocloud.catalog.application;

import fr.strasbourg.metrocloud.catalog.api.ServiceAccess;
import fr.strasbourg.metrocloud.catalog.api.ServiceCode;
import fr.strasbourg.metrocloud.catalog.api.SubscriptionTerms;
import fr.strasbourg.metrocloud.catalog.domain.CatalogRepository;
import fr.strasbourg.metrocloud.catalog.domain.CatalogService;
import fr.strasbourg.metrocloud.catalog.domain.Subscription;
import fr.strasbourg.metrocloud.kernel.audit.AuditRecord;
import fr.strasbourg.metrocloud.kernel.audit.AuditTrail;
import fr.strasbourg.metrocloud.kernel.audit.Outcome;
import fr.strasbourg.metrocloud.kernel.problem.ForbiddenProblem;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.TenantBound;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.util.Optional;

/**
 * {@link ServiceAccess}: a subscription in force today, or 403 naming the service (and an audit
 * entry).
 */
@ApplicationScoped
public class SubscriptionGuard implements ServiceAccess {

  @Inject CatalogRepository repository;

  @Inject AuditTrail audit;

  @Inject BusinessCalendar calendar;

  @Override
  @Transactional
  @TenantBound
  public SubscriptionTerms requireSubscription(CallContext caller, ServiceCode code) {
    CatalogService service =
        repository.service(code).orElseThrow(() -> CatalogQueries.unknownService(code.value()));
    if (caller.commune().isEmpty()) {
      throw (ForbiddenProblem)
          new ForbiddenProblem(
                  "commune-context-required",
                  "Le service « " + service.nameFr() + " » s'utilise au nom d'une commune.")
              .with("service", code.value());
    }
    LocalDate today = calendar.today();
    Optional<Subscription> inForce =
        repository.subscriptionsTo(code).stream()
            .filter(s -> s.statusOn(today).inForce())
            .findFirst();
    if (inForce.isPresent()) {
      var s = inForce.get();
      return new SubscriptionTerms(
          s.id(),
          s.startsOn(),
          s.quotaBytes().isPresent() ? s.quotaBytes() : service.defaultQuotaBytes());
    }
    audit.recordIndependently(
        caller,
        new AuditRecord(
            "catalog.service.access-refused",
            "service",
            code.value(),
            Outcome.DENIED,
            java.util.Map.of("reason", "not-subscribed")));
    throw (ForbiddenProblem)
        new ForbiddenProblem(
                "service-not-subscribed",
                "Service non souscrit",
                "Votre commune n'est pas abonnée au service « "
                    + service.nameFr()
                    + " ». Son administrateur peut y souscrire depuis le catalogue.")
            .with("service", code.value())
            .with("serviceName", service.nameFr());
  }
}
