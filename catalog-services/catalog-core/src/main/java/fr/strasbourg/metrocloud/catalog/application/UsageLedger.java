package fr.strasbourg.metrocloud.catalog.application;

import fr.strasbourg.metrocloud.catalog.api.ServiceCode;
import fr.strasbourg.metrocloud.catalog.api.UsageEvent;
import fr.strasbourg.metrocloud.catalog.api.UsageRecorder;
import fr.strasbourg.metrocloud.catalog.domain.CatalogRepository;
import fr.strasbourg.metrocloud.catalog.domain.RecordedUsage;
import fr.strasbourg.metrocloud.kernel.audit.AuditRecord;
import fr.strasbourg.metrocloud.kernel.audit.AuditTrail;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.TenantBound;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Instant;
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
}
