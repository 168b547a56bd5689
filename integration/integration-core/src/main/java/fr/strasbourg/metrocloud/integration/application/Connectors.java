package fr.strasbourg.metrocloud.integration.application;

import fr.strasbourg.metrocloud.integration.api.Outbox.Connector;
import fr.strasbourg.metrocloud.kernel.audit.AuditRecord;
import fr.strasbourg.metrocloud.kernel.audit.AuditTrail;
import fr.strasbourg.metrocloud.kernel.problem.NotFoundProblem;
import fr.strasbourg.metrocloud.kernel.problem.UnprocessableProblem;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.TenantBound;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** The commune's connectors. Secrets arrive sealed (see {@link ConnectorSecrets}). */
@ApplicationScoped
@Transactional
@TenantBound
public class Connectors {

  @PersistenceContext EntityManager em;

  @Inject AuditTrail audit;

  @Inject jakarta.enterprise.event.Event<OutboxStore.Enqueued> enqueued;

  @Inject Clock clock;

  @Inject ConnectorSecrets secrets;

  /** A connector as stored; {@code secret} is sealed. */
  public record Stored(
      Connector kind,
      String transport,
      String endpoint,
      String username,
      byte[] secret,
      int scheduleMinutes,
      String mappings,
      boolean enabled) {}

  /** A connector as the API shows it: never the secret, only whether there is one. */
  public record View(
      Connector kind,
      String transport,
      String endpoint,
      String username,
      boolean secretSet,
      int scheduleMinutes,
      String mappings,
      boolean enabled) {
    static View of(Stored s) {
      return new View(
          s.kind(),
          s.transport(),
          s.endpoint(),
          s.username(),
          s.secret() != null,
          s.scheduleMinutes(),
          s.mappings(),
          s.enabled());
    }
  }

