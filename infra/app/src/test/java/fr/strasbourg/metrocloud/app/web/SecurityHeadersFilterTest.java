package fr.strasbourg.metrocloud.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecurityHeadersFilterTest {

  private static final String BROWSER =
      "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

  @Test
  void browserNavigationsToPortalPagesAreRoutedToThePortal() {
    assertThat(SecurityHeadersFilter.isPortalRoute("GET", "/catalogue", BROWSER)).isTrue();
    assertThat(SecurityHeadersFilter.isPortalRoute("GET", "/connexion/retour", BROWSER)).isTrue();
  }

  @Test
  void apiFilesRootAndNonBrowserRequestsAreLeftAlone() {
    assertThat(SecurityHeadersFilter.isPortalRoute("GET", "/api/v1/me", BROWSER)).isFalse();
    assertThat(SecurityHeadersFilter.isPortalRoute("GET", "/assets/index.js", BROWSER)).isFalse();
    assertThat(SecurityHeadersFilter.isPortalRoute("GET", "/favicon.svg", BROWSER)).isFalse();
    assertThat(SecurityHeadersFilter.isPortalRoute("GET", "/", BROWSER)).isFalse();
    assertThat(SecurityHeadersFilter.isPortalRoute("POST", "/catalogue", BROWSER)).isFalse();
    assertThat(SecurityHeadersFilter.isPortalRoute("GET", "/ArquillianServletRunnerEE9", "*/*"))
        .isFalse();
    assertThat(SecurityHeadersFilter.isPortalRoute("GET", "/catalogue", null)).isFalse();
    String javaUrlConnection = "text/html, image/gif, image/jpeg, *; q=.2, */*; q=.2";
    assertThat(
            SecurityHeadersFilter.isPortalRoute(
                "GET", "/ArquillianServletRunnerEE9", javaUrlConnection))
        .isFalse();
  }
}
