package fr.strasbourg.metrocloud.catalog.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** Dates of the communes' business: the day in Europe/Paris, whatever the server's time zone. */
@ApplicationScoped
public class BusinessCalendar {

  public static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  @Inject Clock clock;

  public LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), PARIS);
  }

  public Instant now() {
    return clock.instant();
  }

  /** Midnight in Paris at the start of the day. */
  public static Instant startOf(LocalDate day) {
    return day.atStartOfDay(PARIS).toInstant();
  }
}
