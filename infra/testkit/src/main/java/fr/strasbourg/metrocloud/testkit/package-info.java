/**
 * Test and demo tooling that talks to the real platform over HTTP, as its users do: the member
 * communes as named fixtures ({@link fr.strasbourg.metrocloud.testkit.SampleCommunes}), a real
 * OpenID Connect login through Keycloak's login pages ({@link
 * fr.strasbourg.metrocloud.testkit.OidcLogin}), the platform's API ({@link
 * fr.strasbourg.metrocloud.testkit.ApiClient}), Keycloak administration for test and demo accounts
 * ({@link fr.strasbourg.metrocloud.testkit.KeycloakAdmin}) and the demo seeder of {@code
 * ./metrocloud up}.
 */
package fr.strasbourg.metrocloud.testkit;
