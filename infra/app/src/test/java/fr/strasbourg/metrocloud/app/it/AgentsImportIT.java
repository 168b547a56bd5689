package fr.strasbourg.metrocloud.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import fr.strasbourg.metrocloud.app.support.PlatformTestBase;
import fr.strasbourg.metrocloud.app.support.ProcedureSteps;
import fr.strasbourg.metrocloud.testkit.ApiClient;
import fr.strasbourg.metrocloud.testkit.Platform;
import fr.strasbourg.metrocloud.testkit.SampleCommunes.Commune;
import fr.strasbourg.metrocloud.testkit.SampleFiles;
import fr.strasbourg.metrocloud.testkit.SftpSimulator;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * HR → platform, the agents directory, and records delivered as files over SFTP, against a real SSH
 * server (Apache MINA SSHD): a file mixing UTF-8 and Latin-1 lines, with bad lines, a duplicate, a
 * newcomer, a leaver who held a signing certificate; the same file again; a file without its
 * required columns; the SFTP counterpart down, a dead letter, its replay, exactly one file.
 */
class AgentsImportIT extends PlatformTestBase {

  /** A commune outside the Eurométropole, used by no other test. */
  private static final Commune NIEDERBRONN =
      new Commune("67324", "Niederbronn-les-Bains", "67110", 4400);

  private static final Charset LATIN_1 = Charset.forName("ISO-8859-1");

  private final String run = Long.toString(System.currentTimeMillis(), 36);
  private ApiClient admin;
  private SftpSimulator sftp;

  @BeforeEach
  void commune() throws Exception {
    platform.ensureActiveCommune(NIEDERBRONN);
    admin = platform.as(Platform.adminOf(NIEDERBRONN), NIEDERBRONN);
    for (String service : List.of("document-management", "e-signature", "leave-requests")) {
      ApiClient.Reply r = admin.post("/api/v1/subscriptions", "{\"service\":\"" + service + "\"}");
      assertThat(r.status()).as(r.toString()).isIn(201, 409);
    }
    sftp =
        new SftpSimulator("rh-niederbronn", "s3cret-SFTP", Files.createTempDirectory("sftp-rh"))
            .start();
  }

  @AfterEach
  void stop() {
    sftp.close();
  }

