package fr.strasbourg.metrocloud.app.security;

import fr.strasbourg.metrocloud.app.problem.ProblemResponses;
import fr.strasbourg.metrocloud.kernel.problem.ForbiddenProblem;
import jakarta.annotation.Priority;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.logging.Logger;

/**
 * Deny by default: with {@code mpJwt}, an endpoint without {@code @RolesAllowed}/{@code @PermitAll}
 * would be open to anyone. Every such endpoint is closed (403) and reported at start-up.
 */
@Provider
public class DenyByDefault implements DynamicFeature {

  private static final Logger LOG = Logger.getLogger(DenyByDefault.class.getName());

  @Override
  public void configure(ResourceInfo resourceInfo, FeatureContext context) {
    Method method = resourceInfo.getResourceMethod();
    if (declaresAccess(method) || declaresAccess(resourceInfo.getResourceClass())) {
      return;
    }
    LOG.severe(
        "Endpoint without declared roles, closed: "
            + resourceInfo.getResourceClass().getName()
            + "."
            + method.getName());
    context.register(new Closed());
  }

  static boolean declaresAccess(AnnotatedElement element) {
    return element.isAnnotationPresent(RolesAllowed.class)
        || element.isAnnotationPresent(PermitAll.class)
        || element.isAnnotationPresent(DenyAll.class);
  }

  /** Refuses the request. */
  @Priority(Priorities.AUTHENTICATION - 100)
  static final class Closed implements ContainerRequestFilter {
    @Override
    public void filter(ContainerRequestContext request) {
      request.abortWith(
          ProblemResponses.of(
              new ForbiddenProblem(
                  "endpoint-not-secured", "Ce point d'accès ne déclare pas ses rôles : fermé."),
              request.getUriInfo().getRequestUri()));
    }
  }
}
