package fr.strasbourg.metrocloud.testkit;

/**
 * Where the platform under test (or the demo platform) runs. Each value is read from a system
 * property, then from the environment variable of the same name in upper case with dots as
 * underscores, then defaults to the local test environment that {@code ./metrocloud test} starts.
 */
public record Environment(
    String apiUrl,
    String keycloakUrl,
    String realm,
    String keycloakAdminUser,
    String keycloakAdminPassword,
    String automationSecret,
    String portalRedirectUri) {

  public static Environment fromSystem() {
    String api = get("metrocloud.api.url", "http://127.0.0.1:9280");
    return new Environment(
        api,
        get("metrocloud.keycloak.url", "http://127.0.0.1:8280"),
        get("metrocloud.keycloak.realm", "metrocloud"),
        get("metrocloud.keycloak.admin.user", "admin"),
        get("metrocloud.keycloak.admin.password", "test-keycloak-admin"),
        get("metrocloud.automation.secret", "dev-automation-secret"),
        get("metrocloud.portal.redirect-uri", api + "/"));
  }

  public static String get(String property, String fallback) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      value = System.getenv(property.toUpperCase().replace('.', '_').replace('-', '_'));
    }
    return value == null || value.isBlank() ? fallback : value;
  }

  public String realmUrl() {
    return keycloakUrl + "/realms/" + realm;
  }
}
