package fr.strasbourg.metrocloud.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import fr.strasbourg.metrocloud.app.support.FaultProxy;
import fr.strasbourg.metrocloud.app.support.PlatformTestBase;
import fr.strasbourg.metrocloud.app.support.Storage;
import fr.strasbourg.metrocloud.testkit.ApiClient;
import fr.strasbourg.metrocloud.testkit.OidcLogin;
import fr.strasbourg.metrocloud.testkit.Platform;
import fr.strasbourg.metrocloud.testkit.SampleCommunes;
import fr.strasbourg.metrocloud.testkit.SampleCommunes.Commune;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Tenant lifecycle through the API: provisioning (and its failures), suspension, resumption,
 * decommissioning.
 */
class TenantLifecycleIT extends PlatformTestBase {

  @AfterEach
  void keycloakIsBack() {
    FaultProxy.get().heal();
  }

  @Test
  void theOperatorProvisionsA34thCommuneThroughTheApi() {
    Commune obernai = SampleCommunes.OBERNAI;
    ApiClient operator = platform.operator();
    long start = System.nanoTime();
    ApiClient.Reply created = operator.post("/api/v1/tenants", Platform.registration(obernai));
    long millis = (System.nanoTime() - start) / 1_000_000;
    System.out.println("Provisioning of a 34th commune took " + millis + " ms");

    assertOk(created, 201);
    assertThat(created.header("Location"))
        .hasValue(platform.env().apiUrl() + "/api/v1/tenants/" + obernai.insee());
    JsonObject body = created.json();
    JsonObject tenant = body.getJsonObject("tenant");
    assertThat(tenant.getString("insee")).isEqualTo("67348");
    assertThat(tenant.getString("status")).isEqualTo("ACTIVE");
    assertThat(tenant.getJsonObject("convention").getString("number"))
        .isEqualTo("EMS-MUT-2026-67348");
    assertThat(body.getJsonArray("resources").getValuesAs(JsonObject.class))
        .extracting(r -> r.getString("kind"))
        .containsExactly(
            "keycloak.organization",
            "keycloak.administrator",
            "crypto.data-key",
            "s3.bucket",
            "pki.signing-ca",
            "documents.types");
    String temporaryPassword =
        body.getJsonObject("initialAdministrator").getString("temporaryPassword");
    assertThat(temporaryPassword).hasSize(20);

    // Its Keycloak organization and first administrator exist
    JsonObject org = platform.keycloak().organization("67348").orElseThrow();
    assertThat(org.getString("name")).isEqualTo("Obernai");
    assertThat(platform.keycloak().members("67348")).containsExactly(Platform.adminOf(obernai));
    assertThat(platform.keycloak().realmRolesOf(Platform.adminOf(obernai)))
        .contains("commune-admin");
    // and its storage: a bucket and a data key
    assertThat(Storage.bucketExists("metrocloud-67348")).isTrue();
    assertThat(Storage.dataKeyDestroyed("67348")).isFalse();

    // The administrator logs in with the temporary password, must change it, and lands in the new
    // commune
    OidcLogin.Tokens tokens =
        new OidcLogin(platform.env())
            .login(
                Platform.adminOf(obernai),
                temporaryPassword,
                null,
                "Obernai-Mairie-2026!",
                "openid organization");
    assertThat(tokens.claims().getString("tenant")).isEqualTo("67348");
    JsonObject me = platform.anonymous().withToken(tokens.accessToken()).get("/api/v1/me").json();
    assertThat(me.getJsonObject("commune").getString("name")).isEqualTo("Obernai");
    assertThat(me.getJsonArray("roles").getValuesAs(jakarta.json.JsonString.class))
        .extracting(jakarta.json.JsonString::getString)
        .contains("commune-admin");

    // The registry is readable by the operator; the commune's trail recorded the provisioning
    ApiClient.Reply resources = operator.get("/api/v1/tenants/67348/resources");
    assertThat(resources.jsonArray()).hasSize(6);
    assertThat(actionsOf("67348"))
        .contains("tenants.tenant.registered", "tenants.provisioning.completed");
  }

