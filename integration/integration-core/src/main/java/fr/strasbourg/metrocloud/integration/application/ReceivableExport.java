package fr.strasbourg.metrocloud.integration.application;

import fr.strasbourg.metrocloud.integration.api.Outbox;
import fr.strasbourg.metrocloud.integration.api.Receivables;
import fr.strasbourg.metrocloud.integration.domain.Receivable;
import fr.strasbourg.metrocloud.kernel.audit.AuditRecord;
import fr.strasbourg.metrocloud.kernel.audit.AuditTrail;
import fr.strasbourg.metrocloud.kernel.problem.NotFoundProblem;
import fr.strasbourg.metrocloud.kernel.problem.UnprocessableProblem;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.tenants.api.TenantDirectory;
import fr.strasbourg.metrocloud.tenants.api.TenantSummary;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * {@link Receivables}: the statement checked, its receivable rendered (PDF) and written to the
 * commune's outbox for the Eurométropole's finance software (flow {@code receivable.issued}, key
 * {@code receivable/<number>}: a statement issued twice makes one receivable).
 */
@ApplicationScoped
public class ReceivableExport implements Receivables {

  @Inject Outbox outbox;

  @Inject TenantDirectory tenants;

  @Inject AuditTrail audit;

  @Override
  @Transactional
  public Issued issue(CallContext commune, Statement statement) {
    TenantSummary summary = commune(commune);
    return export(
        commune,
        statement,
        () -> Receivable.of(statement, summary.insee().value(), summary.name()));
  }

  @Override
  @Transactional
  public Issued reduce(CallContext commune, Statement credit, String reducedNumber) {
    TenantSummary summary = commune(commune);
    return export(
        commune,
        credit,
        () -> Receivable.reduction(credit, summary.insee().value(), summary.name(), reducedNumber));
  }

  private Issued export(
      CallContext commune, Statement statement, java.util.function.Supplier<Receivable> checked) {
    Receivable receivable;
    try {
      receivable = checked.get();
    } catch (IllegalArgumentException e) {
      throw new UnprocessableProblem("invalid-statement", e.getMessage());
    }
    byte[] pdf = receivable.pdf();
    String digest = Receivable.sha256(pdf);
    boolean enqueued =
        outbox.enqueue(
            commune,
            new Outbox.OutboundMessage(
                Outbox.Connector.METROPOLE_FINANCE,
                receivable.flow(),
                receivable.idempotencyKey(),
                receivable.record(pdf).toString()));
    if (enqueued) {
      audit.record(
          commune,
          AuditRecord.success("integration." + receivable.flow(), "statement", statement.number())
              .withDetail("totalCents", String.valueOf(statement.totalCents()))
              .withDetail("pdfSha256", digest));
    }
    return new Issued(
        commune.tenant().value() + ":" + receivable.idempotencyKey(), digest, !enqueued);
  }

  private TenantSummary commune(CallContext commune) {
    return tenants
        .find(commune, commune.requireCommune())
        .orElseThrow(() -> new NotFoundProblem("tenant-not-found", "Commune inconnue."));
  }
}
