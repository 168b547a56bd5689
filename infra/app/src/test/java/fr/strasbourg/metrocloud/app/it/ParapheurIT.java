package fr.strasbourg.metrocloud.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import fr.strasbourg.metrocloud.app.support.ForeignSignatures;
import fr.strasbourg.metrocloud.app.support.PlatformTestBase;
import fr.strasbourg.metrocloud.testkit.ApiClient;
import fr.strasbourg.metrocloud.testkit.PdfSig;
import fr.strasbourg.metrocloud.testkit.Platform;
import fr.strasbourg.metrocloud.testkit.SampleCommunes.Commune;
import fr.strasbourg.metrocloud.testkit.SampleFiles;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shared parapheur end to end: circuits of visas and signatures over the real GED, PKI,
 * PostgreSQL and Keycloak; the signed PDFs checked by DSS (through the API) and by poppler's
 * pdfsig.
 */
class ParapheurIT extends PlatformTestBase {

  private static final Commune SCHILTIGHEIM = new Commune("67447", "Schiltigheim", "67300", 34300);
  private static final Commune ILLKIRCH =
      new Commune("67218", "Illkirch-Graffenstaden", "67400", 27118);

  private ApiClient admin;
  private ApiClient agent;
  private ApiClient dgs;
  private ApiClient maire;
  private ApiClient adjoint;
  private ApiClient other;
  private byte[] root;

  @BeforeEach
  void communes() {
    for (Commune c : List.of(SCHILTIGHEIM, ILLKIRCH)) {
      platform.ensureActiveCommune(c);
      ApiClient a = platform.as(Platform.adminOf(c), c);
      for (String service : List.of("document-management", "e-signature")) {
        ApiClient.Reply r = a.post("/api/v1/subscriptions", "{\"service\":\"" + service + "\"}");
        assertThat(r.status()).as(r.toString()).isIn(201, 409);
      }
      platform.ensurePerson("agent." + c.slug(), "Sophie", "Agent", List.of("agent"), c);
    }
    platform.ensurePerson(
        "dgs.schiltigheim", "Denis", "Directeur", List.of("agent", "manager"), SCHILTIGHEIM);
    platform.ensurePerson(
        "maire.schiltigheim", "Marc", "Maire", List.of("elected-official"), SCHILTIGHEIM);
    platform.ensurePerson(
        "adjoint.schiltigheim", "Anne", "Adjointe", List.of("elected-official"), SCHILTIGHEIM);
    platform.ensurePerson(
        "partant.schiltigheim", "Paul", "Partant", List.of("agent"), SCHILTIGHEIM);
    admin = platform.as(Platform.adminOf(SCHILTIGHEIM), SCHILTIGHEIM);
    agent = platform.as("agent.schiltigheim", SCHILTIGHEIM);
    dgs = platform.as("dgs.schiltigheim", SCHILTIGHEIM);
    maire = platform.as("maire.schiltigheim", SCHILTIGHEIM);
    adjoint = platform.as("adjoint.schiltigheim", SCHILTIGHEIM);
    other = platform.as("agent.illkirch-graffenstaden", ILLKIRCH);
    root = platform.anonymous().download("/api/v1/pki/root.crt").body();
  }

