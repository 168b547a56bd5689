/**
 * Request security. Liberty's {@code mpJwt} validates the access token (issuer, signature from
 * Keycloak's JWKS, audience); {@link fr.strasbourg.metrocloud.app.security.RequestCallContext}
 * turns its claims into the request's {@link fr.strasbourg.metrocloud.kernel.tenancy.CallContext} —
 * the one place where the tenant of a request is decided, from the {@code tenant} claim only;
 * {@link fr.strasbourg.metrocloud.app.security.TenantAdmissionFilter} refuses the users of communes
 * that are not active; {@link fr.strasbourg.metrocloud.app.security.DenyByDefault} refuses every
 * endpoint that does not declare its roles.
 */
package fr.strasbourg.metrocloud.app.security;