  @Test
  void anAgentsFileIsAppliedLineByLineOnceWithNewcomersLeaversAndClearErrors() throws Exception {
    // a leaver who signed once: they hold a signing certificate
    String leaver = "partant." + run;
    platform.ensurePerson(leaver, "Paul", "Partant", List.of("agent"), NIEDERBRONN);
    String serial = signOnce(leaver);
    // somebody who is not the commune's (a member of no commune)
    String stranger = "homonyme." + run;
    platform.ensurePerson(stranger, "Henri", "Homonyme", List.of("agent"));

    String chef = "chef." + run;
    String newcomer = "agent." + run;
    String header =
        "identifiant;nom;prenom;courriel;service;responsable;rythme;solde_ca;solde_rtt;date_sortie\n";
    String agentLine =
        newcomer
            + ";François;Émile;"
            + newcomer
            + "@niederbronn.example.org;Services techniques;"
            + chef
            + ";MON,TUE,WED_AM,THU,FRI;12,5;;\n";
    byte[] file =
        concat(
            utf8(header),
            utf8(
                chef
                    + ";Schœnberg;Zoé;"
                    + chef
                    + "@niederbronn.example.org;Direction "
                    + run
                    + ";;MON,TUE,WED,THU,FRI;25;3;\n"),
            agentLine.getBytes(LATIN_1), // line 3, saved by another tool in Latin-1
            utf8("sans." + run + ";Sans;Courriel;;Direction;;;;;\n"),
            utf8("court." + run + ";Trop;Court\n"),
            utf8(
                leaver
                    + ";Partant;Paul;"
                    + leaver
                    + "@niederbronn.example.org;Départ "
                    + run
                    + ";;;;;31/12/2025\n"),
            agentLine.getBytes(LATIN_1), // line 7: the same line twice
            utf8(
                "orphelin."
                    + run
                    + ";Orphelin;Olivier;o."
                    + run
                    + "@niederbronn.example.org;;inconnu."
                    + run
                    + ";;;;\n"),
            utf8(stranger + ";Homonyme;Henri;h." + run + "@niederbronn.example.org;;;;;;\n"));

    JsonObject report = upload("agents-" + run + ".csv", file, 201);
    assertThat(report.getString("status")).isEqualTo("PARTIAL");
    assertThat(report.getString("encoding")).isEqualTo("MIXTE");
    assertThat(report.getInt("lines")).isEqualTo(8);
    assertThat(report.getInt("applied")).as(report.toString()).isEqualTo(3);
    assertThat(report.getInt("created")).isEqualTo(2);
    assertThat(report.getInt("left")).isEqualTo(1);
    Map<Integer, String> errors =
        report.getJsonArray("errors").getValuesAs(JsonObject.class).stream()
            .collect(Collectors.toMap(e -> e.getInt("line"), e -> e.getString("reason")));
    assertThat(errors.keySet()).containsExactly(4, 5, 7, 8, 9);
    assertThat(errors.get(4)).contains("Courriel manquant");
    assertThat(errors.get(5)).contains("3 champ(s) au lieu de 10");
    assertThat(errors.get(7)).contains("en double de la ligne 3");
    assertThat(errors.get(8)).contains("Responsable inconnu");
    assertThat(errors.get(9)).contains("n'appartient pas à la seule commune");

    // newcomers: accounts in the commune's organization with the agent role, that can sign in
    List<String> members = platform.keycloak().members(NIEDERBRONN.insee());
    assertThat(members).contains(chef, newcomer).doesNotContain("orphelin." + run);
    assertThat(platform.keycloak().realmRolesOf(newcomer)).contains("agent");
    platform
        .keycloak()
        .setPassword(platform.keycloak().findUserId(newcomer).orElseThrow(), Platform.PASSWORD);
    ApiClient agent = platform.as(newcomer, NIEDERBRONN);
    assertThat(balance(agent, "CA")).isEqualByComparingTo("12.5");
    JsonObject directory =
        admin.get("/api/v1/workflow/agents").jsonArray().getValuesAs(JsonObject.class).stream()
            .filter(a -> a.getString("username").equals(newcomer))
            .findFirst()
            .orElseThrow();
    assertThat(directory.getString("displayName")).isEqualTo("Émile François");
    assertThat(directory.getString("managerUsername")).isEqualTo(chef);
    assertThat(directory.getString("workingPattern")).isEqualTo("MON,TUE,WED_AM,THU,FRI");
    // the stranger's account was not touched
    assertThat(platform.keycloak().user(stranger).orElseThrow().getString("email"))
        .isEqualTo(stranger + "@eurometropole.example.org");

    // the leaver: account disabled, certificate revoked (RFC 5280 affiliationChanged, « left »)
    assertThat(platform.keycloak().user(leaver).orElseThrow().getBoolean("enabled")).isFalse();
    JsonObject certificate =
        admin
            .get("/api/v1/signatures/certificates")
            .jsonArray()
            .getValuesAs(JsonObject.class)
            .stream()
            .filter(c -> c.getString("serial").equals(serial))
            .findFirst()
            .orElseThrow();
    assertThat(certificate.containsKey("revokedAt")).as(certificate.toString()).isTrue();
    assertThat(certificate.getString("revocationReason")).isEqualTo("left");

    // the same file again (HR delivered it twice): recorded as a duplicate, nothing applied
    JsonObject again = upload("agents-" + run + "-bis.csv", file, 200);
    assertThat(again.getString("status")).isEqualTo("DUPLICATE");
    assertThat(again.getString("duplicateOf")).isEqualTo(report.getString("id"));
    // a corrected file: only what changed is applied
    byte[] corrected =
        concat(
            utf8(header),
            utf8(
                chef
                    + ";Schœnberg;Zoé;"
                    + chef
                    + "@niederbronn.example.org;Direction "
                    + run
                    + ";;MON,TUE,WED,THU,FRI;24;3;\n"),
            agentLine.getBytes(LATIN_1),
            utf8(
                leaver
                    + ";Partant;Paul;"
                    + leaver
                    + "@niederbronn.example.org;Départ "
                    + run
                    + ";;;;;31/12/2025\n"));
    JsonObject second = upload("agents-" + run + "-corrige.csv", corrected, 201);
    assertThat(second.getString("status")).isEqualTo("APPLIED");
    assertThat(second.getInt("applied")).isEqualTo(1);
    assertThat(second.getInt("unchanged")).isEqualTo(2);
    assertThat(second.getInt("created")).isZero();
    assertThat(second.getString("encoding")).isEqualTo("MIXTE");

    // a file without its required columns is refused as a whole, and the refusal kept
    JsonObject missing =
        assertProblem(
            admin.upload(
                "/api/v1/integration/hr/imports?fileName=sans-courriel.csv",
                null,
                "text/csv",
                utf8("identifiant;nom;prenom\nx." + run + ";X;Y\n")),
            422,
            "missing-columns");
    assertThat(missing.getString("detail")).contains("courriel");
    List<JsonObject> history =
        admin.get("/api/v1/integration/hr/imports").jsonArray().getValuesAs(JsonObject.class);
    assertThat(history.get(0).getString("status")).isEqualTo("REJECTED");
    assertThat(history).extracting(h -> h.getString("id")).contains(report.getString("id"));
    assertThat(
            admin
                .get("/api/v1/integration/exchanges?flow=agents.import&limit=10")
                .jsonArray()
                .getValuesAs(JsonObject.class))
        .anyMatch(e -> e.getString("correlationId").equals(report.getString("id")));
    // only the administrator
    assertProblem(agent.get("/api/v1/integration/hr/imports"), 403, "forbidden");
    assertProblem(
        admin.get("/api/v1/integration/hr/imports/" + UUID.randomUUID()), 404, "import-not-found");
  }

