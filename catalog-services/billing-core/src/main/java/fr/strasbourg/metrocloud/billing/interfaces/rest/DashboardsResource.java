package fr.strasbourg.metrocloud.billing.interfaces.rest;

import fr.strasbourg.metrocloud.billing.application.BillingFigures.CommuneYear;
import fr.strasbourg.metrocloud.billing.application.BillingFigures.ServiceFigures;
import fr.strasbourg.metrocloud.billing.application.Dashboards;
import fr.strasbourg.metrocloud.billing.application.StandaloneCosts;
import fr.strasbourg.metrocloud.billing.domain.Simulation;
import fr.strasbourg.metrocloud.billing.domain.StandaloneCost;
import fr.strasbourg.metrocloud.catalog.api.BillingInputs;
import fr.strasbourg.metrocloud.catalog.api.ServiceCode;
import fr.strasbourg.metrocloud.kernel.problem.BadRequestProblem;
import fr.strasbourg.metrocloud.kernel.problem.NotFoundProblem;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Year;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Savings dashboards (a commune's, the Eurométropole's), the budget simulation and the standalone
 * cost references. Amounts in euro cents.
 */
@Path("billing")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Billing")
public class DashboardsResource {

  public record TotalsDto(
      long pooledCents, long standaloneCents, long savingsCents, BigDecimal savingsPercent) {
    static TotalsDto of(long pooled, long standalone) {
      return new TotalsDto(
          pooled, standalone, standalone - pooled, percent(standalone - pooled, standalone));
    }
  }

  public record MonthUsageDto(String month, BigDecimal quantity) {}

  public record ServiceFiguresDto(
      String service,
      String name,
      String metric,
      String unit,
      long pooledCents,
      long standaloneCents,
      long savingsCents,
      long subscribedDays,
      List<MonthUsageDto> usage) {
    static ServiceFiguresDto of(ServiceFigures f) {
      return new ServiceFiguresDto(
          f.service().code().value(),
          f.service().nameFr(),
          f.service().metric(),
          f.service().unit().name(),
          f.pooledCents(),
          f.standaloneCents(),
          f.savingsCents(),
          f.subscribedDays(),
          f.usage().entrySet().stream()
              .map(e -> new MonthUsageDto(e.getKey().toString(), e.getValue()))
              .toList());
    }
  }

  public record YearDto(
      int year, long pooledCents, long standaloneCents, long savingsCents, long billedCents) {
    static YearDto of(CommuneYear y) {
      return new YearDto(
          y.year(),
          y.pooledCents(),
          y.standaloneCents(),
          y.standaloneCents() - y.pooledCents(),
          y.billedCents());
    }
  }

  public record CommuneDashboardDto(
      String insee,
      String name,
      int population,
      int year,
      TotalsDto totals,
      long billedCents,
      List<ServiceFiguresDto> services,
      List<YearDto> trend,
      String problem) {}

  public record MetropoleServiceDto(
      String service,
      String name,
      int communesUsing,
      long pooledCents,
      long standaloneCents,
      long savingsCents) {}

  public record MetropoleCommuneDto(
      String insee,
      String name,
      int population,
      long pooledCents,
      long standaloneCents,
      long savingsCents,
      BigDecimal savingsPercent,
      long billedCents,
      List<String> services,
      String problem) {}

  public record MetropoleDashboardDto(
      int year,
      int servicesOffered,
      int communesCount,
      TotalsDto totals,
      List<MetropoleServiceDto> services,
      List<MetropoleCommuneDto> communes) {}

  public record ScenarioDto(String name, String kind, BigDecimal inhabitantShare) {}

  public record SimulationRequestDto(
      Integer baseYear, Map<String, BigDecimal> growth, List<ScenarioDto> scenarios) {}

  public record StandaloneCostDto(
      String service,
      int minPopulation,
      Integer maxPopulation,
      BigDecimal licence,
      BigDecimal hosting,
      BigDecimal maintenance,
      BigDecimal agentTime,
      BigDecimal yearlyTotal,
      String source,
      String updatedBy,
      Instant updatedAt) {
    static StandaloneCostDto of(StandaloneCost c) {
      return new StandaloneCostDto(
          c.service(),
          c.minPopulation(),
          c.maxPopulation(),
          c.licence(),
          c.hosting(),
          c.maintenance(),
          c.agentTime(),
          BigDecimal.valueOf(c.yearlyCents(), 2),
          c.source(),
          c.updatedBy(),
          c.updatedAt());
    }
  }

  @Inject CallContext caller;

  @Inject Dashboards dashboards;

  @Inject StandaloneCosts costs;

  @Inject BillingInputs inputs;