  @Test
  void aDuplicateTenantIsRefusedAndChangesNothing() {
    platform.ensureActiveCommune(SampleCommunes.LIPSHEIM);
    ApiClient operator = platform.operator();
    JsonObject before = operator.get("/api/v1/tenants/" + SampleCommunes.LIPSHEIM.insee()).json();

    JsonObject problem =
        assertProblem(
            operator.post("/api/v1/tenants", Platform.registration(SampleCommunes.LIPSHEIM)),
            409,
            "tenant-already-exists");
    assertThat(problem.getString("detail")).contains("67268");
    assertThat(operator.get("/api/v1/tenants/" + SampleCommunes.LIPSHEIM.insee()).json())
        .isEqualTo(before);
  }

  @Test
  void theOperatorUpdatesWhatTheDsiKeepsAboutACommune() {
    Commune lipsheim = SampleCommunes.LIPSHEIM;
    platform.ensureActiveCommune(lipsheim);
    ApiClient operator = platform.operator();
    String details =
        "{\"population\": 2750, \"contact\": {\"name\": \"Secrétariat général\", \"email\": \"mairie@lipsheim.example.org\","
            + " \"phone\": \"+33 3 88 00 00 01\"}, \"convention\": {\"number\": \"EMS-MUT-2027-001\", \"signedOn\": \"2026-10-01\"}}";
    JsonObject updated =
        assertOk(
                operator.send(
                    "PUT",
                    "/api/v1/tenants/" + lipsheim.insee() + "/details",
                    details,
                    "application/json"),
                200)
            .json();
    assertThat(updated.getInt("population")).isEqualTo(2750);
    assertThat(updated.getJsonObject("contact").getString("email"))
        .isEqualTo("mairie@lipsheim.example.org");
    assertThat(updated.getJsonObject("convention").getString("signedOn")).isEqualTo("2026-10-01");
    assertThat(actionsOf(lipsheim.insee())).contains("tenants.tenant.updated");

    String badEmail = "{\"population\": 2750, \"contact\": {\"email\": \"nope\"}}";
    assertProblem(
        operator.send(
            "PUT",
            "/api/v1/tenants/" + lipsheim.insee() + "/details",
            badEmail,
            "application/json"),
        400,
        "validation-failed");
    String future =
        "{\"population\": 2750, \"convention\": {\"number\": \"X\", \"signedOn\": \"2999-01-01\"}}";
    assertProblem(
        operator.send(
            "PUT", "/api/v1/tenants/" + lipsheim.insee() + "/details", future, "application/json"),
        400,
        "validation-failed");
    ApiClient admin = platform.as(Platform.adminOf(lipsheim), lipsheim);
    assertProblem(
        admin.send(
            "PUT", "/api/v1/tenants/" + lipsheim.insee() + "/details", details, "application/json"),
        403,
        "forbidden");
    assertThat(operator.get("/api/v1/tenants/" + lipsheim.insee()).json().getInt("population"))
        .isEqualTo(2750);
  }

  @Test
  void reconciliationRecreatesAMissingResourceWithoutTouchingWhatIsInUse() throws Exception {
    Commune lipsheim = SampleCommunes.LIPSHEIM;
    platform.ensureActiveCommune(lipsheim);
    ApiClient operator = platform.operator();
    // Someone removed the commune's (empty) bucket by hand
    String bucket = "metrocloud-" + lipsheim.insee();
    Storage.client().removeBucket(io.minio.RemoveBucketArgs.builder().bucket(bucket).build());
    assertThat(Storage.bucketExists(bucket)).isFalse();

    JsonObject reconciled =
        assertOk(operator.post("/api/v1/tenants/" + lipsheim.insee() + "/reconcile", "{}"), 200)
            .json();
    assertThat(reconciled.getJsonObject("tenant").getString("status")).isEqualTo("ACTIVE");
    assertThat(reconciled.getJsonArray("resources")).hasSize(6);
    assertThat(reconciled.containsKey("initialAdministrator")).isFalse();
    assertThat(Storage.bucketExists(bucket)).isTrue();
    // The administrator's password was not reset
    assertThat(platform.login(Platform.adminOf(lipsheim), lipsheim).claims().getString("tenant"))
        .isEqualTo(lipsheim.insee());
    assertThat(actionsOf(lipsheim.insee())).contains("tenants.resources.reconciled");

    assertOk(
        operator.post("/api/v1/tenants/" + lipsheim.insee() + "/suspend", "{\"reason\":\"test\"}"),
        200);
    assertProblem(
        operator.post("/api/v1/tenants/" + lipsheim.insee() + "/reconcile", "{}"),
        409,
        "illegal-tenant-transition");
    assertOk(operator.post("/api/v1/tenants/" + lipsheim.insee() + "/resume", "{}"), 200);
  }

