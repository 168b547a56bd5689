/**
 * Keycloak adapter: creates each commune's Organization and first administrator account through the
 * Keycloak Admin REST API, with the platform's confidential client {@code metrocloud-provisioner}
 * (client-credentials grant).
 *
 * <p>Why not {@code keycloak-admin-client}: it brings its own RESTEasy client and Jackson, which
 * clash with the JAX-RS implementation inside Open Liberty (see ADR 0002). The handful of calls
 * needed here go through the server's own Jakarta REST client instead, behind {@link
 * fr.strasbourg.metrocloud.tenants.infrastructure.keycloak.KeycloakAdminClient}.
 */
package fr.strasbourg.metrocloud.tenants.infrastructure.keycloak;
