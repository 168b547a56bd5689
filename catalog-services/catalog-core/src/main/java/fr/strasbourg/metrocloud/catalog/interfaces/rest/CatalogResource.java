package fr.strasbourg.metrocloud.catalog.interfaces.rest;

import fr.strasbourg.metrocloud.catalog.api.ServiceCode;
import fr.strasbourg.metrocloud.catalog.application.BusinessCalendar;
import fr.strasbourg.metrocloud.catalog.application.CatalogQueries;
import fr.strasbourg.metrocloud.catalog.interfaces.rest.CatalogDtos.ServiceDto;
import fr.strasbourg.metrocloud.kernel.problem.NotFoundProblem;
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
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The catalogue of shared services with today's prices; readable by every authenticated user. */
@Path("catalog/services")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Catalogue")
@RolesAllowed({
  Role.Names.PLATFORM_OPERATOR,
  Role.Names.COMMUNE_ADMIN,
  Role.Names.AGENT,
  Role.Names.MANAGER,
  Role.Names.ELECTED_OFFICIAL,
  Role.Names.ARCHIVIST
})
public class CatalogResource {

  @Inject CatalogQueries catalog;

  @Inject BusinessCalendar calendar;

  @GET
  @Operation(summary = "The catalogue of shared services with the prices in force today")
  public List<ServiceDto> list() {
    LocalDate today = calendar.today();
    return catalog.services().stream().map(s -> ServiceDto.of(s, today)).toList();
  }

  @GET
  @Path("{code}")
  @Operation(summary = "One catalogue entry")
  public ServiceDto get(@PathParam("code") String code) {
    if (!ServiceCode.isValid(code)) {
      throw new NotFoundProblem("unknown-service", "Service inconnu dans le catalogue.");
    }
    return ServiceDto.of(catalog.service(new ServiceCode(code)), calendar.today());
  }
}
