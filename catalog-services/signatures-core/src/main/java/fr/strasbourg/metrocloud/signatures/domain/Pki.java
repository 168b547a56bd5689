package fr.strasbourg.metrocloud.signatures.domain;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The certificate-authority operations of the platform PKI, without storage: key pairs (ECDSA
 * P-256), the root CA, the communes' signing CAs, signer and timestamping certificates, CRLs.
 */
public final class Pki {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";

  private Pki() {}

  /** An issued certificate and its private key. */
  public record Issued(X509Certificate certificate, PrivateKey privateKey) {
    public Issuer asIssuer() {
      return new Issuer(certificate, contentSigner(privateKey));
    }
  }

  /**
   * A CA as an issuer: its certificate and something that signs with its key (in software, or
   * through a key custody that never exports the key).
   */
  public record Issuer(X509Certificate certificate, ContentSigner signer) {}

  /** The kinds of certificate the platform issues below its root. */
  public enum Profile {
    SIGNING_CA,
    SIGNER,
    TIMESTAMPING
  }

  /** Issues a certificate for {@code key} below {@code issuer}. */
  public static X509Certificate issue(
      Issuer issuer,
      Profile profile,
      X500Name subject,
      PublicKey key,
      Instant now,
      Duration validity,
      String crlUrl) {
    X509v3CertificateBuilder builder = issuedBy(issuer.certificate(), subject, key, now, validity);
    try {
      switch (profile) {
        case SIGNING_CA -> {
          builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
          builder.addExtension(
              Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        }
        case SIGNER -> {
          builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
          builder.addExtension(
              Extension.keyUsage,
              true,
              new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
        }
        case TIMESTAMPING -> {
          builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
          builder.addExtension(
              Extension.keyUsage,
              true,
              new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
          builder.addExtension(
              Extension.extendedKeyUsage,
              true,
              new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
        }
      }
      crlDistributionPoint(builder, crlUrl);
      return new JcaX509CertificateConverter().getCertificate(builder.build(issuer.signer()));
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("Cannot issue a certificate", e);
    }
  }

  /** A revoked certificate as a CRL lists it. */
  public record Revoked(BigInteger serial, Instant at, int reason) {

    /** From a database row {@code (serial hex, revoked_at, revocation_reason)}. */
    public static Revoked ofRow(Object[] row) {
      return new Revoked(
          new BigInteger((String) row[0], 16),
          ((java.sql.Timestamp) row[1]).toInstant(),
          ((Number) row[2]).intValue());
    }
  }

  public static KeyPair newKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A random positive 127-bit serial number. */
  public static BigInteger newSerial() {
    return new BigInteger(127, RANDOM).setBit(120);
  }

  public static X500Name name(String commonName, String organization) {
    X500NameBuilder b = new X500NameBuilder(BCStyle.INSTANCE);
    b.addRDN(BCStyle.C, "FR");
    if (organization != null) {
      b.addRDN(BCStyle.O, organization);
    }
    b.addRDN(BCStyle.CN, commonName);
    return b.build();
  }

  /** The self-signed platform root CA. */
  public static Issued root(X500Name subject, Instant now, Duration validity) {
    KeyPair keys = newKeyPair();
    X509v3CertificateBuilder builder =
        builder(subject, subject, keys.getPublic(), now, validity, keys.getPublic());
    try {
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      builder.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      return new Issued(
          new JcaX509CertificateConverter()
              .getCertificate(builder.build(contentSigner(keys.getPrivate()))),
          keys.getPrivate());
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A subordinate CA that issues end-entity certificates only (path length 0). */
  public static Issued subordinateCa(
      Issued issuer, X500Name subject, Instant now, Duration validity, String crlUrl) {
    KeyPair keys = newKeyPair();
    return new Issued(
        issue(
            issuer.asIssuer(),
            Profile.SIGNING_CA,
            subject,
            keys.getPublic(),
            now,
            validity,
            crlUrl),
        keys.getPrivate());
  }

  /** A signer's certificate: digital signature and non-repudiation (content commitment). */
  public static Issued signer(
      Issued issuer, X500Name subject, Instant now, Duration validity, String crlUrl) {
    KeyPair keys = newKeyPair();
    return new Issued(
        issue(issuer.asIssuer(), Profile.SIGNER, subject, keys.getPublic(), now, validity, crlUrl),
        keys.getPrivate());
  }

  /** The timestamp authority's certificate (critical extended key usage timeStamping). */
  public static Issued timestamping(
      Issued issuer, X500Name subject, Instant now, Duration validity, String crlUrl) {
    KeyPair keys = newKeyPair();
    return new Issued(
        issue(
            issuer.asIssuer(),
            Profile.TIMESTAMPING,
            subject,
            keys.getPublic(),
            now,
            validity,
            crlUrl),
        keys.getPrivate());
  }

  /** A CRL of {@code issuer}, valid for {@code validity} from {@code now}. */
  public static X509CRL crl(
      Issued issuer, List<Revoked> revoked, Instant now, Duration validity, BigInteger number) {
    return crl(issuer.asIssuer(), revoked, now, validity, number);
  }

  /** A CRL signed by an issuer whose key may live in a key custody. */
  public static X509CRL crl(
      Issuer issuer, List<Revoked> revoked, Instant now, Duration validity, BigInteger number) {
    try {
      X509v2CRLBuilder builder =
          new X509v2CRLBuilder(
              new X509CertificateHolder(issuer.certificate().getEncoded()).getSubject(),
              Date.from(now));
      builder.setNextUpdate(Date.from(now.plus(validity)));
      for (Revoked r : revoked) {
        builder.addCRLEntry(r.serial(), Date.from(r.at()), r.reason());
      }
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
      builder.addExtension(
          Extension.authorityKeyIdentifier,
          false,
          utils.createAuthorityKeyIdentifier(issuer.certificate()));
      builder.addExtension(Extension.cRLNumber, false, new CRLNumber(number));
      return new JcaX509CRLConverter().getCRL(builder.build(issuer.signer()));
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("Cannot build a CRL", e);
    }
  }

  /** Reason code for a signer who left the commune. */
  public static final int REASON_AFFILIATION_CHANGED = CRLReason.affiliationChanged;

  public static final int REASON_CESSATION_OF_OPERATION = CRLReason.cessationOfOperation;

  public static final int REASON_KEY_COMPROMISE = CRLReason.keyCompromise;

  public static final int REASON_SUPERSEDED = CRLReason.superseded;

  public static X509Certificate certificate(byte[] der) {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(der));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Not a certificate", e);
    }
  }

  public static PrivateKey privateKey(byte[] pkcs8) {
    try {
      return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Not an EC private key", e);
    }
  }

  public static String sha256(byte[] data) {
    try {
      return HexFormat.of()
          .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(data));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String serialHex(BigInteger serial) {
    return serial.toString(16);
  }

  private static X509v3CertificateBuilder issuedBy(
      X509Certificate issuer, X500Name subject, PublicKey key, Instant now, Duration validity) {
    try {
      X500Name issuerName = new X509CertificateHolder(issuer.getEncoded()).getSubject();
      return builder(issuerName, subject, key, now, validity, issuer.getPublicKey());
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static X509v3CertificateBuilder builder(
      X500Name issuer,
      X500Name subject,
      PublicKey key,
      Instant now,
      Duration validity,
      PublicKey issuerKey) {
    try {
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
              issuer,
              newSerial(),
              Date.from(now.minus(Duration.ofMinutes(5))),
              Date.from(now.plus(validity)),
              subject,
              key);
      b.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(key));
      b.addExtension(
          Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(issuerKey));
      return b;
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void crlDistributionPoint(X509v3CertificateBuilder builder, String url)
      throws java.io.IOException {
    if (url == null) {
      return;
    }
    DistributionPoint point =
        new DistributionPoint(
            new DistributionPointName(
                new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, url))),
            null,
            null);
    builder.addExtension(
        Extension.cRLDistributionPoints,
        false,
        new org.bouncycastle.asn1.x509.CRLDistPoint(new DistributionPoint[] {point}));
  }

  /** Signs with a software key (SHA-256 with ECDSA). */
  public static ContentSigner contentSigner(PrivateKey key) {
    try {
      return new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(key);
    } catch (org.bouncycastle.operator.OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
  }
}
