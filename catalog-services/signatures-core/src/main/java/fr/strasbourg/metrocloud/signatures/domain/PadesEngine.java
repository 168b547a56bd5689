package fr.strasbourg.metrocloud.signatures.domain;

import eu.europa.esig.dss.alert.LogOnStatusAlert;
import eu.europa.esig.dss.crl.CRLBinary;
import eu.europa.esig.dss.crl.CRLUtils;
import eu.europa.esig.dss.diagnostic.CertificateRevocationWrapper;
import eu.europa.esig.dss.diagnostic.CertificateWrapper;
import eu.europa.esig.dss.diagnostic.DiagnosticData;
import eu.europa.esig.dss.diagnostic.SignatureWrapper;
import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.EncryptionAlgorithm;
import eu.europa.esig.dss.enumerations.MimeTypeEnum;
import eu.europa.esig.dss.enumerations.RevocationOrigin;
import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.enumerations.SignerTextHorizontalAlignment;
import eu.europa.esig.dss.jaxb.object.Message;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.ToBeSigned;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.pades.PAdESSignatureParameters;
import eu.europa.esig.dss.pades.SignatureFieldParameters;
import eu.europa.esig.dss.pades.SignatureImageParameters;
import eu.europa.esig.dss.pades.SignatureImageTextParameters;
import eu.europa.esig.dss.pades.signature.PAdESService;
import eu.europa.esig.dss.pades.validation.PDFDocumentValidator;
import eu.europa.esig.dss.simplereport.SimpleReport;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.spi.x509.revocation.crl.CRLSource;
import eu.europa.esig.dss.spi.x509.revocation.crl.CRLToken;
import eu.europa.esig.dss.spi.x509.tsp.KeyEntityTSPSource;
import eu.europa.esig.dss.spi.x509.tsp.TSPSource;
import eu.europa.esig.dss.validation.reports.Reports;
import fr.strasbourg.metrocloud.signatures.api.SignatureValidation.SignatureResult;
import fr.strasbourg.metrocloud.signatures.api.SignatureValidation.ValidationReport;
import java.awt.Color;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.event.Level;

/**
 * PAdES signing and validation with EU DSS, against the platform's trust anchor, timestamp
 * authority and CRLs. Pure: the PKI's state comes in through the constructor.
 */
public final class PadesEngine {

  /** Stamp size in PDF points. */
  public static final float STAMP_WIDTH = 230;

  public static final float STAMP_HEIGHT = 62;

  private final TSPSource timestamps;
  private final CRLSource crls;
  private final Function<X509Certificate, Optional<byte[]>> crlOfIssuer;
  private final List<X509Certificate> trustAnchors;

  /**
   * @param crlOfIssuer the current CRL (DER) of a platform CA, empty for a CA the platform does not
   *     run
   */
  public PadesEngine(
      TSPSource timestamps,
      Function<X509Certificate, Optional<byte[]>> crlOfIssuer,
      List<X509Certificate> trustAnchors) {
    this.timestamps = timestamps;
    this.crls = new IssuerCrlSource(crlOfIssuer);
    this.crlOfIssuer = crlOfIssuer;
    this.trustAnchors = List.copyOf(trustAnchors);
  }

  /** The platform's timestamp authority, in process (ECDSA P-256 key, SHA-256, policy OID). */
  public static KeyEntityTSPSource timestampAuthority(
      java.security.PrivateKey key, X509Certificate certificate, List<X509Certificate> chain) {
    List<X509Certificate> withSelf = new ArrayList<>();
    withSelf.add(certificate);
    withSelf.addAll(chain);
    KeyEntityTSPSource tsp = new KeyEntityTSPSource(key, certificate, withSelf);
    tsp.setEncryptionAlgorithm(EncryptionAlgorithm.ECDSA);
    tsp.setDigestAlgorithm(DigestAlgorithm.SHA256);
    tsp.setTsaPolicy(TSA_POLICY);
    return tsp;
  }

  /** The timestamping policy of the platform TSA (private arc of the test range). */
  public static final String TSA_POLICY = "1.3.6.1.4.1.55555.1.1";

  /** What to sign and how. */
  public record Signing(
      SignatureLevel level,
      String signerName,
      String location,
      String reason,
      String stampText,
      int page,
      float x,
      float y,
      Instant at) {}

