package fr.strasbourg.metrocloud.signatures.application;

import eu.europa.esig.dss.alert.exception.AlertException;
import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.spi.x509.tsp.TSPSource;
import fr.strasbourg.metrocloud.kernel.problem.PayloadTooLargeProblem;
import fr.strasbourg.metrocloud.kernel.problem.UnprocessableProblem;
import fr.strasbourg.metrocloud.kernel.problem.UnsupportedMediaTypeProblem;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.signatures.api.PdfSigning;
import fr.strasbourg.metrocloud.signatures.api.SignatureValidation;
import fr.strasbourg.metrocloud.signatures.api.Timestamping;
import fr.strasbourg.metrocloud.signatures.domain.KeyCustody;
import fr.strasbourg.metrocloud.signatures.domain.PadesEngine;
import fr.strasbourg.metrocloud.signatures.domain.Pki;
import fr.strasbourg.metrocloud.signatures.domain.SigningCredential;
import fr.strasbourg.metrocloud.signatures.domain.StampText;
import fr.strasbourg.metrocloud.tenants.api.TenantDirectory;
import fr.strasbourg.metrocloud.tenants.api.TenantSummary;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;

/**
 * PAdES-BASELINE-LTA signatures (signature timestamp and archive timestamp by the platform TSA,
 * CRLs embedded), their validation, and timestamps. No database transaction is held while DSS
 * works: certificates and keys are read in short transactions of their own.
 */
@ApplicationScoped
public class PadesSignatures implements PdfSigning, SignatureValidation, Timestamping {

  private static final float MARGIN = 28;
  private static final float GAP = 6;

  @Inject PlatformAuthorities platform;

  @Inject CommuneAuthorities communeAuthorities;

  @Inject SignerCertificates signerCertificates;

  @Inject Crls crls;

  @Inject KeyCustody custody;

  @Inject TenantDirectory directory;

  @Inject Clock clock;

  /** Geometry of a PDF, as signing needs it. */
  record Geometry(PdfFacts facts, List<PDRectangle> pages) {}

  @Override
  public PdfFacts inspect(byte[] pdf) {
    return geometry(pdf).facts();
  }

  @Override
  public SignedPdf sign(CallContext signer, byte[] pdf, SignatureRequest request) {
    Geometry geometry = geometry(pdf);
    String communeName = communeName(signer);
    CommuneAuthorities.CommuneCa ca = communeAuthorities.ensure(signer, communeName);
    if (ca.revoked()) {
      throw new UnprocessableProblem(
          "signing-ca-revoked", "L'autorité de signature de la commune est révoquée.");
    }
    SignerCertificates.SignerCertificate certificate =
        signerCertificates
            .active(signer, signer.actor().subject())
            .orElseGet(() -> signerCertificates.issue(signer, signer.actor(), communeName, ca));
    SigningCredential credential = credential(signer, certificate, ca);
    Instant at = clock.instant();
    String onBehalfOf = blankToNull(request.onBehalfOf());
    String stamp =
        StampText.of(
            signer.actor().displayName(), request.signerTitle(), communeName, onBehalfOf, at);
    PadesEngine engine = engine();
    byte[] signed = null;
    if (request.position() != null) {
      float[] xy = chosenPosition(geometry, request.position());
      signed =
          signAt(
              engine,
              pdf,
              credential,
              signer,
              request,
              communeName,
              stamp,
              at,
              (int) xy[0],
              xy[1],
              xy[2]);
      if (signed == null) {
        throw new UnprocessableProblem(
            "stamp-overlaps",
            "Le tampon de signature chevaucherait une signature existante : choisissez une autre"
                + " position.");
      }
    } else {
      int page = geometry.pages().size();
      PDRectangle box = geometry.pages().get(page - 1);
      for (int slot = geometry.facts().existingSignatures(); signed == null && slot < 40; slot++) {
        float[] xy = slot(box, slot);
        signed =
            signAt(
                engine,
                pdf,
                credential,
                signer,
                request,
                communeName,
                stamp,
                at,
                page,
                xy[0],
                xy[1]);
      }
      if (signed == null) {
        throw new UnprocessableProblem(
            "stamp-overlaps", "Plus de place pour un tampon de signature sur la dernière page.");
      }
    }
    return new SignedPdf(
        signed,
        certificate.serial(),
        certificate.subjectDn(),
        certificate.sha256(),
        SignatureLevel.PAdES_BASELINE_LTA.toString(),
        at);
  }

