package fr.strasbourg.metrocloud.signatures.domain;

import static org.assertj.core.api.Assertions.assertThat;

import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.spi.x509.tsp.KeyEntityTSPSource;
import fr.strasbourg.metrocloud.signatures.api.SignatureValidation.SignatureResult;
import fr.strasbourg.metrocloud.signatures.api.SignatureValidation.ValidationReport;
import fr.strasbourg.metrocloud.testkit.PdfSig;
import fr.strasbourg.metrocloud.testkit.SampleFiles;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Signs with an in-memory platform PKI (root, commune CA, signer, timestamp authority, CRLs) and
 * checks the result with DSS and with poppler's pdfsig.
 */
class PadesEngineTest {

  private final Instant now = Instant.now();
  private Pki.Issued root;
  private Pki.Issued communeCa;
  private Pki.Issued tsa;
  private final List<Pki.Revoked> revokedSigners = new ArrayList<>();
  private PadesEngine engine;

  @BeforeEach
  void pki() {
    root = Pki.root(Pki.name("MetroCloud Test Root", "Eurométropole"), now, Duration.ofDays(3650));
    communeCa =
        Pki.subordinateCa(
            root,
            Pki.name("Commune de Bischheim — AC de signature", "Commune de Bischheim"),
            now,
            Duration.ofDays(1825),
            "http://localhost/api/v1/pki/crl/root.crl");
    tsa =
        Pki.timestamping(
            root,
            Pki.name("MetroCloud Horodatage", "Eurométropole"),
            now,
            Duration.ofDays(1825),
            "http://localhost/api/v1/pki/crl/root.crl");
    KeyEntityTSPSource tsp =
        PadesEngine.timestampAuthority(
            tsa.privateKey(), tsa.certificate(), List.of(root.certificate()));
    engine =
        new PadesEngine(
            tsp,
            issuer -> {
              if (issuer.equals(root.certificate())) {
                return Optional.of(crl(root, List.of()));
              }
              if (issuer.equals(communeCa.certificate())) {
                return Optional.of(crl(communeCa, revokedSigners));
              }
              return Optional.empty();
            },
            List.of(root.certificate()));
  }

  @Test
  void a_platform_signature_is_total_passed_for_dss_and_valid_and_trusted_for_pdfsig()
      throws Exception {
    Pki.Issued signer = signer("Jeanne Martin");
    byte[] signed =
        engine.sign(
            SampleFiles.pdf("Arrêté municipal n° 2026-14", "Stationnement rue du Marché"),
            credential(signer),
            signing("Jeanne Martin", "Maire", null));

    ValidationReport report = engine.validate("arrete.pdf", signed);
    assertThat(report.signaturesCount()).isEqualTo(1);
    SignatureResult s = report.signatures().get(0);
    assertThat(s.indication()).as(s.toString()).isEqualTo("TOTAL_PASSED");
    assertThat(s.level()).isEqualTo("PAdES-BASELINE-LTA");
    assertThat(s.signedBy()).contains("Jeanne Martin");
    assertThat(s.trustedByPlatform()).isTrue();
    assertThat(s.timestamped()).isTrue();
    assertThat(s.signerRevoked()).isFalse();

    List<PdfSig.Finding> findings = PdfSig.signatures(signed, root.certificate().getEncoded());
    assertThat(findings).hasSize(1);
    assertThat(findings.get(0).signatureValid()).as(findings.get(0).text()).isTrue();
    assertThat(findings.get(0).certificateTrusted()).as(findings.get(0).text()).isTrue();

    // pdfsig with an NSS database that trusts another root does not trust it: the check can fail
    Pki.Issued otherRoot = Pki.root(Pki.name("Other", null), now, Duration.ofDays(10));
    PdfSig.Finding untrusted =
        PdfSig.signatures(signed, otherRoot.certificate().getEncoded()).get(0);
    assertThat(untrusted.signatureValid()).isTrue();
    assertThat(untrusted.certificateTrusted()).as(untrusted.text()).isFalse();
  }

  @Test
  void a_signature_under_delegation_says_so_and_a_second_signature_keeps_the_first_valid()
      throws Exception {
    byte[] once =
        engine.sign(
            SampleFiles.pdf("Délibération"),
            credential(signer("Paul Durand")),
            signing("Paul Durand", "Directeur général des services", null));
    byte[] twice =
        engine.sign(
            once,
            credential(signer("Claire Petit")),
            signing("Claire Petit", "Première adjointe", "Jeanne Martin", 660));

    ValidationReport report = engine.validate("deliberation.pdf", twice);
    assertThat(report.signaturesCount()).isEqualTo(2);
    assertThat(report.signatures())
        .allSatisfy(s -> assertThat(s.indication()).as(s.toString()).isEqualTo("TOTAL_PASSED"));
    assertThat(report.signatures())
        .anySatisfy(s -> assertThat(s.reason()).contains("par délégation de Jeanne Martin"));
    assertThat(PdfSig.signatures(twice, root.certificate().getEncoded()))
        .hasSize(2)
        .allSatisfy(f -> assertThat(f.signatureValid()).as(f.text()).isTrue());
  }