  @Test
  void aVisaThenTheMayorsSignatureGiveAPdfThatDssAndPdfsigAccept() throws Exception {
    String template =
        template(
            "Arrêtés " + UUID.randomUUID(),
            step(1, "VISA", "dgs.schiltigheim", null, "Directeur général des services"),
            step(2, "SIGNATURE", "maire.schiltigheim", null, "Maire"));
    byte[] original = SampleFiles.pdf("Arrêté municipal n° 2026-41", "Circulation rue Principale");
    String title = "Arrêté 2026-41 " + UUID.randomUUID().toString().substring(0, 8);
    JsonObject submitted = upload(agent, template, "arrete-2026-41.pdf", title, original);
    String folder = submitted.getJsonObject("folder").getString("id");
    String document = submitted.getJsonObject("folder").getString("documentId");
    assertThat(submitted.getJsonObject("folder").getString("status")).isEqualTo("IN_PROGRESS");
    assertThat(submitted.getJsonArray("steps").getValuesAs(JsonObject.class))
        .extracting(s -> s.getString("status"))
        .containsExactly("PENDING", "WAITING");

    // only the current assignee acts: the mayor is not yet, the agent never
    assertProblem(
        maire.post("/api/v1/parapheur/folders/" + folder + "/sign", "{}"), 403, "not-assignee");
    assertProblem(
        agent.post("/api/v1/parapheur/folders/" + folder + "/approve", "{}"), 403, "not-assignee");
    assertThat(inboxTitles(dgs)).contains(title);
    assertProblem(
        dgs.post("/api/v1/parapheur/folders/" + folder + "/sign", "{}"), 409, "wrong-action");

    JsonObject afterVisa =
        assertOk(
                dgs.post(
                    "/api/v1/parapheur/folders/" + folder + "/approve", "{\"comment\":\"Vu\"}"),
                200)
            .json();
    assertThat(afterVisa.getJsonObject("folder").getInt("currentStage")).isEqualTo(2);
    assertThat(inboxTitles(dgs)).doesNotContain(title);
    assertThat(inboxTitles(maire)).contains(title);
    assertThat(maire.get("/api/v1/parapheur/inbox/count").json().getInt("count"))
        .isGreaterThanOrEqualTo(1);

    JsonObject signed =
        assertOk(maire.post("/api/v1/parapheur/folders/" + folder + "/sign", "{}"), 200).json();
    assertThat(signed.getJsonObject("folder").getString("status")).isEqualTo("APPROVED");
    assertThat(signed.getJsonObject("folder").getInt("workingVersion")).isEqualTo(2);
    JsonObject signatureStep = signed.getJsonArray("steps").getJsonObject(1);
    assertThat(signatureStep.getString("status")).isEqualTo("DONE");
    assertThat(signatureStep.getString("actedByName")).isEqualTo("Marc Maire");
    assertThat(signatureStep.getString("signatureLevel")).isEqualTo("PAdES-BASELINE-LTA");
    String serial = signatureStep.getString("certificateSerial");
    assertThat(serial).isNotBlank();
    // full history: who did what, when, with which certificate
    assertThat(signed.getJsonArray("history").getValuesAs(JsonObject.class))
        .extracting(e -> e.getString("action"))
        .containsExactly("submitted", "approved", "signed", "completed");
    assertThat(signed.getJsonArray("history").getJsonObject(2).getString("certificateSerial"))
        .isEqualTo(serial);

    // the original stays as version 1, the signed PDF is version 2
    assertThat(
            sha256(agent.download("/api/v1/documents/" + document + "/content?version=1").body()))
        .isEqualTo(sha256(original));
    byte[] pdf = agent.download("/api/v1/documents/" + document + "/content?version=2").body();
    JsonObject report = validate(agent, pdf);
    assertThat(report.getInt("signaturesCount")).isEqualTo(1);
    JsonObject s = report.getJsonArray("signatures").getJsonObject(0);
    assertThat(s.getString("indication")).as(s.toString()).isEqualTo("TOTAL_PASSED");
    assertThat(s.getString("level")).isEqualTo("PAdES-BASELINE-LTA");
    assertThat(s.getString("signedBy")).contains("Marc Maire");
    assertThat(s.getBoolean("timestamped")).isTrue();
    assertThat(new BigInteger(s.getString("certificateSerial"), 16))
        .isEqualTo(new BigInteger(serial, 16));
    List<PdfSig.Finding> pdfsig = PdfSig.signatures(pdf, root);
    assertThat(pdfsig).hasSize(1);
    assertThat(pdfsig.get(0).signatureValid()).as(pdfsig.get(0).text()).isTrue();
    assertThat(pdfsig.get(0).certificateTrusted()).as(pdfsig.get(0).text()).isTrue();

    // the submitter is told, the usage is metered, the audit trail has the certificate
    assertThat(notifications(agent))
        .anyMatch(
            n -> n.getString("kind").equals("APPROVED") && n.getString("folderId").equals(folder));
    List<JsonObject> usage =
        admin
            .get("/api/v1/usage?service=e-signature&to=" + LocalDate.now().plusDays(2))
            .jsonArray()
            .getValuesAs(JsonObject.class);
    assertThat(usage)
        .anyMatch(
            u ->
                u.getString("metric").equals("signatures")
                    && u.getString("idempotencyKey")
                        .equals("parapheur/signature/" + signatureStep.getString("id")));
    assertThat(usage).anyMatch(u -> u.getString("metric").equals("visas"));
    assertThat(auditEvents(SCHILTIGHEIM))
        .anyMatch(
            e ->
                e.getString("action").equals("parapheur.step.signed")
                    && e.toString().contains(serial));
  }