  @Test
  void hostileInputGetsProblemsAndWritesNothing() {
    ApiClient operator = platform.operator();
    Commune brumath = SampleCommunes.BRUMATH;
    JsonObject valid = Platform.registration(brumath);

    assertProblem(
        operator.post("/api/v1/tenants", "{\"insee\": \"67067\", "), 400, "malformed-request");
    assertProblem(operator.post("/api/v1/tenants", "[]"), 400, "malformed-request");
    JsonObject tooLong = Json.createObjectBuilder(valid).add("name", "B".repeat(121)).build();
    JsonObject problem =
        assertProblem(operator.post("/api/v1/tenants", tooLong), 400, "validation-failed");
    assertThat(problem.getJsonArray("errors").getValuesAs(JsonObject.class))
        .extracting(e -> e.getString("field"))
        .containsExactly("name");
    JsonObject badInsee = Json.createObjectBuilder(valid).add("insee", "6706").build();
    assertProblem(operator.post("/api/v1/tenants", badInsee), 400, "validation-failed");
    JsonObject injection =
        Json.createObjectBuilder(valid).add("insee", "67067'; DROP TABLE tenants;--").build();
    assertProblem(operator.post("/api/v1/tenants", injection), 400, "validation-failed");
    JsonObject unknownField = Json.createObjectBuilder(valid).add("mayor", "Someone").build();
    assertProblem(operator.post("/api/v1/tenants", unknownField), 400, "malformed-request");
    JsonObject noAdministrator = Json.createObjectBuilder(valid).remove("administrator").build();
    assertProblem(operator.post("/api/v1/tenants", noAdministrator), 400, "validation-failed");
    JsonObject badEmail =
        Json.createObjectBuilder(valid)
            .add(
                "administrator",
                Json.createObjectBuilder(valid.getJsonObject("administrator"))
                    .add("email", "not-an-email"))
            .build();
    assertProblem(operator.post("/api/v1/tenants", badEmail), 400, "validation-failed");
    assertProblem(
        operator.send("POST", "/api/v1/tenants", valid.toString(), "text/plain"),
        415,
        "unsupported-media-type");

    // Nothing was written: no tenant row, no Keycloak organization, no audit entry
    assertProblem(operator.get("/api/v1/tenants/67067"), 404, "tenant-not-found");
    assertThat(platform.keycloak().organization("67067")).isEmpty();
    assertThat(actionsOf("67067")).isEmpty();

    // Unknown and malformed INSEE codes in paths
    assertProblem(operator.get("/api/v1/tenants/99999"), 404, "tenant-not-found");
    assertProblem(
        operator.post("/api/v1/tenants/99999/suspend", "{\"reason\":\"x\"}"),
        404,
        "tenant-not-found");
    assertProblem(operator.get("/api/v1/tenants/not-a-code"), 400, "invalid-insee-code");
  }

  @Test
  void keycloakDownMidWayLeavesNothingHalfCreatedAndARetryCompletes() {
    Commune molsheim = SampleCommunes.MOLSHEIM;
    ApiClient operator = platform.operator();
    // The organization gets created, then Keycloak dies before the administrator's account exists
    FaultProxy.get().failWhen(r -> r.method().equals("POST") && r.path().endsWith("/users"));

    JsonObject problem =
        assertProblem(
            operator.post("/api/v1/tenants", Platform.registration(molsheim)),
            502,
            "provisioning-failed");
    assertThat(problem.getString("failedStep")).isEqualTo("keycloak.administrator");
    assertThat(problem.getString("detail")).contains("Keycloak injoignable", "PROVISIONING_FAILED");

    JsonObject tenant = operator.get("/api/v1/tenants/" + molsheim.insee()).json();
    assertThat(tenant.getString("status")).isEqualTo("PROVISIONING_FAILED");
    assertThat(tenant.getString("statusReason")).contains("keycloak.administrator");
    assertThat(operator.get("/api/v1/tenants/" + molsheim.insee() + "/resources").jsonArray())
        .isEmpty();
    // What the attempt created in Keycloak was undone
    assertThat(platform.keycloak().organization(molsheim.insee())).isEmpty();
    assertThat(platform.keycloak().findUserId(Platform.adminOf(molsheim))).isEmpty();
    assertThat(actionsOf(molsheim.insee())).contains("tenants.provisioning.failed");

    // Keycloak is back: the retry completes
    FaultProxy.get().heal();
    ApiClient.Reply retried =
        assertOk(operator.post("/api/v1/tenants/" + molsheim.insee() + "/provisioning", "{}"), 200);
    assertThat(retried.json().getJsonObject("tenant").getString("status")).isEqualTo("ACTIVE");
    assertThat(platform.keycloak().organization(molsheim.insee())).isPresent();
    assertThat(platform.keycloak().members(molsheim.insee()))
        .containsExactly(Platform.adminOf(molsheim));
    assertThat(operator.get("/api/v1/tenants/" + molsheim.insee() + "/resources").jsonArray())
        .hasSize(6);

    // A retry of an active commune is refused
    assertProblem(
        operator.post("/api/v1/tenants/" + molsheim.insee() + "/provisioning", "{}"),
        409,
        "illegal-tenant-transition");
  }

