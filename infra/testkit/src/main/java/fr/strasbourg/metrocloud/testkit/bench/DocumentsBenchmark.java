package fr.strasbourg.metrocloud.testkit.bench;

import fr.strasbourg.metrocloud.testkit.ApiClient;
import fr.strasbourg.metrocloud.testkit.Environment;
import fr.strasbourg.metrocloud.testkit.Platform;
import fr.strasbourg.metrocloud.testkit.SampleCommunes.Commune;
import fr.strasbourg.metrocloud.testkit.SampleFiles;
import io.minio.BucketExistsArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveBucketArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.messages.Item;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The GED's benchmark, against a running platform ({@code ./metrocloud up}), in one run on one
 * machine:
 *
 * <ol>
 *   <li>ingest of 1 MB PDFs through the API (encrypted store, metadata, Tika extraction, index: the
 *       clock stops when every document is searchable) against a raw S3 PUT of the same bytes plus
 *       a raw INSERT of the same metadata;
 *   <li>search latency over at least 100 000 generated documents of one commune: the API (French
 *       full-text query, ranking, highlighted excerpt, filters, total, JSON) against the raw
 *       PostgreSQL full-text query (match, rank, first page) on the same table.
 * </ol>
 *
 * Prints Markdown for {@code docs/performance.md}. Works in a test commune (INSEE 679xx) that it
 * decommissions at the end, after deleting the generated rows.
 */
public final class DocumentsBenchmark {

  private static final String[] WORDS = {
    "budget",
    "conseil",
    "municipal",
    "délibération",
    "arrêté",
    "maire",
    "adjoint",
    "commune",
    "école",
    "maternelle",
    "élémentaire",
    "voirie",
    "éclairage",
    "public",
    "assainissement",
    "collectif",
    "urbanisme",
    "permis",
    "construire",
    "travaux",
    "marché",
    "subvention",
    "association",
    "sportive",
    "culturelle",
    "bibliothèque",
    "médiathèque",
    "cantine",
    "scolaire",
    "périscolaire",
    "personnel",
    "recrutement",
    "agent",
    "contractuel",
    "titulaire",
    "congé",
    "formation",
    "mission",
    "déplacement",
    "indemnité",
    "facture",
    "mandat",
    "titre",
    "recette",
    "dépense",
    "investissement",
    "fonctionnement",
    "emprunt",
    "dotation",
    "fiscalité",
    "taxe",
    "foncière",
    "habitation",
    "cimetière",
    "concession",
    "funéraire",
    "état",
    "civil",
    "mariage",
    "naissance",
    "décès",
    "élection",
    "scrutin",
    "liste",
    "électorale",
    "police",
    "stationnement",
    "circulation",
    "sécurité",
    "incendie",
    "prévention",
    "risque",
    "inondation",
    "environnement",
    "déchets",
    "collecte",
    "tri",
    "énergie",
    "chauffage",
    "bâtiment",
    "gymnase",
    "salle",
    "fêtes",
    "location",
    "convention",
    "partenariat",
    "eurométropole",
    "strasbourg",
    "intercommunalité",
    "mutualisation",
    "service",
    "numérique",
    "informatique",
    "logiciel",
    "archives",
    "courrier",
    "réunion",
    "compte",
    "rendu",
    "ordre",
    "jour",
    "séance",
    "vote",
    "unanimité",
    "abstention",
    "rapport",
    "annuel",
    "activité",
    "enquête",
    "publique",
    "plan",
    "local",
    "zonage",
    "lotissement",
    "aménagement",
    "espace",
    "vert",
    "arbre",
    "jardin",
    "piste",
    "cyclable",
    "transport",
    "bus",
    "tramway",
    "parking",
    "logement",
    "social",
    "bailleur",
    "loyer",
    "aide",
    "solidarité",
    "seniors",
    "jeunesse",
    "petite",
    "enfance",
    "crèche",
    "relais",
    "assistantes",
    "maternelles",
    "marché",
    "hebdomadaire",
    "commerce",
    "artisanat",
    "entreprise",
    "emploi",
    "tourisme",
    "patrimoine",
    "église",
    "restauration",
    "monument",
    "historique",
    "fontaine",
    "eau",
    "potable",
    "réseau",
    "canalisation",
    "compteur",
    "tarif",
    "redevance",
    "contrat",
    "avenant",
    "résiliation",
    "contentieux",
    "tribunal",
    "administratif",
    "recours",
    "assurance"
  };

