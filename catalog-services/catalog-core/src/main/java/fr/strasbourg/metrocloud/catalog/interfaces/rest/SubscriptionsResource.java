package fr.strasbourg.metrocloud.catalog.interfaces.rest;

import fr.strasbourg.metrocloud.catalog.application.BusinessCalendar;
import fr.strasbourg.metrocloud.catalog.application.Subscriptions;
import fr.strasbourg.metrocloud.catalog.domain.Subscription;
import fr.strasbourg.metrocloud.catalog.interfaces.rest.CatalogDtos.SubscribeRequest;
import fr.strasbourg.metrocloud.catalog.interfaces.rest.CatalogDtos.SubscriptionDto;
import fr.strasbourg.metrocloud.kernel.problem.BadRequestProblem;
import fr.strasbourg.metrocloud.kernel.problem.NotFoundProblem;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.InseeCode;
import fr.strasbourg.metrocloud.kernel.tenancy.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Subscriptions of the caller's commune (commune administrator to change them); the operator lists
 * every commune's.
 */
@Path("subscriptions")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Subscriptions")
public class SubscriptionsResource {

  @Inject CallContext caller;

  @Inject Subscriptions subscriptions;

  @Inject BusinessCalendar calendar;

  @Context UriInfo uriInfo;

  @GET
  @RolesAllowed({
    Role.Names.PLATFORM_OPERATOR,
    Role.Names.COMMUNE_ADMIN,
    Role.Names.AGENT,
    Role.Names.MANAGER,
    Role.Names.ELECTED_OFFICIAL,
    Role.Names.ARCHIVIST
  })
  @Operation(
      summary =
          "Current and past subscriptions of the caller's commune (operator: of every commune, audited)")
  public List<SubscriptionDto> list(@QueryParam("tenant") String tenant) {
    LocalDate today = calendar.today();
    String only = null;
    if (tenant != null) {
      if (!InseeCode.isValid(tenant)) {
        throw new BadRequestProblem(
            "invalid-insee-code", "Code INSEE invalide (5 caractères attendus, ex. 67482).");
      }
      if (!caller.isOperator() && !caller.tenant().value().equals(tenant)) {
        throw new NotFoundProblem("tenant-not-found", "Commune inconnue : " + tenant + ".");
      }
      only = tenant;
    }
    String filter = only;
    return subscriptions.list(caller).stream()
        .filter(s -> filter == null || s.commune().value().equals(filter))
        .map(s -> SubscriptionDto.of(s, today))
        .toList();
  }

  @GET
  @Path("{id}")
  @RolesAllowed({
    Role.Names.PLATFORM_OPERATOR,
    Role.Names.COMMUNE_ADMIN,
    Role.Names.AGENT,
    Role.Names.MANAGER,
    Role.Names.ELECTED_OFFICIAL,
    Role.Names.ARCHIVIST
  })
  @Operation(summary = "One subscription (another commune's answers 404)")
  public SubscriptionDto get(@PathParam("id") String id) {
    return SubscriptionDto.of(subscriptions.get(caller, parseId(id)), calendar.today());
  }

  @POST
  @RolesAllowed(Role.Names.COMMUNE_ADMIN)
  @Operation(summary = "Subscribe the caller's commune to a service (commune administrator)")
  public Response subscribe(@NotNull @Valid SubscribeRequest request) {
    Subscription s =
        subscriptions.subscribe(
            caller,
            request.service(),
            Optional.ofNullable(request.startsOn()),
            blankToNull(request.deliberationRef()));
    return Response.created(
            uriInfo.getBaseUriBuilder().path("subscriptions").path(s.id().toString()).build())
        .entity(SubscriptionDto.of(s, calendar.today()))
        .build();
  }

  @POST
  @Path("history/{insee}")
  @RolesAllowed(Role.Names.PLATFORM_OPERATOR)
  @Operation(
      summary =
          "Take over a subscription of a commune's past (DSI): started before today, ended or not")
  public Response recordHistory(
      @PathParam("insee") String insee, @NotNull @Valid CatalogDtos.HistoryRequest request) {
    if (!fr.strasbourg.metrocloud.kernel.tenancy.InseeCode.isValid(insee)) {
      throw new fr.strasbourg.metrocloud.kernel.problem.NotFoundProblem(
          "tenant-not-found", "Commune inconnue.");
    }
    Subscription s =
        subscriptions.recordHistory(
            caller.actingOn(fr.strasbourg.metrocloud.kernel.tenancy.InseeCode.of(insee)),
            request.service(),
            request.startsOn(),
            request.endsOn(),
            blankToNull(request.deliberationRef()));
    return Response.created(
            uriInfo.getBaseUriBuilder().path("subscriptions").path(s.id().toString()).build())
        .entity(SubscriptionDto.of(s, calendar.today()))
        .build();
  }

  @DELETE
  @Path("{id}")
  @RolesAllowed(Role.Names.COMMUNE_ADMIN)
  @Operation(
      summary =
          "End a subscription of the caller's commune on a date (default today; commune administrator)")
  public SubscriptionDto unsubscribe(
      @PathParam("id") String id,
      @QueryParam("effectiveDate") String effectiveDate,
      @QueryParam("deliberationRef") String deliberationRef) {
    if (deliberationRef != null && deliberationRef.length() > 100) {
      throw new BadRequestProblem(
          "invalid-deliberation-ref", "La référence de délibération dépasse 100 caractères.");
    }
    Subscription s =
        subscriptions.unsubscribe(
            caller, parseId(id), parseDate(effectiveDate), blankToNull(deliberationRef));
    return SubscriptionDto.of(s, calendar.today());
  }

  private static UUID parseId(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw new NotFoundProblem("subscription-not-found", "Abonnement introuvable.");
    }
  }

  private static Optional<LocalDate> parseDate(String date) {
    if (date == null || date.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDate.parse(date));
    } catch (DateTimeParseException e) {
      throw new BadRequestProblem("invalid-date", "Date invalide (format attendu AAAA-MM-JJ).");
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
