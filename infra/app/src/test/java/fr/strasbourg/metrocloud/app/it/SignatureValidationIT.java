package fr.strasbourg.metrocloud.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import fr.strasbourg.metrocloud.app.support.ForeignSignatures;
import fr.strasbourg.metrocloud.app.support.PlatformTestBase;
import fr.strasbourg.metrocloud.testkit.ApiClient;
import fr.strasbourg.metrocloud.testkit.SampleCommunes.Commune;
import fr.strasbourg.metrocloud.testkit.SampleFiles;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;
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

    byte[] signed =
        ForeignSignatures.signedElsewhere(SampleFiles.pdf("Contrat"), "Jean Ailleurs", "Ailleurs");

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
}
