package fr.strasbourg.metrocloud.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import fr.strasbourg.metrocloud.app.support.Database;
import fr.strasbourg.metrocloud.app.support.PlatformTestBase;
import fr.strasbourg.metrocloud.app.support.Storage;
import fr.strasbourg.metrocloud.app.support.TestObjectStore;
import fr.strasbourg.metrocloud.testkit.ApiClient;
import fr.strasbourg.metrocloud.testkit.Platform;
import fr.strasbourg.metrocloud.testkit.SampleCommunes.Commune;
import fr.strasbourg.metrocloud.testkit.SampleFiles;
import io.minio.ListObjectsArgs;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.messages.Item;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shared GED through the API, on the real S3 server and PostgreSQL: upload, versions, download,
 * Tika extraction, French full-text search, trash, quota, isolation, hostile files, the object
 * store going down mid-upload and the reconciliation of orphans.
 */
class DocumentsIT extends PlatformTestBase {

  private static final Commune MUNDOLSHEIM = new Commune("67309", "Mundolsheim", "67450", 4900);
  private static final Commune OBERHAUSBERGEN =
      new Commune("67343", "Oberhausbergen", "67205", 5600);

  private ApiClient agent;
  private ApiClient other;

  @BeforeEach
  void twoCommunesWithTheGed() {
    for (Commune c : List.of(MUNDOLSHEIM, OBERHAUSBERGEN)) {
      platform.ensureActiveCommune(c);
      ApiClient admin = platform.as(Platform.adminOf(c), c);
      ApiClient.Reply r =
          admin.post("/api/v1/subscriptions", "{\"service\":\"document-management\"}");
      assertThat(r.status()).as(r.toString()).isIn(201, 409);
      platform.ensurePerson("agent." + c.slug(), "Agnès", "Agent", List.of("agent"), c);
    }
    agent = platform.as("agent.mundolsheim", MUNDOLSHEIM);
    other = platform.as("agent.oberhausbergen", OBERHAUSBERGEN);
  }

  private static String sha256(byte[] content) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private JsonObject upload(ApiClient client, String name, byte[] content, String query) {
    ApiClient.Reply r =
        client.upload("/api/v1/documents" + query, name, "application/octet-stream", content);
    return assertOk(r, 201).json();
  }

