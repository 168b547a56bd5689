package fr.strasbourg.metrocloud.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.strasbourg.metrocloud.app.support.PlatformTestBase;
import fr.strasbourg.metrocloud.testkit.ApiClient;
import fr.strasbourg.metrocloud.testkit.OidcLogin;
import fr.strasbourg.metrocloud.testkit.Platform;
import fr.strasbourg.metrocloud.testkit.SampleCommunes;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The identity model with the real Keycloak: organizations per commune, a single-valued tenant
 * claim, a person shared by two communes choosing one at login, roles from the realm.
 */
class IdentityIT extends PlatformTestBase {

  private static final String SECRETARY = "secretariat.kolbsheim-osthoffen";

  @BeforeEach
  void aSecretarySharedByKolbsheimAndOsthoffen() {
    platform.ensureActiveCommune(SampleCommunes.KOLBSHEIM);
    platform.ensureActiveCommune(SampleCommunes.OSTHOFFEN);
    platform.ensurePerson(
        SECRETARY,
        "Sophie",
        "Secrétaire",
        List.of("agent", "commune-admin"),
        SampleCommunes.KOLBSHEIM,
        SampleCommunes.OSTHOFFEN);
  }

  @Test
  void aPersonOfTwoCommunesChoosesTheCommuneAtLoginAndTheClaimNamesIt() {
    OidcLogin.Tokens inKolbsheim = platform.login(SECRETARY, SampleCommunes.KOLBSHEIM);
    OidcLogin.Tokens inOsthoffen = platform.login(SECRETARY, SampleCommunes.OSTHOFFEN);
    assertThat(inKolbsheim.claims().getString("tenant")).isEqualTo("67247");
    assertThat(inOsthoffen.claims().getString("tenant")).isEqualTo("67361");

    JsonObject me =
        platform.anonymous().withToken(inKolbsheim.accessToken()).get("/api/v1/me").json();
    assertThat(me.getJsonObject("commune").getString("name")).isEqualTo("Kolbsheim");
    assertThat(me.getBoolean("operator")).isFalse();
    assertThat(me.getJsonArray("roles").getValuesAs(JsonString.class))
        .extracting(JsonString::getString)
        .containsExactly("agent", "commune-admin");
    assertThat(
            platform
                .anonymous()
                .withToken(inOsthoffen.accessToken())
                .get("/api/v1/me")
                .json()
                .getJsonObject("commune")
                .getString("name"))
        .isEqualTo("Osthoffen");

    // Without choosing, the login cannot complete: Keycloak asks which commune
    assertThatThrownBy(
            () -> new OidcLogin(platform.env()).login(SECRETARY, Platform.PASSWORD, null))
        .hasMessageContaining("choose an organization")
        .hasMessageContaining("67247")
        .hasMessageContaining("67361");
  }

  @Test
  void onePersonTwoCommunesTwoSeparateWorlds() {
    ApiClient kolbsheim = platform.as(SECRETARY, SampleCommunes.KOLBSHEIM);
    ApiClient osthoffen = platform.as(SECRETARY, SampleCommunes.OSTHOFFEN);
    assertThat(kolbsheim.post("/api/v1/subscriptions", "{\"service\":\"leave-requests\"}").status())
        .isIn(201, 409);
    String kolbsheimSubscription =
        kolbsheim.get("/api/v1/subscriptions").jsonArray().getValuesAs(JsonObject.class).stream()
            .filter(s -> s.getString("service").equals("leave-requests"))
            .findFirst()
            .orElseThrow()
            .getString("id");
    assertProblem(
        osthoffen.get("/api/v1/subscriptions/" + kolbsheimSubscription),
        404,
        "subscription-not-found");
    assertThat(osthoffen.get("/api/v1/subscriptions").jsonArray().getValuesAs(JsonObject.class))
        .extracting(s -> s.getString("tenant"))
        .doesNotContain("67247");
  }

  @Test
  void theOperatorHasNoCommuneAndASpecificOrganizationCanBeRequested() {
    platform.ensurePerson("dsi.operateur", "Olivier", "Exploitant", List.of("platform-operator"));
    OidcLogin.Tokens operator =
        new OidcLogin(platform.env()).login("dsi.operateur", Platform.PASSWORD, null);
    assertThat(operator.claims().containsKey("tenant")).isFalse();
    JsonObject me = platform.anonymous().withToken(operator.accessToken()).get("/api/v1/me").json();
    assertThat(me.getBoolean("operator")).isTrue();
    assertThat(me.containsKey("commune")).isFalse();

    OidcLogin.Tokens direct =
        new OidcLogin(platform.env())
            .login(SECRETARY, Platform.PASSWORD, null, null, "openid organization:67361");
    assertThat(direct.claims().getString("tenant")).isEqualTo("67361");
  }
}
