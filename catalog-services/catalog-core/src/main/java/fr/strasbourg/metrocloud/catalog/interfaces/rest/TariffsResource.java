package fr.strasbourg.metrocloud.catalog.interfaces.rest;

import fr.strasbourg.metrocloud.catalog.api.BillingInputs.Band;
import fr.strasbourg.metrocloud.catalog.api.BillingInputs.Tariff;
import fr.strasbourg.metrocloud.catalog.api.ServiceCode;
import fr.strasbourg.metrocloud.catalog.application.Tariffs;
import fr.strasbourg.metrocloud.kernel.problem.BadRequestProblem;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The cost-recovery tariffs: readable by every authenticated user (a commune knows what it pays and
 * why), maintained by the DSI.
 */
@Path("tariffs")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tariffs")
public class TariffsResource {

  /** A base fee band on the wire. */
  public record BandDto(int minPopulation, Integer maxPopulation, BigDecimal yearlyFee) {}

  /** A tariff on the wire. */
  public record TariffDto(
      String service,
      LocalDate validFrom,
      LocalDate validTo,
      BigDecimal unitPrice,
      BigDecimal yearlyBaseFee,
      List<BandDto> bands,
      BigDecimal freeUnitsPerMonth,
      Integer freeMaxPopulation,
      BigDecimal annualCost,
      BigDecimal annualUnits,
      String justification) {
    static TariffDto of(Tariff t) {
      return new TariffDto(
          t.service().value(),
          t.validFrom(),
          t.validTo(),
          t.unitPrice(),
          t.yearlyBaseFee(),
          t.bands().stream()
              .map(b -> new BandDto(b.minPopulation(), b.maxPopulation(), b.yearlyFee()))
              .toList(),
          t.freeUnitsPerMonth(),
          t.freeMaxPopulation(),
          t.annualCost(),
          t.annualUnits(),
          t.justification());
    }
  }

  /** A new tariff: the unit price is computed (annual cost ÷ annual units). */
  public record NewTariffDto(
      String service,
      String validFrom,
      BigDecimal annualCost,
      BigDecimal annualUnits,
      String justification,
      BigDecimal yearlyBaseFee,
      List<BandDto> bands,
      BigDecimal freeUnitsPerMonth,
      Integer freeMaxPopulation) {}

  @Inject CallContext caller;

  @Inject Tariffs tariffs;

  @GET
  @RolesAllowed({
    Role.Names.PLATFORM_OPERATOR,
    Role.Names.COMMUNE_ADMIN,
    Role.Names.ELECTED_OFFICIAL,
    Role.Names.AGENT,
    Role.Names.MANAGER,
    Role.Names.ARCHIVIST
  })
  @Operation(summary = "Tariffs of every service (optionally those in force during a year)")
  public List<TariffDto> list(
      @QueryParam("service") String service, @QueryParam("year") Integer year) {
    return tariffs.all().stream()
        .filter(t -> service == null || t.service().value().equals(service))
        .filter(
            t ->
                year == null
                    || (t.validFrom().getYear() <= year
                        && (t.validTo() == null || t.validTo().isAfter(LocalDate.of(year, 1, 1)))))
        .map(TariffDto::of)
        .toList();
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Role.Names.PLATFORM_OPERATOR)
  @Operation(
      summary =
          "Create a tariff from its first day (the tariff in force then ends that day);"
              + " unit price = annual cost ÷ annual units")
  public Response create(NewTariffDto body) {
    if (body == null || body.service() == null || !ServiceCode.isValid(body.service())) {
      throw new BadRequestProblem("unknown-service", "Code de service invalide.");
    }
    if (body.bands() != null && body.bands().stream().anyMatch(b -> b == null)) {
      throw new BadRequestProblem("invalid-band", "Tranche de population vide.");
    }
    LocalDate from;
    try {
      from = body.validFrom() == null ? null : LocalDate.parse(body.validFrom());
    } catch (DateTimeParseException e) {
      throw new BadRequestProblem("invalid-date", "Date invalide (format attendu AAAA-MM-JJ).");
    }
    Tariff created =
        tariffs.create(
            caller,
            new Tariffs.NewTariff(
                new ServiceCode(body.service()),
                from,
                body.annualCost(),
                body.annualUnits(),
                body.justification(),
                body.yearlyBaseFee(),
                body.bands() == null
                    ? List.of()
                    : body.bands().stream()
                        .map(b -> new Band(b.minPopulation(), b.maxPopulation(), b.yearlyFee()))
                        .toList(),
                body.freeUnitsPerMonth(),
                body.freeMaxPopulation()));
    return Response.status(Response.Status.CREATED).entity(TariffDto.of(created)).build();
  }
}