  @Test
  void a_pdf_signed_by_a_foreign_pki_is_countersigned_without_breaking_its_signature()
      throws Exception {
    Pki.Issued foreignRoot = Pki.root(Pki.name("Autre AC", "Autre"), now, Duration.ofDays(100));
    Pki.Issued foreignSigner =
        Pki.signer(
            foreignRoot, Pki.name("Signataire externe", "Autre"), now, Duration.ofDays(50), null);
    PadesEngine foreign =
        new PadesEngine(
            PadesEngine.timestampAuthority(
                tsa.privateKey(), tsa.certificate(), List.of(root.certificate())),
            issuer -> Optional.empty(),
            List.of(foreignRoot.certificate()));
    byte[] signedElsewhere =
        foreign.sign(
            SampleFiles.pdf("Convention"),
            SigningCredential.inMemory(foreignSigner, List.of(foreignRoot.certificate())),
            new PadesEngine.Signing(
                SignatureLevel.PAdES_BASELINE_B,
                "Signataire externe",
                "Ailleurs",
                "Accord",
                null,
                1,
                0,
                0,
                now));

    byte[] countersigned =
        engine.sign(
            signedElsewhere,
            credential(signer("Jeanne Martin")),
            signing("Jeanne Martin", "Maire", null));

    ValidationReport report = engine.validate("convention.pdf", countersigned);
    assertThat(report.signaturesCount()).isEqualTo(2);
    SignatureResult external =
        report.signatures().stream()
            .filter(s -> s.signedBy().contains("externe"))
            .findFirst()
            .orElseThrow();
    // not trusted by the platform, but intact: no hash or signature failure
    assertThat(external.indication()).isEqualTo("INDETERMINATE");
    assertThat(external.subIndication()).isEqualTo("NO_CERTIFICATE_CHAIN_FOUND");
    SignatureResult ours =
        report.signatures().stream()
            .filter(s -> s.signedBy().contains("Jeanne"))
            .findFirst()
            .orElseThrow();
    assertThat(ours.indication()).as(ours.toString()).isEqualTo("TOTAL_PASSED");
    assertThat(PdfSig.signatures(countersigned, root.certificate().getEncoded()))
        .allSatisfy(f -> assertThat(f.signatureValid()).as(f.text()).isTrue());
  }

  @Test
  void a_revoked_signer_is_reported_by_later_validations() {
    Pki.Issued signer = signer("Agent Parti");
    byte[] signed =
        engine.sign(
            SampleFiles.pdf("Bon de commande"),
            credential(signer),
            signing("Agent Parti", null, null));
    assertThat(engine.validate("bon.pdf", signed).signatures().get(0).signerRevoked()).isFalse();

    revokedSigners.add(
        new Pki.Revoked(
            signer.certificate().getSerialNumber(), Instant.now(), Pki.REASON_AFFILIATION_CHANGED));

    SignatureResult later = engine.validate("bon.pdf", signed).signatures().get(0);
    assertThat(later.signerRevoked()).as(later.toString()).isTrue();
    assertThat(later.revocationReason()).isEqualTo("AFFILIATION_CHANGED");
  }

  private Pki.Issued signer(String name) {
    return Pki.signer(
        communeCa,
        Pki.name(name, "Commune de Bischheim"),
        now,
        Duration.ofDays(1095),
        "http://localhost/api/v1/pki/crl/67043.crl");
  }

  private SigningCredential credential(Pki.Issued signer) {
    return SigningCredential.inMemory(signer, List.of(communeCa.certificate(), root.certificate()));
  }

  private PadesEngine.Signing signing(String name, String title, String onBehalfOf) {
    return signing(name, title, onBehalfOf, 740);
  }

  private PadesEngine.Signing signing(String name, String title, String onBehalfOf, float y) {
    Instant at = Instant.now();
    return new PadesEngine.Signing(
        SignatureLevel.PAdES_BASELINE_LTA,
        name,
        "Bischheim",
        StampText.reason("Approbation", onBehalfOf),
        StampText.of(name, title, "Commune de Bischheim", onBehalfOf, at),
        1,
        330,
        y,
        at);
  }

  private static byte[] crl(Pki.Issued ca, List<Pki.Revoked> revoked) {
    try {
      return Pki.crl(
              ca, revoked, Instant.now(), Duration.ofDays(1), BigInteger.valueOf(System.nanoTime()))
          .getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