  @Test
  void parallelSignersSignOneAfterTheOtherAndADelegatedSignatureSaysSo() throws Exception {
    String template =
        template(
            "Conventions " + UUID.randomUUID(),
            step(1, "SIGNATURE", "maire.schiltigheim", null, "Maire"),
            step(1, "SIGNATURE", null, "manager", "Directeur général des services"));
    LocalDate today = LocalDate.now();
    JsonObject delegation =
        assertOk(
                maire.post(
                    "/api/v1/parapheur/delegations",
                    "{\"delegate\":\"adjoint.schiltigheim\",\"startsOn\":\""
                        + today.minusDays(1)
                        + "\",\"endsOn\":\""
                        + today.plusDays(7)
                        + "\",\"reason\":\"Congés\"}"),
                201)
            .json();
    try {
      // submitted from the GED
      JsonObject doc =
          assertOk(
                  agent.upload(
                      "/api/v1/documents?title=" + enc("Convention de partenariat"),
                      "convention.pdf",
                      "application/pdf",
                      SampleFiles.pdf("Convention de partenariat", "Article 1")),
                  201)
              .json();
      JsonObject submitted =
          assertOk(
                  agent.post(
                      "/api/v1/parapheur/folders",
                      "{\"templateId\":\""
                          + template
                          + "\",\"documentId\":\""
                          + doc.getString("id")
                          + "\",\"title\":\"Convention de partenariat\",\"dueDate\":\""
                          + today.plusDays(3)
                          + "\",\"message\":\"À signer avant vendredi\"}"),
                  201)
              .json();
      String folder = submitted.getJsonObject("folder").getString("id");
      JsonObject item =
          adjoint.get("/api/v1/parapheur/inbox").jsonArray().getValuesAs(JsonObject.class).stream()
              .filter(i -> i.getString("folderId").equals(folder))
              .findFirst()
              .orElseThrow();
      assertThat(item.getString("onBehalfOfName")).isEqualTo("Marc Maire");

      CompletableFuture<ApiClient.Reply> byDelegate =
          CompletableFuture.supplyAsync(
              () -> adjoint.post("/api/v1/parapheur/folders/" + folder + "/sign", "{}"));
      CompletableFuture<ApiClient.Reply> byManager =
          CompletableFuture.supplyAsync(
              () -> dgs.post("/api/v1/parapheur/folders/" + folder + "/sign", "{}"));
      assertOk(byDelegate.get(), 200);
      assertOk(byManager.get(), 200);

      JsonObject done = agent.get("/api/v1/parapheur/folders/" + folder).json();
      assertThat(done.getJsonObject("folder").getString("status")).isEqualTo("APPROVED");
      assertThat(done.getJsonObject("folder").getInt("signatures")).isEqualTo(2);
      assertThat(done.getJsonObject("folder").getInt("workingVersion")).isEqualTo(3);
      assertThat(done.getJsonArray("history").getValuesAs(JsonObject.class))
          .anyMatch(
              e ->
                  e.getString("action").equals("signed")
                      && "Marc Maire".equals(e.getString("onBehalfOfName", null))
                      && e.getString("actorName").equals("Anne Adjointe"));

      byte[] pdf =
          agent.download("/api/v1/documents/" + doc.getString("id") + "/content?version=3").body();
      JsonObject report = validate(agent, pdf);
      assertThat(report.getInt("signaturesCount")).isEqualTo(2);
      assertThat(report.getJsonArray("signatures").getValuesAs(JsonObject.class))
          .allSatisfy(
              s ->
                  assertThat(s.getString("indication")).as(s.toString()).isEqualTo("TOTAL_PASSED"));
      assertThat(report.getJsonArray("signatures").getValuesAs(JsonObject.class))
          .anyMatch(
              s ->
                  s.getString("signedBy").contains("Anne Adjointe")
                      && s.getString("reason").contains("par délégation de Marc Maire"));
      assertThat(PdfSig.signatures(pdf, root))
          .hasSize(2)
          .allSatisfy(f -> assertThat(f.signatureValid()).as(f.text()).isTrue());
    } finally {
      maire.delete("/api/v1/parapheur/delegations/" + delegation.getString("id"));
    }
    // once revoked, the delegate no longer sees the mayor's steps
    assertThat(
            maire
                .get("/api/v1/parapheur/delegations")
                .jsonArray()
                .getValuesAs(JsonObject.class)
                .stream()
                .filter(d -> d.getString("id").equals(delegation.getString("id")))
                .findFirst()
                .orElseThrow()
                .getBoolean("activeToday"))
        .isFalse();
  }