  @Override
  public ValidationReport validate(String fileName, byte[] pdf) {
    geometry(pdf);
    return engine().validate(fileName == null ? "document.pdf" : fileName, pdf);
  }

  @Override
  public byte[] timestamp(byte[] sha256Digest) {
    return tsp().getTimeStampResponse(DigestAlgorithm.SHA256, sha256Digest).getBytes();
  }

  @Override
  public byte[] authorityCertificateDer() {
    return der(timestampAuthorityCertificate());
  }

  @Override
  public byte[] rootCertificateDer() {
    return der(rootCertificate());
  }

  private static byte[] der(X509Certificate certificate) {
    try {
      return certificate.getEncoded();
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public Check verify(byte[] token, byte[] sha256Digest) {
    org.bouncycastle.tsp.TimeStampToken tst;
    try {
      tst = new org.bouncycastle.tsp.TimeStampToken(new org.bouncycastle.cms.CMSSignedData(token));
    } catch (Exception e) {
      return new Check(false, null, "Le jeton d'horodatage est illisible.");
    }
    Instant time = tst.getTimeStampInfo().getGenTime().toInstant();
    try {
      tst.validate(
          new org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder()
              .build(timestampAuthorityCertificate()));
    } catch (Exception e) {
      return new Check(
          false, time, "Le jeton n'est pas signé par l'autorité d'horodatage de la plateforme.");
    }
    if (!java.util.Arrays.equals(tst.getTimeStampInfo().getMessageImprintDigest(), sha256Digest)) {
      return new Check(false, time, "Le jeton d'horodatage porte sur une autre empreinte.");
    }
    return new Check(true, time, null);
  }

  /** The platform root certificate (the trust anchor verifiers need). */
  public X509Certificate rootCertificate() {
    return platform.root().certificate();
  }

  public X509Certificate timestampAuthorityCertificate() {
    return platform.timestampAuthority().certificate();
  }

  private byte[] signAt(
      PadesEngine engine,
      byte[] pdf,
      SigningCredential credential,
      CallContext signer,
      SignatureRequest request,
      String communeName,
      String stamp,
      Instant at,
      int page,
      float x,
      float y) {
    try {
      return engine.sign(
          pdf,
          credential,
          new PadesEngine.Signing(
              SignatureLevel.PAdES_BASELINE_LTA,
              signer.actor().displayName(),
              communeName,
              StampText.reason(request.reason(), blankToNull(request.onBehalfOf())),
              stamp,
              page,
              x,
              y,
              at));
    } catch (AlertException e) {
      if (e.getMessage() != null && e.getMessage().contains("overlaps")) {
        return null;
      }
      throw e;
    }
  }

  /** Bottom-right first, then upwards, then the next column to the left. */
  static float[] slot(PDRectangle box, int slot) {
    float w = box.getWidth();
    float h = box.getHeight();
    int perColumn = Math.max(1, (int) ((h - 2 * MARGIN + GAP) / (PadesEngine.STAMP_HEIGHT + GAP)));
    int column = slot / perColumn;
    int row = slot % perColumn;
    float x =
        Math.max(
            0, w - MARGIN - PadesEngine.STAMP_WIDTH - column * (PadesEngine.STAMP_WIDTH + GAP));
    float y = h - MARGIN - PadesEngine.STAMP_HEIGHT - row * (PadesEngine.STAMP_HEIGHT + GAP);
    return new float[] {x, Math.max(0, y)};
  }

  private static float[] chosenPosition(Geometry geometry, StampPosition position) {
    int pages = geometry.pages().size();
    int page = position.page() == 0 ? pages : position.page();
    if (page < 1 || page > pages) {
      throw new UnprocessableProblem(
          "invalid-stamp-position",
          "La page " + position.page() + " n'existe pas (" + pages + " pages).");
    }
    PDRectangle box = geometry.pages().get(page - 1);
    if (position.x() < 0
        || position.y() < 0
        || position.x() + PadesEngine.STAMP_WIDTH > box.getWidth()
        || position.y() + PadesEngine.STAMP_HEIGHT > box.getHeight()) {
      throw new UnprocessableProblem(
          "invalid-stamp-position",
          String.format(
              Locale.FRENCH,
              "Le tampon (%.0f × %.0f points) doit tenir dans la page (%.0f × %.0f points).",
              PadesEngine.STAMP_WIDTH,
              PadesEngine.STAMP_HEIGHT,
              box.getWidth(),
              box.getHeight()));
    }
    return new float[] {page, position.x(), position.y()};
  }

  private SigningCredential credential(
      CallContext signer,
      SignerCertificates.SignerCertificate certificate,
      CommuneAuthorities.CommuneCa ca) {
    List<X509Certificate> chain = List.of(ca.certificate(), platform.root().certificate());
    return new SigningCredential() {
      @Override
      public X509Certificate certificate() {
        return certificate.certificate();
      }

      @Override
      public List<X509Certificate> chain() {
        return chain;
      }

      @Override
      public byte[] signSha256WithEcdsa(byte[] data) {
        return custody.signSha256WithEcdsa(
            signer, certificate.purpose(), certificate.keyReference(), data);
      }
    };
  }

  private PadesEngine engine() {
    return new PadesEngine(tsp(), crls::crlOfIssuer, List.of(platform.root().certificate()));
  }

  private TSPSource tsp() {
    Pki.Issued tsa = platform.timestampAuthority();
    return PadesEngine.timestampAuthority(
        tsa.privateKey(), tsa.certificate(), List.of(platform.root().certificate()));
  }

  private String communeName(CallContext signer) {
    String name =
        directory.ownCommune(signer).map(TenantSummary::name).orElse(signer.tenant().value());
    return communeLabel(name);
  }

  /** "Commune de Bischheim", "Commune d'Illkirch-Graffenstaden". */
  public static String communeLabel(String name) {
    char first = Character.toUpperCase(name.isEmpty() ? 'X' : name.charAt(0));
    return "AEIOUYÉÈÊ".indexOf(first) >= 0 ? "Commune d'" + name : "Commune de " + name;
  }

  static Geometry geometry(byte[] pdf) {
    if (pdf.length > MAX_PDF_BYTES) {
      throw new PayloadTooLargeProblem(
          "pdf-too-large",
          "Le PDF dépasse "
              + (MAX_PDF_BYTES / (1024 * 1024))
              + " Mo, la taille maximale signable.");
    }
    if (!startsLikePdf(pdf)) {
      throw new UnsupportedMediaTypeProblem(
          "not-a-pdf",
          "Le fichier n'est pas un PDF : seuls les documents PDF se signent et se valident.");
    }
    try (PDDocument document = Loader.loadPDF(pdf)) {
      if (document.isEncrypted()) {
        throw encrypted();
      }
      int pages = document.getNumberOfPages();
      if (pages == 0) {
        throw corrupt("il ne contient aucune page");
      }
      List<PDRectangle> boxes = new java.util.ArrayList<>();
      document.getPages().forEach(p -> boxes.add(p.getMediaBox()));
      return new Geometry(new PdfFacts(pages, document.getSignatureDictionaries().size()), boxes);
    } catch (InvalidPasswordException e) {
      throw encrypted();
    } catch (java.io.IOException | RuntimeException e) {
      if (e instanceof fr.strasbourg.metrocloud.kernel.problem.Problem p) {
        throw p;
      }
      throw corrupt(e.getMessage());
    }
  }

  private static boolean startsLikePdf(byte[] pdf) {
    int limit = Math.min(pdf.length, 1024);
    String head = new String(pdf, 0, limit, StandardCharsets.ISO_8859_1);
    return head.contains("%PDF-");
  }

  private static UnprocessableProblem encrypted() {
    return new UnprocessableProblem(
        "encrypted-pdf",
        "Le PDF est chiffré ou protégé par mot de passe : enregistrez-en une version sans protection"
            + " pour le signer.");
  }

  private static UnprocessableProblem corrupt(String why) {
    return new UnprocessableProblem(
        "corrupt-pdf",
        "Le PDF est endommagé et ne peut pas être lu" + (why == null ? "." : " (" + why + ")."));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
