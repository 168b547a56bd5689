package fr.strasbourg.metrocloud.app.support;

import fr.strasbourg.metrocloud.s3local.LocalS3Server;
import java.nio.file.Path;

/**
 * The S3 server of the test environment, running inside the test JVM on a fixed port (the platform
 * under test is configured with it). Tests stop and restart it to take the object store away from
 * the platform for real.
 */
public final class TestObjectStore {

  private static LocalS3Server server;

  private TestObjectStore() {}

  public static synchronized void start() {
    if (server == null) {
      server =
          LocalS3Server.start(
              port(),
              Path.of(System.getProperty("metrocloud.storage.dir", "target/s3")),
              System.getProperty("metrocloud.storage.access-key", "metrocloud"),
              System.getProperty("metrocloud.storage.secret-key", "test-storage-secret"));
    }
  }

  /** The object store goes down (its data stays on disk). */
  public static synchronized void stop() {
    if (server != null) {
      server.close();
      server = null;
    }
  }

  public static boolean running() {
    return server != null;
  }

  public static int port() {
    return Integer.parseInt(System.getProperty("metrocloud.storage.port", "9290"));
  }

  public static String endpoint() {
    return "http://127.0.0.1:" + port();
  }
}
