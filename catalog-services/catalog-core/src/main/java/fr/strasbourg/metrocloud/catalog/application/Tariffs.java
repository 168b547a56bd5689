package fr.strasbourg.metrocloud.catalog.application;

import fr.strasbourg.metrocloud.catalog.api.BillingInputs.Band;
import fr.strasbourg.metrocloud.catalog.api.BillingInputs.Tariff;
import fr.strasbourg.metrocloud.catalog.api.ServiceCode;
import fr.strasbourg.metrocloud.catalog.domain.CatalogRepository;
import fr.strasbourg.metrocloud.catalog.domain.TariffRepository;
import fr.strasbourg.metrocloud.kernel.audit.AuditRecord;
import fr.strasbourg.metrocloud.kernel.audit.AuditTrail;
import fr.strasbourg.metrocloud.kernel.problem.ConflictProblem;
import fr.strasbourg.metrocloud.kernel.problem.UnprocessableProblem;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.TenantBound;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The DSI's tariffs. A new tariff starts on its first day and runs until the next tariff of the
 * service (or open-ended); the tariff it interrupts ends that day. The unit cost is not typed in:
 * it is the annual cost of the service divided by the units expected, rounded half-up to 4
 * decimals, so that every price carries its justification. Issued statements copy their prices:
 * nothing here rewrites them.
 */
@ApplicationScoped
public class Tariffs {

  /** What the DSI enters for a new tariff. */
  public record NewTariff(
      ServiceCode service,
      LocalDate validFrom,
      BigDecimal annualCost,
      BigDecimal annualUnits,
      String justification,
      BigDecimal yearlyBaseFee,
      List<Band> bands,
      BigDecimal freeUnitsPerMonth,
      Integer freeMaxPopulation) {}

  @Inject TariffRepository repository;

  @Inject CatalogRepository catalog;

  @Inject BusinessCalendar calendar;

  @Inject AuditTrail audit;

  @Transactional
  public List<Tariff> all() {
    return repository.all();
  }

  /** Unit cost = annual cost ÷ annual units, half-up to 4 decimals. */
  public static BigDecimal unitCost(BigDecimal annualCost, BigDecimal annualUnits) {
    return annualCost.divide(annualUnits, 4, RoundingMode.HALF_UP);
  }

  @Transactional
  @TenantBound
  public Tariff create(CallContext operator, NewTariff request) {
    operator.requireOperator();
    catalog
        .service(request.service())
        .orElseThrow(() -> CatalogQueries.unknownService(request.service().value()));
    check(request);
    List<Tariff> ofService =
        repository.all().stream()
            .filter(t -> t.service().equals(request.service()))
            .sorted(Comparator.comparing(Tariff::validFrom))
            .toList();
    LocalDate from = request.validFrom();
    if (ofService.stream().anyMatch(t -> t.validFrom().equals(from))) {
      throw (ConflictProblem)
          new ConflictProblem(
                  "tariff-exists",
                  "Un tarif de ce service commence déjà le " + from + " : il ne se modifie pas.")
              .with("service", request.service().value());
    }
    LocalDate to =
        ofService.stream()
            .map(Tariff::validFrom)
            .filter(d -> d.isAfter(from))
            .findFirst()
            .orElse(null);
    ofService.stream()
        .filter(
            t -> t.validFrom().isBefore(from) && (t.validTo() == null || t.validTo().isAfter(from)))
        .forEach(t -> repository.end(t.service().value(), t.validFrom(), from));
    Tariff tariff =
        new Tariff(
            request.service(),
            from,
            to,
            unitCost(request.annualCost(), request.annualUnits()),
            request.yearlyBaseFee(),
            request.bands(),
            request.freeUnitsPerMonth(),
            request.freeMaxPopulation(),
            request.annualCost(),
            request.annualUnits(),
            request.justification().strip());
    repository.insert(tariff, operator.actor().username(), calendar.now());
    audit.record(
        operator,
        AuditRecord.success(
                "catalog.tariff.created", "tariff", request.service().value() + "/" + from)
            .withDetail("unitPrice", tariff.unitPrice().toPlainString())
            .withDetail("annualCost", request.annualCost().toPlainString())
            .withDetail("annualUnits", request.annualUnits().toPlainString()));
    return tariff;
  }

  private static void check(NewTariff r) {
    List<String> problems = new ArrayList<>();
    if (r.validFrom() == null) {
      problems.add("date de début obligatoire");
    }
    if (r.annualCost() == null || r.annualCost().signum() < 0 || r.annualCost().scale() > 2) {
      problems.add("coût annuel positif ou nul, en euros et centimes");
    }
    if (r.annualUnits() == null || r.annualUnits().signum() <= 0) {
      problems.add("nombre d'unités annuel strictement positif");
    }
    if (r.justification() == null
        || r.justification().isBlank()
        || r.justification().length() > 2000) {
      problems.add("justification obligatoire (2 000 caractères au plus)");
    }
    if (r.yearlyBaseFee() != null
        && (r.yearlyBaseFee().signum() < 0 || r.yearlyBaseFee().scale() > 2)) {
      problems.add("forfait annuel positif ou nul, en euros et centimes");
    }
    if (r.freeUnitsPerMonth() != null && r.freeUnitsPerMonth().signum() <= 0) {
      problems.add("franchise mensuelle strictement positive");
    }
    if (r.freeMaxPopulation() != null && r.freeMaxPopulation() <= 0) {
      problems.add("seuil de population de la franchise strictement positif");
    }
    List<Band> bands = r.bands() == null ? List.of() : r.bands();
    if (!bands.isEmpty() && r.yearlyBaseFee() != null) {
      problems.add("forfait unique ou tranches de population, pas les deux");
    }
    List<Band> sorted =
        bands.stream().sorted(Comparator.comparingInt(Band::minPopulation)).toList();
    for (int i = 0; i < sorted.size(); i++) {
      Band b = sorted.get(i);
      if (b.minPopulation() < 0
          || (b.maxPopulation() != null && b.maxPopulation() < b.minPopulation())
          || b.yearlyFee() == null
          || b.yearlyFee().signum() < 0
          || b.yearlyFee().scale() > 2) {
        problems.add("tranche " + (i + 1) + " invalide");
      } else if (i > 0) {
        Band previous = sorted.get(i - 1);
        if (previous.maxPopulation() == null || previous.maxPopulation() >= b.minPopulation()) {
          problems.add("les tranches " + i + " et " + (i + 1) + " se chevauchent");
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new UnprocessableProblem(
          "invalid-tariff", "Tarif refusé : " + String.join(" ; ", problems) + ".");
    }
  }
}
