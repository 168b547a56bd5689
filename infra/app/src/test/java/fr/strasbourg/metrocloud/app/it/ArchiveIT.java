package fr.strasbourg.metrocloud.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import fr.strasbourg.metrocloud.app.support.Database;
import fr.strasbourg.metrocloud.app.support.PlatformTestBase;
import fr.strasbourg.metrocloud.app.support.Storage;
import fr.strasbourg.metrocloud.app.support.TestObjectStore;
import fr.strasbourg.metrocloud.archive.domain.JournalEntry;
import fr.strasbourg.metrocloud.archive.seda.SedaMessages;
import fr.strasbourg.metrocloud.archive.seda.SedaSchemas;
import fr.strasbourg.metrocloud.testkit.ApiClient;
import fr.strasbourg.metrocloud.testkit.Platform;
import fr.strasbourg.metrocloud.testkit.SampleCommunes.Commune;
import fr.strasbourg.metrocloud.testkit.SampleFiles;
import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The shared archive (SAE) end to end over the real GED, parapheur, PKI, object store, PostgreSQL
 * and Keycloak: transfers from the GED and as SEDA 2.2 packages (every message produced is checked
 * against the SEDA 2.2 schemas), refusals that archive nothing, the chained and sealed journal,
 * fixity audits that find objects corrupted or deleted directly in the store, legal holds and
 * access restrictions, isolation between communes.
 */
class ArchiveIT extends PlatformTestBase {

  // Communes of the Bas-Rhin outside the Eurométropole (a 34th joining), so that no other test
  // shares them: other tests decommission, delete the buckets of or count the events of the
  // member communes they use.
  private static final Commune HAGUENAU = new Commune("67180", "Haguenau", "67500", 35000);
  private static final Commune BISCHWILLER = new Commune("67046", "Bischwiller", "67240", 12500);
  private static final Commune BREUSCHWICKERSHEIM =
      new Commune("67065", "Breuschwickersheim", "67112", 1300);
  private static final Commune LA_WANTZENAU = new Commune("67519", "La Wantzenau", "67610", 5900);

  private static final SedaSchemas SEDA = SedaSchemas.seda22();

  private ApiClient setUp(Commune c, String... services) {
    platform.ensureActiveCommune(c);
    ApiClient admin = platform.as(Platform.adminOf(c), c);
    for (String service : services) {
      ApiClient.Reply r = admin.post("/api/v1/subscriptions", "{\"service\":\"" + service + "\"}");
      assertThat(r.status()).as(r.toString()).isIn(201, 409);
    }
    platform.ensurePerson("agent." + c.slug(), "Claire", "Archiviste", List.of("agent"), c);
    return admin;
  }

  // ---- transfers from the GED
  // ---------------------------------------------------------------------

