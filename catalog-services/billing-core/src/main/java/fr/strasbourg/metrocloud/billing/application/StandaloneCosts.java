package fr.strasbourg.metrocloud.billing.application;

import fr.strasbourg.metrocloud.billing.domain.BillingRepository;
import fr.strasbourg.metrocloud.billing.domain.StandaloneCost;
import fr.strasbourg.metrocloud.kernel.audit.AuditRecord;
import fr.strasbourg.metrocloud.kernel.audit.AuditTrail;
import fr.strasbourg.metrocloud.kernel.problem.UnprocessableProblem;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.TenantBound;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The standalone cost references (platform data): read by all, maintained by the DSI. */
@ApplicationScoped
public class StandaloneCosts {

  @Inject BillingRepository repository;

  @Inject AuditTrail audit;

  @Inject Clock clock;

  @Transactional
  public List<StandaloneCost> all() {
    return repository.standaloneCosts();
  }

  @Transactional
  @TenantBound
  public StandaloneCost save(CallContext operator, StandaloneCost asked) {
    operator.requireOperator();
    List<String> problems = new ArrayList<>();
    if (asked.minPopulation() < 0
        || (asked.maxPopulation() != null && asked.maxPopulation() < asked.minPopulation())) {
      problems.add("tranche de population invalide");
    }
    if (Stream.of(asked.licence(), asked.hosting(), asked.maintenance(), asked.agentTime())
        .anyMatch(
            v ->
                v == null
                    || v.signum() < 0
                    || v.scale() > 2
                    || v.compareTo(new BigDecimal("10000000")) >= 0)) {
      problems.add("montants positifs ou nuls, en euros et centimes");
    }
    if (asked.source() == null || asked.source().isBlank() || asked.source().length() > 1000) {
      problems.add("source obligatoire (1 000 caractères au plus)");
    }
    List<StandaloneCost> others =
        repository.standaloneCosts().stream()
            .filter(
                c ->
                    c.service().equals(asked.service())
                        && c.minPopulation() != asked.minPopulation())
            .toList();
    for (StandaloneCost other : others) {
      boolean overlaps =
          (asked.maxPopulation() == null || other.minPopulation() <= asked.maxPopulation())
              && (other.maxPopulation() == null || asked.minPopulation() <= other.maxPopulation());
      if (overlaps) {
        problems.add("chevauche la tranche à partir de " + other.minPopulation() + " habitants");
      }
    }
    if (!problems.isEmpty()) {
      throw new UnprocessableProblem(
          "invalid-standalone-cost",
          "Coût de référence refusé : " + String.join(" ; ", problems) + ".");
    }
    StandaloneCost saved =
        new StandaloneCost(
            asked.service(),
            asked.minPopulation(),
            asked.maxPopulation(),
            asked.licence(),
            asked.hosting(),
            asked.maintenance(),
            asked.agentTime(),
            asked.source().strip(),
            operator.actor().username(),
            clock.instant());
    repository.saveStandaloneCost(saved);
    audit.record(
        operator,
        AuditRecord.success(
                "billing.standalone-cost.saved",
                "standalone-cost",
                asked.service() + "/" + asked.minPopulation())
            .withDetail("yearlyCents", Long.toString(saved.yearlyCents())));
    return saved;
  }
}
