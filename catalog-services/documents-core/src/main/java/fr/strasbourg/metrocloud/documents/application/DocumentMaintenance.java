package fr.strasbourg.metrocloud.documents.application;

import fr.strasbourg.metrocloud.documents.domain.Document;
import fr.strasbourg.metrocloud.kernel.tenancy.Actor;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.TenantId;
import fr.strasbourg.metrocloud.storage.ObjectStore;
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
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Periodic care of every commune's GED, on every instance (each step is safe to run concurrently):
 * re-queues extractions left pending or stuck (a crash between commit and extraction), purges the
 * trash after 30 days (objects first, then rows), removes orphan objects (stored by an upload whose
 * metadata was never committed) and reports versions whose object is missing.
 */
@ApplicationScoped
public class DocumentMaintenance {

  private static final Logger LOG = Logger.getLogger(DocumentMaintenance.class.getName());

  /** An object younger than this may belong to an upload in progress (default one hour). */
  @Inject
  @ConfigProperty(name = "metrocloud.documents.orphan-grace-seconds", defaultValue = "3600")
  long orphanGraceSeconds;

  @Resource ManagedScheduledExecutorService scheduler;

  private final List<ScheduledFuture<?>> tasks = new CopyOnWriteArrayList<>();

  @Inject TenantDirectory directory;

  @Inject ExtractionSteps steps;

  @Inject ExtractionWorker worker;

  @Inject ObjectStore objects;

  @Inject DocumentsSettings settings;

  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "metrocloud.documents.maintenance.enabled", defaultValue = "true")
  boolean enabled;

  void schedule(@Observes Startup startup) {
    if (!enabled) {
      return;
    }
    tasks.add(
        scheduler.scheduleWithFixedDelay(
            this::recoverExtractionsSafely, 30, 120, TimeUnit.SECONDS));
    tasks.add(scheduler.scheduleWithFixedDelay(this::cleanUpSafely, 5, 360, TimeUnit.MINUTES));
  }

  /** Stops the periodic tasks before the application's contexts go away. */
  void unschedule(@Observes Shutdown shutdown) {
    tasks.forEach(t -> t.cancel(false));
    tasks.clear();
  }

  private List<TenantId> communes() {
    CallContext platform = CallContext.operator(Actor.system("documents-maintenance"));
    return directory.all(platform).stream()
        .filter(t -> t.status() == TenantStatus.ACTIVE || t.status() == TenantStatus.SUSPENDED)
        .map(TenantSummary::insee)
        .map(TenantId::of)
        .toList();
  }

  private void recoverExtractionsSafely() {
    try {
      recoverExtractions();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Extraction recovery scan failed", e);
    }
  }

  private void cleanUpSafely() {
    try {
      for (TenantId tenant : communes()) {
        purgeTrash(tenant);
        reconcileObjects(tenant);
        snapshotStorage(tenant);
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "GED maintenance failed", e);
    }
  }

  /**
   * Re-queues what is pending or stuck, commune by commune; returns how many versions were queued.
   */
  public int recoverExtractions() {
    int queued = 0;
    Instant staleBefore = clock.instant().minus(settings.extractionTimeout().multipliedBy(2));
    for (TenantId tenant : communes()) {
      for (UUID version : steps.backlog(context(tenant), staleBefore, 100)) {
        worker.submit(tenant, version);
        queued++;
      }
    }
    return queued;
  }

  /** Purges documents whose 30 days in the trash are over: objects, then metadata. */
  public int purgeTrash(TenantId tenant) {
    CallContext commune = context(tenant);
    int purged = 0;
    for (Document document : steps.purgeable(commune)) {
      try {
        for (String key : steps.objectKeysOf(commune, document.id())) {
          objects.delete(commune, key);
        }
        steps.purge(commune, document.id());
        purged++;
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Purge of " + document.id() + " postponed", e);
      }
    }
    return purged;
  }

  /**
   * Records today's storage snapshot of the commune (once per day, see {@link ExtractionSteps}).
   */
  public ExtractionSteps.StorageSnapshot snapshotStorage(TenantId tenant) {
    return steps.snapshotStorage(
        context(tenant), LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
  }

  /** What a reconciliation found. */
  public record Reconciliation(int orphansRemoved, int missingObjects) {}

  /**
   * Compares the commune's objects with its versions: objects without a version, older than the
   * grace period, are deleted; versions without an object are reported (audit, log).
   */
  public Reconciliation reconcileObjects(TenantId tenant) {
    CallContext commune = context(tenant);
    Set<String> known = steps.objectKeys(commune);
    List<ObjectStore.ObjectSummary> stored = objects.list(commune, "documents/");
    Instant graceLimit = clock.instant().minus(Duration.ofSeconds(orphanGraceSeconds));
    int removed = 0;
    for (ObjectStore.ObjectSummary object : stored) {
      if (!known.contains(object.key()) && object.lastModified().isBefore(graceLimit)) {
        // read again: the upload may have committed since the first read
        if (!steps.objectKeys(commune).contains(object.key())) {
          objects.delete(commune, object.key());
          steps.orphanRemoved(commune, object.key());
          removed++;
        }
      }
    }
    Set<String> present = new java.util.HashSet<>();
    stored.forEach(o -> present.add(o.key()));
    int missing = 0;
    for (String key : known) {
      if (!present.contains(key)) {
        LOG.severe("Object missing from the store of " + tenant + ": " + key);
        steps.objectMissing(commune, key);
        missing++;
      }
    }
    return new Reconciliation(removed, missing);
  }

  private static CallContext context(TenantId tenant) {
    return CallContext.system("documents-maintenance", tenant);
  }
}
