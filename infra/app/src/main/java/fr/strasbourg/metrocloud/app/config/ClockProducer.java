package fr.strasbourg.metrocloud.app.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/** The platform's clock (UTC); business dates are derived in Europe/Paris where they matter. */
@ApplicationScoped
public class ClockProducer {
  @Produces
  Clock clock() {
    return Clock.systemUTC();
  }
}
