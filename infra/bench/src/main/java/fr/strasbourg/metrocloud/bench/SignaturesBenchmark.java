package fr.strasbourg.metrocloud.bench;

import eu.europa.esig.dss.enumerations.SignatureLevel;
import fr.strasbourg.metrocloud.signatures.domain.PadesEngine;
import fr.strasbourg.metrocloud.signatures.domain.Pki;
import fr.strasbourg.metrocloud.signatures.domain.SigningCredential;
import fr.strasbourg.metrocloud.signatures.domain.StampText;
import fr.strasbourg.metrocloud.testkit.ApiClient;
import fr.strasbourg.metrocloud.testkit.Environment;
import fr.strasbourg.metrocloud.testkit.Platform;
import fr.strasbourg.metrocloud.testkit.SampleCommunes.Commune;
import fr.strasbourg.metrocloud.testkit.SampleFiles;
import jakarta.json.JsonObject;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * The parapheur's signing throughput, in one run on one machine:
 *
 * <ul>
 *   <li><b>API</b>: {@code POST /parapheur/folders/{id}/sign} on N folders of a one-signature
 *       circuit, one after the other, against a running platform ({@code ./metrocloud up}): claim
 *       of the step, read of the PDF from the encrypted GED, signer certificate and key from the
 *       key custody, PAdES-BASELINE-LTA with the platform TSA and CRLs, new GED version, history,
 *       usage, audit, JSON answer;
 *   <li><b>raw DSS</b>: the same PDFs signed with the same engine and level in this JVM, with an
 *       in-memory PKI (keys in memory, CRLs built in process), nothing stored.
 * </ul>
 *
 * Prints Markdown for {@code docs/performance.md}. Uses a test commune (INSEE 67940) kept for later
 * runs.
 */
public final class SignaturesBenchmark {

  private static final Commune COMMUNE =
      new Commune("67940", "Commune d'essai parapheur", "67000", 1000);

  private SignaturesBenchmark() {}

  public static void main(String[] args) throws Exception {
    int n = Integer.parseInt(Environment.get("bench.signatures.count", "60"));
    List<byte[]> pdfs = new ArrayList<>();
    for (int i = 0; i < n + 3; i++) {
      pdfs.add(SampleFiles.pdf("Arrêté n° " + i, "Le maire de la commune arrête ce qui suit."));
    }
    double[] raw = raw(pdfs, n);
    double[] api = api(pdfs, n);
    System.out.println();
    System.out.println(
        "| Signing (PAdES-BASELINE-LTA, "
            + n
            + " PDFs, sequential) | per second | p50 (ms) | p95 (ms) |");
    System.out.println("|---|---:|---:|---:|");
    System.out.printf(
        Locale.ROOT,
        "| Raw DSS in one JVM (in-memory PKI) | %.1f | %.0f | %.0f |%n",
        raw[0],
        raw[1],
        raw[2]);
    System.out.printf(
        Locale.ROOT,
        "| Through the API (`POST /parapheur/folders/{id}/sign`) | %.1f | %.0f | %.0f |%n",
        api[0],
        api[1],
        api[2]);
    System.out.printf(Locale.ROOT, "%nAPI / raw time per signature: %.2f×%n", raw[0] / api[0]);
  }

