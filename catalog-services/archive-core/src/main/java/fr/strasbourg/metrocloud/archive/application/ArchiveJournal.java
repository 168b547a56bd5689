package fr.strasbourg.metrocloud.archive.application;

import fr.strasbourg.metrocloud.archive.domain.JournalEntry;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.TenantBound;
import fr.strasbourg.metrocloud.signatures.api.Timestamping;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The commune's archive journal: appends (serialized per commune by an advisory lock, in the
 * caller's transaction so that an event and the change it records commit together), reads,
 * verification of the chain and of its seals, and sealing by the platform's TSA.
 */
@ApplicationScoped
@TenantBound
public class ArchiveJournal {

  /** The journal's days are days in Strasbourg. */
  public static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  private static final String COLUMNS =
      "tenant_id, seq, id, at, event_type, unit_id, object_id, actor_subject, actor_name,"
          + " details, prev_hash, hash";

  @PersistenceContext EntityManager em;

  @Inject Timestamping tsa;

  @Inject Clock clock;

  /** Appends an entry in the caller's transaction and returns it. */
  @Transactional(TxType.MANDATORY)
  public JournalEntry append(
      CallContext context,
      String eventType,
      UUID unitId,
      UUID objectId,
      Map<String, String> details) {
    String tenant = context.tenant().value();
    lock(tenant);
    Optional<JournalEntry> head = head(tenant);
    JournalEntry entry =
        JournalEntry.next(
            tenant,
            head.map(h -> h.seq() + 1).orElse(1L),
            UUID.randomUUID(),
            clock.instant(),
            eventType,
            unitId,
            objectId,
            context.actor().subject(),
            context.actor().displayName(),
            json(details),
            head.map(JournalEntry::hash).orElse(JournalEntry.GENESIS));
    em.createNativeQuery(
            "INSERT INTO archive_journal ("
                + COLUMNS
                + ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)")
        .setParameter(1, entry.tenantId())
        .setParameter(2, entry.seq())
        .setParameter(3, entry.id())
        .setParameter(4, Timestamp.from(entry.at()))
        .setParameter(5, entry.eventType())
        .setParameter(6, entry.unitId())
        .setParameter(7, entry.objectId())
        .setParameter(8, entry.actorSubject())
        .setParameter(9, entry.actorName())
        .setParameter(10, entry.details())
        .setParameter(11, entry.prevHash())
        .setParameter(12, entry.hash())
        .executeUpdate();
    return entry;
  }

  /** The entries about a unit, in order. */
  @Transactional
  public List<JournalEntry> ofUnit(CallContext commune, UUID unitId) {
    return entries("WHERE unit_id = ?1 ORDER BY seq", unitId);
  }

  /** Entries after {@code afterSeq}, oldest first. */
  @Transactional
  public List<JournalEntry> page(CallContext commune, long afterSeq, int limit) {
    return entries(
        "WHERE seq > ?1 ORDER BY seq LIMIT " + Math.max(1, Math.min(limit, 1000)), afterSeq);
  }

  /** The newest entries first. */
  @Transactional
  public List<JournalEntry> latest(CallContext commune, int limit) {
    return entries(
        "WHERE seq > ?1 ORDER BY seq DESC LIMIT " + Math.max(1, Math.min(limit, 500)), 0L);
  }

  /** The seals, oldest first. */
  @Transactional
  public List<ArchiveViews.Seal> seals(CallContext commune) {
    return seals("ORDER BY seq", null);
  }

  /** The first seal covering entry {@code seq} (a seal covers its entry and every one before). */
  @Transactional
  public Optional<ArchiveViews.Seal> sealCovering(CallContext commune, long seq) {
    return seals("WHERE seq >= ?1 ORDER BY seq LIMIT 1", seq).stream().findFirst();
  }

