package fr.strasbourg.metrocloud.signatures.application;

import fr.strasbourg.metrocloud.kernel.tenancy.Actor;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.InseeCode;
import fr.strasbourg.metrocloud.kernel.tenancy.TenantId;
import fr.strasbourg.metrocloud.signatures.domain.KeyCustody;
import fr.strasbourg.metrocloud.signatures.domain.Pki;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.security.cert.CRLException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * The platform's CRLs, produced on request (fresh, signed, valid one day): the root's lists revoked
 * commune CAs, a commune CA's lists its revoked signers. Stateless, so any instance answers.
 */
@ApplicationScoped
public class Crls {

  private static final Actor PKI = Actor.system("pki");

  @Inject PlatformAuthorities platform;

  @Inject CommuneAuthorities communes;

  @Inject SignerCertificates signers;

  @Inject KeyCustody custody;

  @Inject PkiSettings settings;

  @Inject Clock clock;

  public byte[] rootCrl() {
    Instant now = clock.instant();
    return encoded(
        Pki.crl(
            platform.root().asIssuer(),
            communes.revokedAuthorities(CallContext.operator(PKI)),
            now,
            settings.crlValidity(),
            BigInteger.valueOf(now.toEpochMilli())));
  }

  /** A commune CA's CRL; empty if the commune has no CA or its CA is revoked (decommissioned). */
  public Optional<byte[]> communeCrl(InseeCode insee) {
    CallContext commune = CallContext.system("pki", TenantId.of(insee));
    return communes
        .find(commune)
        .filter(ca -> !ca.revoked())
        .map(
            ca -> {
              Instant now = clock.instant();
              return encoded(
                  Pki.crl(
                      new Pki.Issuer(
                          ca.certificate(),
                          custody.contentSigner(
                              commune, CommuneAuthorities.PURPOSE, ca.keyReference())),
                      signers.revoked(commune),
                      now,
                      settings.crlValidity(),
                      BigInteger.valueOf(now.toEpochMilli())));
            });
  }

  /** The CRL of a CA the platform runs, identified by its certificate. */
  public Optional<byte[]> crlOfIssuer(X509Certificate issuer) {
    try {
      if (Arrays.equals(issuer.getEncoded(), platform.root().certificate().getEncoded())) {
        return Optional.of(rootCrl());
      }
      return communes
          .bySerial(CallContext.operator(PKI), Pki.serialHex(issuer.getSerialNumber()))
          .filter(ca -> ca.certificate().equals(issuer))
          .flatMap(ca -> communeCrl(InseeCode.of(ca.tenant())));
    } catch (java.security.cert.CertificateEncodingException e) {
      return Optional.empty();
    }
  }

  private static byte[] encoded(java.security.cert.X509CRL crl) {
    try {
      return crl.getEncoded();
    } catch (CRLException e) {
      throw new IllegalStateException(e);
    }
  }
}