  @Test
  void aRejectionStopsTheCircuitAndTellsTheSubmitterAndOnlyTheSubmitterWithdrawsBeforeSigning() {
    String template =
        template(
            "Marchés " + UUID.randomUUID(),
            step(1, "SIGNATURE", "maire.schiltigheim", null, "Maire"),
            step(2, "VISA", "dgs.schiltigheim", null, null));
    String rejected =
        folderId(upload(agent, template, "m.pdf", "Marché refusé", SampleFiles.pdf("Marché")));
    assertProblem(
        maire.post("/api/v1/parapheur/folders/" + rejected + "/reject", "{}"),
        422,
        "reason-required");
    JsonObject r =
        assertOk(
                maire.post(
                    "/api/v1/parapheur/folders/" + rejected + "/reject",
                    "{\"reason\":\"Montant à revoir\"}"),
                200)
            .json();
    assertThat(r.getJsonObject("folder").getString("status")).isEqualTo("REJECTED");
    assertThat(r.getJsonArray("steps").getValuesAs(JsonObject.class))
        .extracting(s -> s.getString("status"))
        .containsExactly("REJECTED", "CANCELLED");
    assertThat(notifications(agent))
        .anyMatch(
            n ->
                n.getString("folderId").equals(rejected)
                    && n.getString("kind").equals("REJECTED")
                    && n.getString("message").contains("Montant à revoir"));
    assertProblem(
        maire.post("/api/v1/parapheur/folders/" + rejected + "/sign", "{}"), 409, "folder-closed");

    String withdrawnTitle = "Marché retiré " + UUID.randomUUID().toString().substring(0, 8);
    String withdrawn =
        folderId(upload(agent, template, "m.pdf", withdrawnTitle, SampleFiles.pdf("Marché")));
    assertProblem(
        dgs.post("/api/v1/parapheur/folders/" + withdrawn + "/withdraw", "{}"),
        403,
        "not-submitter");
    assertThat(
            assertOk(
                    agent.post(
                        "/api/v1/parapheur/folders/" + withdrawn + "/withdraw",
                        "{\"reason\":\"Erreur\"}"),
                    200)
                .json()
                .getJsonObject("folder")
                .getString("status"))
        .isEqualTo("WITHDRAWN");
    assertThat(inboxTitles(maire)).doesNotContain(withdrawnTitle);

    String signedFirst =
        folderId(upload(agent, template, "m.pdf", "Marché signé", SampleFiles.pdf("Marché")));
    // the stamp goes where asked, if it fits in the page
    assertProblem(
        maire.post(
            "/api/v1/parapheur/folders/" + signedFirst + "/sign",
            "{\"position\":{\"page\":1,\"x\":5000,\"y\":40}}"),
        422,
        "invalid-stamp-position");
    assertProblem(
        maire.post(
            "/api/v1/parapheur/folders/" + signedFirst + "/sign",
            "{\"position\":{\"page\":9,\"x\":40,\"y\":40}}"),
        422,
        "invalid-stamp-position");
    assertOk(
        maire.post(
            "/api/v1/parapheur/folders/" + signedFirst + "/sign",
            "{\"position\":{\"page\":1,\"x\":40,\"y\":40}}"),
        200);
    assertProblem(
        agent.post("/api/v1/parapheur/folders/" + signedFirst + "/withdraw", "{}"),
        409,
        "already-signed");
  }