  /**
   * Seals the last entry of {@code day} (a day in Strasbourg) with a token of the platform's TSA,
   * unless that day is sealed or has no entry. Returns the seal made.
   */
  @Transactional
  public Optional<ArchiveViews.Seal> sealDay(CallContext commune, LocalDate day) {
    String tenant = commune.tenant().value();
    lock(tenant);
    if (!seals("WHERE kind = 'DAILY' AND day = ?1", java.sql.Date.valueOf(day)).isEmpty()) {
      return Optional.empty();
    }
    Instant end = day.plusDays(1).atStartOfDay(PARIS).toInstant();
    Instant start = day.atStartOfDay(PARIS).toInstant();
    List<JournalEntry> last =
        entries(
            "WHERE at < ?1 AND at >= ?2 ORDER BY seq DESC LIMIT 1",
            Timestamp.from(end),
            Timestamp.from(start));
    if (last.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(seal(tenant, last.get(0), "DAILY", day));
  }

  /** Seals the head of the chain now (the DSI's on-demand seal), unless it is already sealed. */
  @Transactional
  public Optional<ArchiveViews.Seal> sealHead(CallContext commune) {
    String tenant = commune.tenant().value();
    lock(tenant);
    Optional<JournalEntry> head = head(tenant);
    if (head.isEmpty()) {
      return Optional.empty();
    }
    List<ArchiveViews.Seal> existing = seals("WHERE seq = ?1", head.get().seq());
    if (!existing.isEmpty()) {
      return Optional.of(existing.get(0));
    }
    return Optional.of(
        seal(tenant, head.get(), "ON_DEMAND", LocalDate.ofInstant(clock.instant(), PARIS)));
  }

  /** What a verification of the journal found. */
  public record Verification(
      long entries,
      boolean chainIntact,
      Long brokenAt,
      String reason,
      int seals,
      int validSeals,
      List<String> sealProblems) {}

  /** Re-computes the whole chain and checks every seal against it. */
  @Transactional
  public Verification verify(CallContext commune) {
    List<JournalEntry> all = new ArrayList<>();
    long after = 0;
    while (true) {
      List<JournalEntry> batch = entries("WHERE seq > ?1 ORDER BY seq LIMIT 1000", after);
      if (batch.isEmpty()) {
        break;
      }
      all.addAll(batch);
      after = batch.get(batch.size() - 1).seq();
    }
    Optional<JournalEntry.Break> broken = JournalEntry.verify(all);
    Map<Long, String> hashes = new TreeMap<>();
    all.forEach(e -> hashes.put(e.seq(), e.hash()));
    List<ArchiveViews.Seal> seals = seals("ORDER BY seq", null);
    List<String> problems = new ArrayList<>();
    int valid = 0;
    for (ArchiveViews.Seal s : seals) {
      String hash = hashes.get(s.seq());
      if (hash == null || !hash.equals(s.hash())) {
        problems.add("Sceau de l'entrée " + s.seq() + " : l'entrée scellée a changé.");
        continue;
      }
      Timestamping.Check check = tsa.verify(s.token(), HexFormat.of().parseHex(s.hash()));
      if (check.valid()) {
        valid++;
      } else {
        problems.add("Sceau de l'entrée " + s.seq() + " : " + check.problem());
      }
    }
    return new Verification(
        all.size(),
        broken.isEmpty(),
        broken.map(JournalEntry.Break::seq).orElse(null),
        broken.map(JournalEntry.Break::reason).orElse(null),
        seals.size(),
        valid,
        problems);
  }

  // ------------------------------------------------------------------------------------------------

  private ArchiveViews.Seal seal(String tenant, JournalEntry entry, String kind, LocalDate day) {
    byte[] token = tsa.timestamp(HexFormat.of().parseHex(entry.hash()));
    Instant now = clock.instant();
    em.createNativeQuery(
            "INSERT INTO archive_seals (tenant_id, seq, hash, kind, day, token, sealed_at)"
                + " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
        .setParameter(1, tenant)
        .setParameter(2, entry.seq())
        .setParameter(3, entry.hash())
        .setParameter(4, kind)
        .setParameter(5, java.sql.Date.valueOf(day))
        .setParameter(6, token)
        .setParameter(7, Timestamp.from(now))
        .executeUpdate();
    return new ArchiveViews.Seal(entry.seq(), entry.hash(), kind, day, now, token);
  }

  private void lock(String tenant) {
    em.createNativeQuery(
            "SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtextextended(?1, 20261202))) AS l")
        .setParameter(1, "archive-journal:" + tenant)
        .getSingleResult();
  }

  private Optional<JournalEntry> head(String tenant) {
    return entries("WHERE seq > ?1 ORDER BY seq DESC LIMIT 1", 0L).stream().findFirst();
  }

  private List<JournalEntry> entries(String where, Object... parameters) {
    var query = em.createNativeQuery("SELECT " + COLUMNS + " FROM archive_journal " + where);
    for (int i = 0; i < parameters.length; i++) {
      query.setParameter(i + 1, parameters[i]);
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows = query.getResultList();
    return rows.stream()
        .map(
            r ->
                new JournalEntry(
                    (String) r[0],
                    ((Number) r[1]).longValue(),
                    uuid(r[2]),
                    instant(r[3]),
                    (String) r[4],
                    uuid(r[5]),
                    uuid(r[6]),
                    (String) r[7],
                    (String) r[8],
                    (String) r[9],
                    (String) r[10],
                    (String) r[11]))
        .toList();
  }

  private List<ArchiveViews.Seal> seals(String where, Object parameter) {
    var query =
        em.createNativeQuery(
            "SELECT seq, hash, kind, day, sealed_at, token FROM archive_seals " + where);
    if (parameter != null) {
      query.setParameter(1, parameter);
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows = query.getResultList();
    return rows.stream()
        .map(
            r ->
                new ArchiveViews.Seal(
                    ((Number) r[0]).longValue(),
                    (String) r[1],
                    (String) r[2],
                    ((java.sql.Date) r[3]).toLocalDate(),
                    instant(r[4]),
                    (byte[]) r[5]))
        .toList();
  }

  static UUID uuid(Object value) {
    return value == null ? null : value instanceof UUID u ? u : UUID.fromString(value.toString());
  }

  static Instant instant(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Timestamp t) {
      return t.toInstant();
    }
    if (value instanceof java.time.OffsetDateTime o) {
      return o.toInstant();
    }
    return (Instant) value;
  }

  /** Details as canonical JSON (sorted keys). */
  static String json(Map<String, String> details) {
    JsonObjectBuilder b = Json.createObjectBuilder();
    new TreeMap<>(details == null ? Map.<String, String>of() : details).forEach(b::add);
    return b.build().toString();
  }
}