  private static final String[] QUERIES = {
    "budget",
    "délibération conseil municipal",
    "ecole maternelle",
    "assainissement collectif travaux",
    "permis de construire lotissement",
    "subvention association sportive",
    "eclairage public énergie",
    "\"compte rendu\" séance",
    "tramway parking",
    "contentieux tribunal administratif recours",
    "lieudit4242",
    "lieudit1789 budget",
    "redevance assainissement lieudit12000",
  };

  private DocumentsBenchmark() {}

  public static void main(String[] args) throws Exception {
    int ingest = Integer.parseInt(Environment.get("bench.documents.ingest", "40"));
    int generated = Integer.parseInt(Environment.get("bench.documents.generated", "100000"));
    int searches = Integer.parseInt(Environment.get("bench.documents.searches", "260"));
    Platform platform = Platform.fromSystem();
    Commune commune = testCommune(platform);
    System.out.println("Test commune " + commune.insee() + " (" + commune.name() + ")");
    platform.ensureActiveCommune(commune);
    ApiClient admin = platform.as(Platform.adminOf(commune), commune);
    expect(admin.post("/api/v1/subscriptions", "{\"service\":\"document-management\"}"), 201);
    try {
      ingest(admin, commune, ingest);
      search(platform, admin, commune, generated, searches);
    } finally {
      cleanUp(platform, commune);
    }
  }

  // ---- ingest
  // --------------------------------------------------------------------------------------------------------

  private static void ingest(ApiClient admin, Commune commune, int n) throws Exception {
    List<byte[]> files = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      files.add(
          SampleFiles.pdfOfSize(
              1_000_000,
              i,
              "Rapport " + i + " du service " + WORDS[i % WORDS.length],
              "Le conseil municipal examine le budget et les travaux de voirie."));
    }
    long bytes = files.stream().mapToLong(f -> f.length).sum();
    // warm-up (class loading, Tika, connection pools): not measured
    String warm = upload(admin, "échauffement.pdf", files.get(0));
    waitSearchable(admin, List.of(warm));