  @Test
  void badInputIsRefusedCleanlyAndAnotherCommuneSeesNothing() {
    String template =
        template(
            "Courriers " + UUID.randomUUID(),
            step(1, "SIGNATURE", "maire.schiltigheim", null, "Maire"));
    assertProblem(
        agent.upload(
            uploadPath(template, "Note"),
            "note.txt",
            "text/plain",
            "bonjour".getBytes(StandardCharsets.UTF_8)),
        415,
        "not-a-pdf");
    assertProblem(
        agent.upload(
            uploadPath(template, "Abîmé"), "x.pdf", "application/pdf", SampleFiles.corruptPdf()),
        422,
        "corrupt-pdf");
    assertProblem(
        agent.upload(
            uploadPath(template, "Chiffré"),
            "x.pdf",
            "application/pdf",
            SampleFiles.encryptedPdf("pw", "Secret")),
        422,
        "encrypted-pdf");
    JsonObject docx =
        assertOk(
                agent.upload(
                    "/api/v1/documents",
                    "lettre.docx",
                    "application/octet-stream",
                    SampleFiles.docx("Lettre")),
                201)
            .json();
    assertProblem(
        agent.post(
            "/api/v1/parapheur/folders",
            "{\"templateId\":\""
                + template
                + "\",\"documentId\":\""
                + docx.getString("id")
                + "\",\"title\":\"Lettre\"}"),
        415,
        "not-a-pdf");
    // nothing half-written: no folder for the refused inputs
    assertThat(agent.get("/api/v1/parapheur/folders").jsonArray().getValuesAs(JsonObject.class))
        .noneMatch(
            f -> List.of("Note", "Abîmé", "Chiffré", "Lettre").contains(f.getString("title")));

    // templates are checked and written by administrators only
    assertProblem(
        agent.post(
            "/api/v1/parapheur/templates", templateBody("X", step(1, "VISA", null, "agent", null))),
        403,
        "forbidden");
    assertProblem(
        admin.post(
            "/api/v1/parapheur/templates",
            templateBody("Trou", step(2, "VISA", null, "agent", null))),
        422,
        "invalid-template");
    assertProblem(
        admin.post(
            "/api/v1/parapheur/templates",
            templateBody("Inconnu", step(1, "VISA", "personne.inconnue", null, null))),
        422,
        "unknown-member");

    // another commune: everything answers 404
    String folder =
        folderId(
            upload(agent, template, "c.pdf", "Courrier confidentiel", SampleFiles.pdf("Courrier")));
    String document =
        agent
            .get("/api/v1/parapheur/folders/" + folder)
            .json()
            .getJsonObject("folder")
            .getString("documentId");
    assertProblem(other.get("/api/v1/parapheur/folders/" + folder), 404, "folder-not-found");
    assertProblem(
        other.post("/api/v1/parapheur/folders/" + folder + "/sign", "{}"), 404, "folder-not-found");
    assertProblem(other.get("/api/v1/parapheur/templates/" + template), 404, "template-not-found");
    assertProblem(
        other.post(
            "/api/v1/parapheur/folders",
            "{\"templateId\":\""
                + template
                + "\",\"documentId\":\""
                + document
                + "\",\"title\":\"Vol\"}"),
        404,
        "template-not-found");
    assertThat(inboxTitles(other)).doesNotContain("Courrier confidentiel");
  }