  @Test
  void keycloakDownForGoodLeavesTheCommuneFailedAndTheRetryAdoptsWhatExists() {
    Commune selestat = SampleCommunes.SELESTAT;
    ApiClient operator = platform.operator();
    // The organization is created, then Keycloak goes down for everything (the compensation cannot
    // run either)
    FaultProxy.get().failWhen(r -> r.path().contains("/users") || r.method().equals("DELETE"));
    assertProblem(
        operator.post("/api/v1/tenants", Platform.registration(selestat)),
        502,
        "provisioning-failed");
    assertThat(operator.get("/api/v1/tenants/" + selestat.insee()).json().getString("status"))
        .isEqualTo("PROVISIONING_FAILED");
    // The commune is not usable meanwhile: nothing registered
    assertThat(operator.get("/api/v1/tenants/" + selestat.insee() + "/resources").jsonArray())
        .isEmpty();

    FaultProxy.get().heal();
    JsonObject retried =
        assertOk(operator.post("/api/v1/tenants/" + selestat.insee() + "/provisioning", "{}"), 200)
            .json();
    assertThat(retried.getJsonObject("tenant").getString("status")).isEqualTo("ACTIVE");
    // The organization left over by the first attempt was adopted, not duplicated
    String orgId = platform.keycloak().organization(selestat.insee()).orElseThrow().getString("id");
    assertThat(retried.getJsonArray("resources").getValuesAs(JsonObject.class))
        .filteredOn(r -> r.getString("kind").equals("keycloak.organization"))
        .extracting(r -> r.getString("externalId"))
        .containsExactly(orgId);
  }

  @Test
  void suspensionRefusesEveryRequestOfTheCommuneAndLosesNoData() {
    Commune holtzheim = SampleCommunes.HOLTZHEIM;
    platform.ensureActiveCommune(holtzheim);
    platform.ensurePerson(
        "agent." + holtzheim.slug(), "Agathe", "Agent", List.of("agent"), holtzheim);
    ApiClient admin = platform.as(Platform.adminOf(holtzheim), holtzheim);
    ApiClient agent = platform.as("agent." + holtzheim.slug(), holtzheim);
    ApiClient operator = platform.operator();
    ApiClient.Reply subscribed =
        admin.post(
            "/api/v1/subscriptions",
            "{\"service\":\"e-signature\",\"deliberationRef\":\"DCM-2026-12\"}");
    assertThat(subscribed.status()).isIn(201, 409);
    List<JsonObject> before =
        admin.get("/api/v1/subscriptions").jsonArray().getValuesAs(JsonObject.class);
    assertThat(before).isNotEmpty();

    JsonObject suspended =
        assertOk(
                operator.post(
                    "/api/v1/tenants/" + holtzheim.insee() + "/suspend",
                    "{\"reason\":\"Convention échue\"}"),
                200)
            .json();
    assertThat(suspended.getString("status")).isEqualTo("SUSPENDED");
    assertThat(suspended.getString("statusReason")).isEqualTo("Convention échue");

    // Every request of the commune's users is refused with a message saying so, whatever the
    // endpoint
    for (ApiClient user : List.of(admin, agent)) {
      for (String path :
          List.of(
              "/api/v1/me",
              "/api/v1/subscriptions",
              "/api/v1/catalog/services",
              "/api/v1/tenants/" + holtzheim.insee())) {
        JsonObject problem = assertProblem(user.get(path), 403, "tenant-suspended");
        assertThat(problem.getString("detail")).contains("Holtzheim", "suspendu");
      }
    }
    assertProblem(
        admin.post("/api/v1/subscriptions", "{\"service\":\"archiving\"}"),
        403,
        "tenant-suspended");

    // No data lost: the operator still sees it, and it is all back after resumption
    assertThat(operator.get("/api/v1/subscriptions?tenant=" + holtzheim.insee()).jsonArray())
        .hasSameSizeAs(before);
    assertProblem(
        operator.post(
            "/api/v1/tenants/" + holtzheim.insee() + "/suspend", "{\"reason\":\"again\"}"),
        409,
        "illegal-tenant-transition");
    assertThat(
            assertOk(operator.post("/api/v1/tenants/" + holtzheim.insee() + "/resume", "{}"), 200)
                .json()
                .getString("status"))
        .isEqualTo("ACTIVE");
    assertThat(admin.get("/api/v1/subscriptions").jsonArray().getValuesAs(JsonObject.class))
        .isEqualTo(before);
    assertProblem(
        operator.post("/api/v1/tenants/" + holtzheim.insee() + "/resume", "{}"),
        409,
        "illegal-tenant-transition");

    List<String> actions = actionsOf(holtzheim.insee());
    assertThat(actions)
        .contains("tenants.tenant.suspended", "security.request.refused", "tenants.tenant.resumed");
  }

