package fr.strasbourg.metrocloud.catalog.application;

import fr.strasbourg.metrocloud.catalog.api.ServiceCode;
import fr.strasbourg.metrocloud.catalog.api.UsageEvent;
import fr.strasbourg.metrocloud.catalog.api.UsageRecorder;
import fr.strasbourg.metrocloud.catalog.domain.CatalogRepository;
import fr.strasbourg.metrocloud.catalog.domain.RecordedUsage;
import fr.strasbourg.metrocloud.kernel.audit.AuditRecord;
import fr.strasbourg.metrocloud.kernel.audit.AuditTrail;
import fr.strasbourg.metrocloud.kernel.problem.NotFoundProblem;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.TenantBound;
import fr.strasbourg.metrocloud.tenants.api.TenantDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The usage ledger: idempotent appends in the caller's transaction, reads under the caller's
 * binding.
 */
@ApplicationScoped
public class UsageLedger implements UsageRecorder {

  @Inject CatalogRepository repository;

  @Inject BusinessCalendar calendar;

  @Inject AuditTrail audit;

  @Inject TenantDirectory tenants;

  @Override
  @Transactional(TxType.MANDATORY)
  @TenantBound
  public boolean record(CallContext commune, UsageEvent event) {
    return repository.append(commune.requireCommune().value(), event, calendar.now());
  }

  @Transactional
  @TenantBound
  public List<RecordedUsage> read(
      CallContext caller, ServiceCode service, Instant from, Instant to, int limit) {
    if (caller.operatorActingOnBehalf().isPresent()) {
      // the DSI reading a commune's consumption: recorded in that commune's trail
      audit.record(
          caller,
          AuditRecord.success("catalog.usage.read-by-operator", "usage", caller.tenant().value())
              .withDetail("service", service == null ? null : service.value()));
    }
    return repository.usage(service, from, to, limit);
  }

  /**
   * Usage summed per commune, service, metric and day or month. A commune's caller sees its own
   * (Row-Level Security); the operator sees one commune (acting on it) or all of them.
   */
  @Transactional
  @TenantBound
  public List<CatalogRepository.UsageTotal> totals(
      CallContext caller,
      ServiceCode service,
      String metric,
      Instant from,
      Instant to,
      boolean monthly) {
    return repository.usageTotals(service, metric, from, to, monthly);
  }

  /**
   * A correction by the DSI: a compensating event (negative to take usage back, positive for usage
   * that was missed) appended to the commune's ledger with its reason; the ledger is never edited
   * in place. Billing treats it like any event: in the open period, or as an adjustment of the next
   * statement when its period is already billed. Returns whether it was recorded (false: the same
   * correction key was already there).
   */
  @Transactional
  @TenantBound
  public boolean correct(
      CallContext operatorOnCommune,
      ServiceCode service,
      String metric,
      BigDecimal quantity,
      LocalDate occurredOn,
      String reason,
      String key) {
    operatorOnCommune.operatorActingOnBehalf().orElseThrow();
    tenants
        .find(operatorOnCommune, operatorOnCommune.requireCommune())
        .orElseThrow(() -> new NotFoundProblem("tenant-not-found", "Commune inconnue."));
    if (repository.service(service).isEmpty()) {
      throw CatalogQueries.unknownService(service.value());
    }
    boolean recorded =
        repository.append(
            operatorOnCommune.requireCommune().value(),
            new UsageEvent(
                service,
                metric,
                quantity,
                BusinessCalendar.startOf(occurredOn).plusSeconds(12 * 3600),
                "correction/" + key,
                CORRECTION_SOURCE),
            calendar.now());
    if (recorded) {
      audit.record(
          operatorOnCommune,
          AuditRecord.success("catalog.usage.corrected", "usage", "correction/" + key)
              .withDetail("service", service.value())
              .withDetail("metric", metric)
              .withDetail("quantity", quantity.toPlainString())
              .withDetail("occurredOn", occurredOn.toString())
              .withDetail("reason", reason));
    }
    return recorded;
  }

  /**
   * Usage measured outside the platform's services (a metering source of the DSI) appended in one
   * statement; events whose key the commune already has are skipped. Returns how many were
   * recorded.
   */
  @Transactional
  @TenantBound
  public int ingest(CallContext operatorOnCommune, List<UsageEvent> events) {
    operatorOnCommune.operatorActingOnBehalf().orElseThrow();
    tenants
        .find(operatorOnCommune, operatorOnCommune.requireCommune())
        .orElseThrow(() -> new NotFoundProblem("tenant-not-found", "Commune inconnue."));
    java.util.Set<String> known =
        repository.services().stream()
            .map(s -> s.code().value())
            .collect(java.util.stream.Collectors.toSet());
    List<String> unknown =
        events.stream()
            .map(e -> e.service().value())
            .filter(code -> !known.contains(code))
            .distinct()
            .toList();
    if (!unknown.isEmpty()) {
      throw (fr.strasbourg.metrocloud.kernel.problem.UnprocessableProblem)
          new fr.strasbourg.metrocloud.kernel.problem.UnprocessableProblem(
                  "unknown-service", "Services inconnus : " + String.join(", ", unknown) + ".")
              .with("services", unknown);
    }
    int recorded =
        repository.appendAll(operatorOnCommune.requireCommune().value(), events, calendar.now());
    audit.record(
        operatorOnCommune,
        AuditRecord.success("catalog.usage.ingested", "usage", "batch")
            .withDetail("received", Integer.toString(events.size()))
            .withDetail("recorded", Integer.toString(recorded)));
    return recorded;
  }

  /** The source of the DSI's corrections in the ledger. */
  public static final String CORRECTION_SOURCE = "catalog.correction";
}
