package fr.strasbourg.metrocloud.app.support;

import eu.europa.esig.dss.enumerations.SignatureLevel;
import fr.strasbourg.metrocloud.signatures.domain.PadesEngine;
import fr.strasbourg.metrocloud.signatures.domain.Pki;
import fr.strasbourg.metrocloud.signatures.domain.SigningCredential;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** PDFs signed by a PKI the platform does not know (a supplier's, another administration's). */
public final class ForeignSignatures {

  private ForeignSignatures() {}

  /** Signs {@code pdf} (PAdES-BASELINE-B) as {@code signerName} of {@code organization}. */
  public static byte[] signedElsewhere(byte[] pdf, String signerName, String organization) {
    Instant now = Instant.now();
    Pki.Issued root =
        Pki.root(Pki.name("AC de " + organization, organization), now, Duration.ofDays(30));
    Pki.Issued signer =
        Pki.signer(root, Pki.name(signerName, organization), now, Duration.ofDays(10), null);
    Pki.Issued tsa =
        Pki.timestamping(root, Pki.name("TSA", organization), now, Duration.ofDays(10), null);
    PadesEngine foreign =
        new PadesEngine(
            PadesEngine.timestampAuthority(
                tsa.privateKey(), tsa.certificate(), List.of(root.certificate())),
            issuer -> Optional.empty(),
            List.of(root.certificate()));
    return foreign.sign(
        pdf,
        SigningCredential.inMemory(signer, List.of(root.certificate())),
        new PadesEngine.Signing(
            SignatureLevel.PAdES_BASELINE_B,
            signerName,
            organization,
            "Accord",
            null,
            1,
            0,
            0,
            now));
  }
}