  @Test
  void anSftpConnectorFetchesAgentsFilesAndDeliversRecordsAsFilesExactlyOnce() throws Exception {
    // a wrong password: the test names the authentication step
    connector(sftp.endpoint("rh"), "rh-niederbronn", "mauvais");
    JsonObject denied =
        assertOk(admin.post("/api/v1/integration/connectors/HR/test", "{}"), 200).json();
    assertThat(denied.getBoolean("ok")).isFalse();
    List<JsonObject> refusedSteps = denied.getJsonArray("steps").getValuesAs(JsonObject.class);
    assertThat(refusedSteps.get(refusedSteps.size() - 1).getString("name"))
        .isEqualTo("Authentification");
    // the DSI corrects it for the commune, and tests it
    String dsiPath =
        "/api/v1/integration/operator/communes/" + NIEDERBRONN.insee() + "/connectors/HR";
    JsonObject fixed =
        assertOk(
                platform
                    .operator()
                    .send(
                        "PUT",
                        dsiPath,
                        "{\"transport\":\"SFTP\",\"endpoint\":\""
                            + sftp.endpoint("rh")
                            + "\",\"username\":\"rh-niederbronn\",\"secret\":\"s3cret-SFTP\"}",
                        "application/json"),
                200)
            .json();
    assertThat(fixed.getBoolean("secretSet")).isTrue();
    assertThat(fixed.toString()).doesNotContain("s3cret-SFTP");
    assertThat(
            assertOk(platform.operator().post(dsiPath + "/test", "{}"), 200)
                .json()
                .getBoolean("ok"))
        .isTrue();
    assertProblem(
        admin.send("PUT", dsiPath, "{\"transport\":\"SFTP\"}", "application/json"),
        403,
        "forbidden");
    JsonObject test =
        assertOk(admin.post("/api/v1/integration/connectors/HR/test", "{}"), 200).json();
    assertThat(test.getBoolean("ok")).as(test.toString()).isTrue();
    assertThat(test.toString()).contains("Répertoire d'échange").contains("empreinte du serveur");

    // the HR software drops its export; the platform fetches it and files it away
    String sftpAgent = "sftp." + run;
    sftp.drop(
        "rh/export/agents-" + run + ".csv",
        utf8(
            "identifiant;nom;prenom;courriel\n"
                + sftpAgent
                + ";Bernard;Anaïs;"
                + sftpAgent
                + "@niederbronn.example.org\n"));
    JsonObject pulled =
        assertOk(admin.post("/api/v1/integration/hr/imports/pull", "{}"), 201).json();
    assertThat(pulled.getString("source")).isEqualTo("SFTP");
    assertThat(pulled.getString("fileName")).isEqualTo("agents-" + run + ".csv");
    assertThat(pulled.getInt("created")).isEqualTo(1);
    assertThat(sftp.files("rh/export")).isEmpty();
    assertThat(sftp.files("rh/export/traites")).anyMatch(f -> f.endsWith("agents-" + run + ".csv"));
    assertThat(platform.keycloak().members(NIEDERBRONN.insee())).contains(sftpAgent);
    // a file refused as a whole goes to erreurs/
    sftp.drop("rh/export/agents-vide-" + run + ".csv", utf8("nom;prenom\n"));
    JsonObject refused =
        assertOk(admin.post("/api/v1/integration/hr/imports/pull", "{}"), 201).json();
    assertThat(refused.getString("status")).isEqualTo("REJECTED");
    assertThat(sftp.files("rh/export/erreurs"))
        .anyMatch(f -> f.endsWith("agents-vide-" + run + ".csv"));
    assertProblem(admin.post("/api/v1/integration/hr/imports/pull", "{}"), 422, "no-file");

    // an approved leave goes out as a file; with the server down it dies, then is replayed
    platform.ensurePerson(
        "agent." + NIEDERBRONN.slug(), "Nina", "Agent", List.of("agent"), NIEDERBRONN);
    platform.ensurePerson(
        "chef." + NIEDERBRONN.slug(), "Nils", "Chef", List.of("agent", "manager"), NIEDERBRONN);
    workflowAgent("agent." + NIEDERBRONN.slug(), "Nina Agent", "chef." + NIEDERBRONN.slug());
    workflowAgent("chef." + NIEDERBRONN.slug(), "Nils Chef", null);
    assertOk(
        admin.send(
            "PUT",
            "/api/v1/workflow/settings",
            "{\"hrValidation\":false,\"reminderWorkingDays\":5}",
            "application/json"),
        200);
    assertOk(
        admin.send(
            "PUT",
            "/api/v1/leave/balances/agent." + NIEDERBRONN.slug() + "/CA",
            "{\"days\":200}",
            "application/json"),
        200);
    sftp.stop();
    String leave = approvedLeave("2027-09-06");
    JsonObject dead = await(() -> message("leave.approved/" + leave, "DEAD"), "the message dies");
    assertThat(dead.getInt("attempts")).isEqualTo(4);
    assertThat(dead.getString("lastError")).isNotBlank();
    // the DSI sees the commune's connector in trouble and its dead letter, and replays it once
    // fixed
    JsonObject health =
        platform
            .operator()
            .get("/api/v1/integration/operator/communes")
            .jsonArray()
            .getValuesAs(JsonObject.class)
            .stream()
            .filter(c -> c.getString("commune").equals(NIEDERBRONN.insee()))
            .findFirst()
            .orElseThrow();
    assertThat(health.getString("health")).isEqualTo("DEAD_LETTERS");
    assertThat(health.getInt("dead")).isGreaterThanOrEqualTo(1);
    assertThat(health.getJsonArray("connectors").getJsonObject(0).getString("transport"))
        .isEqualTo("SFTP");
    assertThat(
            platform
                .operator()
                .get("/api/v1/integration/operator/dead-letters?commune=" + NIEDERBRONN.insee())
                .jsonArray()
                .getValuesAs(JsonObject.class))
        .anyMatch(d -> d.getString("id").equals(dead.getString("id")));
    assertProblem(admin.get("/api/v1/integration/operator/dead-letters"), 403, "forbidden");
    sftp.start();
    assertOk(
        platform
            .operator()
            .post(
                "/api/v1/integration/operator/communes/"
                    + NIEDERBRONN.insee()
                    + "/messages/"
                    + dead.getString("id")
                    + "/replay",
                "{}"),
        200);
    await(() -> message("leave.approved/" + leave, "SENT"), "the replayed message is sent");
    List<String> delivered =
        sftp.files("rh/import/leave.approved").stream().filter(f -> f.contains(leave)).toList();
    assertThat(delivered).hasSize(1);
    String csv =
        Files.readString(
            sftp.root().resolve("rh/import/leave.approved").resolve(delivered.get(0)),
            StandardCharsets.UTF_8);
    assertThat(csv.lines().toList()).hasSize(2);
    assertThat(csv.lines().findFirst().orElseThrow())
        .startsWith("cle_idempotence;correlation;commune;flux");
    // Prometheus-style counters per route and commune
    String metrics = platform.anonymous().download("/metrics?scope=application").text();
    assertThat(metrics.lines())
        .anyMatch(
            l ->
                l.startsWith("integration_messages_total{")
                    && l.contains("commune=\"" + NIEDERBRONN.insee() + "\"")
                    && l.contains("route=\"deliver-sftp\"")
                    && l.contains("outcome=\"sent\""))
        .anyMatch(
            l ->
                l.startsWith("integration_agent_lines_total{")
                    && l.contains("outcome=\"applied\""));
    assertThat(csv)
        .contains(NIEDERBRONN.insee() + ":leave.approved/" + leave)
        .contains(";agent." + NIEDERBRONN.slug() + ";CA;");
  }

