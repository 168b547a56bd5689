package fr.strasbourg.metrocloud.workflow.engine;

import java.util.concurrent.ThreadFactory;
import org.flowable.job.service.impl.asyncexecutor.AsyncJobExecutorConfiguration;
import org.flowable.job.service.impl.asyncexecutor.DefaultAsyncJobExecutor;

/**
 * Flowable's async executor with its acquisition threads taken from the application server's
 * managed thread factory (so they carry the application's context and are stopped with it), not
 * created with {@code new Thread}.
 */
final class ManagedAsyncJobExecutor extends DefaultAsyncJobExecutor {

  private final ThreadFactory threads;

  ManagedAsyncJobExecutor(AsyncJobExecutorConfiguration configuration, ThreadFactory threads) {
    super(configuration);
    this.threads = threads;
  }

  @Override
  protected void startJobAcquisitionThread() {
    if (asyncJobAcquisitionThread == null) {
      asyncJobAcquisitionThread = named(threads.newThread(asyncJobsDueRunnable), "async-jobs");
    }
    super.startJobAcquisitionThread();
  }

  @Override
  protected void startTimerAcquisitionThread() {
    if (timerJobAcquisitionThread == null) {
      timerJobAcquisitionThread = named(threads.newThread(timerJobRunnable), "timer-jobs");
    }
    super.startTimerAcquisitionThread();
  }

  @Override
  protected void startResetExpiredJobsThread() {
    if (resetExpiredJobThread == null) {
      resetExpiredJobThread = named(threads.newThread(resetExpiredJobsRunnable), "expired-jobs");
    }
    super.startResetExpiredJobsThread();
  }

  private static Thread named(Thread thread, String role) {
    thread.setName("flowable-" + role + "-" + thread.getId());
    return thread;
  }
}