  @Test
  void aSignedActFromTheGedIsArchivedWithItsValidationReportFingerprintsAndValidSedaMessages()
      throws Exception {
    ApiClient admin = setUp(HAGUENAU, "document-management", "e-signature", "archiving");
    platform.ensurePerson(
        "maire.haguenau", "Martine", "Maire", List.of("elected-official"), HAGUENAU);
    ApiClient agent = platform.as("agent.haguenau", HAGUENAU);
    ApiClient maire = platform.as("maire.haguenau", HAGUENAU);
    ApiClient other = setUpOther();
    // the commune wants what its circuits sign archived automatically
    assertProblem(
        admin.send(
            "PUT",
            "/api/v1/archive/settings",
            "{\"autoArchiveSigned\":true,\"service\":\"SECRETARIAT_GENERAL\",\"ruleCode\":\"INCONNUE\"}",
            "application/json"),
        422,
        "outside-agreement");
    assertOk(
        admin.send(
            "PUT",
            "/api/v1/archive/settings",
            "{\"autoArchiveSigned\":true,\"service\":\"SECRETARIAT_GENERAL\",\"ruleCode\":\"ARRETES\"}",
            "application/json"),
        200);

    // an act signed in the parapheur: version 2 of the GED document is the signed PDF
    String template =
        assertOk(
                admin.post(
                    "/api/v1/parapheur/templates",
                    "{\"name\":\"Arrêtés "
                        + UUID.randomUUID()
                        + "\",\"steps\":[{\"stage\":1,\"kind\":\"SIGNATURE\","
                        + "\"username\":\"maire.haguenau\",\"label\":\"Maire\"}]}"),
                201)
            .json()
            .getString("id");
    String word = "stationnement" + UUID.randomUUID().toString().substring(0, 6);
    byte[] pdf = SampleFiles.pdf("Arrêté municipal n° 2026-17", "Réglementation du " + word);
    JsonObject folder =
        assertOk(
                agent.upload(
                    "/api/v1/parapheur/folders/upload?template="
                        + template
                        + "&title="
                        + enc("Arrêté 2026-17"),
                    "arrete-2026-17.pdf",
                    "application/pdf",
                    pdf),
                201)
            .json()
            .getJsonObject("folder");
    assertOk(
        maire.post("/api/v1/parapheur/folders/" + folder.getString("id") + "/sign", "{}"), 200);
    String document = folder.getString("documentId");
    byte[] signed = agent.download("/api/v1/documents/" + document + "/content").body();

    // the platform archived the signed act by itself, after the circuit's commit
    JsonObject automatic = null;
    for (int i = 0; i < 60 && automatic == null; i++) {
      automatic =
          agent
              .get("/api/v1/archive/units?limit=100")
              .json()
              .getJsonArray("units")
              .getValuesAs(JsonObject.class)
              .stream()
              .filter(
                  u ->
                      u.getString("source").equals("PLATFORM")
                          && document.equals(u.getString("sourceDocumentId", null)))
              .findFirst()
              .orElse(null);
      if (automatic == null) {
        Thread.sleep(500);
      }
    }
    assertThat(automatic).as("unit archived by the platform after the signature").isNotNull();
    assertThat(automatic.getString("ruleCode")).isEqualTo("ARRETES");
    assertThat(automatic.getInt("sourceDocumentVersion")).isEqualTo(2);

    JsonObject unit =
        assertOk(
                agent.post(
                    "/api/v1/archive/units",
                    Json.createObjectBuilder()
                        .add("documentId", document)
                        .add("description", "Arrêté de circulation signé par le maire")
                        .add("service", "SECRETARIAT_GENERAL")
                        .add("ruleCode", "ARRETES")
                        .add("startDate", "2026-01-01")
                        .add("keywords", Json.createArrayBuilder().add("voirie").add("arrêté"))
                        .build()),
                201)
            .json();
    String unitId = unit.getString("id");
    assertThat(unit.getString("title")).isEqualTo("Arrêté 2026-17");
    assertThat(unit.getString("reference")).startsWith("67180-");
    assertThat(unit.getString("finalAction")).isEqualTo("KEEP");
    assertThat(unit.containsKey("retentionEnd") && !unit.isNull("retentionEnd")).isFalse();
    assertThat(unit.getString("agreement")).isEqualTo("CONV-67180-GENERALE");
    assertThat(unit.getString("source")).isEqualTo("GED");
    assertThat(unit.getInt("sourceDocumentVersion")).isEqualTo(2);

    JsonObject detail = agent.get("/api/v1/archive/units/" + unitId).json();
    List<JsonObject> objects = detail.getJsonArray("objects").getValuesAs(JsonObject.class);
    assertThat(objects)
        .extracting(o -> o.getString("kind"))
        .containsExactlyInAnyOrder("FILE", "VALIDATION_REPORT", "SEDA_TRANSFER", "SEDA_REPLY");
    JsonObject file = kind(objects, "FILE");
    assertThat(file.getString("sha256")).isEqualTo(sha256(signed));
    assertThat(file.getString("storageKey")).startsWith("archive/" + unitId + "/");

    // the file comes back identical, with its fingerprint
    ApiClient.Download content = agent.download(contentPath(unitId, file));
    assertThat(content.status()).isEqualTo(200);
    assertThat(content.body()).isEqualTo(signed);
    assertThat(content.header("X-Archive-Sha256")).contains(sha256(signed));

    // the signature's validation report was archived with it
    JsonObject report =
        Json.createReader(
                new StringReader(
                    agent.download(contentPath(unitId, kind(objects, "VALIDATION_REPORT"))).text()))
            .readObject();
    assertThat(report.getInt("signaturesCount")).isEqualTo(1);
    assertThat(report.getJsonArray("signatures").getJsonObject(0).getString("indication"))
        .isEqualTo("TOTAL_PASSED");

    // both SEDA messages validate against the SEDA 2.2 schemas
    byte[] transfer = agent.download(contentPath(unitId, kind(objects, "SEDA_TRANSFER"))).body();
    byte[] reply = agent.download(contentPath(unitId, kind(objects, "SEDA_REPLY"))).body();
    assertThat(SEDA.violations(transfer)).isEmpty();
    assertThat(SEDA.violations(reply)).isEmpty();
    String transferXml = new String(transfer, StandardCharsets.UTF_8);
    assertThat(transferXml)
        .contains(
            "<ArchiveTransfer",
            sha256(signed),
            "<Rule>ARRETES</Rule>",
            "<FinalAction>Keep</FinalAction>");
    assertThat(new String(reply, StandardCharsets.UTF_8))
        .contains("<ReplyCode>OK</ReplyCode>", unit.getString("reference"));

    // the journal tells the story, consultations included
    List<String> events =
        agent
            .get("/api/v1/archive/units/" + unitId)
            .json()
            .getJsonArray("journal")
            .getValuesAs(JsonObject.class)
            .stream()
            .map(e -> e.getString("eventType"))
            .toList();
    assertThat(events.get(0)).isEqualTo("unit.archived");
    assertThat(events.stream().filter("object.stored"::equals).count()).isEqualTo(4);
    assertThat(events).contains("object.consulted");

    // metadata search, and the GED's full-text index for what the document says
    assertThat(searchIds(agent, "voirie")).contains(unitId);
    assertThat(searchIds(agent, unit.getString("reference"))).contains(unitId);
    boolean foundByText = false;
    for (int i = 0; i < 60 && !foundByText; i++) {
      foundByText = searchIds(agent, word).contains(unitId);
      if (!foundByText) {
        Thread.sleep(1000);
      }
    }
    assertThat(foundByText).as("found by the words of the PDF").isTrue();
    assertThat(searchIds(agent, "introuvable" + UUID.randomUUID().toString().substring(0, 6)))
        .isEmpty();

    // usage: the transfer and the consultations
    List<String> metrics =
        admin
            .get("/api/v1/usage?service=archiving&limit=1000")
            .jsonArray()
            .getValuesAs(JsonObject.class)
            .stream()
            .map(u -> u.getString("metric"))
            .toList();
    assertThat(metrics).contains("archive.transfers", "archive.consultations");

    // another commune sees nothing of it
    assertProblem(other.get("/api/v1/archive/units/" + unitId), 404, "unit-not-found");
    assertThat(other.download(contentPath(unitId, file)).status()).isEqualTo(404);
    assertThat(searchIds(other, "voirie")).doesNotContain(unitId);
  }

  @Test
  void aTransferOutsideTheAgreementOrWithBadInputArchivesNothing() {
    ApiClient admin = setUp(BISCHWILLER, "document-management", "archiving");
    ApiClient agent = platform.as("agent.bischwiller", BISCHWILLER);
    String document =
        assertOk(
                agent.upload(
                    "/api/v1/documents",
                    "facture.pdf",
                    "application/pdf",
                    SampleFiles.pdf("Facture 42")),
                201)
            .json()
            .getString("id");
    long before = total(agent);

    JsonObject problem =
        assertProblem(
            agent.post(
                "/api/v1/archive/units",
                "{\"documentId\":\""
                    + document
                    + "\",\"service\":\"POLICE_MUNICIPALE\",\"ruleCode\":\"FACTURES\"}"),
            422,
            "outside-agreement");
    assertThat(problem.getJsonArray("reasons").getString(0)).contains("POLICE_MUNICIPALE");
    assertProblem(
        agent.post(
            "/api/v1/archive/units",
            "{\"documentId\":\""
                + document
                + "\",\"service\":\"FINANCES\",\"ruleCode\":\"INCONNUE\"}"),
        422,
        "outside-agreement");
    assertProblem(
        agent.post(
            "/api/v1/archive/units",
            "{\"documentId\":\""
                + document
                + "\",\"service\":\"FINANCES\",\"ruleCode\":\"FACTURES\",\"agreement\":\"CONV-AUTRE\"}"),
        422,
        "outside-agreement");
    assertProblem(
        agent.post(
            "/api/v1/archive/units",
            "{\"documentId\":\""
                + document
                + "\",\"service\":\"FINANCES\",\"ruleCode\":\"FACTURES\",\"startDate\":\"2026-05-01\",\"endDate\":\"2026-01-01\"}"),
        422,
        "invalid-unit");
    assertProblem(
        agent.post(
            "/api/v1/archive/units",
            "{\"documentId\":\""
                + UUID.randomUUID()
                + "\",\"service\":\"FINANCES\",\"ruleCode\":\"FACTURES\"}"),
        404,
        "document-not-found");
    assertThat(total(agent)).isEqualTo(before);

    // an administrator narrows the agreement: a deactivated agreement refuses everything
    assertOk(
        admin.send(
            "PUT",
            "/api/v1/archive/agreements/CONV-67046-RH",
            "{\"label\":\"Dossiers du personnel\",\"services\":[\"RESSOURCES_HUMAINES\"],\"rules\":[\"CONGES\"],\"active\":false}",
            "application/json"),
        200);
    JsonObject inactive =
        assertProblem(
            agent.post(
                "/api/v1/archive/units",
                "{\"documentId\":\""
                    + document
                    + "\",\"service\":\"RESSOURCES_HUMAINES\",\"ruleCode\":\"CONGES\",\"agreement\":\"CONV-67046-RH\"}"),
            422,
            "outside-agreement");
    assertThat(inactive.getString("detail")).contains("n'est plus en vigueur");
    assertProblem(
        agent.send(
            "PUT",
            "/api/v1/archive/agreements/CONV-67046-RH",
            "{\"label\":\"x\",\"services\":[\"FINANCES\"],\"rules\":[\"FACTURES\"]}",
            "application/json"),
        403,
        "forbidden");

    // a valid one goes through, with a 10-year retention then destruction
    JsonObject unit =
        assertOk(
                agent.post(
                    "/api/v1/archive/units",
                    "{\"documentId\":\""
                        + document
                        + "\",\"service\":\"FINANCES\",\"ruleCode\":\"FACTURES\",\"retentionStart\":\"2026-01-01\"}"),
                201)
            .json();
    assertThat(unit.getString("finalAction")).isEqualTo("DESTROY");
    assertThat(unit.getString("retentionEnd")).isEqualTo("2036-01-01");
    assertThat(total(agent)).isEqualTo(before + 1);
  }

