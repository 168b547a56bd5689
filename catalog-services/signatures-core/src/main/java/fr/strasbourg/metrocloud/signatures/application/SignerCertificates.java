package fr.strasbourg.metrocloud.signatures.application;

import fr.strasbourg.metrocloud.kernel.audit.AuditRecord;
import fr.strasbourg.metrocloud.kernel.audit.AuditTrail;
import fr.strasbourg.metrocloud.kernel.tenancy.Actor;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.TenantBound;
import fr.strasbourg.metrocloud.signatures.domain.KeyCustody;
import fr.strasbourg.metrocloud.signatures.domain.Pki;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Signers' certificates: issued on a signer's first signature, revoked when they leave. */
@ApplicationScoped
@Transactional
@TenantBound
public class SignerCertificates {

  private static final String COLUMNS =
      "id, signer_subject, signer_username, signer_name, serial, subject_dn, sha256, certificate,"
          + " key_reference, issued_at, not_after, revoked_at, revocation_reason, revoked_by";

  @PersistenceContext EntityManager em;

  @Inject KeyCustody custody;

  @Inject PkiSettings settings;

  @Inject AuditTrail audit;

  @Inject Clock clock;

  /** A signer's certificate. */
  public record SignerCertificate(
      UUID id,
      String signerSubject,
      String signerUsername,
      String signerName,
      String serial,
      String subjectDn,
      String sha256,
      X509Certificate certificate,
      byte[] keyReference,
      Instant issuedAt,
      Instant notAfter,
      Instant revokedAt,
      Integer revocationReason,
      String revokedBy) {

    public String purpose() {
      return "signer/" + id;
    }
  }

  /** The signer's usable certificate (not revoked, not expiring within a day). */
  public Optional<SignerCertificate> active(CallContext commune, String signerSubject) {
    return query(
            "WHERE signer_subject = ?1 AND revoked_at IS NULL AND not_after > ?2",
            signerSubject,
            Timestamp.from(clock.instant().plusSeconds(86_400)))
        .stream()
        .findFirst();
  }

