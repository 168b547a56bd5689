package fr.strasbourg.metrocloud.catalog.interfaces.rest;

import fr.strasbourg.metrocloud.catalog.api.ServiceCode;
import fr.strasbourg.metrocloud.catalog.application.BusinessCalendar;
import fr.strasbourg.metrocloud.catalog.application.UsageLedger;
import fr.strasbourg.metrocloud.catalog.interfaces.rest.CatalogDtos.UsageDto;
import fr.strasbourg.metrocloud.kernel.problem.BadRequestProblem;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.InseeCode;
import fr.strasbourg.metrocloud.kernel.tenancy.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The usage ledger of a commune: its administrator reads its own; the operator reads one commune at
 * a time.
 */
@Path("usage")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Usage")
public class UsageResource {

  @Inject CallContext caller;

  @Inject UsageLedger ledger;

  @Inject BusinessCalendar calendar;

  @GET
  @RolesAllowed({Role.Names.PLATFORM_OPERATOR, Role.Names.COMMUNE_ADMIN})
  @Operation(
      summary =
          "Usage events of the caller's commune (operator: of the given tenant), newest first")
  public List<UsageDto> list(
      @QueryParam("tenant") String tenant,
      @QueryParam("service") String service,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("limit") @DefaultValue("100") int limit) {
    if (limit < 1 || limit > 1000) {
      throw new BadRequestProblem(
          "invalid-limit", "Le paramètre limit doit être compris entre 1 et 1000.");
    }
    CallContext scope = caller;
    if (caller.isOperator()) {
      if (tenant == null || !InseeCode.isValid(tenant)) {
        throw new BadRequestProblem(
            "tenant-required", "Le paramètre tenant (code INSEE) est obligatoire pour la DSI.");
      }
      scope = caller.actingOn(InseeCode.of(tenant));
    } else if (tenant != null && !tenant.equals(caller.tenant().value())) {
      throw new fr.strasbourg.metrocloud.kernel.problem.NotFoundProblem(
          "tenant-not-found", "Commune inconnue.");
    }
    if (service != null && !ServiceCode.isValid(service)) {
      throw new BadRequestProblem("unknown-service", "Code de service invalide.");
    }
    LocalDate fromDay = parse(from, calendar.today().withDayOfMonth(1).minusYears(1));
    LocalDate toDay = parse(to, calendar.today().plusYears(1));
    return ledger
        .read(
            scope,
            service == null ? null : new ServiceCode(service),
            BusinessCalendar.startOf(fromDay),
            BusinessCalendar.startOf(toDay),
            limit)
        .stream()
        .map(UsageDto::of)
        .toList();
  }

  private static LocalDate parse(String date, LocalDate fallback) {
    if (date == null || date.isBlank()) {
      return fallback;
    }
    try {
      return LocalDate.parse(date);
    } catch (DateTimeParseException e) {
      throw new BadRequestProblem("invalid-date", "Date invalide (format attendu AAAA-MM-JJ).");
    }
  }
}