  // ---- helpers
  // ------------------------------------------------------------------------------------

  private JsonObject upload(String name, byte[] content, int status) {
    return assertOk(
            admin.upload(
                "/api/v1/integration/hr/imports?fileName="
                    + URLEncoder.encode(name, StandardCharsets.UTF_8),
                null,
                "text/csv",
                content),
            status)
        .json();
  }

  /** The person signs a PDF once in the parapheur: they get a certificate; returns its serial. */
  private String signOnce(String username) {
    String template =
        assertOk(
                admin.post(
                    "/api/v1/parapheur/templates",
                    "{\"name\":\"Bons "
                        + run
                        + "\",\"steps\":[{\"stage\":1,\"kind\":\"SIGNATURE\",\"username\":\""
                        + username
                        + "\"}]}"),
                201)
            .json()
            .getString("id");
    ApiClient signer = platform.as(username, NIEDERBRONN);
    String folder =
        assertOk(
                signer.upload(
                    "/api/v1/parapheur/folders/upload?template=" + template + "&title=Bon",
                    "bon.pdf",
                    "application/pdf",
                    SampleFiles.pdf("Bon de commande " + run)),
                201)
            .json()
            .getJsonObject("folder")
            .getString("id");
    return assertOk(signer.post("/api/v1/parapheur/folders/" + folder + "/sign", "{}"), 200)
        .json()
        .getJsonArray("steps")
        .getJsonObject(0)
        .getString("certificateSerial");
  }

  private static BigDecimal balance(ApiClient agent, String type) {
    return agent.get("/api/v1/leave/balances").jsonArray().getValuesAs(JsonObject.class).stream()
        .filter(b -> b.getString("typeCode").equals(type))
        .map(b -> b.getJsonNumber("days").bigDecimalValue())
        .findFirst()
        .orElseThrow();
  }

  private void connector(String endpoint, String user, String secret) {
    ProcedureSteps.hrConnector(admin, "SFTP", endpoint, user, secret);
  }

  private void workflowAgent(String username, String name, String manager) {
    ProcedureSteps.workflowAgent(admin, username, name, manager);
  }

  private String approvedLeave(String monday) {
    return ProcedureSteps.approvedLeave(
        platform.as("agent." + NIEDERBRONN.slug(), NIEDERBRONN),
        platform.as("chef." + NIEDERBRONN.slug(), NIEDERBRONN),
        monday);
  }

  private JsonObject message(String idempotencyKey, String status) {
    return ProcedureSteps.outboxMessage(admin, idempotencyKey, status);
  }

  private static <T> T await(Supplier<T> probe, String what) throws InterruptedException {
    return ProcedureSteps.await(probe, what);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
