package fr.strasbourg.metrocloud.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * poppler's {@code pdfsig} (Debian {@code poppler-utils}), a verifier nobody here wrote, run on a
 * PDF with an NSS database that trusts the given root certificate ({@code certutil} from {@code
 * libnss3-tools}).
 */
public final class PdfSig {

  private PdfSig() {}

  /** pdfsig's findings for one signature. */
  public record Finding(
      String type, String signatureValidation, String certificateValidation, String text) {

    /**
     * A signature, as opposed to a document timestamp (which pdfsig 22 lists with type "unknown"
     * and does not verify).
     */
    public boolean isSignature() {
      return type.contains("ETSI.CAdES.detached") || type.contains("adbe.pkcs7");
    }

    public boolean signatureValid() {
      return signatureValidation.contains("Signature is Valid");
    }

    public boolean certificateTrusted() {
      return certificateValidation.contains("Certificate is Trusted");
    }
  }

  /** The signatures (not the document timestamps) pdfsig finds. */
  public static List<Finding> signatures(byte[] pdf, byte[] trustedRootDer) throws IOException {
    return verify(pdf, trustedRootDer).stream().filter(Finding::isSignature).toList();
  }

  /** Runs pdfsig; fails if the tools are missing (the test command installs them). */
  public static List<Finding> verify(byte[] pdf, byte[] trustedRootDer) throws IOException {
    Path dir = Files.createTempDirectory("pdfsig");
    try {
      Path nss = Files.createDirectory(dir.resolve("nss"));
      Path root = dir.resolve("root.pem");
      Files.writeString(
          root,
          "-----BEGIN CERTIFICATE-----\n"
              + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                  .encodeToString(trustedRootDer)
              + "\n-----END CERTIFICATE-----\n");
      run(List.of("certutil", "-N", "-d", "sql:" + nss, "--empty-password"));
      run(
          List.of(
              "certutil",
              "-A",
              "-d",
              "sql:" + nss,
              "-n",
              "metrocloud-root",
              "-t",
              "CT,C,C",
              "-i",
              root.toString()));
      Path file = dir.resolve("signed.pdf");
      Files.write(file, pdf);
      String out = run(List.of("pdfsig", "-nssdir", "sql:" + nss, file.toString()));
      List<Finding> findings = new ArrayList<>();
      String[] blocks = out.split("(?m)^Signature #\\d+:");
      for (int i = 1; i < blocks.length; i++) {
        String block = blocks[i];
        findings.add(
            new Finding(
                line(block, "Signature Type:"),
                line(block, "Signature Validation:"),
                line(block, "Certificate Validation:"),
                block));
      }
      if (findings.isEmpty()) {
        throw new AssertionError("pdfsig found no signature:\n" + out);
      }
      return findings;
    } finally {
      try (var walk = Files.walk(dir)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static String line(String block, String label) {
    return block
        .lines()
        .map(String::strip)
        .filter(l -> l.startsWith("- " + label) || l.startsWith(label))
        .findFirst()
        .orElse("");
  }

  private static String run(List<String> command) throws IOException {
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new AssertionError(
          command.get(0)
              + " is not installed: apt-get install poppler-utils libnss3-tools (the test command does it)",
          e);
    }
    try {
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(command + " timed out");
      }
      // pdfsig exits non-zero when a signature is not trusted; its findings are in the output
      if (process.exitValue() != 0 && !command.get(0).equals("pdfsig")) {
        throw new AssertionError(command + " failed (" + process.exitValue() + "):\n" + out);
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }
}