    List<Double> uploadMillis = new ArrayList<>();
    long start = System.nanoTime();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long t = System.nanoTime();
      ids.add(upload(admin, "rapport-" + i + ".pdf", files.get(i)));
      uploadMillis.add((System.nanoTime() - t) / 1e6);
    }
    long uploaded = System.nanoTime();
    waitSearchable(admin, ids);
    double apiSeconds = (System.nanoTime() - start) / 1e9;
    double uploadSeconds = (uploaded - start) / 1e9;

    MinioClient s3 = s3();
    String bucket = "bench-raw-" + commune.insee();
    if (!s3.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
      s3.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
    }
    List<Double> rawMillis = new ArrayList<>();
    double rawSeconds;
    try (Connection db = owner(commune)) {
      try (Statement s = db.createStatement()) {
        s.execute(
            "CREATE TEMP TABLE raw_documents (id uuid PRIMARY KEY, tenant_id text, title text, file_name text,"
                + " size bigint, sha256 text, object_key text, created_at timestamptz)");
      }
      db.setAutoCommit(true);
      long rawStart = System.nanoTime();
      for (int i = 0; i < n; i++) {
        long t = System.nanoTime();
        byte[] f = files.get(i);
        UUID id = UUID.randomUUID();
        String key = "documents/" + id;
        s3.putObject(
            PutObjectArgs.builder().bucket(bucket).object(key).stream(
                    new ByteArrayInputStream(f), f.length, -1)
                .contentType("application/pdf")
                .build());
        try (PreparedStatement ps =
            db.prepareStatement("INSERT INTO raw_documents VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
          ps.setObject(1, id);
          ps.setString(2, commune.insee());
          ps.setString(3, "rapport-" + i);
          ps.setString(4, "rapport-" + i + ".pdf");
          ps.setLong(5, f.length);
          ps.setString(6, sha256(f));
          ps.setString(7, key);
          ps.setTimestamp(8, Timestamp.from(Instant.now()));
          ps.executeUpdate();
        }
        rawMillis.add((System.nanoTime() - t) / 1e6);
      }
      rawSeconds = (System.nanoTime() - rawStart) / 1e9;
    } finally {
      for (Result<Item> item :
          s3.listObjects(ListObjectsArgs.builder().bucket(bucket).recursive(true).build())) {
        s3.removeObject(
            RemoveObjectArgs.builder().bucket(bucket).object(item.get().objectName()).build());
      }
      s3.removeBucket(RemoveBucketArgs.builder().bucket(bucket).build());
    }

    double mb = bytes / 1e6;
    System.out.println();
    System.out.printf("### Ingest: %d PDFs of 1 MB (%.1f MB)%n%n", n, mb);
    System.out.println("| Path | total | documents/s | MB/s | per document p50 | p95 |");
    System.out.println("|---|---|---|---|---|---|");
    System.out.printf(
        "| API: upload (encrypt, store, record), until all are extracted and searchable | %.1f s | %.2f | %.2f | %s | %s |%n",
        apiSeconds,
        n / apiSeconds,
        mb / apiSeconds,
        ms(p(uploadMillis, 0.5)),
        ms(p(uploadMillis, 0.95)));
    System.out.printf(
        "| API: the uploads alone (extraction continues in the background) | %.1f s | %.2f | %.2f | | |%n",
        uploadSeconds, n / uploadSeconds, mb / uploadSeconds);
    System.out.printf(
        "| Raw: S3 PUT + INSERT of the same bytes and metadata | %.1f s | %.2f | %.2f | %s | %s |%n",
        rawSeconds, n / rawSeconds, mb / rawSeconds, ms(p(rawMillis, 0.5)), ms(p(rawMillis, 0.95)));
    System.out.printf(
        "%nRatio API (until searchable) / raw: %.2f× the time; uploads alone / raw: %.2f×%n",
        apiSeconds / rawSeconds, uploadSeconds / rawSeconds);
  }

  private static String upload(ApiClient admin, String name, byte[] content) {
    return expect(admin.upload("/api/v1/documents", name, "application/pdf", content), 201)
        .json()
        .getString("id");
  }

  private static void waitSearchable(ApiClient admin, List<String> ids)
      throws InterruptedException {
    Set<String> waiting = new HashSet<>(ids);
    long deadline = System.nanoTime() + 600_000_000_000L;
    while (!waiting.isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(waiting.size() + " documents still not extracted");
      }
      for (String id : List.copyOf(waiting)) {
        JsonObject d = admin.get("/api/v1/documents/" + id).json();
        String status = d.getJsonArray("versions").getJsonObject(0).getString("extractionStatus");
        if (status.equals("DONE")) {
          waiting.remove(id);
        } else if (!status.equals("PENDING") && !status.equals("RUNNING")) {
          throw new IllegalStateException("Extraction of " + id + ": " + status + " " + d);
        }
      }
      if (!waiting.isEmpty()) {
        Thread.sleep(20);
      }
    }
  }

  // ---- search
  // --------------------------------------------------------------------------------------------------------

  private static void search(
      Platform platform, ApiClient admin, Commune commune, int generated, int searches)
      throws Exception {
    long start = System.nanoTime();
    try (Connection db = owner(commune)) {
      db.setAutoCommit(false);
      bindTenant(db, commune);
      generate(db, commune, generated);
      db.commit();
      try (Statement s = db.createStatement()) {
        s.execute("ANALYZE metrocloud.documents");
        s.execute("ANALYZE metrocloud.document_versions");
      }
      db.commit();
    }
    System.out.printf(
        "%n### Search over %,d generated documents (generated in %.0f s)%n%n",
        generated, (System.nanoTime() - start) / 1e9);

    List<Double> api = new ArrayList<>();
    List<Double> raw = new ArrayList<>();
    long apiHits = 0;
    long rawHits = 0;
    try (Connection db = owner(commune)) {
      db.setAutoCommit(false);
      bindTenant(db, commune);
      // warm-up of both paths
      admin = platform.as(Platform.adminOf(commune), commune);
      for (String q : QUERIES) {
        expect(admin.get("/api/v1/documents?size=20&q=" + enc(q)), 200);
        rawQuery(db, q);
      }
      for (int i = 0; i < searches; i++) {
        if (i % 50 == 0) {
          admin = platform.as(Platform.adminOf(commune), commune); // a fresh token (not measured)
        }
        String q = QUERIES[i % QUERIES.length];
        long t = System.nanoTime();
        JsonObject page = expect(admin.get("/api/v1/documents?size=20&q=" + enc(q)), 200).json();
        api.add((System.nanoTime() - t) / 1e6);
        apiHits += page.getJsonNumber("total").longValue();
        t = System.nanoTime();
        rawHits += rawQuery(db, q);
        raw.add((System.nanoTime() - t) / 1e6);
      }
      db.commit();
    }
    System.out.println("| Path | queries | p50 | p95 | max | mean matches per query |");
    System.out.println("|---|---|---|---|---|---|");
    System.out.printf(
        "| API `GET /documents?q=…&size=20` (rank, excerpts, total, JSON, HTTP, token check) | %d | %s | %s | %s | %,d |%n",
        api.size(), ms(p(api, 0.5)), ms(p(api, 0.95)), ms(p(api, 1)), apiHits / searches);
    System.out.printf(
        "| Raw SQL: `search_vector @@ websearch_to_tsquery` ranked, first 20 | %d | %s | %s | %s | |%n",
        raw.size(), ms(p(raw, 0.5)), ms(p(raw, 0.95)), ms(p(raw, 1)));
    System.out.printf(
        "%nRatio API / raw: p50 %.2f×, p95 %.2f×%n",
        p(api, 0.5) / p(raw, 0.5), p(api, 0.95) / p(raw, 0.95));
    System.out.println("Queries: " + String.join(" | ", QUERIES));
  }

  /** The raw full-text query: match, rank, first page (under the commune's Row-Level Security). */
  private static int rawQuery(Connection db, String q) throws SQLException {
    try (PreparedStatement ps =
        db.prepareStatement(
            "SELECT d.id, d.title, ts_rank_cd(d.search_vector, query) AS rank"
                + " FROM metrocloud.documents d, websearch_to_tsquery('metrocloud_fr', ?) query"
                + " WHERE d.search_vector @@ query AND d.deleted_at IS NULL"
                + " ORDER BY rank DESC LIMIT 20")) {
      ps.setString(1, q);
      int n = 0;
      try (ResultSet r = ps.executeQuery()) {
        while (r.next()) {
          n++;
        }
      }
      return n;
    }
  }

  /**
   * Generates documents with a current version whose extracted text is 120 to 400 words drawn from
   * a municipal vocabulary, then computes their search vectors the way the platform does.
   */
  private static void generate(Connection db, Commune commune, int n) throws SQLException {
    String words = "ARRAY[" + quoteAll(WORDS) + "]";
    try (Statement s = db.createStatement()) {
      s.execute("SET search_path = metrocloud");
      s.execute(
          "CREATE TEMP TABLE gen AS SELECT gen_random_uuid() AS id, g AS n,"
              + " (SELECT string_agg(CASE WHEN x % 25 = 0 THEN 'lieudit' || floor(random() * 20000)::int"
              + "    ELSE w[1 + floor(array_length(w, 1) * power(random(), 2) + x * 0)::int] END, ' ')"
              + "    FROM generate_series(1, 120 + (g % 280)) x) AS body,"
              + " (SELECT string_agg(w[1 + floor(random() * array_length(w, 1) + x * 0)::int], ' ')"
              + "    FROM generate_series(1, 6 + g * 0) x) AS title"
              + " FROM generate_series(1, "
              + n
              + ") g, (SELECT "
              + words
              + " AS w) v");
      s.execute(
          "INSERT INTO documents (id, tenant_id, title, description, tags, author, author_name, current_version,"
              + " created_at, updated_at)"
              + " SELECT id, '"
              + commune.insee()
              + "', initcap(title), NULL, 'banc-essai', 'banc.essai', 'Banc d''essai', 1,"
              + " now() - (n || ' minutes')::interval, now() - (n || ' minutes')::interval FROM gen");
      s.execute(
          "INSERT INTO document_versions (id, tenant_id, document_id, number, file_name, size, sha256, mime_type,"
              + " object_key, stored_size, created_by, created_at, extraction_status, extracted_at, extracted_chars,"
              + " text_content)"
              + " SELECT gen_random_uuid(), '"
              + commune.insee()
              + "', id, 1, 'document-' || n || '.pdf', length(body), repeat('0', 64), 'application/pdf',"
              + " 'bench/' || id, length(body), 'banc.essai', now(), 'DONE', now(), length(body), body FROM gen");
      s.execute(
          "UPDATE documents d SET search_vector ="
              + " setweight(to_tsvector('metrocloud_fr', d.title), 'A')"
              + " || setweight(to_tsvector('metrocloud_fr', coalesce(d.description, '') || ' ' || d.tags || ' '"
              + "    || v.file_name), 'B')"
              + " || setweight(to_tsvector('metrocloud_fr', left(coalesce(v.text_content, ''), 300000)), 'C')"
              + " FROM document_versions v WHERE v.document_id = d.id AND v.number = 1 AND d.author = 'banc.essai'");
    }
  }

  private static String quoteAll(String[] words) {
    StringBuilder sb = new StringBuilder();
    for (String w : words) {
      if (sb.length() > 0) {
        sb.append(',');
      }
      sb.append('\'').append(w.replace("'", "''")).append('\'');
    }
    return sb.toString();
  }

  // ---- plumbing
  // ------------------------------------------------------------------------------------------------------

  private static Commune testCommune(Platform platform) {
    Set<String> taken = new HashSet<>();
    platform
        .operator()
        .get("/api/v1/tenants")
        .jsonArray()
        .getValuesAs(JsonObject.class)
        .forEach(t -> taken.add(t.getString("insee")));
    int code = 67950;
    while (taken.contains(Integer.toString(code))) {
      code++;
    }
    return new Commune(Integer.toString(code), "Commune d'essai GED " + code, "67000", 1000);
  }

  private static void cleanUp(Platform platform, Commune commune) {
    try (Connection db = owner(commune)) {
      db.setAutoCommit(false);
      bindTenant(db, commune);
      try (Statement s = db.createStatement()) {
        s.execute(
            "DELETE FROM metrocloud.documents WHERE tenant_id = '"
                + commune.insee()
                + "' AND author = 'banc.essai'");
      }
      db.commit();
    } catch (SQLException e) {
      System.err.println("Generated rows not deleted: " + e.getMessage());
    }
    ApiClient operator = platform.operator();
    operator.post(
        "/api/v1/tenants/" + commune.insee() + "/suspend", "{\"reason\":\"fin du banc d'essai\"}");
    operator.post(
        "/api/v1/tenants/" + commune.insee() + "/decommission",
        "{\"reason\":\"fin du banc d'essai\"}");
  }

  private static Connection owner(Commune commune) throws SQLException {
    return DriverManager.getConnection(
        Environment.get("metrocloud.db.url", "jdbc:postgresql://127.0.0.1:5432/metrocloud"),
        Environment.get("metrocloud.db.owner.user", "metrocloud_owner"),
        Environment.get("metrocloud.db.owner.password", "dev-owner-password"));
  }

  /**
   * Row-Level Security is forced on the owner too: bind the session's transaction to the commune.
   */
  private static void bindTenant(Connection db, Commune commune) throws SQLException {
    try (PreparedStatement ps =
        db.prepareStatement("SELECT set_config('app.tenant_id', ?, true)")) {
      ps.setString(1, commune.insee());
      ps.execute();
    }
  }

  private static MinioClient s3() {
    return MinioClient.builder()
        .endpoint(Environment.get("metrocloud.storage.endpoint", "http://127.0.0.1:9100"))
        .credentials(
            Environment.get("metrocloud.storage.access.key", "metrocloud"),
            Environment.get("metrocloud.storage.secret.key", "dev-storage-secret"))
        .build();
  }

  private static String sha256(byte[] content) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static ApiClient.Reply expect(ApiClient.Reply reply, int status) {
    if (reply.status() != status) {
      throw new IllegalStateException("Expected " + status + ": " + reply);
    }
    return reply;
  }

  private static double p(List<Double> millis, double p) {
    double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return sorted[Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1))];
  }

  private static String ms(double v) {
    return v >= 100 ? String.format("%.0f ms", v) : String.format("%.1f ms", v);
  }
}