  @Test
  void aPdfSignedElsewhereIsCountersignedWithoutBreakingItsSignature() throws Exception {
    String template =
        template(
            "Contrats " + UUID.randomUUID(),
            step(1, "SIGNATURE", "maire.schiltigheim", null, "Maire"));
    byte[] foreignSigned =
        ForeignSignatures.signedElsewhere(
            SampleFiles.pdf("Contrat de prestation", "Signé par le prestataire"),
            "Prestataire Signataire",
            "Prestataire SA");
    JsonObject submitted =
        upload(agent, template, "contrat.pdf", "Contrat de prestation", foreignSigned);
    String folder = folderId(submitted);
    assertOk(maire.post("/api/v1/parapheur/folders/" + folder + "/sign", "{}"), 200);
    byte[] pdf =
        agent
            .download(
                "/api/v1/documents/"
                    + submitted.getJsonObject("folder").getString("documentId")
                    + "/content")
            .body();

    JsonObject report = validate(agent, pdf);
    assertThat(report.getInt("signaturesCount")).isEqualTo(2);
    JsonObject theirs = signatureBy(report, "Prestataire");
    assertThat(theirs.getString("indication")).isEqualTo("INDETERMINATE");
    assertThat(theirs.getString("subIndication")).isEqualTo("NO_CERTIFICATE_CHAIN_FOUND");
    assertThat(signatureBy(report, "Marc Maire").getString("indication")).isEqualTo("TOTAL_PASSED");
    assertThat(PdfSig.signatures(pdf, root))
        .hasSize(2)
        .allSatisfy(f -> assertThat(f.signatureValid()).as(f.text()).isTrue());
  }

  @Test
  void revokingASignerWhoLeftIsOneActionAndLaterValidationsReportIt() throws Exception {
    String template =
        template(
            "Bons " + UUID.randomUUID(), step(1, "SIGNATURE", "partant.schiltigheim", null, null));
    ApiClient partant = platform.as("partant.schiltigheim", SCHILTIGHEIM);
    String folder =
        folderId(
            upload(
                agent, template, "bon.pdf", "Bon de commande", SampleFiles.pdf("Bon de commande")));
    JsonObject signed =
        assertOk(partant.post("/api/v1/parapheur/folders/" + folder + "/sign", "{}"), 200).json();
    String serial = signed.getJsonArray("steps").getJsonObject(0).getString("certificateSerial");
    byte[] pdf =
        agent
            .download(
                "/api/v1/documents/"
                    + signed.getJsonObject("folder").getString("documentId")
                    + "/content")
            .body();
    assertThat(
            validate(agent, pdf)
                .getJsonArray("signatures")
                .getJsonObject(0)
                .getBoolean("signerRevoked"))
        .isFalse();

    assertProblem(
        agent.post("/api/v1/signatures/signers/partant.schiltigheim/revocation", "{}"),
        403,
        "forbidden");
    List<JsonObject> revoked =
        assertOk(
                admin.post(
                    "/api/v1/signatures/signers/partant.schiltigheim/revocation",
                    "{\"reason\":\"left\"}"),
                200)
            .jsonArray()
            .getValuesAs(JsonObject.class);
    assertThat(revoked).extracting(c -> c.getString("serial")).contains(serial);

    JsonObject later = validate(agent, pdf).getJsonArray("signatures").getJsonObject(0);
    assertThat(later.getBoolean("signerRevoked")).as(later.toString()).isTrue();
    assertThat(later.getString("revocationReason")).isEqualTo("AFFILIATION_CHANGED");
    X509CRL crl =
        (X509CRL)
            CertificateFactory.getInstance("X.509")
                .generateCRL(
                    new ByteArrayInputStream(
                        platform
                            .anonymous()
                            .download("/api/v1/pki/crl/" + SCHILTIGHEIM.insee() + ".crl")
                            .body()));
    assertThat(crl.getRevokedCertificate(new BigInteger(serial, 16))).isNotNull();
    assertThat(auditEvents(SCHILTIGHEIM))
        .anyMatch(e -> e.getString("action").equals("pki.signer-certificate.revoked"));
    assertProblem(
        admin.post("/api/v1/signatures/signers/partant.schiltigheim/revocation", "{}"),
        404,
        "no-active-certificate");
    // the DSI can do the same for the commune
    assertProblem(
        platform
            .operator()
            .post(
                "/api/v1/signatures/communes/"
                    + SCHILTIGHEIM.insee()
                    + "/signers/partant.schiltigheim/revocation",
                "{}"),
        404,
        "no-active-certificate");
  }