  @GET
  @Path("dashboard/commune")
  @RolesAllowed({
    Role.Names.PLATFORM_OPERATOR,
    Role.Names.COMMUNE_ADMIN,
    Role.Names.ELECTED_OFFICIAL
  })
  @Operation(
      summary =
          "A commune's year: pooled cost, standalone cost, savings, usage per month, trend over"
              + " three years (operator: tenant required)")
  public CommuneDashboardDto commune(
      @QueryParam("year") Integer year, @QueryParam("tenant") String tenant) {
    Dashboards.CommuneDashboard d = dashboards.commune(caller.scopedTo(tenant, true), year(year));
    CommuneYear y = d.year();
    return new CommuneDashboardDto(
        y.commune().insee().value(),
        y.commune().name(),
        y.commune().population(),
        y.year(),
        TotalsDto.of(y.pooledCents(), y.standaloneCents()),
        y.billedCents(),
        y.services().stream().filter(ServiceFigures::used).map(ServiceFiguresDto::of).toList(),
        d.trend().stream().map(YearDto::of).toList(),
        y.problem());
  }

  @GET
  @Path("dashboard/metropole")
  @RolesAllowed(Role.Names.PLATFORM_OPERATOR)
  @Operation(
      summary =
          "Every commune's year: cost and savings ranking, services × communes, adoption of each"
              + " service")
  public MetropoleDashboardDto metropole(@QueryParam("year") Integer year) {
    Dashboards.MetropoleDashboard d = dashboards.metropole(caller, year(year));
    List<MetropoleServiceDto> services = new ArrayList<>();
    for (BillingInputs.Service s : d.services()) {
      int using = 0;
      long pooled = 0;
      long standalone = 0;
      for (CommuneYear c : d.communes()) {
        for (ServiceFigures f : c.services()) {
          if (f.service().code().equals(s.code()) && f.used()) {
            using++;
            pooled += f.pooledCents();
            standalone += f.standaloneCents();
          }
        }
      }
      services.add(
          new MetropoleServiceDto(
              s.code().value(), s.nameFr(), using, pooled, standalone, standalone - pooled));
    }
    List<MetropoleCommuneDto> communes =
        d.communes().stream()
            .map(
                c ->
                    new MetropoleCommuneDto(
                        c.commune().insee().value(),
                        c.commune().name(),
                        c.commune().population(),
                        c.pooledCents(),
                        c.standaloneCents(),
                        c.standaloneCents() - c.pooledCents(),
                        percent(c.standaloneCents() - c.pooledCents(), c.standaloneCents()),
                        c.billedCents(),
                        c.services().stream()
                            .filter(ServiceFigures::used)
                            .map(f -> f.service().code().value())
                            .toList(),
                        c.problem()))
            .toList();
    long pooled = communes.stream().mapToLong(MetropoleCommuneDto::pooledCents).sum();
    long standalone = communes.stream().mapToLong(MetropoleCommuneDto::standaloneCents).sum();
    return new MetropoleDashboardDto(
        d.year(),
        d.services().size(),
        communes.size(),
        TotalsDto.of(pooled, standalone),
        services,
        communes);
  }