  private JsonObject waitForExtraction(ApiClient client, String id) throws InterruptedException {
    for (int i = 0; i < 120; i++) {
      JsonObject document = client.get("/api/v1/documents/" + id).json();
      String status =
          document.getJsonArray("versions").getJsonObject(0).getString("extractionStatus");
      if (!status.equals("PENDING") && !status.equals("RUNNING")) {
        return document;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("Extraction of " + id + " did not finish");
  }

  @Test
  void aCommuneWithoutTheGedIsRefused() {
    Commune plobsheim = new Commune("67378", "Plobsheim", "67115", 4473);
    platform.ensureActiveCommune(plobsheim);
    ApiClient admin = platform.as(Platform.adminOf(plobsheim), plobsheim);
    JsonObject problem =
        assertProblem(
            admin.upload("/api/v1/documents", "a.pdf", "application/pdf", SampleFiles.pdf("x")),
            403,
            "service-not-subscribed");
    assertThat(problem.getString("detail")).contains("Gestion électronique des documents");
    assertProblem(admin.get("/api/v1/documents"), 403, "service-not-subscribed");
  }

  @Test
  void uploadVersionsAndStreamedDownloadsKeepContentFingerprintAndDetectedType() throws Exception {
    JsonObject folder =
        assertOk(
                agent.post(
                    "/api/v1/documents/folders",
                    "{\"name\":\"Conseil municipal " + UUID.randomUUID() + "\"}"),
                201)
            .json();
    byte[] pdf = SampleFiles.pdf("Délibération n° 2026-045", "Objet : adhésion au service commun.");
    // the client claims a PNG: the platform believes the content
    ApiClient.Reply created =
        agent.upload(
            "/api/v1/documents?type=deliberation&tag=Conseil&tag=budget&folder="
                + folder.getString("id"),
            "Délibération 2026-045.pdf",
            "image/png",
            pdf);
    JsonObject document = assertOk(created, 201).json();
    String id = document.getString("id");
    assertThat(created.header("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/api/v1/documents/" + id));
    assertThat(document.getString("title")).isEqualTo("Délibération 2026-045");
    assertThat(document.getString("type")).isEqualTo("deliberation");
    assertThat(document.getJsonArray("tags").getValuesAs(JsonString.class))
        .extracting(JsonString::getString)
        .containsExactly("conseil", "budget");
    assertThat(document.getString("author")).isEqualTo("agent.mundolsheim");
    JsonObject v1 = document.getJsonArray("versions").getJsonObject(0);
    assertThat(v1.getString("fileName")).isEqualTo("Délibération 2026-045.pdf");
    assertThat(v1.getJsonNumber("size").longValue()).isEqualTo(pdf.length);
    assertThat(v1.getString("sha256")).isEqualTo(sha256(pdf));
    assertThat(v1.getString("mimeType")).isEqualTo("application/pdf");
    assertThat(v1.getString("claimedMimeType")).isEqualTo("image/png");

    byte[] docx =
        SampleFiles.docx("Délibération modifiée", "Objet : adhésion au service commun, version 2.");
    assertOk(
        agent.upload(
            "/api/v1/documents/" + id + "/versions",
            "Délibération 2026-045 v2.docx",
            "application/octet-stream",
            docx),
        201);
    JsonObject twice = waitForExtraction(agent, id);
    assertThat(twice.getInt("currentVersion")).isEqualTo(2);
    assertThat(twice.getJsonArray("versions").getJsonObject(0).getString("mimeType"))
        .isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");

    // metadata can be described after the upload
    JsonObject described =
        assertOk(
                agent.send(
                    "PUT",
                    "/api/v1/documents/" + id + "/metadata",
                    "{\"title\":\"Délibération adhésion\",\"description\":\"Adoptée à l'unanimité\","
                        + "\"type\":\"arrete\",\"tags\":[\"urbanisme\"],\"folderId\":null}",
                    "application/json"),
                200)
            .json();
    assertThat(described.getString("title")).isEqualTo("Délibération adhésion");
    JsonObject reread = agent.get("/api/v1/documents/" + id).json();
    assertThat(reread.getString("description")).isEqualTo("Adoptée à l'unanimité");
    assertThat(reread.getString("type")).isEqualTo("arrete");
    assertThat(reread.containsKey("folderId") && !reread.isNull("folderId")).isFalse();

    ApiClient.Download current = agent.download("/api/v1/documents/" + id + "/content");
    assertThat(current.status()).isEqualTo(200);
    assertThat(current.body()).isEqualTo(docx);
    ApiClient.Download first = agent.download("/api/v1/documents/" + id + "/content?version=1");
    assertThat(first.body()).isEqualTo(pdf);
    assertThat(first.header("Content-Type")).hasValue("application/pdf");
    assertThat(first.header("Content-Disposition"))
        .hasValueSatisfying(
            d ->
                assertThat(d)
                    .contains(
                        "attachment", "filename*=UTF-8''D%C3%A9lib%C3%A9ration%202026-045.pdf"));
    assertThat(first.header("X-Document-Sha256")).hasValue(sha256(pdf));
    assertProblem(
        agent.get("/api/v1/documents/" + id + "/content?version=9"), 404, "version-not-found");

    // At rest, the bucket holds only ciphertext
    List<byte[]> raw = rawObjectsOf(MUNDOLSHEIM, "documents/" + id + "/");
    assertThat(raw).hasSize(2);
    for (byte[] object : raw) {
      assertThat(new String(object, 0, 4, StandardCharsets.ISO_8859_1)).isEqualTo("MCE1");
      assertThat(new String(object, StandardCharsets.ISO_8859_1))
          .doesNotContain("Délibération", "%PDF");
    }
  }

  @Test
  void extractedTextIsSearchableInFrenchIgnoringAccentsWithExcerptsAndFilters() throws Exception {
    String marker = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    byte[] pdf =
        SampleFiles.pdf(
            "Compte rendu du conseil d'école maternelle " + marker,
            "Les budgets de fonctionnement des écoles sont votés.");
    JsonObject document = upload(agent, "Compte rendu école.pdf", pdf, "?type=rapport&tag=ecoles");
    String id = document.getString("id");
    JsonObject extracted = waitForExtraction(agent, id);
    JsonObject version = extracted.getJsonArray("versions").getJsonObject(0);
    assertThat(version.getString("extractionStatus")).isEqualTo("DONE");
    assertThat(version.getInt("extractedChars")).isPositive();

    JsonObject found = agent.get("/api/v1/documents?q=" + enc("ecole maternelle " + marker)).json();
    assertThat(found.getJsonNumber("total").longValue()).isEqualTo(1);
    assertThat(found.getBoolean("totalExact")).isTrue();
    JsonObject hit = found.getJsonArray("results").getJsonObject(0);
    assertThat(hit.getString("id")).isEqualTo(id);
    assertThat(hit.getJsonNumber("rank").doubleValue()).isPositive();
    JsonArray excerpt = hit.getJsonArray("excerpt");
    List<String> highlighted = new ArrayList<>();
    for (int i = 1; i < excerpt.size(); i += 2) {
      highlighted.add(excerpt.getString(i).toLowerCase());
    }
    assertThat(highlighted).contains("école", "maternelle");
    // stemming: "budget" finds "budgets"; accents: "ecoles" finds "écoles"
    assertThat(
            agent
                .get("/api/v1/documents?q=" + enc("budget " + marker))
                .json()
                .getJsonNumber("total")
                .longValue())
        .isEqualTo(1);
    assertThat(
            agent
                .get("/api/v1/documents?q=" + enc("ECOLES " + marker))
                .json()
                .getJsonNumber("total")
                .longValue())
        .isEqualTo(1);
    // filters combine with the text
    assertThat(
            agent
                .get(
                    "/api/v1/documents?q="
                        + marker
                        + "&type=rapport&tag=ecoles&author=agent.mundolsheim")
                .json()
                .getJsonNumber("total")
                .longValue())
        .isEqualTo(1);
    assertThat(
            agent
                .get("/api/v1/documents?q=" + marker + "&type=arrete")
                .json()
                .getJsonNumber("total")
                .longValue())
        .isZero();
    assertThat(
            agent
                .get("/api/v1/documents?q=" + marker + "&from=2000-01-01&to=2000-12-31")
                .json()
                .getJsonNumber("total")
                .longValue())
        .isZero();
    // another commune does not find it
    assertThat(other.get("/api/v1/documents?q=" + marker).json().getJsonNumber("total").longValue())
        .isZero();

    // listing without text, paginated
    JsonObject page = agent.get("/api/v1/documents?size=1&page=0").json();
    assertThat(page.getJsonArray("results")).hasSize(1);
    assertThat(page.getJsonNumber("total").longValue()).isGreaterThanOrEqualTo(1);
    assertProblem(agent.get("/api/v1/documents?size=1000"), 400, "invalid-page");
  }

  @Test
  void filesWithoutReadableTextStayListedAndSayWhy() throws Exception {
    JsonObject encrypted =
        upload(
            agent,
            "confidentiel.pdf",
            SampleFiles.encryptedPdf("secret", "Données confidentielles"),
            "");
    JsonObject corrupt = upload(agent, "tronqué.pdf", SampleFiles.corruptPdf(), "");
    JsonObject corruptDocx = upload(agent, "abîmé.docx", SampleFiles.corruptDocx(), "");
    JsonObject bomb = upload(agent, "bombe.docx", SampleFiles.docxBomb(200), "");
    JsonObject zip = upload(agent, "bombe.zip", SampleFiles.zipBomb(300), "");
    assertThat(status(waitForExtraction(agent, encrypted.getString("id")))).isEqualTo("FAILED");
    assertThat(error(waitForExtraction(agent, encrypted.getString("id")))).contains("chiffré");
    assertThat(status(waitForExtraction(agent, corrupt.getString("id")))).isEqualTo("FAILED");
    assertThat(error(waitForExtraction(agent, corrupt.getString("id")))).isNotBlank();
    assertThat(status(waitForExtraction(agent, corruptDocx.getString("id")))).isEqualTo("FAILED");
    assertThat(error(waitForExtraction(agent, corruptDocx.getString("id")))).isNotBlank();
    JsonObject bombed = waitForExtraction(agent, bomb.getString("id"));
    assertThat(status(bombed)).isIn("FAILED", "DONE");
    if (status(bombed).equals("DONE")) {
      assertThat(bombed.getJsonArray("versions").getJsonObject(0).getBoolean("extractionTruncated"))
          .isTrue();
    }
    assertThat(status(waitForExtraction(agent, zip.getString("id"))))
        .isIn("DONE", "SKIPPED", "FAILED");
    // all of them are listed and downloadable
    assertThat(
            agent.download("/api/v1/documents/" + encrypted.getString("id") + "/content").status())
        .isEqualTo(200);
    // and the platform still answers
    assertOk(agent.get("/api/v1/documents?size=5"), 200);
  }

  private static String status(JsonObject document) {
    return document.getJsonArray("versions").getJsonObject(0).getString("extractionStatus");
  }

  private static String error(JsonObject document) {
    return document.getJsonArray("versions").getJsonObject(0).getString("extractionError", "");
  }

  @Test
  void hostileUploadsAreRefusedAndLeaveNothingBehind() throws Exception {
    long objectsBefore = rawObjectsOf(MUNDOLSHEIM, "documents/").size();
    long documentsBefore =
        agent.get("/api/v1/documents?size=1").json().getJsonNumber("total").longValue();
    byte[] pdf = SampleFiles.pdf("contenu");

    assertProblem(
        agent.upload("/api/v1/documents", "vide.pdf", "application/pdf", new byte[0]),
        422,
        "empty-file");
    assertProblem(
        agent.upload("/api/v1/documents", "../../etc/passwd", "application/pdf", pdf),
        400,
        "invalid-file-name");
    assertProblem(
        agent.upload("/api/v1/documents", "a/b.pdf", "application/pdf", pdf),
        400,
        "invalid-file-name");
    assertProblem(
        agent.upload("/api/v1/documents", "rapport\u0007.pdf", "application/pdf", pdf),
        400,
        "invalid-file-name");
    assertProblem(
        agent.upload("/api/v1/documents", "r".repeat(500) + ".pdf", "application/pdf", pdf),
        400,
        "invalid-file-name");
    assertProblem(
        agent.upload("/api/v1/documents", null, "application/pdf", pdf), 400, "invalid-file-name");
    assertProblem(
        agent.upload(
            "/api/v1/documents?folder=" + UUID.randomUUID(), "a.pdf", "application/pdf", pdf),
        404,
        "folder-not-found");
    assertProblem(
        agent.upload("/api/v1/documents?type=inexistant", "a.pdf", "application/pdf", pdf),
        422,
        "unknown-document-type");
    assertProblem(
        agent.upload("/api/v1/documents?tag=%3Cscript%3E", "a.pdf", "application/pdf", pdf),
        400,
        "invalid-tags");
    JsonObject tooLarge =
        assertProblem(
            agent.upload(
                "/api/v1/documents",
                "gros.bin",
                "application/octet-stream",
                new byte[21 * 1024 * 1024]),
            413,
            "file-too-large");
    assertThat(tooLarge.getString("detail")).contains("20,0 Mio");
    // another commune's folder is "not found"
    String theirFolder =
        assertOk(
                other.post(
                    "/api/v1/documents/folders", "{\"name\":\"Privé " + UUID.randomUUID() + "\"}"),
                201)
            .json()
            .getString("id");
    assertProblem(
        agent.upload("/api/v1/documents?folder=" + theirFolder, "a.pdf", "application/pdf", pdf),
        404,
        "folder-not-found");

    assertThat(agent.get("/api/v1/documents?size=1").json().getJsonNumber("total").longValue())
        .isEqualTo(documentsBefore);
    assertThat(rawObjectsOf(MUNDOLSHEIM, "documents/")).hasSize((int) objectsBefore);
  }

  @Test
  void anotherCommunesDocumentIsNotFound() {
    String id = upload(agent, "interne.pdf", SampleFiles.pdf("Note interne"), "").getString("id");
    assertProblem(other.get("/api/v1/documents/" + id), 404, "document-not-found");
    assertProblem(other.get("/api/v1/documents/" + id + "/content"), 404, "document-not-found");
    assertProblem(other.delete("/api/v1/documents/" + id), 404, "document-not-found");
    assertProblem(
        other.upload(
            "/api/v1/documents/" + id + "/versions",
            "x.pdf",
            "application/pdf",
            SampleFiles.pdf("intrusion")),
        404,
        "document-not-found");
    assertThat(agent.get("/api/v1/documents/" + id).json().getInt("currentVersion")).isEqualTo(1);
  }

  @Test
  void theTrashKeepsDocumentsRestorable() {
    String id = upload(agent, "à jeter.pdf", SampleFiles.pdf("brouillon"), "").getString("id");
    JsonObject trashed = assertOk(agent.delete("/api/v1/documents/" + id), 200).json();
    assertThat(trashed.getString("deletedBy")).isEqualTo("agent.mundolsheim");
    assertThat(agent.get("/api/v1/documents/trash").jsonArray().getValuesAs(JsonObject.class))
        .extracting(d -> d.getString("id"))
        .contains(id);
    assertThat(
            agent
                .get("/api/v1/documents?size=100")
                .json()
                .getJsonArray("results")
                .getValuesAs(JsonObject.class))
        .extracting(d -> d.getString("id"))
        .doesNotContain(id);
    assertProblem(agent.get("/api/v1/documents/" + id + "/content"), 409, "document-in-trash");
    assertOk(agent.post("/api/v1/documents/" + id + "/restore", ""), 200);
    assertThat(agent.download("/api/v1/documents/" + id + "/content").status()).isEqualTo(200);
    assertProblem(
        agent.post("/api/v1/documents/" + id + "/restore", ""), 409, "document-not-in-trash");
  }

  @Test
  void theQuotaOfTheSubscriptionIsEnforcedWithTheQuotaInTheMessage() {
    Commune c = OBERHAUSBERGEN;
    ApiClient operator = platform.operator();
    String subscription =
        operator
            .get("/api/v1/subscriptions?tenant=" + c.insee())
            .jsonArray()
            .getValuesAs(JsonObject.class)
            .stream()
            .filter(
                s ->
                    s.getString("service").equals("document-management")
                        && s.getString("status").equals("ACTIVE"))
            .findFirst()
            .orElseThrow()
            .getString("id");
    long used =
        other.get("/api/v1/documents/usage").json().getJsonNumber("storedBytes").longValue();
    assertOk(
        operator.send(
            "PUT",
            "/api/v1/tenants/" + c.insee() + "/subscriptions/" + subscription + "/quota",
            "{\"quotaBytes\":" + (used + 50_000) + "}",
            "application/json"),
        200);
    try {
      JsonObject usage = other.get("/api/v1/documents/usage").json();
      assertThat(usage.getJsonNumber("quotaBytes").longValue()).isEqualTo(used + 50_000);
      JsonObject problem =
          assertProblem(
              other.upload(
                  "/api/v1/documents", "gros.bin", "application/octet-stream", new byte[100_000]),
              413,
              "quota-exceeded");
      assertThat(problem.getString("detail")).contains("quota");
      assertThat(problem.getJsonNumber("quotaBytes").longValue()).isEqualTo(used + 50_000);
      assertOk(
          other.upload("/api/v1/documents", "petit.txt", "text/plain", "Petit texte".getBytes()),
          201);
    } finally {
      assertOk(
          operator.send(
              "PUT",
              "/api/v1/tenants/" + c.insee() + "/subscriptions/" + subscription + "/quota",
              "{\"quotaBytes\":null}",
              "application/json"),
          200);
    }
  }

  @Test
  void accessesAreAuditedAndUsageIsRecorded() {
    String id = upload(agent, "suivi.pdf", SampleFiles.pdf("Suivi"), "").getString("id");
    assertThat(agent.download("/api/v1/documents/" + id + "/content").status()).isEqualTo(200);
    ApiClient admin = platform.as(Platform.adminOf(MUNDOLSHEIM), MUNDOLSHEIM);
    List<JsonObject> events =
        admin.get("/api/v1/audit/events?limit=100").jsonArray().getValuesAs(JsonObject.class);
    assertThat(
            events.stream()
                .filter(e -> id.equals(e.getString("targetId", null)))
                .map(e -> e.getString("action")))
        .contains("documents.document.created", "documents.document.downloaded");
    List<String> metrics =
        admin
            .get("/api/v1/usage?service=document-management&limit=1000")
            .jsonArray()
            .getValuesAs(JsonObject.class)
            .stream()
            .map(u -> u.getString("metric"))
            .toList();
    assertThat(metrics).contains("documents.uploads", "documents.downloads");
  }

  @Test
  void theObjectStoreGoingDownDuringAnUploadWritesNothingAndTheUploadSucceedsAfterRestart() {
    long before = agent.get("/api/v1/documents?size=1").json().getJsonNumber("total").longValue();
    byte[] pdf = SampleFiles.pdfOfSize(3_000_000, 7, "Rapport annuel");
    TestObjectStore.stop();
    try {
      JsonObject problem =
          assertProblem(
              agent.upload("/api/v1/documents", "rapport.pdf", "application/pdf", pdf),
              503,
              "storage-unavailable");
      assertThat(problem.getString("detail")).contains("rien n'a été enregistré");
    } finally {
      TestObjectStore.start();
    }
    assertThat(agent.get("/api/v1/documents?size=1").json().getJsonNumber("total").longValue())
        .isEqualTo(before);
    JsonObject stored = upload(agent, "rapport.pdf", pdf, "");
    assertThat(agent.download("/api/v1/documents/" + stored.getString("id") + "/content").body())
        .isEqualTo(pdf);
  }

  @Test
  void reconciliationRemovesOrphanObjectsAndReportsMissingOnes() throws Exception {
    String bucket = "metrocloud-" + MUNDOLSHEIM.insee();
    String orphan = "documents/" + UUID.randomUUID() + "/" + UUID.randomUUID();
    byte[] junk = "restes d'un envoi interrompu".getBytes();
    Storage.client()
        .putObject(
            PutObjectArgs.builder().bucket(bucket).object(orphan).stream(
                    new ByteArrayInputStream(junk), junk.length, -1)
                .build());
    String id =
        upload(agent, "perdu.pdf", SampleFiles.pdf("Document dont l'objet disparaîtra"), "")
            .getString("id");
    String lost = rawKeysOf(MUNDOLSHEIM, "documents/" + id + "/").get(0);
    Storage.client().removeObject(RemoveObjectArgs.builder().bucket(bucket).object(lost).build());

    JsonObject report =
        assertOk(
                platform
                    .operator()
                    .post("/api/v1/tenants/" + MUNDOLSHEIM.insee() + "/documents/maintenance", ""),
                200)
            .json();
    assertThat(report.getInt("orphansRemoved")).isGreaterThanOrEqualTo(1);
    assertThat(report.getInt("missingObjects")).isGreaterThanOrEqualTo(1);
    assertThat(rawKeysOf(MUNDOLSHEIM, "documents/")).doesNotContain(orphan);
    ApiClient admin = platform.as(Platform.adminOf(MUNDOLSHEIM), MUNDOLSHEIM);
    Predicate<JsonObject> missing =
        e ->
            e.getString("action").equals("documents.object.missing")
                && lost.equals(e.getString("targetId", null));
    assertThat(
            admin.get("/api/v1/audit/events?limit=100").jsonArray().getValuesAs(JsonObject.class))
        .anyMatch(missing);
    assertProblem(agent.get("/api/v1/documents/" + id + "/content"), 503, "content-unreadable");
  }

  @Test
  void aShareLinkOpensForTheCommunesAgentsOnlyUntilItExpiresOrIsRevoked() throws Exception {
    byte[] pdf = SampleFiles.pdf("Note de service", "Horaires d'ouverture de la mairie.");
    String id = upload(agent, "note de service.pdf", pdf, "").getString("id");
    Instant before = Instant.now();
    ApiClient.Reply created = agent.post("/api/v1/documents/" + id + "/shares", "{\"days\":2}");
    JsonObject share = assertOk(created, 201).json();
    String token = share.getString("token");
    assertThat(token).matches("[A-Za-z0-9_-]{43}");
    assertThat(share.getString("path")).isEqualTo("/api/v1/documents/shared/" + token);
    assertThat(Instant.parse(share.getString("expiresAt")))
        .isBetween(
            before.plus(Duration.ofDays(2)).minusSeconds(60),
            before.plus(Duration.ofDays(2)).plusSeconds(60));

    // a colleague of the same commune opens the link and downloads the document
    platform.ensurePerson(
        "secretariat.mundolsheim", "Sophie", "Secrétaire", List.of("agent"), MUNDOLSHEIM);
    ApiClient colleague = platform.as("secretariat.mundolsheim", MUNDOLSHEIM);
    JsonObject opened = assertOk(colleague.get(share.getString("path")), 200).json();
    assertThat(opened.getString("id")).isEqualTo(id);
    assertThat(opened.getJsonArray("versions")).hasSize(1);
    assertThat(colleague.download(share.getString("path") + "/content").body()).isEqualTo(pdf);
    // nobody else: another commune's agent, a forged or truncated token
    assertProblem(other.get(share.getString("path")), 404, "share-not-found");
    assertProblem(other.get(share.getString("path") + "/content"), 404, "share-not-found");
    assertProblem(
        colleague.get("/api/v1/documents/shared/" + token.substring(1) + "A"),
        404,
        "share-not-found");
    assertProblem(colleague.get("/api/v1/documents/shared/abc"), 404, "share-not-found");
    // the list never shows a token again
    JsonObject listed =
        agent.get("/api/v1/documents/" + id + "/shares").jsonArray().getJsonObject(0);
    assertThat(listed.getString("id")).isEqualTo(share.getString("id"));
    assertThat(listed.getBoolean("active")).isTrue();
    assertThat(listed.containsKey("token")).isFalse();
    // bad requests
    assertProblem(
        agent.post("/api/v1/documents/" + id + "/shares", "{\"days\":31}"),
        422,
        "invalid-share-duration");
    assertProblem(
        agent.post("/api/v1/documents/" + id + "/shares", "{\"days\":0}"),
        422,
        "invalid-share-duration");
    assertProblem(
        agent.post("/api/v1/documents/" + id + "/shares", "{\"days\":1,\"version\":4}"),
        404,
        "version-not-found");
    assertProblem(
        other.post("/api/v1/documents/" + id + "/shares", "{\"days\":1}"),
        404,
        "document-not-found");

    // an expired link no longer opens (its expiry moved to the past, as the clock would)
    String expiring =
        assertOk(
                agent.post("/api/v1/documents/" + id + "/shares", "{\"days\":1,\"version\":1}"),
                201)
            .json()
            .getString("token");
    assertOk(colleague.get("/api/v1/documents/shared/" + expiring), 200);
    try (Connection owner = Database.asOwner();
        PreparedStatement ps =
            owner.prepareStatement(
                "UPDATE metrocloud.document_shares SET created_at = now() - interval '3 days',"
                    + " expires_at = now() - interval '1 second' WHERE id = ?")) {
      owner.setAutoCommit(false);
      try (Statement bind = owner.createStatement()) {
        bind.execute("SELECT set_config('app.tenant_id', '" + MUNDOLSHEIM.insee() + "', true)");
      }
      ps.setObject(1, UUID.fromString(idOfShare(agent, id, 0)));
      assertThat(ps.executeUpdate()).isEqualTo(1);
      owner.commit();
    }
    assertProblem(colleague.get("/api/v1/documents/shared/" + expiring), 404, "share-not-found");

    // a revoked link no longer opens
    assertThat(
            agent.delete("/api/v1/documents/" + id + "/shares/" + share.getString("id")).status())
        .isEqualTo(204);
    assertProblem(colleague.get(share.getString("path")), 404, "share-not-found");
    assertThat(
            agent
                .get("/api/v1/documents/" + id + "/shares")
                .jsonArray()
                .getValuesAs(JsonObject.class))
        .filteredOn(s -> s.getString("id").equals(share.getString("id")))
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.getBoolean("active")).isFalse();
              assertThat(s.getString("revokedBy")).isEqualTo("agent.mundolsheim");
            });

