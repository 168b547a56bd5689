package fr.strasbourg.metrocloud.billing.application;

import fr.strasbourg.metrocloud.billing.application.BillingFigures.CommuneYear;
import fr.strasbourg.metrocloud.billing.domain.Simulation;
import fr.strasbourg.metrocloud.billing.domain.StandaloneCost;
import fr.strasbourg.metrocloud.catalog.api.BillingInputs;
import fr.strasbourg.metrocloud.catalog.api.BillingInputs.Service;
import fr.strasbourg.metrocloud.catalog.api.BillingInputs.Tariff;
import fr.strasbourg.metrocloud.kernel.problem.NotFoundProblem;
import fr.strasbourg.metrocloud.kernel.problem.UnprocessableProblem;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.tenants.api.TenantDirectory;
import fr.strasbourg.metrocloud.tenants.api.TenantStatus;
import fr.strasbourg.metrocloud.tenants.api.TenantSummary;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the pooling brings: a commune's cost, usage and savings (its elected officials' dashboard),
 * all communes side by side (the Eurométropole's), and the budget simulation for next year.
 */
@ApplicationScoped
public class Dashboards {

  /** A commune's dashboard: the year and the two before it (trend). */
  public record CommuneDashboard(CommuneYear year, List<CommuneYear> trend) {}

  /** Every commune's year. */
  public record MetropoleDashboard(int year, List<Service> services, List<CommuneYear> communes) {}

  @Inject BillingFigures figures;

  @Inject BillingInputs inputs;

  @Inject TenantDirectory tenants;

  @Inject StandaloneCosts costs;

  /** The caller's commune (or, for the operator acting on a commune, that commune). */
  public CommuneDashboard commune(CallContext caller, int year) {
    TenantSummary commune =
        tenants
            .find(caller, caller.requireCommune())
            .orElseThrow(() -> new NotFoundProblem("tenant-not-found", "Commune inconnue."));
    List<Service> services = inputs.services();
    List<Tariff> tariffs = inputs.tariffs();
    List<StandaloneCost> references = costs.all();
    List<CommuneYear> trend = new ArrayList<>();
    for (int y = year - 2; y <= year; y++) {
      trend.add(figures.year(caller, commune, y, services, tariffs, references));
    }
    return new CommuneDashboard(trend.get(2), trend);
  }

  public MetropoleDashboard metropole(CallContext operator, int year) {
    operator.requireOperator();
    List<Service> services = inputs.services();
    List<Tariff> tariffs = inputs.tariffs();
    List<StandaloneCost> references = costs.all();
    List<CommuneYear> communes = new ArrayList<>();
    for (TenantSummary commune : communes(operator)) {
      communes.add(
          figures.year(
              operator.actingOn(commune.insee()), commune, year, services, tariffs, references));
    }
    return new MetropoleDashboard(year, services, communes);
  }

  /**
   * Next year's amounts per commune under each scenario, from the reference year's rated usage
   * grown per service.
   */
  public Simulation.Outcome simulate(
      CallContext operator,
      int baseYear,
      Map<String, BigDecimal> growth,
      List<Simulation.Scenario> scenarios) {
    operator.requireOperator();
    if (scenarios.isEmpty()) {
      throw new UnprocessableProblem("no-scenario", "Au moins un scénario est attendu.");
    }
    List<Service> services = inputs.services();
    List<Tariff> tariffs = inputs.tariffs();
    List<String> warnings = new ArrayList<>();
    List<Simulation.CommuneYear> base = new ArrayList<>();
    for (TenantSummary commune : communes(operator)) {
      CommuneYear year =
          figures.year(
              operator.actingOn(commune.insee()), commune, baseYear, services, tariffs, List.of());
      if (year.problem() != null) {
        warnings.add(commune.name() + " : " + year.problem());
      }
      base.add(
          new Simulation.CommuneYear(
              commune.insee().value(), commune.name(), commune.population(), year.lines()));
    }
    Simulation.Outcome outcome =
        Simulation.simulate(baseYear, services, tariffs, growth, scenarios, base);
    warnings.addAll(outcome.warnings());
    return new Simulation.Outcome(
        outcome.baseYear(),
        outcome.targetYear(),
        outcome.scenarios(),
        outcome.communes(),
        warnings);
  }

  private List<TenantSummary> communes(CallContext operator) {
    return tenants.all(operator).stream()
        .filter(
            t ->
                t.status() != TenantStatus.PROVISIONING
                    && t.status() != TenantStatus.PROVISIONING_FAILED)
        .toList();
  }
}
