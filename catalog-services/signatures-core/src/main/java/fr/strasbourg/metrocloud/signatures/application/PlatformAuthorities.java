package fr.strasbourg.metrocloud.signatures.application;

import fr.strasbourg.metrocloud.signatures.domain.Pki;
import fr.strasbourg.metrocloud.storage.SecretBox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The platform's root CA and timestamp authority. Created once, by whichever instance starts first
 * (the insert is idempotent, so N instances agree on one root), their keys sealed with the master
 * key. Public methods run in a transaction (the first call may create them).
 */
@ApplicationScoped
@Transactional
public class PlatformAuthorities {

  static final String ROOT = "root";
  static final String TSA = "tsa";

  @PersistenceContext EntityManager em;

  @Inject SecretBox secrets;

  @Inject PkiSettings settings;

  @Inject Clock clock;

  private volatile Pki.Issued root;
  private volatile Pki.Issued tsa;

  public Pki.Issued root() {
    load();
    return root;
  }

  public Pki.Issued timestampAuthority() {
    load();
    return tsa;
  }

  private void load() {
    if (root == null || tsa == null) {
      synchronized (this) {
        if (root == null || tsa == null) {
          Map<String, Pki.Issued> loaded = loadOrCreate();
          root = loaded.get(ROOT);
          tsa = loaded.get(TSA);
        }
      }
    }
  }

  private Map<String, Pki.Issued> loadOrCreate() {
    Map<String, Pki.Issued> found = read();
    if (!found.containsKey(ROOT)) {
      Instant now = clock.instant();
      Pki.Issued newRoot =
          Pki.root(
              Pki.name("MetroCloud — AC racine de la plateforme", "Eurométropole de Strasbourg"),
              now,
              settings.rootValidity());
      insert(ROOT, newRoot, now);
      found = read();
    }
    if (!found.containsKey(TSA)) {
      Instant now = clock.instant();
      Pki.Issued newTsa =
          Pki.timestamping(
              found.get(ROOT),
              Pki.name("MetroCloud — Autorité d'horodatage", "Eurométropole de Strasbourg"),
              now,
              settings.communeCaValidity(),
              settings.crlUrl(ROOT));
      insert(TSA, newTsa, now);
      found = read();
    }
    return found;
  }

  private void insert(String name, Pki.Issued issued, Instant now) {
    try {
      em.createNativeQuery(
              "INSERT INTO pki_platform_authorities (name, certificate, sealed_key, created_at)"
                  + " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (name) DO NOTHING")
          .setParameter(1, name)
          .setParameter(2, issued.certificate().getEncoded())
          .setParameter(3, secrets.sealForPlatform("pki|" + name, issued.privateKey().getEncoded()))
          .setParameter(4, Timestamp.from(now))
          .executeUpdate();
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  private Map<String, Pki.Issued> read() {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery("SELECT name, certificate, sealed_key FROM pki_platform_authorities")
            .getResultList();
    Map<String, Pki.Issued> found = new HashMap<>();
    for (Object[] row : rows) {
      String name = (String) row[0];
      found.put(
          name,
          new Pki.Issued(
              Pki.certificate((byte[]) row[1]),
              Pki.privateKey(secrets.openForPlatform("pki|" + name, (byte[]) row[2]))));
    }
    return found;
  }
}
