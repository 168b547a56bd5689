package fr.strasbourg.metrocloud.app.security;

import fr.strasbourg.metrocloud.app.problem.ProblemResponses;
import jakarta.annotation.Priority;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;

/**
 * Endpoints that declare roles need an authenticated caller. A request without a valid access token
 * gets a 401 problem document here, before the server's own role check would answer with an empty
 * 401.
 */
@Provider
public class AuthenticationRequired implements DynamicFeature {

  @Override
  public void configure(ResourceInfo resourceInfo, FeatureContext context) {
    if (resourceInfo.getResourceMethod().isAnnotationPresent(RolesAllowed.class)
        || (resourceInfo.getResourceClass().isAnnotationPresent(RolesAllowed.class)
            && !DenyByDefault.declaresAccess(resourceInfo.getResourceMethod()))) {
      context.register(new Check());
    }
  }

  /** Refuses unauthenticated requests with a problem document. */
  @Priority(Priorities.AUTHENTICATION)
  static final class Check implements ContainerRequestFilter {
    @Override
    public void filter(ContainerRequestContext request) {
      if (request.getSecurityContext().getUserPrincipal() == null) {
        Response problem =
            ProblemResponses.of(
                401,
                "authentication-required",
                "Authentification requise",
                "Un jeton d'accès valide est requis (Authorization: Bearer …).",
                request.getUriInfo().getRequestUri(),
                Map.of());
        request.abortWith(
            Response.fromResponse(problem)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"metrocloud\"")
                .build());
      }
    }
  }
}
