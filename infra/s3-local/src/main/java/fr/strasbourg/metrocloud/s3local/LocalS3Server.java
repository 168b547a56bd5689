package fr.strasbourg.metrocloud.s3local;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/**
 * An S3 endpoint on {@code 127.0.0.1:<port>} storing objects under a directory. Tests start and
 * stop it in their own JVM (to take the object store away in the middle of an upload); the run
 * command starts it as a process with {@link #main}.
 */
public final class LocalS3Server implements AutoCloseable {

  private final S3Proxy proxy;
  private final int port;

  private LocalS3Server(S3Proxy proxy, int port) {
    this.proxy = proxy;
    this.port = port;
  }

  /** Starts a server and waits until it accepts requests. */
  public static LocalS3Server start(int port, Path directory, String accessKey, String secretKey) {
    try {
      Files.createDirectories(directory);
      S3Proxy proxy =
          S3Proxy.builder()
              .blobStore(new FilesystemNio2BlobStore(directory.toAbsolutePath().toString()))
              .endpoint(URI.create("http://127.0.0.1:" + port))
              .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
              .build();
      proxy.start();
      long deadline = System.currentTimeMillis() + 30_000;
      while (!"STARTED".equals(proxy.getState())) {
        if (System.currentTimeMillis() > deadline) {
          throw new IllegalStateException("S3Proxy did not start on port " + port);
        }
        Thread.sleep(20);
      }
      return new LocalS3Server(proxy, proxy.getPort());
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("Cannot start the local S3 server on port " + port, e);
    }
  }

  public int port() {
    return port;
  }

  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  /** Stops accepting requests (the stored objects stay on disk). */
  @Override
  public void close() {
    try {
      proxy.stop();
    } catch (Exception e) {
      throw new IllegalStateException("Cannot stop the local S3 server", e);
    }
  }

  /**
   * {@code java … LocalS3Server <port> <directory>}; credentials from
   * METROCLOUD_STORAGE_ACCESS_KEY/SECRET_KEY.
   */
  public static void main(String[] args) throws InterruptedException {
    int port = Integer.parseInt(args.length > 0 ? args[0] : "9100");
    Path directory = Path.of(args.length > 1 ? args[1] : ".run/s3");
    String access = env("METROCLOUD_STORAGE_ACCESS_KEY", "metrocloud");
    String secret = env("METROCLOUD_STORAGE_SECRET_KEY", "dev-storage-secret");
    LocalS3Server server = start(port, directory, access, secret);
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "s3-local-shutdown"));
    System.out.println(
        "Local S3 server on " + server.endpoint() + ", data in " + directory.toAbsolutePath());
    Thread.currentThread().join();
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