  /**
   * Issues the caller's certificate below the commune's CA; a concurrent first signature of the
   * same person gets the same certificate.
   */
  public SignerCertificate issue(
      CallContext commune, Actor signer, String communeName, CommuneAuthorities.CommuneCa ca) {
    // an expiring certificate is superseded
    supersedeExpiring(commune, signer.subject());
    UUID id = UUID.randomUUID();
    Instant now = clock.instant();
    KeyCustody.CustodiedKey key = custody.generate(commune, "signer/" + id);
    X509Certificate certificate =
        Pki.issue(
            new Pki.Issuer(
                ca.certificate(),
                custody.contentSigner(commune, CommuneAuthorities.PURPOSE, ca.keyReference())),
            Pki.Profile.SIGNER,
            Pki.name(signer.displayName(), communeName),
            key.publicKey(),
            now,
            settings.signerValidity(),
            settings.crlUrl(commune.tenant().value()));
    int inserted;
    try {
      byte[] der = certificate.getEncoded();
      inserted =
          em.createNativeQuery(
                  "INSERT INTO pki_signer_certificates (id, tenant_id, signer_subject,"
                      + " signer_username, signer_name, serial, subject_dn, sha256, certificate,"
                      + " key_reference, issued_at, not_after)"
                      + " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
                      + " ON CONFLICT (tenant_id, signer_subject) WHERE revoked_at IS NULL"
                      + " DO NOTHING")
              .setParameter(1, id)
              .setParameter(2, commune.tenant().value())
              .setParameter(3, signer.subject())
              .setParameter(4, signer.username())
              .setParameter(5, signer.displayName())
              .setParameter(6, Pki.serialHex(certificate.getSerialNumber()))
              .setParameter(7, certificate.getSubjectX500Principal().getName())
              .setParameter(8, Pki.sha256(der))
              .setParameter(9, der)
              .setParameter(10, key.reference())
              .setParameter(11, Timestamp.from(now))
              .setParameter(12, Timestamp.from(certificate.getNotAfter().toInstant()))
              .executeUpdate();
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
    if (inserted == 1) {
      audit.record(
          commune,
          AuditRecord.success(
                  "pki.signer-certificate.issued",
                  "certificate",
                  Pki.serialHex(certificate.getSerialNumber()))
              .withDetail("signer", signer.username()));
    }
    return query("WHERE signer_subject = ?1 AND revoked_at IS NULL", signer.subject(), null)
        .stream()
        .findFirst()
        .orElseThrow();
  }

  /** The commune's certificates, newest first. */
  public List<SignerCertificate> list(CallContext commune) {
    return query("", null, null);
  }

  /**
   * Revokes every usable certificate of a person (an agent who leaves, a compromised key); the
   * commune's CRL lists them from now on. Returns how many were revoked.
   */
  public List<SignerCertificate> revoke(CallContext commune, String username, int reason) {
    List<SignerCertificate> active =
        query("WHERE lower(signer_username) = lower(?1) AND revoked_at IS NULL", username, null);
    Instant now = clock.instant();
    for (SignerCertificate c : active) {
      em.createNativeQuery(
              "UPDATE pki_signer_certificates SET revoked_at = ?2, revocation_reason = ?3,"
                  + " revoked_by = ?4 WHERE id = ?1 AND revoked_at IS NULL")
          .setParameter(1, c.id())
          .setParameter(2, Timestamp.from(now))
          .setParameter(3, reason)
          .setParameter(4, commune.actor().username())
          .executeUpdate();
      audit.record(
          commune,
          AuditRecord.success("pki.signer-certificate.revoked", "certificate", c.serial())
              .withDetail("signer", c.signerUsername())
              .withDetail("reason", String.valueOf(reason)));
    }
    return active;
  }

  /** The commune's revoked certificates, for its CRL. */
  public List<Pki.Revoked> revoked(CallContext commune) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT serial, revoked_at, revocation_reason FROM pki_signer_certificates"
                    + " WHERE revoked_at IS NOT NULL ORDER BY revoked_at")
            .getResultList();
    return rows.stream().map(Pki.Revoked::ofRow).toList();
  }

  private void supersedeExpiring(CallContext commune, String subject) {
    em.createNativeQuery(
            "UPDATE pki_signer_certificates SET revoked_at = ?2, revocation_reason = ?3,"
                + " revoked_by = 'system:pki' WHERE signer_subject = ?1 AND revoked_at IS NULL"
                + " AND not_after <= ?4")
        .setParameter(1, subject)
        .setParameter(2, Timestamp.from(clock.instant()))
        .setParameter(3, Pki.REASON_SUPERSEDED)
        .setParameter(4, Timestamp.from(clock.instant().plusSeconds(86_400)))
        .executeUpdate();
  }

  private List<SignerCertificate> query(String where, Object p1, Object p2) {
    var q =
        em.createNativeQuery(
            "SELECT "
                + COLUMNS
                + " FROM pki_signer_certificates "
                + where
                + " ORDER BY issued_at DESC");
    if (p1 != null) {
      q.setParameter(1, p1);
    }
    if (p2 != null) {
      q.setParameter(2, p2);
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows = q.getResultList();
    return rows.stream().map(SignerCertificates::toCertificate).toList();
  }

  private static SignerCertificate toCertificate(Object[] r) {
    return new SignerCertificate(
        r[0] instanceof UUID u ? u : UUID.fromString(String.valueOf(r[0])),
        (String) r[1],
        (String) r[2],
        (String) r[3],
        (String) r[4],
        (String) r[5],
        (String) r[6],
        Pki.certificate((byte[]) r[7]),
        (byte[]) r[8],
        ((Timestamp) r[9]).toInstant(),
        ((Timestamp) r[10]).toInstant(),
        r[11] == null ? null : ((Timestamp) r[11]).toInstant(),
        r[12] == null ? null : ((Number) r[12]).intValue(),
        (String) r[13]);
  }
}
