package fr.strasbourg.metrocloud.catalog.interfaces.rest;

import fr.strasbourg.metrocloud.catalog.api.ServiceAccess;
import fr.strasbourg.metrocloud.catalog.api.ServiceCode;
import fr.strasbourg.metrocloud.catalog.application.BusinessCalendar;
import fr.strasbourg.metrocloud.catalog.application.CatalogQueries;
import fr.strasbourg.metrocloud.catalog.application.Subscriptions;
import fr.strasbourg.metrocloud.catalog.interfaces.rest.CatalogDtos.ServiceDto;
import fr.strasbourg.metrocloud.catalog.interfaces.rest.CatalogDtos.ServiceEntryDto;
import fr.strasbourg.metrocloud.catalog.interfaces.rest.CatalogDtos.SubscriptionDto;
import fr.strasbourg.metrocloud.kernel.problem.NotFoundProblem;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The entry point of a shared service for a commune's users: what the portal calls when an agent
 * opens the service. Like every service endpoint it goes through {@link ServiceAccess}: a commune
 * without a subscription in force gets 403 with a problem naming the service.
 */
@Path("services")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Services")
@RolesAllowed({
  Role.Names.COMMUNE_ADMIN,
  Role.Names.AGENT,
  Role.Names.MANAGER,
  Role.Names.ELECTED_OFFICIAL,
  Role.Names.ARCHIVIST
})
public class ServicesResource {

  @Inject CallContext caller;

  @Inject ServiceAccess access;

  @Inject CatalogQueries catalog;

  @Inject Subscriptions subscriptions;

  @Inject BusinessCalendar calendar;

  @GET
  @Path("{code}")
  @Operation(
      summary =
          "Open a service: its description and the commune's subscription (403 if not subscribed)")
  public ServiceEntryDto open(@PathParam("code") String code) {
    if (!ServiceCode.isValid(code)) {
      throw new NotFoundProblem("unknown-service", "Service inconnu dans le catalogue.");
    }
    ServiceCode service = new ServiceCode(code);
    access.requireSubscription(caller, service);
    LocalDate today = calendar.today();
    SubscriptionDto subscription =
        subscriptions.list(caller).stream()
            .filter(s -> s.service().equals(service) && s.statusOn(today).inForce())
            .findFirst()
            .map(s -> SubscriptionDto.of(s, today))
            .orElseThrow();
    return new ServiceEntryDto(ServiceDto.of(catalog.service(service), today), subscription);
  }
}
