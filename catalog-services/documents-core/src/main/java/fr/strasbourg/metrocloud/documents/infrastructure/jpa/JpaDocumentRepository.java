package fr.strasbourg.metrocloud.documents.infrastructure.jpa;

import fr.strasbourg.metrocloud.documents.domain.Document;
import fr.strasbourg.metrocloud.documents.domain.DocumentRepository;
import fr.strasbourg.metrocloud.documents.domain.DocumentShare;
import fr.strasbourg.metrocloud.documents.domain.DocumentType;
import fr.strasbourg.metrocloud.documents.domain.DocumentVersion;
import fr.strasbourg.metrocloud.documents.domain.ExtractionStatus;
import fr.strasbourg.metrocloud.documents.domain.Folder;
import fr.strasbourg.metrocloud.documents.domain.SearchCriteria;
import fr.strasbourg.metrocloud.documents.domain.SearchPage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The GED through JPA, and PostgreSQL's full-text search through native SQL. No query names a
 * commune: RLS does.
 */
@ApplicationScoped
public class JpaDocumentRepository implements DocumentRepository {

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  /**
   * ts_headline markers; extraction removes these characters from texts, so they cannot come from a
   * document.
   */
  static final String MATCH_START = "\u0001";

  static final String MATCH_STOP = "\u0002";

  /** Search totals are exact up to this many matches. */
  static final int COUNT_CAP = 10_000;

  @PersistenceContext EntityManager em;

  @Override
  public Optional<Folder> folder(UUID id) {
    return Optional.ofNullable(em.find(Folder.class, id));
  }

  @Override
  public List<Folder> folders() {
    return em.createQuery("SELECT f FROM Folder f ORDER BY f.name", Folder.class).getResultList();
  }

  @Override
  public boolean folderNameTaken(UUID parentId, String name) {
    String jpql =
        "SELECT count(f) FROM Folder f WHERE lower(f.name) = lower(:name) AND "
            + (parentId == null ? "f.parentId IS NULL" : "f.parentId = :parent");
    var q = em.createQuery(jpql, Long.class).setParameter("name", name);
    if (parentId != null) {
      q.setParameter("parent", parentId);
    }
    return q.getSingleResult() > 0;
  }

  @Override
  public boolean folderIsEmpty(UUID folderId) {
    long folders =
        em.createQuery("SELECT count(f) FROM Folder f WHERE f.parentId = :id", Long.class)
            .setParameter("id", folderId)
            .getSingleResult();
    long documents =
        em.createQuery("SELECT count(d) FROM Document d WHERE d.folderId = :id", Long.class)
            .setParameter("id", folderId)
            .getSingleResult();
    return folders + documents == 0;
  }

  @Override
  public void add(Folder folder) {
    em.persist(folder);
    em.flush();
  }

  @Override
  public void remove(Folder folder) {
    em.remove(folder);
    em.flush();
  }

  @Override
  public List<DocumentType> types() {
    return em.createQuery("SELECT t FROM DocumentType t ORDER BY t.label", DocumentType.class)
        .getResultList();
  }

  @Override
  public Optional<DocumentType> type(String code) {
    return em.createQuery("SELECT t FROM DocumentType t WHERE t.code = :code", DocumentType.class)
        .setParameter("code", code)
        .getResultStream()
        .findFirst();
  }

  @Override
  public void add(DocumentType type) {
    em.persist(type);
  }

  @Override
  public Optional<Document> document(UUID id) {
    return Optional.ofNullable(em.find(Document.class, id));
  }

  @Override
  public void add(Document document) {
    em.persist(document);
    em.flush();
  }

  @Override
  public void add(DocumentVersion version) {
    em.persist(version);
    em.flush();
  }

  @Override
  public List<DocumentVersion> versions(UUID documentId) {
    return em.createQuery(
            "SELECT v FROM DocumentVersion v WHERE v.documentId = :doc ORDER BY v.number DESC",
            DocumentVersion.class)
        .setParameter("doc", documentId)
        .getResultList();
  }

  @Override
  public Optional<DocumentVersion> version(UUID documentId, int number) {
    return em.createQuery(
            "SELECT v FROM DocumentVersion v WHERE v.documentId = :doc AND v.number = :number",
            DocumentVersion.class)
        .setParameter("doc", documentId)
        .setParameter("number", number)
        .getResultStream()
        .findFirst();
  }