  public byte[] sign(byte[] pdf, SigningCredential credential, Signing signing) {
    DSSDocument document = new InMemoryDocument(pdf, "document.pdf", MimeTypeEnum.PDF);
    PAdESSignatureParameters parameters = new PAdESSignatureParameters();
    parameters.setSignatureLevel(signing.level());
    parameters.setDigestAlgorithm(DigestAlgorithm.SHA256);
    parameters.setSigningCertificate(new CertificateToken(credential.certificate()));
    List<CertificateToken> chain = new ArrayList<>();
    chain.add(new CertificateToken(credential.certificate()));
    credential.chain().forEach(c -> chain.add(new CertificateToken(c)));
    parameters.setCertificateChain(chain);
    parameters.bLevel().setSigningDate(Date.from(signing.at()));
    parameters.setSignerName(signing.signerName());
    parameters.setLocation(signing.location());
    parameters.setReason(signing.reason());
    parameters.setAppName("MetroCloud — parapheur de l'Eurométropole de Strasbourg");
    parameters.setContentSize(24_576);
    if (signing.stampText() != null) {
      SignatureImageParameters image = new SignatureImageParameters();
      SignatureImageTextParameters text = new SignatureImageTextParameters();
      text.setText(signing.stampText());
      text.setSignerTextHorizontalAlignment(SignerTextHorizontalAlignment.LEFT);
      text.setBackgroundColor(new Color(0xF1, 0xF5, 0xFB));
      text.setTextColor(new Color(0x1B, 0x1F, 0x3B));
      text.setPadding(4);
      image.setTextParameters(text);
      SignatureFieldParameters field = new SignatureFieldParameters();
      field.setPage(signing.page());
      field.setOriginX(signing.x());
      field.setOriginY(signing.y());
      field.setWidth(STAMP_WIDTH);
      field.setHeight(STAMP_HEIGHT);
      image.setFieldParameters(field);
      parameters.setImageParameters(image);
    }
    PAdESService service = new PAdESService(verifier());
    service.setTspSource(timestamps);
    ToBeSigned toBeSigned = service.getDataToSign(document, parameters);
    SignatureValue value =
        new SignatureValue(
            SignatureAlgorithm.ECDSA_SHA256, credential.signSha256WithEcdsa(toBeSigned.getBytes()));
    DSSDocument signed = service.signDocument(document, parameters, value);
    try (var in = signed.openStream()) {
      return in.readAllBytes();
    } catch (java.io.IOException e) {
      throw new IllegalStateException("Cannot read the signed PDF", e);
    }
  }

  public ValidationReport validate(String fileName, byte[] pdf) {
    PDFDocumentValidator validator =
        new PDFDocumentValidator(new InMemoryDocument(pdf, fileName, MimeTypeEnum.PDF));
    validator.setCertificateVerifier(verifier());
    // the certificates' binaries in the diagnostic data: the current-CRL check of the signer needs
    // them (without them it silently found nothing, and a revocation made after the signature was
    // reported only when DSS happened to fetch a fresher CRL itself)
    validator.setTokenExtractionStrategy(
        eu.europa.esig.dss.enumerations.TokenExtractionStrategy.EXTRACT_CERTIFICATES_ONLY);
    Reports reports = validator.validateDocument();
    SimpleReport simple = reports.getSimpleReport();
    DiagnosticData diagnostic = reports.getDiagnosticData();
    List<SignatureResult> results = new ArrayList<>();
    for (String id : simple.getSignatureIdList()) {
      SignatureWrapper signature = diagnostic.getSignatureById(id);
      CertificateWrapper certificate = signature == null ? null : signature.getSigningCertificate();
      CertificateRevocationWrapper revocation = latestRevocation(certificate);
      java.security.cert.X509CRLEntry current = currentRevocation(certificate);
      boolean trusted =
          signature != null
              && signature.getCertificateChain().stream().anyMatch(c -> c.isTrusted());
      results.add(
          new SignatureResult(
              id,
              String.valueOf(simple.getIndication(id)),
              simple.getSubIndication(id) == null ? null : simple.getSubIndication(id).name(),
              simple.getSignedBy(id),
              instant(simple.getSigningTime(id)),
              instant(simple.getBestSignatureTime(id)),
              simple.getSignatureFormat(id) == null
                  ? null
                  : simple.getSignatureFormat(id).toString(),
              signature == null ? null : signature.getReason(),
              certificate == null ? null : certificate.getCertificateDN(),
              certificate == null ? null : hexSerial(certificate.getSerialNumber()),
              certificate == null ? null : certificate.getCertificateIssuerDN(),
              trusted,
              current != null || (revocation != null && revocation.isRevoked()),
              current != null
                  ? current.getRevocationDate().toInstant()
                  : revocation != null && revocation.isRevoked()
                      ? instant(revocation.getRevocationDate())
                      : null,
              current != null
                  ? reasonName(current)
                  : revocation != null && revocation.isRevoked() && revocation.getReason() != null
                      ? revocation.getReason().name()
                      : null,
              signature != null && !signature.getTimestampList().isEmpty(),
              messages(simple.getAdESValidationErrors(id)),
              messages(simple.getAdESValidationWarnings(id))));
    }
    return new ValidationReport(
        fileName,
        instant(simple.getValidationTime()),
        simple.getSignaturesCount(),
        simple.getValidSignaturesCount(),
        results);
  }

