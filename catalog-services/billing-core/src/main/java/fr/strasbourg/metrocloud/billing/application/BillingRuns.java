package fr.strasbourg.metrocloud.billing.application;

import fr.strasbourg.metrocloud.billing.application.CommuneBilling.Outcome;
import fr.strasbourg.metrocloud.billing.application.CommuneBilling.Result;
import fr.strasbourg.metrocloud.billing.domain.BillingPeriod;
import fr.strasbourg.metrocloud.billing.domain.BillingRepository;
import fr.strasbourg.metrocloud.billing.domain.BillingRepository.Run;
import fr.strasbourg.metrocloud.billing.domain.Frequency;
import fr.strasbourg.metrocloud.billing.domain.Statement;
import fr.strasbourg.metrocloud.billing.domain.StatementStatus;
import fr.strasbourg.metrocloud.catalog.api.BillingInputs;
import fr.strasbourg.metrocloud.catalog.api.BillingInputs.Service;
import fr.strasbourg.metrocloud.catalog.api.BillingInputs.Tariff;
import fr.strasbourg.metrocloud.kernel.problem.BadRequestProblem;
import fr.strasbourg.metrocloud.kernel.problem.Problem;
import fr.strasbourg.metrocloud.kernel.problem.UnprocessableProblem;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.InseeCode;
import fr.strasbourg.metrocloud.tenants.api.TenantDirectory;
import fr.strasbourg.metrocloud.tenants.api.TenantStatus;
import fr.strasbourg.metrocloud.tenants.api.TenantSummary;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The DSI's billing runs: one period, every commune (or those named), each commune in its own
 * transaction so that one commune's problem (a missing tariff) never blocks the others. Running a
 * period again recomputes its drafts and leaves its issued statements as they are.
 */
@ApplicationScoped
public class BillingRuns {

  /** A run and what it did per commune. */
  public record Report(Run run, List<Outcome> outcomes) {}

  @Inject BillingRepository repository;

  @Inject BillingInputs inputs;

  @Inject TenantDirectory tenants;

  @Inject CommuneBilling communes;

  @Inject BillingQueries queries;

  public Report run(CallContext operator, Frequency frequency, LocalDate start, Set<String> only) {
    operator.requireOperator();
    BillingPeriod period;
    try {
      period = frequency.periodStarting(start);
    } catch (IllegalArgumentException e) {
      throw new BadRequestProblem("invalid-period", e.getMessage());
    }
    if (period.start().isAfter(communes.today())) {
      throw new UnprocessableProblem(
          "period-not-started", "La période « " + period.labelFr() + " » n'a pas commencé.");
    }
    List<TenantSummary> targets = targets(operator, only);
    Run run = communes.openRun(operator, period);
    List<Service> services = inputs.services();
    List<Tariff> tariffs = inputs.tariffs();
    List<Outcome> outcomes = new ArrayList<>();
    for (TenantSummary commune : targets) {
      try {
        outcomes.add(
            communes.compute(
                operator.actingOn(commune.insee()),
                commune,
                run,
                services,
                tariffs,
                operator.actor().username()));
      } catch (Problem e) {
        outcomes.add(new Outcome(commune, Result.SKIPPED, null, e.detail()));
      }
    }
    return new Report(run, outcomes);
  }

  /** Issues every draft of the run (one transaction per statement); returns what each became. */
  public Report issueAll(CallContext operator, UUID runId, Map<String, String> serviceNames) {
    operator.requireOperator();
    Run run = queries.findRun(operator, runId);
    List<Outcome> outcomes = new ArrayList<>();
    for (Statement draft : queries.statements(operator, runId, StatementStatus.DRAFT)) {
      TenantSummary commune =
          new TenantSummary(
              InseeCode.of(draft.tenantId()),
              draft.communeName(),
              draft.population(),
              TenantStatus.ACTIVE);
      try {
        outcomes.add(
            new Outcome(
                commune,
                Result.COMPUTED,
                communes.issue(operator.actingOn(commune.insee()), draft.id(), serviceNames),
                null));
      } catch (Problem e) {
        outcomes.add(new Outcome(commune, Result.SKIPPED, draft, e.detail()));
      }
    }
    return new Report(run, outcomes);
  }

  private List<TenantSummary> targets(CallContext operator, Set<String> only) {
    Map<String, TenantSummary> all =
        tenants.all(operator).stream()
            .filter(
                t ->
                    t.status() != TenantStatus.PROVISIONING
                        && t.status() != TenantStatus.PROVISIONING_FAILED)
            .collect(
                Collectors.toMap(t -> t.insee().value(), t -> t, (a, b) -> a, LinkedHashMap::new));
    if (only == null || only.isEmpty()) {
      return List.copyOf(all.values());
    }
    List<String> unknown = only.stream().filter(i -> !all.containsKey(i)).sorted().toList();
    if (!unknown.isEmpty()) {
      throw (UnprocessableProblem)
          new UnprocessableProblem(
                  "unknown-communes", "Communes inconnues : " + String.join(", ", unknown) + ".")
              .with("communes", unknown);
    }
    return only.stream().sorted().map(all::get).toList();
  }
}
