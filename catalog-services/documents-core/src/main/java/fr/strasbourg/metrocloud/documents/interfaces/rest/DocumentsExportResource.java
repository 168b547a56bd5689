package fr.strasbourg.metrocloud.documents.interfaces.rest;

import fr.strasbourg.metrocloud.documents.application.DocumentExports;
import fr.strasbourg.metrocloud.kernel.problem.BadRequestProblem;
import fr.strasbourg.metrocloud.kernel.problem.ConflictProblem;
import fr.strasbourg.metrocloud.kernel.problem.NotFoundProblem;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.InseeCode;
import fr.strasbourg.metrocloud.kernel.tenancy.Role;
import fr.strasbourg.metrocloud.tenants.api.TenantDirectory;
import fr.strasbourg.metrocloud.tenants.api.TenantStatus;
import fr.strasbourg.metrocloud.tenants.api.TenantSummary;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.time.LocalDate;
import java.time.ZoneId;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The DSI exports a commune's documents (before decommissioning it, or on the commune's request).
 */
@Path("tenants/{insee}/documents/export")
@RequestScoped
@Tag(name = "Documents (GED)")
public class DocumentsExportResource {

  @Inject CallContext caller;

  @Inject DocumentExports exports;

  @Inject TenantDirectory directory;

  @GET
  @Produces({"application/zip", "application/problem+json"})
  @RolesAllowed(Role.Names.PLATFORM_OPERATOR)
  @Operation(
      summary =
          "Export every document of a commune (trash and versions included) as a ZIP with a CSV manifest;"
              + " streamed (operator)")
  public Response export(@PathParam("insee") String insee) {
    if (!InseeCode.isValid(insee)) {
      throw new BadRequestProblem(
          "invalid-insee-code", "Code INSEE invalide (5 caractères attendus, ex. 67482).");
    }
    caller.requireOperator();
    InseeCode commune = InseeCode.of(insee);
    TenantSummary tenant =
        directory
            .find(caller, commune)
            .orElseThrow(
                () -> new NotFoundProblem("tenant-not-found", "Commune inconnue : " + insee + "."));
    if (tenant.status() != TenantStatus.ACTIVE && tenant.status() != TenantStatus.SUSPENDED) {
      throw new ConflictProblem(
          "invalid-tenant-status",
          "Seuls les documents d'une commune active ou suspendue peuvent être exportés (état : "
              + tenant.status()
              + ").");
    }
    CallContext onCommune = caller.actingOn(commune);
    StreamingOutput zip = out -> exports.export(onCommune, out);
    String name = "ged-" + insee + "-" + LocalDate.now(ZoneId.of("Europe/Paris")) + ".zip";
    return Response.ok(zip, "application/zip")
        .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
        .header("Cache-Control", "private, no-store")
        .build();
  }
}