  @POST
  @Path("simulations")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Role.Names.PLATFORM_OPERATOR)
  @Operation(
      summary =
          "What would each commune pay next year: reference year's usage, growth per service,"
              + " scenarios (USAGE, PER_INHABITANT, MIXED) side by side")
  public Simulation.Outcome simulate(SimulationRequestDto body) {
    return run(body);
  }

  @POST
  @Path("simulations")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces("text/csv")
  @RolesAllowed(Role.Names.PLATFORM_OPERATOR)
  @Operation(summary = "The simulation as CSV (separator ;, one column per scenario, euros)")
  public Response simulateCsv(SimulationRequestDto body) {
    Simulation.Outcome out = run(body);
    StringBuilder csv = new StringBuilder("\uFEFFinsee;commune;population");
    out.scenarios().forEach(s -> csv.append(';').append(cell(s.name())));
    csv.append("\r\n");
    for (Simulation.CommuneResult c : out.communes()) {
      csv.append(c.insee()).append(';').append(cell(c.name())).append(';').append(c.population());
      c.results()
          .forEach(
              r -> csv.append(';').append(BigDecimal.valueOf(r.totalCents(), 2).toPlainString()));
      csv.append("\r\n");
    }
    csv.append(";TOTAL;");
    out.scenarios()
        .forEach(
            s -> csv.append(';').append(BigDecimal.valueOf(s.totalCents(), 2).toPlainString()));
    csv.append("\r\n");
    return Response.ok(csv.toString().getBytes(StandardCharsets.UTF_8))
        .type("text/csv; charset=UTF-8")
        .header(
            "Content-Disposition",
            "attachment; filename=\"simulation-" + out.targetYear() + ".csv\"")
        .build();
  }

  @GET
  @Path("standalone-costs")
  @RolesAllowed({
    Role.Names.PLATFORM_OPERATOR,
    Role.Names.COMMUNE_ADMIN,
    Role.Names.ELECTED_OFFICIAL
  })
  @Operation(summary = "Standalone cost references per service and population band, with sources")
  public List<StandaloneCostDto> standaloneCosts() {
    return costs.all().stream().map(StandaloneCostDto::of).toList();
  }

  @PUT
  @Path("standalone-costs/{service}/{minPopulation}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Role.Names.PLATFORM_OPERATOR)
  @Operation(summary = "Set the standalone cost of a service for the band from minPopulation")
  public StandaloneCostDto saveStandaloneCost(
      @PathParam("service") String service,
      @PathParam("minPopulation") int minPopulation,
      StandaloneCostDto body) {
    if (!ServiceCode.isValid(service)
        || inputs.services().stream().noneMatch(s -> s.code().value().equals(service))) {
      throw new NotFoundProblem("unknown-service", "Service inconnu dans le catalogue.");
    }
    if (body == null) {
      throw new BadRequestProblem("body-required", "Coût de référence attendu.");
    }
    return StandaloneCostDto.of(
        costs.save(
            caller,
            new StandaloneCost(
                service,
                minPopulation,
                body.maxPopulation(),
                body.licence(),
                body.hosting(),
                body.maintenance(),
                body.agentTime(),
                body.source(),
                null,
                null)));
  }

  private Simulation.Outcome run(SimulationRequestDto body) {
    if (body == null) {
      throw new BadRequestProblem("body-required", "Paramètres de simulation attendus.");
    }
    int baseYear = body.baseYear() == null ? Year.now().getValue() - 1 : body.baseYear();
    if (baseYear < 1900 || baseYear > Year.now().getValue()) {
      throw new BadRequestProblem("invalid-year", "Année de référence invalide.");
    }
    Map<String, BigDecimal> growth = new LinkedHashMap<>();
    if (body.growth() != null) {
      for (Map.Entry<String, BigDecimal> e : body.growth().entrySet()) {
        if (e.getValue() == null
            || e.getValue().compareTo(new BigDecimal("-100")) < 0
            || e.getValue().compareTo(new BigDecimal("1000")) > 0) {
          throw new BadRequestProblem(
              "invalid-growth", "Évolution de « " + e.getKey() + " » entre -100 et 1000 %.");
        }
        growth.put(e.getKey(), e.getValue());
      }
    }
    List<Simulation.Scenario> scenarios = new ArrayList<>();
    List<ScenarioDto> asked =
        body.scenarios() == null || body.scenarios().isEmpty()
            ? List.of(new ScenarioDto("Usage", "USAGE", null))
            : body.scenarios();
    if (asked.size() > 6) {
      throw new BadRequestProblem("too-many-scenarios", "Six scénarios au plus.");
    }
    for (ScenarioDto s : asked) {
      Simulation.Kind kind;
      try {
        kind = Simulation.Kind.valueOf(s.kind());
      } catch (IllegalArgumentException | NullPointerException e) {
        throw new BadRequestProblem(
            "invalid-scenario", "Type de scénario : USAGE, PER_INHABITANT ou MIXED.");
      }
      BigDecimal share = s.inhabitantShare();
      if (kind == Simulation.Kind.MIXED
          && (share == null
              || share.signum() < 0
              || share.compareTo(BigDecimal.valueOf(100)) > 0)) {
        throw new BadRequestProblem(
            "invalid-scenario", "Scénario mixte : part par habitant entre 0 et 100 %.");
      }
      String name = s.name() == null || s.name().isBlank() ? kind.name() : s.name().strip();
      if (name.length() > 60 || scenarios.stream().anyMatch(x -> x.name().equals(name))) {
        throw new BadRequestProblem(
            "invalid-scenario", "Noms de scénarios distincts, 60 caractères au plus.");
      }
      scenarios.add(new Simulation.Scenario(name, kind, share));
    }
    return dashboards.simulate(caller, baseYear, growth, scenarios);
  }

  private int year(Integer year) {
    int y = year == null ? LocalDate.now().getYear() : year;
    if (y < 1900 || y > 2100) {
      throw new BadRequestProblem("invalid-year", "Année invalide.");
    }
    return y;
  }

  private static String cell(String value) {
    return value.matches(".*[;\"\\r\\n].*") ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
  }

  static BigDecimal percent(long part, long whole) {
    return whole == 0
        ? null
        : BigDecimal.valueOf(part * 100).divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP);
  }
}
