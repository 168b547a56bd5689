package fr.strasbourg.metrocloud.integration.application;

import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * « Tester la connexion »: checks a connector step by step and says precisely which step failed —
 * name resolution, TCP connection, TLS, then the protocol (HTTP status and authentication for REST,
 * the SSH server's banner for SFTP).
 */
@ApplicationScoped
public class ConnectionTest {

  static final Duration TIMEOUT = Duration.ofSeconds(5);

  @Inject ConnectorSecrets secrets;

  /** One step of the test. */
  public record Step(String name, boolean ok, String detail) {}

  /** The outcome: ok when every step passed. */
  public record Report(boolean ok, List<Step> steps) {}

  public Report test(CallContext commune, Connectors.Stored connector) {
    List<Step> steps = new ArrayList<>();
    URI uri = URI.create(connector.endpoint());
    String host = uri.getHost();
    boolean https = "https".equals(uri.getScheme());
    int port =
        uri.getPort() > 0 ? uri.getPort() : "sftp".equals(uri.getScheme()) ? 22 : https ? 443 : 80;
    try {
      InetAddress address = InetAddress.getByName(host);
      steps.add(new Step("Résolution du nom", true, host + " → " + address.getHostAddress()));
    } catch (UnknownHostException e) {
      steps.add(new Step("Résolution du nom", false, "Nom d'hôte inconnu : " + host));
      return new Report(false, steps);
    }
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), (int) TIMEOUT.toMillis());
      steps.add(new Step("Connexion TCP", true, host + ":" + port + " joignable"));
      if ("SFTP".equals(connector.transport())) {
        socket.setSoTimeout((int) TIMEOUT.toMillis());
        String banner = readLine(socket.getInputStream());
        boolean ssh = banner.startsWith("SSH-2.0");
        steps.add(
            new Step(
                "Serveur SSH",
                ssh,
                ssh
                    ? banner
                    : "Le service ne répond pas comme un serveur SSH : « " + banner + " »"));
        if (!ssh) {
          return new Report(false, steps);
        }
      }
    } catch (ConnectException e) {
      steps.add(new Step("Connexion TCP", false, "Connexion refusée sur " + host + ":" + port));
      return new Report(false, steps);
    } catch (java.net.SocketTimeoutException e) {
      steps.add(
          new Step("Connexion TCP", false, "Pas de réponse de " + host + ":" + port + " en 5 s"));
      return new Report(false, steps);
    } catch (IOException e) {
      steps.add(
          new Step("Connexion TCP", false, e.getClass().getSimpleName() + " : " + e.getMessage()));
      return new Report(false, steps);
    }
    if ("SFTP".equals(connector.transport())) {
      return sftp(commune, connector, host, port, uri.getPath(), steps);
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Accept", "application/json").GET();
    secrets.authorization(commune, connector).ifPresent(a -> request.header("Authorization", a));
    try {
      HttpResponse<Void> response =
          HttpClient.newBuilder()
              .connectTimeout(TIMEOUT)
              .build()
              .send(request.build(), HttpResponse.BodyHandlers.discarding());
      int status = response.statusCode();
      if (https) {
        steps.add(new Step("TLS", true, "Certificat du serveur accepté"));
      }
      if (status == 401 || status == 403) {
        steps.add(
            new Step("Authentification", false, "Identifiants refusés (HTTP " + status + ")"));
        return new Report(false, steps);
      }
      if (status >= 400) {
        steps.add(new Step("Réponse HTTP", false, "Le logiciel répond HTTP " + status));
        return new Report(false, steps);
      }
      steps.add(new Step("Réponse HTTP", true, "HTTP " + status));
      return new Report(true, steps);
    } catch (javax.net.ssl.SSLException e) {
      steps.add(new Step("TLS", false, "Échec TLS : " + e.getMessage()));
    } catch (HttpTimeoutException e) {
      steps.add(new Step("Réponse HTTP", false, "Pas de réponse HTTP en 5 s"));
    } catch (IOException e) {
      steps.add(
          new Step("Réponse HTTP", false, e.getClass().getSimpleName() + " : " + e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      steps.add(new Step("Réponse HTTP", false, "Test interrompu"));
    }
    return new Report(false, steps);
  }

  /** SSH authentication with the connector's credentials, then the exchange directory. */
  private Report sftp(
      CallContext commune,
      Connectors.Stored connector,
      String host,
      int port,
      String path,
      List<Step> steps) {
    com.jcraft.jsch.JSch jsch = new com.jcraft.jsch.JSch();
    com.jcraft.jsch.Session session = null;
    try {
      session =
          jsch.getSession(connector.username() == null ? "" : connector.username(), host, port);
      secrets.password(commune, connector).ifPresent(session::setPassword);
      session.setConfig("StrictHostKeyChecking", "no");
      session.setConfig("PreferredAuthentications", "password,keyboard-interactive");
      try {
        session.connect((int) TIMEOUT.toMillis());
      } catch (com.jcraft.jsch.JSchException e) {
        String message = String.valueOf(e.getMessage());
        steps.add(
            new Step(
                "Authentification",
                false,
                message.contains("Auth")
                    ? "Identifiants SSH refusés pour « " + connector.username() + " »"
                    : "Session SSH impossible : " + message));
        return new Report(false, steps);
      }
      steps.add(
          new Step(
              "Authentification",
              true,
              "Session ouverte pour « "
                  + connector.username()
                  + " » (empreinte du serveur "
                  + session.getHostKey().getFingerPrint(jsch)
                  + ")"));
      com.jcraft.jsch.ChannelSftp sftp = (com.jcraft.jsch.ChannelSftp) session.openChannel("sftp");
      sftp.connect((int) TIMEOUT.toMillis());
      String dir =
          path == null || path.isBlank() || path.equals("/") ? "." : path.replaceFirst("^/", "");
      String created = "";
      try {
        sftp.stat(dir);
      } catch (com.jcraft.jsch.SftpException absent) {
        // a new exchange area: the platform creates its directories at the first exchange, if
        // it may; creating it now tells whether it may
        try {
          sftp.mkdir(dir);
          created = " (il n'existait pas : créé)";
        } catch (com.jcraft.jsch.SftpException e) {
          steps.add(
              new Step(
                  "Répertoire d'échange",
                  false,
                  "Répertoire « "
                      + dir
                      + " » introuvable, et impossible à créer : "
                      + e.getMessage()));
          return new Report(false, steps);
        }
      }
      long waiting = 0;
      try {
        waiting =
            sftp.ls(dir + "/export").stream()
                .map(com.jcraft.jsch.ChannelSftp.LsEntry::getFilename)
                .filter(n -> n.startsWith("agents") && n.endsWith(".csv"))
                .count();
      } catch (com.jcraft.jsch.SftpException e) {
        // export/ is created at the first fetch
      }
      steps.add(
          new Step(
              "Répertoire d'échange",
              true,
              "« "
                  + dir
                  + " » accessible"
                  + created
                  + " ; "
                  + waiting
                  + " fichier(s) agents*.csv en attente dans export/"));
      sftp.disconnect();
      return new Report(true, steps);
    } catch (com.jcraft.jsch.JSchException e) {
      steps.add(new Step("Session SFTP", false, String.valueOf(e.getMessage())));
      return new Report(false, steps);
    } finally {
      if (session != null) {
        session.disconnect();
      }
    }
  }

  private static String readLine(InputStream in) throws IOException {
    byte[] buffer = new byte[256];
    int n = 0;
    int b;
    while (n < buffer.length && (b = in.read()) >= 0 && b != '\n') {
      buffer[n++] = (byte) b;
    }
    return new String(buffer, 0, n, StandardCharsets.US_ASCII).strip();
  }
}