  // ---- SEDA packages
  // ------------------------------------------------------------------------------

  @Test
  void sedaPackagesAreAnsweredWithAReplyAndRefusalsArchiveNothing() throws Exception {
    setUp(BISCHWILLER, "document-management", "archiving");
    ApiClient agent = platform.as("agent.bischwiller", BISCHWILLER);
    byte[] pdf = SampleFiles.pdf("Délibération du conseil municipal", "Budget primitif 2026");
    String message = "MSG-" + UUID.randomUUID();
    byte[] good =
        sedaPackage(
            message,
            "CONV-67046-GENERALE",
            "67046-FINANCES",
            "DELIBERATIONS",
            "Keep",
            pdf,
            sha256(pdf));
    long before = total(agent);

    ApiClient.Reply accepted =
        agent.upload("/api/v1/archive/transfers", "versement.zip", "application/zip", good);
    assertThat(accepted.status()).as(accepted.toString()).isEqualTo(201);
    assertThat(accepted.contentType()).startsWith("application/xml");
    byte[] reply = accepted.body().getBytes(StandardCharsets.UTF_8);
    assertThat(SEDA.violations(reply)).isEmpty();
    assertThat(accepted.body())
        .contains("<ReplyCode>OK</ReplyCode>", "<MessageRequestIdentifier>" + message);
    String unitId = accepted.header("X-Archive-Unit").orElseThrow();
    JsonObject detail = agent.get("/api/v1/archive/units/" + unitId).json();
    assertThat(detail.getJsonObject("unit").getString("source")).isEqualTo("SEDA");
    assertThat(detail.getJsonObject("unit").getString("ruleCode")).isEqualTo("DELIBERATIONS");
    JsonObject file = kind(detail.getJsonArray("objects").getValuesAs(JsonObject.class), "FILE");
    assertThat(agent.download(contentPath(unitId, file)).body()).isEqualTo(pdf);
    assertThat(total(agent)).isEqualTo(before + 1);

    // the same message again, a wrong fingerprint, a transfer outside the agreement, a final
    // action contradicting the rule, a broken zip, a schema-invalid manifest: all refused
    assertRejected(agent, good, "déjà été versé");
    assertRejected(
        agent,
        sedaPackage(
            "MSG-" + UUID.randomUUID(),
            "CONV-67046-GENERALE",
            "67046-FINANCES",
            "DELIBERATIONS",
            "Keep",
            pdf,
            sha256("autre".getBytes(StandardCharsets.UTF_8))),
        "empreinte");
    assertRejected(
        agent,
        sedaPackage(
            "MSG-" + UUID.randomUUID(),
            "CONV-67046-GENERALE",
            "67046-CAMPING",
            "DELIBERATIONS",
            "Keep",
            pdf,
            sha256(pdf)),
        "CAMPING");
    assertRejected(
        agent,
        sedaPackage(
            "MSG-" + UUID.randomUUID(),
            "CONV-67046-GENERALE",
            "67046-FINANCES",
            "DELIBERATIONS",
            "Destroy",
            pdf,
            sha256(pdf)),
        "contredit");
    assertRejected(
        agent, "PK\u0003\u0004 pas vraiment un zip".getBytes(StandardCharsets.UTF_8), "");
    assertRejected(
        agent,
        zip(
            "manifest.xml",
            "<ArchiveTransfer xmlns=\"fr:gouv:culture:archivesdefrance:seda:v2.2\"><Date>hier</Date></ArchiveTransfer>"
                .getBytes(StandardCharsets.UTF_8)),
        "");
    assertThat(total(agent)).isEqualTo(before + 1);

    List<JsonObject> transfers =
        agent.get("/api/v1/archive/transfers").jsonArray().getValuesAs(JsonObject.class);
    assertThat(transfers.stream().filter(t -> t.getString("status").equals("REJECTED")).count())
        .isGreaterThanOrEqualTo(6);
  }

  @Test
  void theObjectStoreGoingDownDuringATransferArchivesNothingAndTheSamePackageIsAcceptedAfter()
      throws Exception {
    setUp(BISCHWILLER, "document-management", "archiving");
    ApiClient agent = platform.as("agent.bischwiller", BISCHWILLER);
    byte[] pdf = SampleFiles.pdfOfSize(2_000_000, 11, "Plan local d'urbanisme");
    byte[] pkg =
        sedaPackage(
            "MSG-" + UUID.randomUUID(),
            "CONV-67046-GENERALE",
            "67046-URBANISME",
            "MARCHES_PUBLICS",
            "Destroy",
            pdf,
            sha256(pdf));
    long before = total(agent);
    TestObjectStore.stop();
    try {
      JsonObject problem =
          assertProblem(
              agent.upload("/api/v1/archive/transfers", "plu.zip", "application/zip", pkg),
              503,
              "storage-unavailable");
      assertThat(problem.getString("detail")).contains("rien n'a été archivé");
    } finally {
      TestObjectStore.start();
    }
    assertThat(total(agent)).isEqualTo(before);
    ApiClient.Reply accepted =
        agent.upload("/api/v1/archive/transfers", "plu.zip", "application/zip", pkg);
    assertThat(accepted.status()).as(accepted.toString()).isEqualTo(201);
    assertThat(total(agent)).isEqualTo(before + 1);
  }

  // ---- integrity
  // ----------------------------------------------------------------------------------