  public Optional<Stored> find(CallContext commune, Connector kind) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT kind, transport, endpoint, username, secret, schedule_minutes, mappings,"
                    + " enabled FROM integration_connectors WHERE kind = ?1")
            .setParameter(1, kind.name())
            .getResultList();
    return rows.stream()
        .findFirst()
        .map(
            r ->
                new Stored(
                    Connector.valueOf((String) r[0]),
                    (String) r[1],
                    (String) r[2],
                    (String) r[3],
                    (byte[]) r[4],
                    ((Number) r[5]).intValue(),
                    (String) r[6],
                    (Boolean) r[7]));
  }

  public List<View> list(CallContext commune) {
    return java.util.Arrays.stream(Connector.values())
        .filter(Connector::perCommune)
        .map(k -> find(commune, k))
        .flatMap(Optional::stream)
        .map(View::of)
        .toList();
  }

  public View get(CallContext commune, Connector kind) {
    return find(commune, kind)
        .map(View::of)
        .orElseThrow(
            () ->
                new NotFoundProblem(
                    "connector-not-found",
                    "Aucun connecteur " + label(kind) + " n'est configuré pour la commune."));
  }

  /**
   * Creates or changes the connector from what an administrator typed: {@code secret} in clear
   * (sealed here with the commune's key; null keeps the one stored), defaults for what is absent.
   */
  public View configure(
      CallContext admin,
      Connector kind,
      String transport,
      String endpoint,
      String username,
      String secret,
      Integer scheduleMinutes,
      String mappings,
      Boolean enabled) {
    if (secret != null && (secret.isEmpty() || secret.length() > 4096)) {
      throw invalid("Le secret doit faire de 1 à 4 096 caractères.");
    }
    check(transport, endpoint, scheduleMinutes == null ? 60 : scheduleMinutes);
    byte[] sealed = secret == null ? null : secrets.seal(admin, kind, secret);
    return save(
        admin,
        kind,
        transport,
        endpoint,
        username,
        sealed,
        scheduleMinutes == null ? 60 : scheduleMinutes,
        mappings,
        enabled == null || enabled);
  }

  /**
   * Creates or changes the connector. {@code sealedSecret} null keeps the secret already stored. A
   * changed connector is due for its next scheduled fetch at once.
   */
  public View save(
      CallContext admin,
      Connector kind,
      String transport,
      String endpoint,
      String username,
      byte[] sealedSecret,
      int scheduleMinutes,
      String mappings,
      boolean enabled) {
    check(transport, endpoint, scheduleMinutes);
    em.createNativeQuery(
            "INSERT INTO integration_connectors (tenant_id, kind, transport, endpoint, username,"
                + " secret, schedule_minutes, mappings, enabled, updated_at, updated_by) VALUES"
                + " (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) ON CONFLICT (tenant_id, kind) DO"
                + " UPDATE SET transport = EXCLUDED.transport, endpoint = EXCLUDED.endpoint,"
                + " username = EXCLUDED.username, secret = coalesce(EXCLUDED.secret,"
                + " integration_connectors.secret), schedule_minutes = EXCLUDED.schedule_minutes,"
                + " mappings = EXCLUDED.mappings, enabled = EXCLUDED.enabled, updated_at ="
                + " EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by, last_pull_at = NULL,"
                + " last_pull_outcome = NULL")
        .setParameter(1, admin.tenant().value())
        .setParameter(2, kind.name())
        .setParameter(3, transport)
        .setParameter(4, endpoint.strip())
        .setParameter(5, username == null || username.isBlank() ? null : username.strip())
        .setParameter(6, sealedSecret)
        .setParameter(7, scheduleMinutes)
        .setParameter(8, mappings == null || mappings.isBlank() ? "{}" : mappings)
        .setParameter(9, enabled)
        .setParameter(10, Timestamp.from(clock.instant()))
        .setParameter(11, admin.actor().displayName())
        .executeUpdate();
    enqueued.fire(new OutboxStore.Enqueued(admin.tenant().value()));
    audit.record(
        admin,
        AuditRecord.success("integration.connector.saved", "connector", kind.name())
            .withDetail("transport", transport)
            .withDetail("endpoint", endpoint.strip())
            .withDetail("secretChanged", String.valueOf(sealedSecret != null))
            .withDetail("enabled", String.valueOf(enabled)));
    return get(admin, kind);
  }

  public void delete(CallContext admin, Connector kind) {
    get(admin, kind);
    em.createNativeQuery("DELETE FROM integration_connectors WHERE kind = ?1")
        .setParameter(1, kind.name())
        .executeUpdate();
    audit.record(
        admin, AuditRecord.success("integration.connector.deleted", "connector", kind.name()));
  }

  /** Communes whose HR connector is due to fetch the agents file (platform context). */
  public List<String> dueForPull(CallContext platform) {
    @SuppressWarnings("unchecked")
    List<String> rows =
        em.createNativeQuery(
                "SELECT tenant_id FROM integration_connectors WHERE kind = 'HR' AND enabled AND"
                    + " (last_pull_at IS NULL OR last_pull_at + schedule_minutes * interval '1"
                    + " minute' <= ?1) ORDER BY tenant_id")
            .setParameter(1, Timestamp.from(clock.instant()))
            .getResultList();
    return rows;
  }

  /** Notes when the HR connector last fetched the agents file, and how it went. */
  public void pulled(CallContext commune, String outcome) {
    em.createNativeQuery(
            "UPDATE integration_connectors SET last_pull_at = ?1, last_pull_outcome = ?2 WHERE"
                + " kind = 'HR'")
        .setParameter(1, Timestamp.from(clock.instant()))
        .setParameter(2, outcome.length() > 500 ? outcome.substring(0, 500) : outcome)
        .executeUpdate();
  }

  static void check(String transport, String endpoint, int scheduleMinutes) {
    if (!"REST".equals(transport) && !"SFTP".equals(transport)) {
      throw invalid("Transport inconnu : REST (HTTPS/JSON) ou SFTP (fichiers CSV).");
    }
    if (endpoint == null || endpoint.isBlank() || endpoint.length() > 500) {
      throw invalid("L'adresse du logiciel est obligatoire (500 caractères au plus).");
    }
    URI uri;
    try {
      uri = URI.create(endpoint.strip());
    } catch (IllegalArgumentException e) {
      throw invalid("Adresse invalide : " + endpoint);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme();
    boolean ok =
        "REST".equals(transport)
            ? (scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null
            : scheme.equals("sftp") && uri.getHost() != null;
    if (!ok) {
      throw invalid(
          "REST".equals(transport)
              ? "Adresse REST attendue : https://hôte[:port]/chemin"
              : "Adresse SFTP attendue : sftp://hôte[:port]/répertoire");
    }
    if (uri.getUserInfo() != null) {
      throw invalid("Pas d'identifiants dans l'adresse : utilisez les champs prévus (chiffrés).");
    }
    if (scheduleMinutes < 5 || scheduleMinutes > 10080) {
      throw invalid("Périodicité de 5 minutes à 7 jours.");
    }
  }

  static String label(Connector kind) {
    return kind == Connector.HR ? "RH" : "finances";
  }

  private static UnprocessableProblem invalid(String detail) {
    return new UnprocessableProblem("invalid-connector", detail);
  }
}
