package fr.strasbourg.metrocloud.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import eu.europa.esig.dss.enumerations.SignatureLevel;
import fr.strasbourg.metrocloud.app.support.PlatformTestBase;
import fr.strasbourg.metrocloud.signatures.domain.PadesEngine;
import fr.strasbourg.metrocloud.signatures.domain.Pki;
import fr.strasbourg.metrocloud.signatures.domain.SigningCredential;
import fr.strasbourg.metrocloud.testkit.ApiClient;
import fr.strasbourg.metrocloud.testkit.SampleCommunes.Commune;
import fr.strasbourg.metrocloud.testkit.SampleFiles;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The public PKI endpoints and the validation service, on the running platform. */
class SignatureValidationIT extends PlatformTestBase {

  private static final Commune OSTWALD = new Commune("67365", "Ostwald", "67540", 13310);

  private ApiClient agent;

  @BeforeEach
  void commune() {
    platform.ensureActiveCommune(OSTWALD);
    platform.ensurePerson("agent.ostwald", "Odile", "Agent", List.of("agent"), OSTWALD);
    agent = platform.as("agent.ostwald", OSTWALD);
  }

  @Test
  void theRootCertificateAndTheRootCrlArePublicAndConsistent() throws Exception {
    ApiClient.Download root = platform.anonymous().download("/api/v1/pki/root.crt");
    assertThat(root.status()).isEqualTo(200);
    assertThat(root.header("Content-Type").orElse("")).startsWith("application/pkix-cert");
    X509Certificate certificate =
        (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(root.body()));
    certificate.verify(certificate.getPublicKey());
    assertThat(certificate.getBasicConstraints()).isGreaterThanOrEqualTo(0);

    ApiClient.Download crl = platform.anonymous().download("/api/v1/pki/crl/root.crl");
    assertThat(crl.status()).isEqualTo(200);
    X509CRL parsed =
        (X509CRL)
            CertificateFactory.getInstance("X.509")
                .generateCRL(new ByteArrayInputStream(crl.body()));
    parsed.verify(certificate.getPublicKey());
    assertThat(parsed.getNextUpdate()).isAfter(new java.util.Date());

    // the commune's CA was created at provisioning, and its CRL is signed by it
    ApiClient.Download communeCrl =
        platform.anonymous().download("/api/v1/pki/crl/" + OSTWALD.insee() + ".crl");
    assertThat(communeCrl.status()).isEqualTo(200);
    assertThat(platform.anonymous().download("/api/v1/pki/crl/nothing.crl").status())
        .isEqualTo(404);
    assertThat(platform.anonymous().download("/api/v1/pki/crl/67999.crl").status()).isEqualTo(404);
  }

  @Test
  void badInputGetsClearProblems() {
    assertProblem(
        agent.upload(
            "/api/v1/signatures/validations", "note.txt", "text/plain", "bonjour".getBytes()),
        415,
        "not-a-pdf");
    assertProblem(
        agent.upload(
            "/api/v1/signatures/validations", "x.pdf", "application/pdf", SampleFiles.corruptPdf()),
        422,
        "corrupt-pdf");
    assertProblem(
        agent.upload(
            "/api/v1/signatures/validations",
            "x.pdf",
            "application/pdf",
            SampleFiles.encryptedPdf("secret", "Confidentiel")),
        422,
        "encrypted-pdf");
    assertThat(
            platform
                .anonymous()
                .upload(
                    "/api/v1/signatures/validations",
                    "a.pdf",
                    "application/pdf",
                    SampleFiles.pdf("x"))
                .status())
        .isEqualTo(401);
  }

  @Test
  void anUnsignedPdfHasNoSignatureAndAForeignSignatureIsIndeterminate() throws Exception {
    JsonObject none =
        assertOk(
                agent.upload(
                    "/api/v1/signatures/validations",
                    "note.pdf",
                    "application/pdf",
                    SampleFiles.pdf("Note")),
                200)
            .json();
    assertThat(none.getInt("signaturesCount")).isZero();

    Instant now = Instant.now();
    Pki.Issued foreignRoot =
        Pki.root(Pki.name("AC étrangère", "Ailleurs"), now, Duration.ofDays(30));
    Pki.Issued signer =
        Pki.signer(
            foreignRoot, Pki.name("Jean Ailleurs", "Ailleurs"), now, Duration.ofDays(10), null);
    Pki.Issued tsa =
        Pki.timestamping(foreignRoot, Pki.name("TSA", "Ailleurs"), now, Duration.ofDays(10), null);
    PadesEngine foreign =
        new PadesEngine(
            PadesEngine.timestampAuthority(
                tsa.privateKey(), tsa.certificate(), List.of(foreignRoot.certificate())),
            issuer -> Optional.empty(),
            List.of(foreignRoot.certificate()));
    byte[] signed =
        foreign.sign(
            SampleFiles.pdf("Contrat"),
            credential(signer, foreignRoot),
            new PadesEngine.Signing(
                SignatureLevel.PAdES_BASELINE_B,
                "Jean Ailleurs",
                "Ailleurs",
                "Accord",
                null,
                1,
                0,
                0,
                now));

    JsonObject report =
        assertOk(
                agent.upload(
                    "/api/v1/signatures/validations", "contrat.pdf", "application/pdf", signed),
                200)
            .json();
    assertThat(report.getInt("signaturesCount")).isEqualTo(1);
    JsonObject s = report.getJsonArray("signatures").getJsonObject(0);
    assertThat(s.getString("indication")).isEqualTo("INDETERMINATE");
    assertThat(s.getString("subIndication")).isEqualTo("NO_CERTIFICATE_CHAIN_FOUND");
    assertThat(s.getString("signedBy")).contains("Jean Ailleurs");
    assertThat(s.getBoolean("trustedByPlatform")).isFalse();
  }

  private static SigningCredential credential(Pki.Issued signer, Pki.Issued root) {
    return new SigningCredential() {
      @Override
      public X509Certificate certificate() {
        return signer.certificate();
      }

      @Override
      public List<X509Certificate> chain() {
        return List.of(root.certificate());
      }

      @Override
      public byte[] signSha256WithEcdsa(byte[] data) {
        try {
          Signature s = Signature.getInstance("SHA256withECDSA");
          s.initSign(signer.privateKey());
          s.update(data);
          return s.sign();
        } catch (java.security.GeneralSecurityException e) {
          throw new IllegalStateException(e);
        }
      }
    };
  }
}