  @Test
  void aFixityAuditFindsAnObjectCorruptedAndAnotherDeletedInTheStore() throws Exception {
    ApiClient admin = setUp(BREUSCHWICKERSHEIM, "document-management", "archiving");
    ApiClient agent = platform.as("agent.breuschwickersheim", BREUSCHWICKERSHEIM);
    String first = archiveText(agent, "registre-1.txt", "Registre des arrêtés 1");
    String second = archiveText(agent, "registre-2.txt", "Registre des arrêtés 2");
    ApiClient operator = platform.operator();
    String audits = "/api/v1/tenants/" + BREUSCHWICKERSHEIM.insee() + "/archive/fixity-audits";

    JsonObject clean = assertOk(operator.post(audits, "{}"), 200).json();
    assertThat(clean.getInt("checked")).isGreaterThanOrEqualTo(6);
    // (counts are relative: a rerun against the same database finds the previous run's damage)
    int alteredBefore = clean.getInt("altered");
    int missingBefore = clean.getInt("missing");
    assertThat(openAlertUnits(admin)).doesNotContain(first, second);

    // an administrator of the infrastructure flips a byte of one object and deletes another
    MinioClient s3 = Storage.client();
    String bucket = "metrocloud-" + BREUSCHWICKERSHEIM.insee();
    String corruptedKey = fileKey(agent, first);
    byte[] stored;
    try (InputStream in =
        s3.getObject(GetObjectArgs.builder().bucket(bucket).object(corruptedKey).build())) {
      stored = in.readAllBytes();
    }
    stored[stored.length / 2] ^= 0x01;
    s3.putObject(
        PutObjectArgs.builder().bucket(bucket).object(corruptedKey).stream(
                new ByteArrayInputStream(stored), stored.length, -1)
            .build());
    String deletedKey = fileKey(agent, second);
    s3.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(deletedKey).build());

    JsonObject audit = assertOk(operator.post(audits, "{}"), 200).json();
    assertThat(audit.getInt("altered")).isEqualTo(alteredBefore + 1);
    assertThat(audit.getInt("missing")).isEqualTo(missingBefore + 1);
    assertThat(audit.getInt("intact"))
        .isEqualTo(audit.getInt("checked") - alteredBefore - missingBefore - 2);

    // the alerts are visible to the commune and to the DSI, and journalled
    List<JsonObject> alerts =
        admin.get("/api/v1/archive/alerts?open=true").jsonArray().getValuesAs(JsonObject.class);
    assertThat(alerts)
        .filteredOn(a -> List.of(first, second).contains(a.getString("unitId")))
        .extracting(a -> a.getString("kind") + ":" + a.getString("unitId"))
        .containsExactlyInAnyOrder("ALTERED:" + first, "MISSING:" + second);
    List<JsonObject> dsi =
        operator.get("/api/v1/archive/alerts?open=true").jsonArray().getValuesAs(JsonObject.class);
    assertThat(dsi)
        .filteredOn(a -> a.getString("tenantId").equals(BREUSCHWICKERSHEIM.insee()))
        .extracting(a -> a.getString("unitId"))
        .contains(first, second);
    assertThat(eventTypes(agent, first)).contains("fixity.failed");
    assertThat(eventTypes(agent, second)).contains("fixity.failed");
    // a third audit raises no duplicate alert
    int open = admin.get("/api/v1/archive/alerts?open=true").jsonArray().size();
    assertOk(operator.post(audits, "{}"), 200);
    assertThat(admin.get("/api/v1/archive/alerts?open=true").jsonArray()).hasSize(open);
    // the altered file is refused rather than served
    JsonObject firstFile =
        kind(
            agent
                .get("/api/v1/archive/units/" + first)
                .json()
                .getJsonArray("objects")
                .getValuesAs(JsonObject.class),
            "FILE");
    assertProblem(agent.get(contentPath(first, firstFile)), 503, "content-unreadable");
    assertThat(admin.get("/api/v1/archive/fixity-audits").jsonArray())
        .hasSizeGreaterThanOrEqualTo(3);

