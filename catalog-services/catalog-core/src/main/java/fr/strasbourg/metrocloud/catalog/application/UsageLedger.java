package fr.strasbourg.metrocloud.catalog.application;

import fr.strasbourg.metrocloud.catalog.api.ServiceCode;
import fr.strasbourg.metrocloud.catalog.api.UsageEvent;
import fr.strasbourg.metrocloud.catalog.api.UsageRecorder;
import fr.strasbourg.metrocloud.catalog.domain.CatalogRepository;
import fr.strasbourg.metrocloud.catalog.domain.RecordedUsage;
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
    return repository.usage(service, from, to, limit);
  }
}
