package fr.strasbourg.metrocloud.catalog.interfaces.rest;

import fr.strasbourg.metrocloud.catalog.application.BusinessCalendar;
import fr.strasbourg.metrocloud.catalog.application.Subscriptions;
import fr.strasbourg.metrocloud.catalog.interfaces.rest.CatalogDtos.QuotaRequest;
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
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The DSI sets the storage quota of a commune's subscription (the contract's term, not the
 * commune's choice).
 */
@Path("tenants/{insee}/subscriptions/{id}/quota")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Subscriptions")
public class SubscriptionQuotaResource {

  @Inject CallContext caller;

  @Inject Subscriptions subscriptions;

  @Inject BusinessCalendar calendar;

  @PUT
  @RolesAllowed(Role.Names.PLATFORM_OPERATOR)
  @Operation(
      summary =
          "Set the storage quota of a commune's subscription in bytes (null: the service's default)")
  public SubscriptionDto setQuota(
      @PathParam("insee") String insee,
      @PathParam("id") String id,
      @NotNull @Valid QuotaRequest request) {
    if (!InseeCode.isValid(insee)) {
      throw new BadRequestProblem(
          "invalid-insee-code", "Code INSEE invalide (5 caractères attendus, ex. 67482).");
    }
    UUID subscription;
    try {
      subscription = UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw new NotFoundProblem("subscription-not-found", "Abonnement introuvable.");
    }
    CallContext onCommune = caller.requireOperator().actingOn(InseeCode.of(insee));
    return SubscriptionDto.of(
        subscriptions.setQuota(onCommune, subscription, request.quotaBytes()), calendar.today());
  }
}
