package fr.strasbourg.metrocloud.integration.application;

import fr.strasbourg.metrocloud.kernel.problem.Problem;
import fr.strasbourg.metrocloud.kernel.tenancy.Actor;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.InseeCode;
import fr.strasbourg.metrocloud.kernel.tenancy.TenantId;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Shutdown;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Fetches each commune's agents file on its HR connector's schedule ({@code schedule_minutes}).
 * Checks every {@code metrocloud.integration.pull-check-ms} (0: never, e.g. in tests that pull on
 * demand).
 */
@ApplicationScoped
public class AgentImportScheduler {

  private static final Logger LOG = Logger.getLogger(AgentImportScheduler.class.getName());

  @Inject AgentImports imports;

  @Inject Connectors connectors;

  @Resource ManagedScheduledExecutorService scheduler;

  @Inject
  @ConfigProperty(name = "metrocloud.integration.pull-check-ms", defaultValue = "60000")
  long checkMs;

  private ScheduledFuture<?> task;

  void schedule(@Observes Startup startup) {
    if (checkMs > 0) {
      task =
          scheduler.scheduleWithFixedDelay(this::pullDue, checkMs, checkMs, TimeUnit.MILLISECONDS);
    }
  }

  void unschedule(@Observes Shutdown shutdown) {
    if (task != null) {
      task.cancel(false);
    }
  }

  /** What a scheduled pull did for a commune. */
  public record Pulled(String commune, String outcome) {}

  /**
   * Fetches the agents file of every commune whose HR connector is due; returns what happened for
   * each (the timer calls it; the DSI may call it now).
   */
  public List<Pulled> pullDue() {
    List<String> due;
    try {
      due = connectors.dueForPull(CallContext.operator(Actor.system("integration")));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Scheduled agents imports: connectors unreadable", e);
      return List.of();
    }
    List<Pulled> done = new java.util.ArrayList<>();
    for (String tenant : due) {
      CallContext commune = CallContext.system("integration", TenantId.of(InseeCode.of(tenant)));
      String outcome;
      try {
        var reports = imports.pull(commune);
        outcome =
            reports.isEmpty()
                ? "Aucun nouveau fichier."
                : reports.size()
                    + " fichier(s) : "
                    + AgentImportSteps.summary(reports.get(reports.size() - 1));
      } catch (Problem e) {
        outcome = e.detail();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Scheduled agents import of " + tenant + " failed", e);
        outcome = "Erreur : " + e.getClass().getSimpleName();
      }
      try {
        connectors.pulled(commune, outcome);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Scheduled agents import of " + tenant + ": outcome not saved", e);
      }
      done.add(new Pulled(tenant, outcome));
    }
    return done;
  }
}
