package fr.strasbourg.metrocloud.integration.domain;

import java.net.URI;
import java.util.Locale;

/**
 * Camel {@code sftp:} endpoint URIs for a connector's {@code sftp://host[:port]/directory}. The
 * exchange directory is laid out as:
 *
 * <ul>
 *   <li>{@code export/} — files the commune's software writes for the platform ({@code
 *       agents*.csv}); the platform moves a file it read to {@code export/traites/}, or to {@code
 *       export/erreurs/} when it refused it as a whole;
 *   <li>{@code import/<flow>/} — records the platform delivers, one CSV file per record named after
 *       its idempotency key (written under a temporary name, then renamed: a reader never sees half
 *       a file; delivered again, it replaces itself).
 * </ul>
 */
public final class SftpAddress {

  private final String host;
  private final int port;
  private final String directory;

  private SftpAddress(String host, int port, String directory) {
    this.host = host;
    this.port = port;
    this.directory = directory;
  }

  public static SftpAddress of(String endpoint) {
    URI uri = URI.create(endpoint.strip());
    if (!"sftp".equals(uri.getScheme()) || uri.getHost() == null) {
      throw new IllegalArgumentException("Adresse SFTP attendue : sftp://hôte[:port]/répertoire");
    }
    String path = uri.getPath() == null ? "" : uri.getPath();
    while (path.startsWith("/")) {
      path = path.substring(1);
    }
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return new SftpAddress(uri.getHost(), uri.getPort() < 0 ? 22 : uri.getPort(), path);
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  private String base(String sub) {
    String dir = directory.isEmpty() ? sub : directory + "/" + sub;
    return "sftp://" + host + ":" + port + "/" + dir;
  }

  private static String credentials(String username, String password) {
    StringBuilder s = new StringBuilder();
    s.append("username=").append(encode(username == null ? "" : username));
    if (password != null) {
      // RAW keeps the secret as it is; RAW{} when it holds a closing parenthesis
      s.append("&password=")
          .append(password.contains(")") ? "RAW{" + password + "}" : "RAW(" + password + ")");
    }
    return s.toString();
  }

  private static String common() {
    // the host key is not pinned yet (see ADR 0009): the connection test shows the server's banner
    return "&strictHostKeyChecking=no&useUserKnownHostsFile=false&connectTimeout=5000"
        + "&timeout=30000&serverAliveInterval=15000&maximumReconnectAttempts=1"
        + "&reconnectDelay=200&binary=true";
  }

  /**
   * Producer URI writing records of a flow, one file per record (name in the CamelFileName header).
   */
  public String deliveryUri(String flow, String username, String password) {
    return base("import/" + safe(flow))
        + "?"
        + credentials(username, password)
        + common()
        // stepwise=false: one path per command, not a cd per directory level; fastExistsCheck: a
        // stat of the file instead of listing the directory (which grows with every record)
        + "&autoCreate=true&tempPrefix=.part-&fileExist=Override&stepwise=false"
        + "&fastExistsCheck=true&jschLoggingLevel=OFF";
  }

  /**
   * Consumer URI taking the oldest waiting file whose name matches {@code glob} (e.g. agents*.csv).
   */
  public String fetchUri(String glob, String username, String password) {
    return base("export")
        + "?"
        + credentials(username, password)
        + common()
        + "&antInclude="
        + glob
        + "&maxMessagesPerPoll=1&eagerMaxMessagesPerPoll=false&sortBy=file:modified"
        + "&move=traites/${date:now:yyyyMMdd-HHmmss}-${file:name}"
        + "&moveFailed=erreurs/${date:now:yyyyMMdd-HHmmss}-${file:name}"
        + "&autoCreate=true&stepwise=false&throwExceptionOnConnectFailed=true&jschLoggingLevel=OFF";
  }

  /** A file name from an idempotency key: letters, digits, dot, dash, underscore. */
  public static String fileName(String idempotencyKey) {
    // readable, and distinct for distinct keys ("a/b" and "a_b" read alike)
    return safe(idempotencyKey) + "-" + AgentsFile.sha256(idempotencyKey).substring(0, 12) + ".csv";
  }

  private static String safe(String value) {
    String s = value.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "_");
    return s.length() > 180 ? s.substring(0, 180) : s;
  }

  private static String encode(String value) {
    return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
  }
}
