package fr.strasbourg.metrocloud.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * A commune's software exchanging files over SFTP, as a real SSH server (Apache MINA SSHD) on
 * 127.0.0.1: password authentication, every session rooted in one directory. It can be stopped and
 * started again on the same port, so that tests see the counterpart go down and come back.
 */
public final class SftpSimulator implements AutoCloseable {

  private final String user;
  private final String password;
  private final Path root;
  private SshServer server;
  private int port;

  public SftpSimulator(String user, String password, Path root) {
    this.user = user;
    this.password = password;
    this.root = root;
  }

  /** Starts on {@code port} (0: any free port the first time, the same one afterwards). */
  public synchronized SftpSimulator start(int requestedPort) throws IOException {
    Files.createDirectories(root);
    SshServer ssh = SshServer.setUpDefaultServer();
    ssh.setHost("127.0.0.1");
    ssh.setPort(port != 0 ? port : requestedPort);
    ssh.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(root.resolve(".hostkey.ser")));
    ssh.setPasswordAuthenticator((u, p, session) -> user.equals(u) && password.equals(p));
    ssh.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
    ssh.setFileSystemFactory(new VirtualFileSystemFactory(root.toAbsolutePath()));
    // small request/response packets: without TCP_NODELAY, Nagle's algorithm and delayed
    // acknowledgements add tens of milliseconds to each SFTP command of a client that pipelines
    // nothing (JSch)
    org.apache.sshd.core.CoreModuleProperties.TCP_NODELAY.set(ssh, true);
    ssh.start();
    server = ssh;
    port = ssh.getPort();
    return this;
  }

  public SftpSimulator start() throws IOException {
    return start(0);
  }

  /** The software goes down: connections are refused. */
  public synchronized void stop() {
    if (server != null) {
      try {
        server.stop(true);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      server = null;
    }
  }

  public int port() {
    return port;
  }

  public Path root() {
    return root;
  }

  /** The connector address for a directory of the server, e.g. {@code sftp://127.0.0.1:p/rh}. */
  public String endpoint(String directory) {
    return "sftp://127.0.0.1:" + port + "/" + directory;
  }

  /** Drops a file as the commune's software would (written aside, then renamed). */
  public void drop(String relativePath, byte[] content) throws IOException {
    Path target = root.resolve(relativePath);
    Files.createDirectories(target.getParent());
    Path temp = target.resolveSibling("." + target.getFileName() + ".tmp");
    Files.write(temp, content);
    Files.move(temp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  /** Complete files of a directory (names sorted; temporary uploads {@code .part-*} left out). */
  public List<String> files(String relativeDirectory) throws IOException {
    Path dir = root.resolve(relativeDirectory);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isRegularFile)
          .map(p -> p.getFileName().toString())
          .filter(n -> !n.startsWith("."))
          .sorted()
          .toList();
    }
  }

  @Override
  public void close() {
    stop();
  }
}
