package fr.strasbourg.metrocloud.catalog.domain;

import fr.strasbourg.metrocloud.catalog.api.BillingInputs.Tariff;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Persistence port of the tariffs (platform reference data, no tenant). */
public interface TariffRepository {

  /** Every tariff of every service, by service then first day. */
  List<Tariff> all();

  /** Adds a tariff and its bands. */
  void insert(Tariff tariff, String createdBy, Instant createdAt);

  /** Ends the tariff of the service that starts on {@code validFrom} on {@code validTo}. */
  void end(String service, LocalDate validFrom, LocalDate validTo);
}