  /** Returns {per second, p50 ms, p95 ms}. */
  private static double[] raw(List<byte[]> pdfs, int n) {
    Instant now = Instant.now();
    Pki.Issued root = Pki.root(Pki.name("Banc racine", "Banc"), now, Duration.ofDays(30));
    Pki.Issued ca =
        Pki.subordinateCa(
            root,
            Pki.name("Banc AC", "Banc"),
            now,
            Duration.ofDays(30),
            "http://127.0.0.1/root.crl");
    Pki.Issued tsa =
        Pki.timestamping(
            root,
            Pki.name("Banc TSA", "Banc"),
            now,
            Duration.ofDays(30),
            "http://127.0.0.1/root.crl");
    Pki.Issued signer =
        Pki.signer(
            ca,
            Pki.name("Signataire", "Banc"),
            now,
            Duration.ofDays(30),
            "http://127.0.0.1/ca.crl");
    PadesEngine engine =
        new PadesEngine(
            PadesEngine.timestampAuthority(
                tsa.privateKey(), tsa.certificate(), List.of(root.certificate())),
            issuer -> {
              Pki.Issued which =
                  issuer.equals(root.certificate())
                      ? root
                      : issuer.equals(ca.certificate()) ? ca : null;
              if (which == null) {
                return Optional.empty();
              }
              try {
                return Optional.of(
                    Pki.crl(
                            which,
                            List.of(),
                            Instant.now(),
                            Duration.ofDays(1),
                            BigInteger.valueOf(System.nanoTime()))
                        .getEncoded());
              } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
              }
            },
            List.of(root.certificate()));
    SigningCredential credential =
        SigningCredential.inMemory(signer, List.of(ca.certificate(), root.certificate()));
    for (int i = 0; i < 3; i++) {
      sign(engine, credential, pdfs.get(n + i)); // warm-up
    }
    List<Double> millis = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      long t = System.nanoTime();
      sign(engine, credential, pdfs.get(i));
      millis.add((System.nanoTime() - t) / 1e6);
    }
    return summary(millis, System.nanoTime() - start);
  }

  private static void sign(PadesEngine engine, SigningCredential credential, byte[] pdf) {
    Instant at = Instant.now();
    engine.sign(
        pdf,
        credential,
        new PadesEngine.Signing(
            SignatureLevel.PAdES_BASELINE_LTA,
            "Signataire",
            "Banc",
            "Signature",
            StampText.of("Signataire", "Maire", "Commune d'essai", null, at),
            1,
            330,
            740,
            at));
  }

  private static double[] api(List<byte[]> pdfs, int n) {
    Platform platform = Platform.fromSystem();
    platform.ensureActiveCommune(COMMUNE);
    ApiClient admin = platform.as(Platform.adminOf(COMMUNE), COMMUNE);
    for (String service : List.of("document-management", "e-signature")) {
      int status =
          admin.post("/api/v1/subscriptions", "{\"service\":\"" + service + "\"}").status();
      if (status != 201 && status != 409) {
        throw new IllegalStateException("subscription to " + service + ": " + status);
      }
    }
    platform.ensurePerson(
        "signataire.banc", "Sylvie", "Signataire", List.of("elected-official"), COMMUNE);
    ApiClient signer = platform.as("signataire.banc", COMMUNE);
    String template =
        expect(
                admin.post(
                    "/api/v1/parapheur/templates",
                    "{\"name\":\"Banc "
                        + UUID.randomUUID()
                        + "\",\"steps\":[{\"stage\":1,\"kind\":\"SIGNATURE\",\"username\":\"signataire.banc\",\"label\":\"Maire\"}]}"),
                201)
            .json()
            .getString("id");
    List<String> folders = new ArrayList<>();
    for (int i = 0; i < n + 3; i++) {
      JsonObject detail =
          expect(
                  admin.upload(
                      "/api/v1/parapheur/folders/upload?template="
                          + template
                          + "&title="
                          + URLEncoder.encode("Arrêté " + i, StandardCharsets.UTF_8),
                      "arrete-" + i + ".pdf",
                      "application/pdf",
                      pdfs.get(i)),
                  201)
              .json();
      folders.add(detail.getJsonObject("folder").getString("id"));
    }
    for (int i = 0; i < 3; i++) {
      expect(
          signer.post("/api/v1/parapheur/folders/" + folders.get(n + i) + "/sign", "{}"),
          200); // warm-up
    }
    List<Double> millis = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      long t = System.nanoTime();
      expect(signer.post("/api/v1/parapheur/folders/" + folders.get(i) + "/sign", "{}"), 200);
      millis.add((System.nanoTime() - t) / 1e6);
    }
    return summary(millis, System.nanoTime() - start);
  }

  private static double[] summary(List<Double> millis, long totalNanos) {
    List<Double> sorted = new ArrayList<>(millis);
    Collections.sort(sorted);
    double perSecond = millis.size() / (totalNanos / 1e9);
    return new double[] {
      perSecond,
      sorted.get(sorted.size() / 2),
      sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1)
    };
  }

  private static ApiClient.Reply expect(ApiClient.Reply reply, int status) {
    if (reply.status() != status) {
      throw new IllegalStateException("Expected " + status + ": " + reply);
    }
    return reply;
  }
}
