package fr.strasbourg.metrocloud.archive.infrastructure;

import fr.strasbourg.metrocloud.archive.application.ArchiveDisposal;
import fr.strasbourg.metrocloud.archive.application.ArchiveJournal;
import fr.strasbourg.metrocloud.archive.application.ArchiveUnits;
import fr.strasbourg.metrocloud.archive.application.AutoArchive;
import fr.strasbourg.metrocloud.archive.application.FixityAudit;
import fr.strasbourg.metrocloud.kernel.tenancy.Actor;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.TenantId;
import fr.strasbourg.metrocloud.tenants.api.TenantDirectory;
import fr.strasbourg.metrocloud.tenants.api.TenantStatus;
import fr.strasbourg.metrocloud.tenants.api.TenantSummary;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Shutdown;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The archive's nightly care, on every instance (each step is safe to run concurrently): every
 * hour, it seals the journals of the previous days (a week back) of every commune (a day is sealed
 * once: the unique daily seal refuses a second), records the archived-bytes snapshot of the day
 * (idempotent), and after {@code metrocloud.archive.fixity-hour} (Strasbourg time) runs the
 * scheduled fixity audit of each commune (skipped if one ran within 20 hours).
 */
@ApplicationScoped
public class ArchiveScheduler {

  private static final Logger LOG = Logger.getLogger(ArchiveScheduler.class.getName());

  @Resource ManagedScheduledExecutorService scheduler;

  private final List<ScheduledFuture<?>> tasks = new CopyOnWriteArrayList<>();

  @Inject TenantDirectory directory;

  @Inject ArchiveJournal journal;

  @Inject ArchiveUnits units;

  @Inject FixityAudit fixity;

  @Inject ArchiveDisposal disposal;

  @Inject AutoArchive autoArchive;

  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "metrocloud.archive.scheduler.enabled", defaultValue = "true")
  boolean enabled;

  @Inject
  @ConfigProperty(name = "metrocloud.archive.fixity-hour", defaultValue = "2")
  int fixityHour;

  void schedule(@Observes Startup startup) {
    if (enabled) {
      tasks.add(scheduler.scheduleWithFixedDelay(this::tickSafely, 3, 60, TimeUnit.MINUTES));
    }
  }

  void unschedule(@Observes Shutdown shutdown) {
    tasks.forEach(t -> t.cancel(false));
    tasks.clear();
  }

  private void tickSafely() {
    try {
      tick();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Archive maintenance failed", e);
    }
  }

  /** One pass over every active commune. */
  public void tick() {
    ZonedDateTime now = ZonedDateTime.now(clock.withZone(ArchiveJournal.PARIS));
    LocalDate yesterday = now.toLocalDate().minusDays(1);
    for (TenantId tenant : communes()) {
      CallContext commune = CallContext.system("archive-maintenance", tenant);
      try {
        for (int back = 7; back >= 0; back--) {
          journal.sealDay(commune, yesterday.minusDays(back));
        }
        units.snapshotStorage(commune, now.toLocalDate());
        disposal.purgeDestroyed(commune);
        autoArchive.process(commune);
        if (now.getHour() >= fixityHour) {
          fixity.run(commune, "SCHEDULED", "planification");
        }
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Archive maintenance of " + tenant + " postponed", e);
      }
    }
  }

  private List<TenantId> communes() {
    CallContext platform = CallContext.operator(Actor.system("archive-maintenance"));
    return directory.all(platform).stream()
        .filter(t -> t.status() == TenantStatus.ACTIVE)
        .map(TenantSummary::insee)
        .map(TenantId::of)
        .toList();
  }
}