    // the journal still verifies, and a seal of the platform's TSA covers its head
    JsonObject seal =
        assertOk(
                operator.post(
                    "/api/v1/tenants/" + BREUSCHWICKERSHEIM.insee() + "/archive/journal/seals",
                    "{}"),
                200)
            .json();
    assertThat(Base64.getDecoder().decode(seal.getString("token"))).isNotEmpty();
    JsonObject verification = admin.get("/api/v1/archive/journal/verification").json();
    assertThat(verification.getBoolean("chainIntact")).isTrue();
    assertThat(verification.getInt("validSeals"))
        .isEqualTo(verification.getInt("seals"))
        .isGreaterThanOrEqualTo(1);
  }

  @Test
  void anEditedJournalEntryIsFoundAndSoIsARewrittenChainByItsSeal() throws Exception {
    ApiClient admin = setUp(LA_WANTZENAU, "document-management", "archiving");
    ApiClient agent = platform.as("agent.la-wantzenau", LA_WANTZENAU);
    String unit = archiveText(agent, "courrier.txt", "Courrier au préfet");
    ApiClient operator = platform.operator();
    assertOk(
        operator.post("/api/v1/tenants/" + LA_WANTZENAU.insee() + "/archive/journal/seals", "{}"),
        200);
    JsonObject ok = admin.get("/api/v1/archive/journal/verification").json();
    assertThat(ok.getBoolean("chainIntact")).isTrue();
    assertThat(ok.getInt("validSeals")).isEqualTo(ok.getInt("seals")).isGreaterThanOrEqualTo(1);
    long seq =
        admin
            .get("/api/v1/archive/units/" + unit)
            .json()
            .getJsonArray("journal")
            .getJsonObject(0)
            .getJsonNumber("seq")
            .longValue();

    // someone with the database owner's rights edits the entry (the application cannot: it may
    // only insert), then rewrites every following hash so that the chain links again
    List<JournalEntry> original = journalFrom(seq);
    try {
      updateJournal(List.of(withDetails(original.get(0), "{\"title\":\"falsifié\"}")), false);
      JsonObject broken = admin.get("/api/v1/archive/journal/verification").json();
      assertThat(broken.getBoolean("chainIntact")).isFalse();
      assertThat(broken.getJsonNumber("brokenAt").longValue()).isEqualTo(seq);

      List<JournalEntry> forged = new java.util.ArrayList<>();
      String prev = original.get(0).prevHash();
      for (JournalEntry e : original) {
        JournalEntry f =
            JournalEntry.next(
                e.tenantId(),
                e.seq(),
                e.id(),
                e.at(),
                e.eventType(),
                e.unitId(),
                e.objectId(),
                e.actorSubject(),
                e.actorName(),
                e.seq() == seq ? "{\"title\":\"falsifié\"}" : e.details(),
                prev);
        forged.add(f);
        prev = f.hash();
      }
      updateJournal(forged, true);
      JsonObject rewritten = admin.get("/api/v1/archive/journal/verification").json();
      assertThat(rewritten.getBoolean("chainIntact")).isTrue();
      assertThat(rewritten.getInt("validSeals")).isLessThan(rewritten.getInt("seals"));
      assertThat(rewritten.getJsonArray("sealProblems").getString(0)).contains("a changé");
    } finally {
      updateJournal(original, true);
    }
    JsonObject restored = admin.get("/api/v1/archive/journal/verification").json();
    assertThat(restored.getBoolean("chainIntact")).isTrue();
    assertThat(restored.getInt("validSeals")).isEqualTo(restored.getInt("seals"));

    try (Connection app = Database.asApplication()) {
      app.createStatement()
          .execute("SELECT set_config('app.tenant_id', '" + LA_WANTZENAU.insee() + "', false)");
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () ->
                  app.createStatement()
                      .executeUpdate("UPDATE archive_journal SET details = '{}' WHERE seq = 1"))
          .hasMessageContaining("permission denied");
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () ->
                  app.createStatement().executeUpdate("DELETE FROM archive_journal WHERE seq = 1"))
          .hasMessageContaining("permission denied");
    }
  }

  private static List<JournalEntry> journalFrom(long seq) throws Exception {
    List<JournalEntry> out = new java.util.ArrayList<>();
    try (Connection owner = Database.asOwner()) {
      owner
          .createStatement()
          .execute("SELECT set_config('app.tenant_id', '" + LA_WANTZENAU.insee() + "', false)");
      try (PreparedStatement s =
          owner.prepareStatement(
              "SELECT tenant_id, seq, id, at, event_type, unit_id, object_id, actor_subject,"
                  + " actor_name, details, prev_hash, hash FROM archive_journal WHERE tenant_id = ?"
                  + " AND seq >= ? ORDER BY seq")) {
        s.setString(1, LA_WANTZENAU.insee());
        s.setLong(2, seq);
        java.sql.ResultSet r = s.executeQuery();
        while (r.next()) {
          out.add(
              new JournalEntry(
                  r.getString(1),
                  r.getLong(2),
                  (UUID) r.getObject(3),
                  r.getTimestamp(4).toInstant(),
                  r.getString(5),
                  (UUID) r.getObject(6),
                  (UUID) r.getObject(7),
                  r.getString(8),
                  r.getString(9),
                  r.getString(10),
                  r.getString(11),
                  r.getString(12)));
        }
      }
    }
    return out;
  }

  private static JournalEntry withDetails(JournalEntry e, String details) {
    return new JournalEntry(
        e.tenantId(),
        e.seq(),
        e.id(),
        e.at(),
        e.eventType(),
        e.unitId(),
        e.objectId(),
        e.actorSubject(),
        e.actorName(),
        details,
        e.prevHash(),
        e.hash());
  }

  private static void updateJournal(List<JournalEntry> entries, boolean hashes) throws Exception {
    try (Connection owner = Database.asOwner()) {
      owner
          .createStatement()
          .execute("SELECT set_config('app.tenant_id', '" + LA_WANTZENAU.insee() + "', false)");
      try (PreparedStatement s =
          owner.prepareStatement(
              "UPDATE archive_journal SET details = ?, prev_hash = ?, hash = ? WHERE tenant_id = ?"
                  + " AND seq = ?")) {
        for (JournalEntry e : entries) {
          s.setString(1, e.details());
          s.setString(2, e.prevHash());
          s.setString(3, e.hash());
          s.setString(4, e.tenantId());
          s.setLong(5, e.seq());
          assertThat(s.executeUpdate()).isEqualTo(1);
        }
      }
    }
  }

  // ---- holds and access restrictions
  // ----------------------------------------------------------------

  @Test
  void legalHoldsAreTheAdministratorsAndRestrictedUnitsAreNotCommunicatedToAgents()
      throws Exception {
    ApiClient admin = setUp(HAGUENAU, "document-management", "e-signature", "archiving");
    ApiClient agent = platform.as("agent.haguenau", HAGUENAU);
    String document =
        assertOk(
                agent.upload(
                    "/api/v1/documents",
                    "dossier-agent.pdf",
                    "application/pdf",
                    SampleFiles.pdf("Dossier individuel")),
                201)
            .json()
            .getString("id");
    JsonObject unit =
        assertOk(
                agent.post(
                    "/api/v1/archive/units",
                    "{\"documentId\":\""
                        + document
                        + "\",\"service\":\"RESSOURCES_HUMAINES\",\"ruleCode\":\"DOSSIERS_AGENTS\",\"accessRestrictedUntil\":\""
                        + LocalDate.now().plusYears(50)
                        + "\"}"),
                201)
            .json();
    String id = unit.getString("id");
    JsonObject seen = agent.get("/api/v1/archive/units/" + id).json();
    assertThat(seen.getBoolean("restricted")).isTrue();
    assertThat(seen.getJsonArray("objects")).isEmpty();
    JsonObject asAdmin = admin.get("/api/v1/archive/units/" + id).json();
    assertThat(asAdmin.getBoolean("restricted")).isFalse();
    JsonObject file = kind(asAdmin.getJsonArray("objects").getValuesAs(JsonObject.class), "FILE");
    assertProblem(agent.get(contentPath(id, file)), 403, "access-restricted");
    assertThat(admin.download(contentPath(id, file)).status()).isEqualTo(200);

    String hold = "/api/v1/archive/units/" + id + "/legal-hold";
    assertProblem(
        agent.send("PUT", hold, "{\"hold\":true,\"reason\":\"Contentieux\"}", "application/json"),
        403,
        "forbidden");
    assertProblem(
        admin.send("PUT", hold, "{\"hold\":true}", "application/json"), 422, "reason-required");
    JsonObject held =
        assertOk(
                admin.send(
                    "PUT",
                    hold,
                    "{\"hold\":true,\"reason\":\"Recours au tribunal administratif\"}",
                    "application/json"),
                200)
            .json();
    assertThat(held.getBoolean("legalHold")).isTrue();
    assertThat(
            agent
                .get("/api/v1/archive/units?legalHold=true&limit=100")
                .json()
                .getJsonArray("units")
                .getValuesAs(JsonObject.class))
        .extracting(u -> u.getString("id"))
        .contains(id);
    assertThat(eventTypes(admin, id)).contains("unit.hold-placed");
    JsonObject lifted =
        assertOk(admin.send("PUT", hold, "{\"hold\":false}", "application/json"), 200).json();
    assertThat(lifted.getBoolean("legalHold")).isFalse();
  }

  // ---- disposal

  @Test
  void destructionNeedsTheCommuneAndTheArchivesAuthorityBlocksOnHoldsAndLeavesACertificate()
      throws Exception {
    ApiClient admin = setUp(BISCHWILLER, "document-management", "archiving");
    ApiClient agent = platform.as("agent.bischwiller", BISCHWILLER);
    platform.ensurePerson(
        "archiviste.bischwiller", "Armand", "Archiviste", List.of("archivist"), BISCHWILLER);
    ApiClient authority = platform.as("archiviste.bischwiller", BISCHWILLER);
    String a =
        archive(
            agent,
            "facture-2009.txt",
            "Facture 2009 fournisseur A",
            "FINANCES",
            "FACTURES",
            "2010-01-01");
    String b =
        archive(
            agent,
            "facture-2009-b.txt",
            "Facture 2009 fournisseur B",
            "FINANCES",
            "FACTURES",
            "2010-01-01");
    String kept =
        archive(
            agent,
            "deliberation.txt",
            "Délibération",
            "SECRETARIAT_GENERAL",
            "DELIBERATIONS",
            "2010-01-01");
    String recent =
        archive(agent, "facture-2026.txt", "Facture 2026", "FINANCES", "FACTURES", null);

    assertThat(ids(admin.get("/api/v1/archive/disposals/eligible").jsonArray()))
        .contains(a, b)
        .doesNotContain(kept, recent);
    assertProblem(propose(admin, kept), 422, "not-eligible");
    assertProblem(propose(admin, recent), 422, "not-eligible");
    assertProblem(propose(agent, a), 403, "forbidden");

    // a held unit cannot be proposed, and nothing of the proposal is kept
    hold(admin, b, true);
    assertProblem(propose(admin, a, b), 409, "hold-placed");
    assertThat(ids(admin.get("/api/v1/archive/disposals/eligible").jsonArray()))
        .contains(a)
        .doesNotContain(b);

    JsonObject proposal = assertOk(propose(admin, a), 201).json();
    String id = proposal.getString("id");
    assertThat(proposal.getString("status")).isEqualTo("PENDING");
    assertThat(ids(admin.get("/api/v1/archive/disposals/eligible").jsonArray())).doesNotContain(a);
    assertProblem(propose(admin, a), 409, "already-proposed");

    String approve = "/api/v1/archive/disposals/" + id + "/approve";
    assertProblem(agent.post(approve, "{}"), 403, "forbidden");
    JsonObject approved = assertOk(admin.post(approve, "{}"), 200).json();
    assertThat(approved.getString("status")).isEqualTo("PENDING");
    assertThat(approved.getString("communeApprovedByName")).isNotBlank();
    assertProblem(admin.post(approve, "{}"), 409, "already-approved");

    // a hold placed meanwhile stops the destruction at the last approval: nothing destroyed
    hold(admin, a, true);
    assertProblem(authority.post(approve, "{}"), 409, "hold-placed");
    assertThat(
            admin.get("/api/v1/archive/disposals/" + id).json().containsKey("authorityApprovedAt"))
        .isFalse();
    assertThat(
            admin
                .get("/api/v1/archive/units/" + a)
                .json()
                .getJsonObject("unit")
                .getString("status"))
        .isEqualTo("ARCHIVED");
    hold(admin, a, false);

    String fileKey = fileKey(agent, a);
    JsonObject fileBefore =
        kind(
            agent
                .get("/api/v1/archive/units/" + a)
                .json()
                .getJsonArray("objects")
                .getValuesAs(JsonObject.class),
            "FILE");
    JsonObject destroyed = assertOk(authority.post(approve, "{}"), 200).json();
    assertThat(destroyed.getString("status")).isEqualTo("DESTROYED");
    assertThat(destroyed.getString("authorityApprovedByName")).isEqualTo("Armand Archiviste");

    JsonObject unit = admin.get("/api/v1/archive/units/" + a).json();
    assertThat(unit.getJsonObject("unit").getString("status")).isEqualTo("DESTROYED");
    assertThat(unit.getJsonObject("unit").containsKey("description")).isFalse();
    assertThat(unit.getJsonArray("objects").getValuesAs(JsonObject.class))
        .allSatisfy(o -> assertThat(o.containsKey("deletedAt")).isTrue());
    assertThat(eventTypes(admin, a))
        .contains("disposal.proposed", "disposal.approved", "unit.destroyed");
    assertThat(
            org.assertj.core.api.Assertions.catchThrowable(
                () ->
                    Storage.client()
                        .statObject(
                            io.minio.StatObjectArgs.builder()
                                .bucket("metrocloud-" + BISCHWILLER.insee())
                                .object(fileKey)
                                .build())))
        .as("the object is gone from the store")
        .isNotNull();
    assertProblem(agent.get(contentPath(a, fileBefore)), 404, "object-destroyed");
    assertProblem(hold(admin, a, true), 409, "unit-destroyed");

    ApiClient.Download certificate =
        admin.download("/api/v1/archive/disposals/" + id + "/certificate");
    assertThat(certificate.status()).isEqualTo(200);
    String text;
    try (org.apache.pdfbox.pdmodel.PDDocument pdf =
        org.apache.pdfbox.Loader.loadPDF(certificate.body())) {
      text = new org.apache.pdfbox.text.PDFTextStripper().getText(pdf);
    }
    assertThat(text)
        .contains(
            "Certificat d'élimination",
            unit.getJsonObject("unit").getString("reference"),
            fileBefore.getString("sha256"),
            "Armand Archiviste");
    assertThat(admin.get("/api/v1/archive/journal/verification").json().getBoolean("chainIntact"))
        .isTrue();

    // a rejection needs a reason and frees the unit for another proposal
    hold(admin, b, false);
    String second = assertOk(propose(admin, b), 201).json().getString("id");
    assertProblem(
        authority.post("/api/v1/archive/disposals/" + second + "/reject", "{}"),
        422,
        "reason-required");
    JsonObject rejected =
        assertOk(
                authority.post(
                    "/api/v1/archive/disposals/" + second + "/reject",
                    "{\"reason\":\"Contentieux en cours avec le fournisseur\"}"),
                200)
            .json();
    assertThat(rejected.getString("status")).isEqualTo("REJECTED");
    assertThat(ids(admin.get("/api/v1/archive/disposals/eligible").jsonArray())).contains(b);
  }

  // ---- evidence and export

  @Test
  void theEvidenceBundleProvesTheFilesAndTheirJournalUpToATimestampedSeal() throws Exception {
    setUp(BISCHWILLER, "document-management", "archiving");
    ApiClient agent = platform.as("agent.bischwiller", BISCHWILLER);
    byte[] text = ("Compte rendu du conseil " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
    String document =
        assertOk(agent.upload("/api/v1/documents", "compte-rendu.txt", "text/plain", text), 201)
            .json()
            .getString("id");
    String unit =
        assertOk(
                agent.post(
                    "/api/v1/archive/units",
                    "{\"documentId\":\""
                        + document
                        + "\",\"service\":\"SECRETARIAT_GENERAL\",\"ruleCode\":\"CORRESPONDANCE\"}"),
                201)
            .json()
            .getString("id");

    ApiClient.Download bundle = agent.download("/api/v1/archive/units/" + unit + "/evidence");
    assertThat(bundle.status()).isEqualTo(200);
    java.util.Map<String, byte[]> files = unzip(bundle.body());
    assertThat(files.get("fichiers/compte-rendu.txt")).isEqualTo(text);
    assertThat(files)
        .containsKeys(
            "seda/archive-transfer.xml", "seda/archive-transfer-reply.xml", "LISEZMOI.txt");
    // every fingerprint matches its file
    List<String> sums =
        new String(files.get("empreintes.sha256"), StandardCharsets.UTF_8).lines().toList();
    assertThat(sums).hasSize(3);
    for (String line : sums) {
      String[] parts = line.split("  ", 2);
      assertThat(sha256(files.get(parts[1]))).as(parts[1]).isEqualTo(parts[0]);
    }
    assertThat(SEDA.violations(files.get("seda/archive-transfer.xml"))).isEmpty();
    // the journal segment recomputes, links, and ends on the sealed entry
    List<JsonObject> entries =
        Json.createReader(
                new StringReader(
                    new String(files.get("journal/entrees.json"), StandardCharsets.UTF_8)))
            .readArray()
            .getValuesAs(JsonObject.class);
    JsonObject seal =
        Json.createReader(
                new StringReader(
                    new String(files.get("journal/sceau.json"), StandardCharsets.UTF_8)))
            .readObject();
    String previous = null;
    for (JsonObject e : entries) {
      JournalEntry entry =
          new JournalEntry(
              e.getString("tenantId"),
              e.getJsonNumber("seq").longValue(),
              UUID.fromString(e.getString("id")),
              java.time.Instant.parse(e.getString("at")),
              e.getString("eventType"),
              e.containsKey("unitId") ? UUID.fromString(e.getString("unitId")) : null,
              e.containsKey("objectId") ? UUID.fromString(e.getString("objectId")) : null,
              e.getString("actorSubject"),
              e.getString("actorName"),
              e.getString("details"),
              e.getString("prevHash"),
              e.getString("hash"));
      assertThat(entry.computeHash()).as("entry " + entry.seq()).isEqualTo(entry.hash());
      if (previous != null) {
        assertThat(entry.prevHash()).isEqualTo(previous);
      }
      previous = entry.hash();
    }
    assertThat(entries.get(0).getString("eventType")).isEqualTo("unit.archived");
    JsonObject last = entries.get(entries.size() - 1);
    assertThat(last.getJsonNumber("seq").longValue())
        .isEqualTo(seal.getJsonNumber("seq").longValue());
    assertThat(last.getString("hash")).isEqualTo(seal.getString("hash"));
    // the seal is an RFC 3161 token of the platform's TSA over that hash
    org.bouncycastle.tsp.TimeStampToken token =
        new org.bouncycastle.tsp.TimeStampToken(
            new org.bouncycastle.cms.CMSSignedData(files.get("journal/sceau.tsr")));
    assertThat(token.getTimeStampInfo().getMessageImprintDigest())
        .isEqualTo(HexFormat.of().parseHex(seal.getString("hash")));
    java.security.cert.CertificateFactory x509 =
        java.security.cert.CertificateFactory.getInstance("X.509");
    java.security.cert.X509Certificate tsaCert =
        (java.security.cert.X509Certificate)
            x509.generateCertificate(new ByteArrayInputStream(files.get("pki/horodatage.crt")));
    java.security.cert.X509Certificate root =
        (java.security.cert.X509Certificate)
            x509.generateCertificate(new ByteArrayInputStream(files.get("pki/racine.crt")));
    token.validate(
        new org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder().build(tsaCert));
    tsaCert.verify(root.getPublicKey());
    assertThat(root.getEncoded())
        .isEqualTo(platform.anonymous().download("/api/v1/pki/root.crt").body());

    // the unit as a SEDA 2.2 package: a valid manifest, and the platform's own reader accepts it
    ApiClient.Download export = agent.download("/api/v1/archive/units/" + unit + "/export");
    assertThat(export.status()).isEqualTo(200);
    java.util.Map<String, byte[]> pkg = unzip(export.body());
    assertThat(SEDA.violations(pkg.get("manifest.xml"))).isEmpty();
    assertThat(pkg.get("content/compte-rendu.txt")).isEqualTo(text);
    assertThat(new fr.strasbourg.metrocloud.archive.seda.SedaPackages().read(export.body()))
        .isInstanceOf(fr.strasbourg.metrocloud.archive.seda.SedaPackages.Accepted.class);
    assertThat(eventTypes(agent, unit)).contains("unit.evidence-exported", "unit.exported");

    // the DSI's maintenance records the archived bytes as billable GB-months
    JsonObject maintenance =
        assertOk(
                platform
                    .operator()
                    .post("/api/v1/tenants/" + BISCHWILLER.insee() + "/archive/maintenance", "{}"),
                200)
            .json();
    // (a few kilobytes make a few millionths of a GB-month: the exact bytes are recorded beside)
    assertThat(maintenance.getJsonNumber("gbMonth").bigDecimalValue()).isNotNegative();
    ApiClient admin = platform.as(Platform.adminOf(BISCHWILLER), BISCHWILLER);
    assertThat(
            admin
                .get("/api/v1/usage?service=archiving&limit=1000")
                .jsonArray()
                .getValuesAs(JsonObject.class)
                .stream()
                .map(u -> u.getString("metric")))
        .contains("archive.gb-month", "archive.stored-bytes");
  }

  @Test
  void aCommuneHoldingArchivesIsDecommissionedOnlyAfterTheirExport() throws Exception {
    Commune barr = new Commune("67021", "Barr", "67140", 7000);
    setUp(barr, "document-management", "archiving");
    ApiClient agent = platform.as("agent.barr", barr);
    String unit = archiveText(agent, "registre.txt", "Registre des délibérations 1990");
    String reference =
        agent
            .get("/api/v1/archive/units/" + unit)
            .json()
            .getJsonObject("unit")
            .getString("reference");
    ApiClient operator = platform.operator();
    String tenant = "/api/v1/tenants/" + barr.insee();
    assertOk(operator.post(tenant + "/suspend", "{\"reason\":\"Départ de la commune\"}"), 200);
    assertThat(operator.download(tenant + "/documents/export").status()).isEqualTo(200);
    JsonObject blocked =
        assertProblem(
            operator.post(tenant + "/decommission", "{\"reason\":\"Départ\"}"),
            409,
            "decommission-blocked");
    assertThat(blocked.getString("detail")).contains("archives électroniques");

    ApiClient.Download export = operator.download(tenant + "/archive/export");
    assertThat(export.status()).isEqualTo(200);
    java.util.Map<String, byte[]> entries = unzip(export.body());
    assertThat(SEDA.violations(entries.get(reference + "/manifest.xml"))).isEmpty();
    assertThat(entries.get(reference + "/content/registre.txt"))
        .isEqualTo("Registre des délibérations 1990".getBytes(StandardCharsets.UTF_8));
    assertThat(entries)
        .containsKeys("journal/entrees.json", "journal/sceaux.json", "pki/racine.crt");
    assertOk(operator.post(tenant + "/decommission", "{\"reason\":\"Départ\"}"), 200);
    assertThat(Storage.bucketExists("metrocloud-" + barr.insee())).isFalse();
  }

  // ---- helpers
  // ------------------------------------------------------------------------------------

  private ApiClient setUpOther() {
    setUp(BISCHWILLER, "document-management", "archiving");
    return platform.as("agent.bischwiller", BISCHWILLER);
  }

  private static String archive(
      ApiClient agent,
      String name,
      String text,
      String service,
      String rule,
      String retentionStart) {
    String document =
        assertOk(
                agent.upload(
                    "/api/v1/documents", name, "text/plain", text.getBytes(StandardCharsets.UTF_8)),
                201)
            .json()
            .getString("id");
    return assertOk(
            agent.post(
                "/api/v1/archive/units",
                Json.createObjectBuilder()
                    .add("documentId", document)
                    .add("service", service)
                    .add("ruleCode", rule)
                    .add("retentionStart", retentionStart == null ? "" : retentionStart)
                    .add("description", text)
                    .build()),
            201)
        .json()
        .getString("id");
  }

  private static ApiClient.Reply propose(ApiClient client, String... units) {
    var array = Json.createArrayBuilder();
    for (String u : units) {
      array.add(u);
    }
    return client.post(
        "/api/v1/archive/disposals", Json.createObjectBuilder().add("unitIds", array).build());
  }

  private static ApiClient.Reply hold(ApiClient admin, String unit, boolean hold) {
    return admin.send(
        "PUT",
        "/api/v1/archive/units/" + unit + "/legal-hold",
        hold
            ? "{\"hold\":true,\"reason\":\"Contrôle de la chambre régionale des comptes\"}"
            : "{\"hold\":false}",
        "application/json");
  }

  private static List<String> ids(jakarta.json.JsonArray units) {
    return units.getValuesAs(JsonObject.class).stream().map(u -> u.getString("id")).toList();
  }

  private static java.util.Map<String, byte[]> unzip(byte[] zip) throws Exception {
    java.util.Map<String, byte[]> out = new java.util.LinkedHashMap<>();
    try (java.util.zip.ZipInputStream in =
        new java.util.zip.ZipInputStream(new ByteArrayInputStream(zip))) {
      ZipEntry e;
      while ((e = in.getNextEntry()) != null) {
        out.put(e.getName(), in.readAllBytes());
      }
    }
    return out;
  }

  private static String archiveText(ApiClient agent, String name, String text) {
    String document =
        assertOk(
                agent.upload(
                    "/api/v1/documents", name, "text/plain", text.getBytes(StandardCharsets.UTF_8)),
                201)
            .json()
            .getString("id");
    return assertOk(
            agent.post(
                "/api/v1/archive/units",
                "{\"documentId\":\""
                    + document
                    + "\",\"service\":\"SECRETARIAT_GENERAL\",\"ruleCode\":\"CORRESPONDANCE\"}"),
            201)
        .json()
        .getString("id");
  }

  private static List<String> openAlertUnits(ApiClient client) {
    return client
        .get("/api/v1/archive/alerts?open=true")
        .jsonArray()
        .getValuesAs(JsonObject.class)
        .stream()
        .map(a -> a.getString("unitId"))
        .toList();
  }

  private static String fileKey(ApiClient client, String unitId) {
    return kind(
            client
                .get("/api/v1/archive/units/" + unitId)
                .json()
                .getJsonArray("objects")
                .getValuesAs(JsonObject.class),
            "FILE")
        .getString("storageKey");
  }

  private static List<String> eventTypes(ApiClient client, String unitId) {
    return client
        .get("/api/v1/archive/units/" + unitId)
        .json()
        .getJsonArray("journal")
        .getValuesAs(JsonObject.class)
        .stream()
        .map(e -> e.getString("eventType"))
        .toList();
  }

  private static void assertRejected(ApiClient agent, byte[] pkg, String reasonPart) {
    ApiClient.Reply r =
        agent.upload("/api/v1/archive/transfers", "versement.zip", "application/zip", pkg);
    JsonObject problem = assertProblem(r, 422, "transfer-rejected");
    assertThat(
            String.join(
                " ",
                problem.getJsonArray("reasons").getValuesAs(jakarta.json.JsonString.class).stream()
                    .map(jakarta.json.JsonString::getString)
                    .toList()))
        .contains(reasonPart);
    ApiClient.Download reply =
        agent.download("/api/v1/archive/transfers/" + problem.getString("transfer") + "/reply");
    assertThat(reply.status()).isEqualTo(200);
    assertThat(SEDA.violations(reply.body())).isEmpty();
    assertThat(reply.text()).contains("<ReplyCode>KO</ReplyCode>");
  }

  private static long total(ApiClient client) {
    return client.get("/api/v1/archive/units?limit=1").json().getJsonNumber("total").longValue();
  }

  private static List<String> searchIds(ApiClient client, String q) {
    return client
        .get("/api/v1/archive/units?limit=100&q=" + enc(q))
        .json()
        .getJsonArray("units")
        .getValuesAs(JsonObject.class)
        .stream()
        .map(u -> u.getString("id"))
        .toList();
  }

  private static JsonObject kind(List<JsonObject> objects, String kind) {
    return objects.stream().filter(o -> o.getString("kind").equals(kind)).findFirst().orElseThrow();
  }

  private static String contentPath(String unitId, JsonObject object) {
    return "/api/v1/archive/units/" + unitId + "/objects/" + object.getString("id") + "/content";
  }

  private static byte[] sedaPackage(
      String message,
      String agreement,
      String originating,
      String rule,
      String finalAction,
      byte[] pdf,
      String digest)
      throws Exception {
    SedaMessages.Transfer t =
        new SedaMessages.Transfer(
            message,
            OffsetDateTime.now(),
            "Versement de test",
            agreement,
            "EMS-SAE",
            originating,
            originating,
            new SedaMessages.Unit(
                "AU1",
                "Délibérations 2026",
                SedaMessages.DescriptionLevel.FILE,
                "Conseil municipal",
                LocalDate.of(2026, 1, 1),
                LocalDate.of(2026, 6, 30),
                List.of("conseil municipal"),
                new SedaMessages.AppraisalRule(
                    rule, LocalDate.of(2026, 7, 1), SedaMessages.FinalAction.of(finalAction)),
                new SedaMessages.AccessRule("ACC-LIBRE", LocalDate.of(2026, 7, 1))),
            List.of(
                new SedaMessages.BinaryFile(
                    "BDO1",
                    "deliberation.pdf",
                    "application/pdf",
                    pdf.length,
                    digest,
                    "content/deliberation.pdf")));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry("manifest.xml"));
      zip.write(SedaMessages.archiveTransfer(t));
      zip.closeEntry();
      zip.putNextEntry(new ZipEntry("content/deliberation.pdf"));
      zip.write(pdf);
      zip.closeEntry();
    }
    return out.toByteArray();
  }

  private static byte[] zip(String name, byte[] content) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry(name));
      zip.write(content);
      zip.closeEntry();
    }
    return out.toByteArray();
  }

  private static String sha256(byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
