package fr.strasbourg.metrocloud.app.security;

import fr.strasbourg.metrocloud.app.problem.ProblemResponses;
import fr.strasbourg.metrocloud.kernel.audit.AuditRecord;
import fr.strasbourg.metrocloud.kernel.audit.AuditTrail;
import fr.strasbourg.metrocloud.kernel.audit.Outcome;
import fr.strasbourg.metrocloud.kernel.problem.ForbiddenProblem;
import fr.strasbourg.metrocloud.kernel.problem.Problem;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.tenants.api.TenantDirectory;
import fr.strasbourg.metrocloud.tenants.api.TenantStatus;
import fr.strasbourg.metrocloud.tenants.api.TenantSummary;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import java.util.Optional;

/**
 * Admits a commune user's request only if the commune is {@code ACTIVE}. A suspended commune's
 * users get 403 with a message saying so (their data is untouched); the refusal is recorded in the
 * commune's audit trail. Runs after the container's role checks, for every authenticated request.
 */
@Provider
@Priority(Priorities.AUTHORIZATION + 50)
public class TenantAdmissionFilter implements ContainerRequestFilter {

  @Inject RequestCallContext callContext;

  @Inject TenantDirectory directory;

  @Inject AuditTrail audit;

  @Context SecurityContext security;

  @Override
  public void filter(ContainerRequestContext request) {
    if (security.getUserPrincipal() == null) {
      return;
    }
    try {
      CallContext caller = callContext.get();
      if (caller.commune().isEmpty()) {
        return;
      }
      Optional<TenantSummary> commune = directory.ownCommune(caller);
      TenantStatus status = commune.map(TenantSummary::status).orElse(null);
      if (status == TenantStatus.ACTIVE) {
        return;
      }
      audit.recordIndependently(
          caller,
          new AuditRecord(
              "security.request.refused",
              "request",
              request.getMethod() + " /" + request.getUriInfo().getPath(),
              Outcome.DENIED,
              Map.of("tenantStatus", status == null ? "UNKNOWN" : status.name())));
      throw refusal(caller, commune, status);
    } catch (Problem problem) {
      request.abortWith(ProblemResponses.of(problem, request.getUriInfo().getRequestUri()));
    }
  }

  private static ForbiddenProblem refusal(
      CallContext caller, Optional<TenantSummary> commune, TenantStatus status) {
    String name = commune.map(TenantSummary::name).orElse(caller.tenant().value());
    if (status == TenantStatus.SUSPENDED) {
      return (ForbiddenProblem)
          new ForbiddenProblem(
                  "tenant-suspended",
                  "Commune suspendue",
                  "L'accès de la commune de "
                      + name
                      + " à MetroCloud est suspendu par la DSI de l'Eurométropole. Vos données sont conservées ;"
                      + " contactez votre administrateur.")
              .with("tenant", caller.tenant().value())
              .with("tenantStatus", status.name());
    }
    return (ForbiddenProblem)
        new ForbiddenProblem(
                "tenant-not-active",
                "Commune non active",
                "La commune "
                    + name
                    + " n'est pas active sur MetroCloud"
                    + (status == null ? "." : " (état " + status + ")."))
            .with("tenant", caller.tenant().value())
            .with("tenantStatus", status == null ? "UNKNOWN" : status.name());
  }
}
