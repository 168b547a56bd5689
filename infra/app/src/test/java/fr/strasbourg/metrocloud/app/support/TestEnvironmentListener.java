package fr.strasbourg.metrocloud.app.support;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Starts the Keycloak fault proxy and the S3 server before any integration test, for the whole test
 * JVM.
 */
public class TestEnvironmentListener implements LauncherSessionListener {
  @Override
  public void launcherSessionOpened(LauncherSession session) {
    if (System.getProperty("wlpHome") != null) {
      FaultProxy.start();
      TestObjectStore.start();
    }
  }
}