  /**
   * The signer certificate's entry in the current CRL of its issuer when the platform runs that CA:
   * a revocation made after the signature (an agent who left) is reported even when the PDF embeds
   * an older, still fresh CRL that DSS is content with.
   */
  private java.security.cert.X509CRLEntry currentRevocation(CertificateWrapper certificate) {
    if (certificate == null || certificate.getSigningCertificate() == null) {
      return null;
    }
    try {
      java.security.cert.CertificateFactory factory =
          java.security.cert.CertificateFactory.getInstance("X.509");
      X509Certificate issuer =
          (X509Certificate)
              factory.generateCertificate(
                  new java.io.ByteArrayInputStream(
                      certificate.getSigningCertificate().getBinaries()));
      X509Certificate signer =
          (X509Certificate)
              factory.generateCertificate(
                  new java.io.ByteArrayInputStream(certificate.getBinaries()));
      Optional<byte[]> crl = crlOfIssuer.apply(issuer);
      if (crl.isEmpty()) {
        return null;
      }
      java.security.cert.X509CRL parsed =
          (java.security.cert.X509CRL)
              factory.generateCRL(new java.io.ByteArrayInputStream(crl.get()));
      parsed.verify(issuer.getPublicKey());
      return parsed.getRevokedCertificate(signer.getSerialNumber());
    } catch (java.security.GeneralSecurityException | RuntimeException e) {
      return null;
    }
  }

  private static String reasonName(java.security.cert.X509CRLEntry entry) {
    java.security.cert.CRLReason reason = entry.getRevocationReason();
    return reason == null ? "UNSPECIFIED" : reason.name();
  }

  private static CertificateRevocationWrapper latestRevocation(CertificateWrapper certificate) {
    if (certificate == null) {
      return null;
    }
    CertificateRevocationWrapper latest = null;
    for (CertificateRevocationWrapper r : certificate.getCertificateRevocationData()) {
      if (r.isRevoked()) {
        return r;
      }
      latest = r;
    }
    return latest;
  }

  private CommonCertificateVerifier verifier() {
    CommonCertificateVerifier verifier = new CommonCertificateVerifier();
    CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
    trustAnchors.forEach(c -> trusted.addCertificate(new CertificateToken(c)));
    verifier.setTrustedCertSources(trusted);
    verifier.setCrlSource(crls);
    verifier.setOcspSource(null);
    verifier.setAIASource(null);
    verifier.setCheckRevocationForUntrustedChains(false);
    // A PDF signed elsewhere (foreign, untrusted chain) can still be countersigned: its missing
    // revocation data is logged, not fatal. The platform's own chains always have their CRLs.
    verifier.setAlertOnMissingRevocationData(new LogOnStatusAlert(Level.WARN));
    return verifier;
  }

  /**
   * DSS gives serials in decimal; the platform writes them in hexadecimal (as CRLs and tools do).
   */
  private static String hexSerial(String decimal) {
    try {
      return new java.math.BigInteger(decimal).toString(16);
    } catch (NumberFormatException | NullPointerException e) {
      return decimal;
    }
  }

  private static List<String> messages(List<Message> messages) {
    return messages == null ? List.of() : messages.stream().map(Message::getValue).toList();
  }

  private static Instant instant(Date date) {
    return date == null ? null : date.toInstant();
  }

  /** Answers DSS's revocation requests with the platform's own CRLs, without any network. */
  private static final class IssuerCrlSource implements CRLSource {
    private static final long serialVersionUID = 1L;
    private final transient Function<X509Certificate, Optional<byte[]>> crlOfIssuer;

    IssuerCrlSource(Function<X509Certificate, Optional<byte[]>> crlOfIssuer) {
      this.crlOfIssuer = crlOfIssuer;
    }

    @Override
    public CRLToken getRevocationToken(
        CertificateToken certificate, CertificateToken issuerCertificate) {
      if (issuerCertificate == null) {
        return null;
      }
      Optional<byte[]> crl = crlOfIssuer.apply(issuerCertificate.getCertificate());
      if (crl.isEmpty()) {
        return null;
      }
      try {
        CRLBinary binary = CRLUtils.buildCRLBinary(crl.get());
        CRLToken token =
            new CRLToken(certificate, CRLUtils.buildCRLValidity(binary, issuerCertificate));
        token.setExternalOrigin(RevocationOrigin.EXTERNAL);
        return token;
      } catch (java.io.IOException e) {
        return null;
      }
    }
  }
}
