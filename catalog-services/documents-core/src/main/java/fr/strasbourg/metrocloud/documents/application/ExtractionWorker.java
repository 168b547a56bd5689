package fr.strasbourg.metrocloud.documents.application;

import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.TenantId;
import fr.strasbourg.metrocloud.storage.ObjectStore;
import fr.strasbourg.metrocloud.storage.StorageUnavailableException;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Extracts the text of stored versions, after the commit that stored them, on the server's managed
 * threads. At most {@link #PARALLEL_PARSES} parses run at once per instance, each within the
 * configured time limit; a version is claimed in the database first, so that two instances never
 * extract it twice, and a claim left by a crashed instance is taken again by {@link
 * DocumentMaintenance}.
 */
@ApplicationScoped
public class ExtractionWorker {

  private static final Logger LOG = Logger.getLogger(ExtractionWorker.class.getName());

  static final int PARALLEL_PARSES = 2;

  @Resource ManagedExecutorService executor;

  @Inject ExtractionSteps steps;

  @Inject ObjectStore objects;

  @Inject TextExtractor extractor;

  @Inject DocumentsSettings settings;

  @Inject Clock clock;

  private final Semaphore parses = new Semaphore(PARALLEL_PARSES);

  void onStored(@Observes(during = TransactionPhase.AFTER_SUCCESS) VersionStored stored) {
    if (stored.extractable()) {
      submit(stored.tenant(), stored.versionId());
    }
  }

  public void submit(TenantId tenant, UUID versionId) {
    try {
      executor.submit(
          () -> {
            try {
              process(tenant, versionId);
            } catch (RuntimeException | Error e) {
              // left claimed or pending: the maintenance scan takes it again
              LOG.log(Level.SEVERE, "Extraction of " + versionId + " interrupted", e);
              throw e;
            }
          });
    } catch (RuntimeException e) {
      // the maintenance scan takes it later
      LOG.log(Level.WARNING, "Extraction of " + versionId + " not scheduled now", e);
    }
  }

  /** Claims the version and extracts its text; returns quietly if another worker has it. */
  public void process(TenantId tenant, UUID versionId) {
    CallContext commune = CallContext.system("documents-extraction", tenant);
    Instant staleBefore = clock.instant().minus(settings.extractionTimeout().multipliedBy(2));
    Optional<ExtractionSteps.Claimed> claimed = steps.claim(commune, versionId, staleBefore);
    if (claimed.isEmpty()) {
      return;
    }
    ExtractionSteps.Claimed version = claimed.get();
    if (version.size() > settings.maxExtractionInputBytes()) {
      steps.skipped(commune, versionId, "fichier trop volumineux pour l'extraction du texte", null);
      return;
    }
    Future<TextExtractor.Extraction> parse =
        executor.submit(
            () -> {
              parses.acquire();
              try (InputStream content = objects.open(commune, version.objectKey())) {
                return extractor.extract(
                    content, settings.maxExtractedChars(), settings.maxEmbeddedDepth());
              } finally {
                parses.release();
              }
            });
    try {
      TextExtractor.Extraction extraction =
          parse.get(settings.extractionTimeout().toMillis(), TimeUnit.MILLISECONDS);
      steps.extracted(commune, versionId, extraction);
    } catch (TimeoutException e) {
      parse.cancel(true);
      steps.failed(
          commune,
          versionId,
          "délai d'extraction dépassé (" + settings.extractionTimeout().toSeconds() + " s)");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof TextExtractor.ExtractionException x) {
        steps.failed(commune, versionId, x.getMessage());
      } else if (cause instanceof StorageUnavailableException) {
        LOG.log(
            Level.WARNING,
            "Object store unavailable, extraction of " + versionId + " postponed",
            cause);
        steps.release(commune, versionId);
      } else {
        LOG.log(Level.SEVERE, "Extraction of " + versionId + " failed", cause);
        steps.failed(commune, versionId, "erreur interne pendant l'extraction");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      steps.release(commune, versionId);
    }
  }
}
