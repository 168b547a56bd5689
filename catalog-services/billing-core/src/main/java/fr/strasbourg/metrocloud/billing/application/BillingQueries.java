package fr.strasbourg.metrocloud.billing.application;

import fr.strasbourg.metrocloud.billing.domain.BillingRepository;
import fr.strasbourg.metrocloud.billing.domain.BillingRepository.Run;
import fr.strasbourg.metrocloud.billing.domain.Statement;
import fr.strasbourg.metrocloud.billing.domain.StatementStatus;
import fr.strasbourg.metrocloud.kernel.problem.NotFoundProblem;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.TenantBound;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;

/**
 * Reads of billing under the caller's binding: a commune's caller sees its own statements, the
 * operator all of them (cross-tenant read) or one commune's (acting on it).
 */
@ApplicationScoped
public class BillingQueries {

  @Inject BillingRepository repository;

  @Transactional
  @TenantBound
  public List<Run> runs(CallContext operator) {
    operator.requireOperator();
    return repository.runs();
  }

  @Transactional
  @TenantBound
  public Run findRun(CallContext operator, UUID id) {
    operator.requireOperator();
    return repository
        .findRun(id)
        .orElseThrow(() -> new NotFoundProblem("run-not-found", "Facturation introuvable."));
  }

  /** Statements the caller may see: its commune's issued ones; the operator's, all of them. */
  @Transactional
  @TenantBound
  public List<Statement> statements(CallContext caller, UUID runId, StatementStatus status) {
    return repository.list(runId, null, status);
  }

  @Transactional
  @TenantBound
  public List<Statement> statementsOfYear(
      CallContext caller, Integer year, StatementStatus status) {
    return repository.list(null, year, status);
  }
}
