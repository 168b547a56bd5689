package fr.strasbourg.metrocloud.integration.interfaces.rest;

import fr.strasbourg.metrocloud.integration.application.AgentImportSteps;
import fr.strasbourg.metrocloud.integration.application.AgentImportSteps.ImportReport;
import fr.strasbourg.metrocloud.integration.application.AgentImports;
import fr.strasbourg.metrocloud.kernel.problem.BadRequestProblem;
import fr.strasbourg.metrocloud.kernel.problem.NotFoundProblem;
import fr.strasbourg.metrocloud.kernel.problem.PayloadTooLargeProblem;
import fr.strasbourg.metrocloud.kernel.problem.UnprocessableProblem;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** HR → platform: the agents file, uploaded or fetched from the HR software, and its reports. */
@Path("integration/hr/imports")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Integration")
public class HrImportsResource {

  private static final String ADMIN = Role.Names.COMMUNE_ADMIN;

  @Inject CallContext caller;

  @Inject AgentImports imports;

  @Inject AgentImportSteps reports;

  @POST
  @Consumes(MediaType.WILDCARD)
  @RolesAllowed(ADMIN)
  @Operation(
      summary =
          "Apply an agents file (CSV, UTF-8 or ISO-8859-1): 201 with the report and its per-line"
              + " errors; 200 with a DUPLICATE report when the same file was already applied")
  public Response upload(@QueryParam("fileName") String fileName, InputStream body)
      throws IOException {
    if (body == null) {
      throw new BadRequestProblem("empty-file", "Le fichier des agents est attendu en corps.");
    }
    byte[] content = body.readNBytes(AgentImports.MAX_BYTES + 1);
    if (content.length > AgentImports.MAX_BYTES) {
      throw new PayloadTooLargeProblem("file-too-large", "Fichier des agents limité à 10 Mo.");
    }
    return created(imports.importFile(caller, "UPLOAD", fileName, content));
  }

  @POST
  @Path("pull")
  @RolesAllowed(ADMIN)
  @Operation(
      summary =
          "Fetch the agents file from the HR connector now (REST GET <endpoint>/agents, or SFTP"
              + " export/agents*.csv) and apply it")
  public Response pull() {
    List<ImportReport> done = imports.pull(caller);
    if (done.isEmpty()) {
      throw new UnprocessableProblem(
          "no-file", "Aucun fichier agents*.csv en attente dans le répertoire export/ du serveur.");
    }
    return created(done.get(done.size() - 1));
  }

  @GET
  @RolesAllowed(ADMIN)
  @Operation(summary = "The commune's agents imports, newest first (without their errors)")
  public List<ImportReport> list() {
    return reports.list(caller, 50);
  }

  @GET
  @Path("{id}")
  @RolesAllowed(ADMIN)
  @Operation(summary = "An agents import with its per-line errors")
  public ImportReport get(@PathParam("id") String id) {
    UUID uuid;
    try {
      uuid = UUID.fromString(id);
    } catch (RuntimeException e) {
      throw new NotFoundProblem("import-not-found", "Import inconnu : " + id);
    }
    return reports.get(caller, uuid);
  }

  private static Response created(ImportReport report) {
    return Response.status("DUPLICATE".equals(report.status()) ? 200 : 201)
        .location(URI.create("integration/hr/imports/" + report.id()))
        .entity(report)
        .build();
  }
}