  @Test
  void aSuspendedCommuneCanBeDecommissionedAndItsOrganizationIsDisabled() throws Exception {
    Commune saverne = SampleCommunes.SAVERNE;
    ApiClient operator = platform.operator();
    platform.ensureActiveCommune(saverne);
    assertProblem(
        operator.post(
            "/api/v1/tenants/" + saverne.insee() + "/decommission", "{\"reason\":\"Départ\"}"),
        409,
        "illegal-tenant-transition");
    assertOk(
        operator.post(
            "/api/v1/tenants/" + saverne.insee() + "/suspend",
            "{\"reason\":\"Départ de la commune\"}"),
        200);
    JsonObject decommissioned =
        assertOk(
                operator.post(
                    "/api/v1/tenants/" + saverne.insee() + "/decommission",
                    "{\"reason\":\"Départ\"}"),
                200)
            .json();
    assertThat(decommissioned.getString("status")).isEqualTo("DECOMMISSIONED");
    assertThat(
            platform.keycloak().organization(saverne.insee()).orElseThrow().getBoolean("enabled"))
        .isFalse();
    assertThat(
            operator
                .get("/api/v1/tenants/" + saverne.insee() + "/resources")
                .jsonArray()
                .getValuesAs(JsonObject.class))
        .extracting(r -> r.getString("status"))
        .containsOnly("DISABLED");
    assertProblem(
        operator.post("/api/v1/tenants/" + saverne.insee() + "/resume", "{}"),
        409,
        "illegal-tenant-transition");
    // Its data key is destroyed (crypto-shredding) and its bucket removed
    assertThat(Storage.bucketExists("metrocloud-" + saverne.insee())).isFalse();
    assertThat(Storage.dataKeyDestroyed(saverne.insee())).isTrue();
    // Its signing CA is revoked: the root's CRL lists it, and the commune has no CRL any more
    String caSerial =
        operator
            .get("/api/v1/tenants/" + saverne.insee() + "/resources")
            .jsonArray()
            .getValuesAs(JsonObject.class)
            .stream()
            .filter(r -> r.getString("kind").equals("pki.signing-ca"))
            .map(r -> r.getString("externalId"))
            .findFirst()
            .orElseThrow();
    java.security.cert.X509CRL rootCrl =
        (java.security.cert.X509CRL)
            java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCRL(
                    new java.io.ByteArrayInputStream(
                        platform.anonymous().download("/api/v1/pki/crl/root.crl").body()));
    assertThat(rootCrl.getRevokedCertificate(new java.math.BigInteger(caSerial, 16))).isNotNull();
    assertThat(
            platform.anonymous().download("/api/v1/pki/crl/" + saverne.insee() + ".crl").status())
        .isEqualTo(404);
  }

  private List<String> actionsOf(String insee) {
    ApiClient.Reply events =
        platform.operator().get("/api/v1/audit/events?limit=200&tenant=" + insee);
    assertThat(events.status()).as(events.toString()).isEqualTo(200);
    return events.jsonArray().stream()
        .map(JsonValue::asJsonObject)
        .map(e -> e.getString("action"))
        .collect(Collectors.toList());
  }
}
