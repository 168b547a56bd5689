package fr.strasbourg.metrocloud.signatures.application;

import fr.strasbourg.metrocloud.kernel.audit.AuditRecord;
import fr.strasbourg.metrocloud.kernel.audit.AuditTrail;
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

/** The communes' signing CAs (one each, issued by the platform root). */
@ApplicationScoped
@Transactional
@TenantBound
public class CommuneAuthorities {

  static final String PURPOSE = "signing-ca";

  @PersistenceContext EntityManager em;

  @Inject PlatformAuthorities platform;

  @Inject KeyCustody custody;

  @Inject PkiSettings settings;

  @Inject AuditTrail audit;

  @Inject Clock clock;

  /** A commune's CA. */
  public record CommuneCa(
      String tenant, X509Certificate certificate, byte[] keyReference, Instant revokedAt) {

    public boolean revoked() {
      return revokedAt != null;
    }

    public String serial() {
      return Pki.serialHex(certificate.getSerialNumber());
    }
  }

  public Optional<CommuneCa> find(CallContext commune) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT tenant_id, certificate, key_reference, revoked_at"
                    + " FROM pki_commune_authorities WHERE tenant_id = ?1")
            .setParameter(1, commune.tenant().value())
            .getResultList();
    return rows.stream().findFirst().map(CommuneAuthorities::toCa);
  }

  /** Creates the commune's CA unless it has one; idempotent (concurrent calls agree on one). */
  public CommuneCa ensure(CallContext commune, String communeName) {
    Optional<CommuneCa> existing = find(commune);
    if (existing.isPresent()) {
      return existing.get();
    }
    Instant now = clock.instant();
    KeyCustody.CustodiedKey key = custody.generate(commune, PURPOSE);
    X509Certificate certificate =
        Pki.issue(
            platform.root().asIssuer(),
            Pki.Profile.SIGNING_CA,
            Pki.name("AC de signature — " + communeName, communeName),
            key.publicKey(),
            now,
            settings.communeCaValidity(),
            settings.crlUrl("root"));
    int inserted;
    try {
      inserted =
          em.createNativeQuery(
                  "INSERT INTO pki_commune_authorities"
                      + " (tenant_id, serial, certificate, key_reference, created_at)"
                      + " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (tenant_id) DO NOTHING")
              .setParameter(1, commune.tenant().value())
              .setParameter(2, Pki.serialHex(certificate.getSerialNumber()))
              .setParameter(3, certificate.getEncoded())
              .setParameter(4, key.reference())
              .setParameter(5, Timestamp.from(now))
              .executeUpdate();
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
    if (inserted == 1) {
      audit.record(
          commune,
          AuditRecord.success(
                  "pki.signing-ca.created",
                  "certificate",
                  Pki.serialHex(certificate.getSerialNumber()))
              .withDetail("subject", certificate.getSubjectX500Principal().getName()));
    }
    return find(commune).orElseThrow();
  }

  /** Revokes the commune's CA (decommissioning): the root's CRL lists it from then on. */
  public void revoke(CallContext commune, int reason) {
    int updated =
        em.createNativeQuery(
                "UPDATE pki_commune_authorities SET revoked_at = ?2, revocation_reason = ?3"
                    + " WHERE tenant_id = ?1 AND revoked_at IS NULL")
            .setParameter(1, commune.tenant().value())
            .setParameter(2, Timestamp.from(clock.instant()))
            .setParameter(3, reason)
            .executeUpdate();
    if (updated > 0) {
      audit.record(
          commune,
          AuditRecord.success("pki.signing-ca.revoked", "tenant", commune.tenant().value()));
    }
  }

  /** Every revoked commune CA (for the root's CRL): a cross-tenant read. */
  public List<Pki.Revoked> revokedAuthorities(CallContext crossTenantReader) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT serial, revoked_at, revocation_reason FROM pki_commune_authorities"
                    + " WHERE revoked_at IS NOT NULL ORDER BY revoked_at")
            .getResultList();
    return rows.stream().map(Pki.Revoked::ofRow).toList();
  }

  /** The commune whose CA has this serial (a cross-tenant read). */
  public Optional<CommuneCa> bySerial(CallContext crossTenantReader, String serial) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT tenant_id, certificate, key_reference, revoked_at"
                    + " FROM pki_commune_authorities WHERE serial = ?1")
            .setParameter(1, serial)
            .getResultList();
    return rows.stream().findFirst().map(CommuneAuthorities::toCa);
  }

  private static CommuneCa toCa(Object[] row) {
    return new CommuneCa(
        (String) row[0],
        Pki.certificate((byte[]) row[1]),
        (byte[]) row[2],
        row[3] == null ? null : ((Timestamp) row[3]).toInstant());
  }
}