  // ---- helpers
  // ------------------------------------------------------------------------------------

  private static String step(int stage, String kind, String username, String role, String label) {
    StringBuilder s = new StringBuilder("{\"stage\":" + stage + ",\"kind\":\"" + kind + "\"");
    if (username != null) {
      s.append(",\"username\":\"").append(username).append('"');
    }
    if (role != null) {
      s.append(",\"role\":\"").append(role).append('"');
    }
    if (label != null) {
      s.append(",\"label\":\"").append(label).append('"');
    }
    return s.append('}').toString();
  }

  private static String templateBody(String name, String... steps) {
    return "{\"name\":\"" + name + "\",\"steps\":[" + String.join(",", steps) + "]}";
  }

  private String template(String name, String... steps) {
    return assertOk(admin.post("/api/v1/parapheur/templates", templateBody(name, steps)), 201)
        .json()
        .getString("id");
  }

  private static String uploadPath(String template, String title) {
    return "/api/v1/parapheur/folders/upload?template=" + template + "&title=" + enc(title);
  }

  private static JsonObject upload(
      ApiClient client, String template, String fileName, String title, byte[] pdf) {
    return assertOk(
            client.upload(uploadPath(template, title), fileName, "application/pdf", pdf), 201)
        .json();
  }

  private static String folderId(JsonObject detail) {
    return detail.getJsonObject("folder").getString("id");
  }

  private static List<String> inboxTitles(ApiClient client) {
    return client.get("/api/v1/parapheur/inbox").jsonArray().getValuesAs(JsonObject.class).stream()
        .map(i -> i.getString("title"))
        .toList();
  }

  private static List<JsonObject> notifications(ApiClient client) {
    return client.get("/api/v1/parapheur/notifications").jsonArray().getValuesAs(JsonObject.class);
  }

  private static JsonObject validate(ApiClient client, byte[] pdf) {
    return assertOk(
            client.upload("/api/v1/signatures/validations", "signed.pdf", "application/pdf", pdf),
            200)
        .json();
  }

  private static JsonObject signatureBy(JsonObject report, String name) {
    return report.getJsonArray("signatures").getValuesAs(JsonObject.class).stream()
        .filter(s -> s.getString("signedBy").contains(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no signature by " + name + " in " + report));
  }

  private List<JsonObject> auditEvents(Commune c) {
    return platform
        .operator()
        .get("/api/v1/audit/events?limit=200&tenant=" + c.insee())
        .jsonArray()
        .stream()
        .map(JsonValue::asJsonObject)
        .toList();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String sha256(byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
  }
}