  @Override
  public Optional<DocumentVersion> version(UUID versionId) {
    return Optional.ofNullable(em.find(DocumentVersion.class, versionId));
  }

  @Override
  public void refreshSearch(UUID documentId) {
    em.flush();
    em.createNativeQuery("SELECT 1 FROM (SELECT documents_refresh_search(?1)) AS r")
        .setParameter(1, documentId)
        .getSingleResult();
  }

  @Override
  public long storedBytes() {
    Number n =
        (Number)
            em.createNativeQuery("SELECT coalesce(sum(size), 0) FROM document_versions")
                .getSingleResult();
    return n.longValue();
  }

  @Override
  public SearchPage search(SearchCriteria c) {
    // The page is chosen on `documents` alone (match, filters, rank, order, limit): the version
    // join and the excerpts (ts_headline, costly) are computed for the page's rows only.
    List<Object> params = new ArrayList<>();
    StringBuilder from = new StringBuilder(" FROM documents d");
    if (c.hasText()) {
      params.add(c.text());
      from.append(" CROSS JOIN websearch_to_tsquery('metrocloud_fr', ?1) AS q(query)");
    }
    from.append(" WHERE d.deleted_at IS NULL");
    if (c.hasText()) {
      from.append(" AND d.search_vector @@ q.query");
    }
    if (c.folderId() != null) {
      params.add(c.folderId());
      from.append(" AND d.folder_id = ?").append(params.size());
    }
    if (c.type() != null) {
      params.add(c.type());
      from.append(" AND d.type_code = ?").append(params.size());
    }
    if (c.tag() != null) {
      params.add(c.tag());
      from.append(" AND position(E'\\n' || ?")
          .append(params.size())
          .append(" || E'\\n' IN E'\\n' || d.tags || E'\\n') > 0");
    }
    if (c.author() != null) {
      params.add(c.author());
      from.append(" AND d.author = ?").append(params.size());
    }
    if (c.from() != null) {
      params.add(Timestamp.from(c.from().atStartOfDay(PARIS).toInstant()));
      from.append(" AND d.created_at >= ?").append(params.size());
    }
    if (c.to() != null) {
      params.add(Timestamp.from(c.to().plusDays(1).atStartOfDay(PARIS).toInstant()));
      from.append(" AND d.created_at < ?").append(params.size());
    }
    int limit = params.size() + 1;
    int offset = params.size() + 2;
    int outerText = params.size() + 3;
    String page =
        "SELECT d.id, d.updated_at, "
            + (c.hasText() ? "ts_rank_cd(d.search_vector, q.query)" : "0.0")
            + " AS rank"
            + from
            + (c.hasText() ? " ORDER BY 3 DESC, 2 DESC, 1" : " ORDER BY 2 DESC, 1")
            + " LIMIT ?"
            + limit
            + " OFFSET ?"
            + offset;
    String sql =
        "SELECT d.id, d.title, d.type_code, d.tags, d.folder_id, d.author, d.author_name, d.current_version,"
            + " v.file_name, v.mime_type, v.size, v.extraction_status, d.created_at, d.updated_at, p.rank, "
            + (c.hasText()
                ? "ts_headline('metrocloud_fr',"
                    + " left(coalesce(nullif(v.text_content, ''), d.description, d.title), 100000),"
                    + " websearch_to_tsquery('metrocloud_fr', ?"
                    + outerText
                    + "), 'StartSel="
                    + MATCH_START
                    + ", StopSel="
                    + MATCH_STOP
                    + ", MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=\" … \"')"
                : "NULL")
            + " FROM ("
            + page
            + ") AS p JOIN documents d ON d.id = p.id"
            + " LEFT JOIN document_versions v ON v.document_id = d.id AND v.number = d.current_version"
            + " ORDER BY p.rank DESC, p.updated_at DESC, p.id";
    Query query = em.createNativeQuery(sql);
    for (int i = 0; i < params.size(); i++) {
      query.setParameter(i + 1, params.get(i));
    }
    query.setParameter(limit, c.size());
    query.setParameter(offset, (long) c.page() * c.size());
    if (c.hasText()) {
      query.setParameter(outerText, c.text());
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows = query.getResultList();
    long total;
    boolean exact = true;
    if (rows.size() < c.size() && (c.page() == 0 || !rows.isEmpty())) {
      total = (long) c.page() * c.size() + rows.size();
    } else {
      // counted up to a cap: beyond it, "more than" is what a reader needs, and counting every
      // match of a broad query would cost as much as ranking them
      Query count =
          em.createNativeQuery(
              "SELECT count(*) FROM (SELECT 1" + from + " LIMIT " + (COUNT_CAP + 1) + ") AS m");
      for (int i = 0; i < params.size(); i++) {
        count.setParameter(i + 1, params.get(i));
      }
      total = ((Number) count.getSingleResult()).longValue();
      if (total > COUNT_CAP) {
        total = COUNT_CAP;
        exact = false;
      }
    }
    List<SearchPage.Hit> hits = new ArrayList<>();
    for (Object[] r : rows) {
      hits.add(
          new SearchPage.Hit(
              (UUID) r[0],
              (String) r[1],
              (String) r[2],
              r[3] == null || ((String) r[3]).isEmpty()
                  ? List.of()
                  : List.of(((String) r[3]).split("\n")),
              (UUID) r[4],
              (String) r[5],
              (String) r[6],
              ((Number) r[7]).intValue(),
              (String) r[8],
              (String) r[9],
              r[10] == null ? 0 : ((Number) r[10]).longValue(),
              (String) r[11],
              instant(r[12]),
              instant(r[13]),
              ((Number) r[14]).doubleValue(),
              segments((String) r[15])));
    }
    return new SearchPage(total, exact, c.page(), c.size(), hits);
  }

  static List<String> segments(String headline) {
    if (headline == null || headline.isEmpty()) {
      return List.of();
    }
    List<String> segments = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean inMatch = false;
    for (int i = 0; i < headline.length(); i++) {
      char ch = headline.charAt(i);
      if ((ch == MATCH_START.charAt(0) && !inMatch) || (ch == MATCH_STOP.charAt(0) && inMatch)) {
        segments.add(current.toString());
        current.setLength(0);
        inMatch = !inMatch;
      } else {
        current.append(ch);
      }
    }
    segments.add(current.toString());
    return segments;
  }

  private static Instant instant(Object value) {
    if (value instanceof Timestamp t) {
      return t.toInstant();
    }
    if (value instanceof java.time.OffsetDateTime o) {
      return o.toInstant();
    }
    return (Instant) value;
  }

  @Override
  public List<Document> trash() {
    return em.createQuery(
            "SELECT d FROM Document d WHERE d.deletedAt IS NOT NULL ORDER BY d.deletedAt DESC",
            Document.class)
        .getResultList();
  }

  @Override
  public List<Document> purgeable(Instant instant) {
    return em.createQuery("SELECT d FROM Document d WHERE d.deletedAt < :before", Document.class)
        .setParameter("before", instant.minus(Document.TRASH_RETENTION))
        .getResultList();
  }

  @Override
  public void delete(Document document) {
    em.createQuery("DELETE FROM DocumentVersion v WHERE v.documentId = :doc")
        .setParameter("doc", document.id())
        .executeUpdate();
    em.remove(document);
    em.flush();
  }

  @Override
  public List<UUID> extractionBacklog(Instant staleBefore, int limit) {
    return em.createQuery(
            "SELECT v.id FROM DocumentVersion v WHERE v.extractionStatus = fr.strasbourg.metrocloud.documents.domain.ExtractionStatus.PENDING"
                + " OR (v.extractionStatus = fr.strasbourg.metrocloud.documents.domain.ExtractionStatus.RUNNING"
                + " AND v.extractionClaimedAt < :stale) ORDER BY v.createdAt",
            UUID.class)
        .setParameter("stale", staleBefore)
        .setMaxResults(limit)
        .getResultList();
  }

  @Override
  public boolean claimExtraction(UUID versionId, Instant now, Instant staleBefore) {
    int claimed =
        em.createNativeQuery(
                "UPDATE document_versions SET extraction_status = 'RUNNING', extraction_claimed_at = ?1"
                    + " WHERE id = ?2 AND (extraction_status = 'PENDING'"
                    + " OR (extraction_status = 'RUNNING' AND extraction_claimed_at < ?3))")
            .setParameter(1, Timestamp.from(now))
            .setParameter(2, versionId)
            .setParameter(3, Timestamp.from(staleBefore))
            .executeUpdate();
    return claimed == 1;
  }

  @Override
  public boolean finishExtraction(
      UUID versionId,
      ExtractionStatus status,
      String text,
      boolean truncated,
      String detectedMimeType,
      String error,
      Instant now) {
    // A native statement, like the claim: the outcome only lands if this worker still holds it
    int updated =
        em.createNativeQuery(
                "UPDATE document_versions SET extraction_status = ?1, text_content = ?2,"
                    + " extracted_chars = ?3, extraction_truncated = ?4,"
                    + " mime_type = coalesce(nullif(?5, ''), mime_type), extraction_error = nullif(?6, ''),"
                    + " extracted_at = ?7, extraction_claimed_at = NULL"
                    + " WHERE id = ?8 AND extraction_status = 'RUNNING'")
            .setParameter(1, status.name())
            .setParameter(2, text == null ? "" : text)
            .setParameter(3, text == null ? 0 : text.length())
            .setParameter(4, truncated)
            .setParameter(5, detectedMimeType == null ? "" : detectedMimeType)
            .setParameter(6, error == null ? "" : error)
            .setParameter(7, Timestamp.from(now))
            .setParameter(8, versionId)
            .executeUpdate();
    return updated == 1;
  }

  @Override
  public void releaseExtraction(UUID versionId) {
    em.createNativeQuery(
            "UPDATE document_versions SET extraction_status = 'PENDING', extraction_claimed_at = NULL"
                + " WHERE id = ?1 AND extraction_status = 'RUNNING'")
        .setParameter(1, versionId)
        .executeUpdate();
  }

  @Override
  public Set<String> objectKeys() {
    @SuppressWarnings("unchecked")
    List<String> keys =
        em.createNativeQuery("SELECT object_key FROM document_versions").getResultList();
    return new HashSet<>(keys);
  }

  @Override
  public void add(DocumentShare share) {
    em.persist(share);
  }

  @Override
  public Optional<DocumentShare> share(UUID shareId) {
    return Optional.ofNullable(em.find(DocumentShare.class, shareId));
  }

  @Override
  public Optional<DocumentShare> shareByToken(String tokenSha256) {
    return em.createQuery(
            "SELECT s FROM DocumentShare s WHERE s.tokenSha256 = :hash", DocumentShare.class)
        .setParameter("hash", tokenSha256)
        .getResultStream()
        .findFirst();
  }

  @Override
  public List<DocumentShare> shares(UUID documentId) {
    return em.createQuery(
            "SELECT s FROM DocumentShare s WHERE s.documentId = :doc ORDER BY s.createdAt DESC",
            DocumentShare.class)
        .setParameter("doc", documentId)
        .getResultList();
  }

  @Override
  public List<Document> allDocuments() {
    return em.createQuery("SELECT d FROM Document d ORDER BY d.createdAt, d.id", Document.class)
        .getResultList();
  }

  @Override
  public List<DocumentVersion> allVersions() {
    return em.createQuery(
            "SELECT v FROM DocumentVersion v ORDER BY v.documentId, v.number",
            DocumentVersion.class)
        .getResultList();
  }

  @Override
  public Optional<Instant> lastExport() {
    Object at =
        em.createNativeQuery("SELECT max(exported_at) FROM document_exports").getSingleResult();
    return Optional.ofNullable(at).map(JpaDocumentRepository::instant);
  }

  @Override
  public boolean changedSince(Instant since) {
    Object changed =
        em.createNativeQuery(
                "SELECT EXISTS (SELECT 1 FROM documents WHERE updated_at > ?1 OR deleted_at > ?1)"
                    + " OR EXISTS (SELECT 1 FROM document_versions WHERE created_at > ?1)")
            .setParameter(1, Timestamp.from(since))
            .getSingleResult();
    return Boolean.TRUE.equals(changed);
  }

  @Override
  public boolean hasDocuments() {
    return Boolean.TRUE.equals(
        em.createNativeQuery("SELECT EXISTS (SELECT 1 FROM documents)").getSingleResult());
  }

  @Override
  public void recordExport(
      UUID id, Instant at, String actor, int documents, int versions, long bytes) {
    em.createNativeQuery(
            "INSERT INTO document_exports (id, tenant_id, exported_at, exported_by, documents, versions, bytes)"
                + " VALUES (?1, current_setting('app.tenant_id'), ?2, ?3, ?4, ?5, ?6)")
        .setParameter(1, id)
        .setParameter(2, Timestamp.from(at))
        .setParameter(3, actor)
        .setParameter(4, documents)
        .setParameter(5, versions)
        .setParameter(6, bytes)
        .executeUpdate();
  }
}