    ApiClient admin = platform.as(Platform.adminOf(MUNDOLSHEIM), MUNDOLSHEIM);
    assertThat(
            admin
                .get("/api/v1/audit/events?limit=200")
                .jsonArray()
                .getValuesAs(JsonObject.class)
                .stream()
                .filter(e -> id.equals(e.getString("targetId", null)))
                .map(e -> e.getString("action")))
        .contains("documents.share.created", "documents.share.opened", "documents.share.revoked");
  }

  /** The id of the n-th newest share of a document. */
  private static String idOfShare(ApiClient client, String documentId, int n) {
    return client
        .get("/api/v1/documents/" + documentId + "/shares")
        .jsonArray()
        .getJsonObject(n)
        .getString("id");
  }

  @Test
  void storedBytesAreMeteredOncePerDayAsGigabyteMonths() {
    // a commune that only this test uses, so that today's first snapshot is this test's
    Commune vendenheim = new Commune("67506", "Vendenheim", "67550", 6000);
    platform.ensureActiveCommune(vendenheim);
    ApiClient admin = platform.as(Platform.adminOf(vendenheim), vendenheim);
    assertThat(
            admin.post("/api/v1/subscriptions", "{\"service\":\"document-management\"}").status())
        .isIn(201, 409);
    upload(admin, "plan local d'urbanisme.bin", new byte[3_000_000], "");
    long stored =
        admin.get("/api/v1/documents/usage").json().getJsonNumber("storedBytes").longValue();
    assertThat(stored).isGreaterThanOrEqualTo(3_000_000);

    ApiClient operator = platform.operator();
    String maintenance = "/api/v1/tenants/" + vendenheim.insee() + "/documents/maintenance";
    JsonObject first = assertOk(operator.post(maintenance, ""), 200).json();
    JsonObject second = assertOk(operator.post(maintenance, ""), 200).json();
    String today = LocalDate.now(ZoneOffset.UTC).toString();
    assertThat(first.getString("storageSnapshotDay")).isEqualTo(today);
    assertThat(first.getJsonNumber("storedBytes").longValue()).isEqualTo(stored);
    assertThat(second.getBoolean("storageSnapshotRecorded")).isFalse();

    // bytes / 2^30 / days of the month: a month of daily snapshots adds up to GB-months
    BigDecimal expected =
        BigDecimal.valueOf(stored)
            .divide(BigDecimal.valueOf(1L << 30), 12, RoundingMode.HALF_UP)
            .divide(
                BigDecimal.valueOf(LocalDate.now(ZoneOffset.UTC).lengthOfMonth()),
                6,
                RoundingMode.HALF_UP);
    List<JsonObject> usage =
        admin
            .get("/api/v1/usage?service=document-management&limit=1000")
            .jsonArray()
            .getValuesAs(JsonObject.class);
    List<JsonObject> gbMonth =
        usage.stream()
            .filter(
                u ->
                    u.getString("metric").equals("storage.gb-month")
                        && u.getString("occurredAt").startsWith(today))
            .toList();
    assertThat(gbMonth).hasSize(1);
    assertThat(first.getJsonNumber("gbMonth").bigDecimalValue()).isEqualByComparingTo(expected);
    List<Long> bytes =
        usage.stream()
            .filter(
                u ->
                    u.getString("metric").equals("documents.stored-bytes")
                        && u.getString("occurredAt").startsWith(today))
            .map(u -> u.getJsonNumber("quantity").longValue())
            .toList();
    assertThat(bytes).hasSize(1);
    // on a fresh database the first snapshot of the day is this test's (a rerun on the same day
    // keeps the earlier one)
    if (first.getBoolean("storageSnapshotRecorded")) {
      assertThat(gbMonth.get(0).getJsonNumber("quantity").bigDecimalValue())
          .isPositive()
          .isEqualByComparingTo(expected);
      assertThat(bytes).containsExactly(stored);
    }
  }

  @Test
  void aCommuneIsDecommissionedOnlyAfterAnExportOfItsDocumentsMadeAfterTheLastChange()
      throws Exception {
    Commune rosheim = new Commune("67411", "Rosheim", "67560", 5000);
    platform.ensureActiveCommune(rosheim);
    ApiClient admin = platform.as(Platform.adminOf(rosheim), rosheim);
    assertThat(
            admin.post("/api/v1/subscriptions", "{\"service\":\"document-management\"}").status())
        .isIn(201, 409);
    String folder =
        assertOk(admin.post("/api/v1/documents/folders", "{\"name\":\"Conseil municipal\"}"), 201)
            .json()
            .getString("id");
    byte[] v1 = SampleFiles.pdf("Délibération de départ", "La commune quitte le service commun.");
    byte[] v2 = SampleFiles.docx("Délibération de départ, version signée");
    String kept =
        upload(admin, "départ.pdf", v1, "?type=deliberation&folder=" + folder).getString("id");
    assertOk(
        admin.upload(
            "/api/v1/documents/" + kept + "/versions",
            "départ signé.docx",
            "application/octet-stream",
            v2),
        201);
    byte[] trashedContent = "=SOMME(A1:A9) brouillon".getBytes(StandardCharsets.UTF_8);
    String trashed = upload(admin, "=brouillon.txt", trashedContent, "").getString("id");
    assertOk(admin.delete("/api/v1/documents/" + trashed), 200);

    ApiClient operator = platform.operator();
    String tenant = "/api/v1/tenants/" + rosheim.insee();
    ApiClient.Download first = operator.download(tenant + "/documents/export");
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.header("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/zip"));
    java.util.Map<String, byte[]> entries = unzip(first.body());
    assertThat(entries.get("documents/" + kept + "/v1-départ.pdf")).isEqualTo(v1);
    assertThat(entries.get("documents/" + kept + "/v2-départ signé.docx")).isEqualTo(v2);
    assertThat(entries.get("documents/" + trashed + "/v1-=brouillon.txt"))
        .isEqualTo(trashedContent);
    String manifest = new String(entries.get("manifeste.csv"), StandardCharsets.UTF_8);
    List<String> lines = manifest.lines().toList();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0)).startsWith("\uFEFFdocument;titre;dossier;");
    assertThat(manifest)
        .contains("\"Conseil municipal\"", sha256(v1), sha256(v2), "\"deliberation\"");
    // a file name that a spreadsheet would take for a formula is neutralised in the manifest
    assertThat(manifest).contains("\"'=brouillon.txt\"").doesNotContain(";\"=brouillon.txt\"");

    // a change after the export: decommissioning waits for a new one
    upload(admin, "dernier.txt", "Dernier document".getBytes(StandardCharsets.UTF_8), "");
    assertOk(
        operator.post(tenant + "/suspend", "{\"reason\":\"La commune quitte le service commun\"}"),
        200);
    JsonObject blocked =
        assertProblem(
            operator.post(tenant + "/decommission", "{\"reason\":\"Départ\"}"),
            409,
            "decommission-blocked");
    assertThat(blocked.getString("detail")).contains("dernier export");
    assertThat(Storage.bucketExists("metrocloud-" + rosheim.insee())).isTrue();

    ApiClient.Download second = operator.download(tenant + "/documents/export");
    assertThat(second.status()).isEqualTo(200);
    assertThat(unzip(second.body()).get("manifeste.csv")).isNotNull();
    assertThat(
            new String(unzip(second.body()).get("manifeste.csv"), StandardCharsets.UTF_8).lines())
        .hasSize(5);
    assertOk(operator.post(tenant + "/decommission", "{\"reason\":\"Départ\"}"), 200);
    assertThat(Storage.bucketExists("metrocloud-" + rosheim.insee())).isFalse();
    assertProblem(operator.get(tenant + "/documents/export"), 409, "invalid-tenant-status");
    assertThat(
            operator
                .get("/api/v1/audit/events?tenant=" + rosheim.insee() + "&limit=100")
                .jsonArray()
                .getValuesAs(JsonObject.class)
                .stream()
                .map(e -> e.getString("action")))
        .contains("documents.export.completed");
    // a commune user cannot export
    assertProblem(
        agent.get("/api/v1/tenants/" + MUNDOLSHEIM.insee() + "/documents/export"),
        403,
        "forbidden");
  }

  private static java.util.Map<String, byte[]> unzip(byte[] zip) throws Exception {
    java.util.Map<String, byte[]> entries = new java.util.HashMap<>();
    try (java.util.zip.ZipInputStream in =
        new java.util.zip.ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
      for (java.util.zip.ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        entries.put(e.getName(), in.readAllBytes());
      }
    }
    return entries;
  }

  @Test
  void foldersFormATreeWithUniqueNames() {
    String name = "Urbanisme " + UUID.randomUUID();
    JsonObject parent =
        assertOk(agent.post("/api/v1/documents/folders", "{\"name\":\"" + name + "\"}"), 201)
            .json();
    JsonObject child =
        assertOk(
                agent.post(
                    "/api/v1/documents/folders",
                    "{\"name\":\"Permis\",\"parentId\":\"" + parent.getString("id") + "\"}"),
                201)
            .json();
    assertProblem(
        agent.post("/api/v1/documents/folders", "{\"name\":\"" + name.toUpperCase() + "\"}"),
        409,
        "folder-exists");
    assertProblem(
        agent.post("/api/v1/documents/folders", "{\"name\":\"a/b\"}"), 400, "invalid-folder-name");
    assertProblem(
        agent.delete("/api/v1/documents/folders/" + parent.getString("id")),
        409,
        "folder-not-empty");
    assertThat(agent.get("/api/v1/documents/folders").jsonArray().getValuesAs(JsonObject.class))
        .anyMatch(
            f ->
                f.getString("id").equals(child.getString("id"))
                    && f.getString("parentId").equals(parent.getString("id")));
    upload(
        agent,
        "permis.pdf",
        SampleFiles.pdf("Permis de construire"),
        "?folder=" + child.getString("id"));
    assertThat(
            agent
                .get("/api/v1/documents?folder=" + child.getString("id"))
                .json()
                .getJsonNumber("total")
                .longValue())
        .isEqualTo(1);
    // another commune sees neither the folder nor what it holds
    assertThat(other.get("/api/v1/documents/folders").jsonArray().getValuesAs(JsonObject.class))
        .noneMatch(f -> f.getString("id").equals(parent.getString("id")));
    JsonObject theirs =
        assertOk(other.get("/api/v1/documents?folder=" + child.getString("id")), 200).json();
    assertThat(theirs.getJsonNumber("total").longValue()).isZero();
    assertProblem(
        other.send(
            "PUT",
            "/api/v1/documents/folders/" + parent.getString("id"),
            "{\"name\":\"Pris\"}",
            "application/json"),
        404,
        "folder-not-found");
    assertProblem(
        other.delete("/api/v1/documents/folders/" + child.getString("id")),
        404,
        "folder-not-found");
  }

  private static List<String> rawKeysOf(Commune c, String prefix) throws Exception {
    List<String> keys = new ArrayList<>();
    for (Result<Item> item :
        Storage.client()
            .listObjects(
                ListObjectsArgs.builder()
                    .bucket("metrocloud-" + c.insee())
                    .prefix(prefix)
                    .recursive(true)
                    .build())) {
      keys.add(item.get().objectName());
    }
    return keys;
  }

  private static List<byte[]> rawObjectsOf(Commune c, String prefix) throws Exception {
    List<byte[]> objects = new ArrayList<>();
    for (String key : rawKeysOf(c, prefix)) {
      try (var in =
          Storage.client()
              .getObject(
                  io.minio.GetObjectArgs.builder()
                      .bucket("metrocloud-" + c.insee())
                      .object(key)
                      .build())) {
        objects.add(in.readAllBytes());
      }
    }
    return objects;
  }
}
