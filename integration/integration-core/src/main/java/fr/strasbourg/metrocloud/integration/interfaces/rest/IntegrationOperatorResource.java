package fr.strasbourg.metrocloud.integration.interfaces.rest;

import fr.strasbourg.metrocloud.integration.api.Receivables;
import fr.strasbourg.metrocloud.integration.application.DispatchSteps;
import fr.strasbourg.metrocloud.integration.application.IntegrationOverview;
import fr.strasbourg.metrocloud.kernel.problem.NotFoundProblem;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.InseeCode;
import fr.strasbourg.metrocloud.kernel.tenancy.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The DSI's view of the communes' connectors: health per commune, dead letters, replay. */
@Path("integration/operator")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Integration")
public class IntegrationOperatorResource {

  @Inject CallContext caller;

  @Inject IntegrationOverview overview;

  @Inject DispatchSteps outbox;

  @Inject fr.strasbourg.metrocloud.integration.application.Connectors connectors;

  @Inject fr.strasbourg.metrocloud.integration.application.ConnectionTest tester;

  @Inject fr.strasbourg.metrocloud.integration.application.AgentImportScheduler scheduler;

  @Inject fr.strasbourg.metrocloud.integration.application.ReceivableExport receivables;

  @GET
  @Path("communes")
  @RolesAllowed(Role.Names.PLATFORM_OPERATOR)
  @Operation(summary = "Every commune's connectors with their health (DSI)")
  public List<IntegrationOverview.CommuneHealth> communes() {
    return overview.communes(caller.requireOperator());
  }

  @GET
  @Path("dead-letters")
  @RolesAllowed(Role.Names.PLATFORM_OPERATOR)
  @Operation(summary = "Dead letters of all communes, newest first, or of one (?commune=INSEE)")
  public List<IntegrationOverview.DeadLetter> deadLetters(
      @QueryParam("commune") String commune, @QueryParam("limit") @DefaultValue("200") int limit) {
    if (commune != null && !InseeCode.isValid(commune)) {
      throw new NotFoundProblem("tenant-not-found", "Commune inconnue : " + commune);
    }
    return overview.deadLetters(caller.requireOperator(), commune, limit);
  }

  @POST
  @Path("scheduled-pulls")
  @RolesAllowed(Role.Names.PLATFORM_OPERATOR)
  @Operation(
      summary =
          "Run the scheduled agents imports now: every commune whose HR connector is due (its"
              + " schedule elapsed since the last fetch) fetches its agents file (DSI)")
  public List<fr.strasbourg.metrocloud.integration.application.AgentImportScheduler.Pulled>
      scheduledPulls() {
    caller.requireOperator();
    return scheduler.pullDue();
  }

  @GET
  @Path("communes/{insee}/connectors")
  @RolesAllowed(Role.Names.PLATFORM_OPERATOR)
  @Operation(summary = "A commune's connectors (DSI; never their secrets)")
  public List<fr.strasbourg.metrocloud.integration.application.Connectors.View> connectors(
      @PathParam("insee") String insee) {
    return connectors.list(commune(insee));
  }

  @jakarta.ws.rs.PUT
  @Path("communes/{insee}/connectors/{kind}")
  @jakarta.ws.rs.Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Role.Names.PLATFORM_OPERATOR)
  @Operation(
      summary =
          "Configure a commune's HR or finance connector for it (DSI), as its administrator would;"
              + " the commune's audit trail records the operator")
  public fr.strasbourg.metrocloud.integration.application.Connectors.View configure(
      @PathParam("insee") String insee,
      @PathParam("kind") String kind,
      IntegrationResource.ConnectorRequest request) {
    if (request == null) {
      throw new fr.strasbourg.metrocloud.kernel.problem.BadRequestProblem(
          "invalid-connector", "Corps de requête attendu.");
    }
    return connectors.configure(
        commune(insee),
        IntegrationResource.kind(kind),
        request.transport(),
        request.endpoint(),
        request.username(),
        request.secret(),
        request.scheduleMinutes(),
        request.mappings(),
        request.enabled());
  }

  @POST
  @Path("communes/{insee}/connectors/{kind}/test")
  @RolesAllowed(Role.Names.PLATFORM_OPERATOR)
  @Operation(summary = "Test a commune's connector step by step (DSI)")
  public fr.strasbourg.metrocloud.integration.application.ConnectionTest.Report test(
      @PathParam("insee") String insee, @PathParam("kind") String kind) {
    CallContext commune = commune(insee);
    return tester.test(
        commune,
        connectors
            .find(commune, IntegrationResource.kind(kind))
            .orElseThrow(
                () -> new NotFoundProblem("connector-not-found", "Aucun connecteur à tester.")));
  }

  @POST
  @Path("communes/{insee}/receivables")
  @jakarta.ws.rs.Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Role.Names.PLATFORM_OPERATOR)
  @Operation(
      summary =
          "Issue the receivable (titre de recette) of a commune's billing statement to the"
              + " Eurométropole's finance software, its PDF attached (DSI; the billing calls the"
              + " same port)")
  public jakarta.ws.rs.core.Response receivable(
      @PathParam("insee") String insee, Receivables.Statement statement) {
    Receivables.Issued issued = receivables.issue(commune(insee), statement);
    return jakarta.ws.rs.core.Response.status(issued.alreadyIssued() ? 200 : 201)
        .entity(issued)
        .build();
  }

  private CallContext commune(String insee) {
    if (!InseeCode.isValid(insee)) {
      throw new NotFoundProblem("tenant-not-found", "Commune inconnue : " + insee);
    }
    return caller.requireOperator().actingOn(InseeCode.of(insee));
  }

  @POST
  @Path("communes/{insee}/messages/{id}/replay")
  @RolesAllowed(Role.Names.PLATFORM_OPERATOR)
  @Operation(
      summary = "Replay a commune's dead letter (DSI), recorded in the commune's audit trail")
  public DispatchSteps.Message replay(
      @PathParam("insee") String insee, @PathParam("id") String id) {
    if (!InseeCode.isValid(insee)) {
      throw new NotFoundProblem("tenant-not-found", "Commune inconnue : " + insee);
    }
    UUID uuid;
    try {
      uuid = UUID.fromString(id);
    } catch (RuntimeException e) {
      throw new NotFoundProblem("message-not-found", "Message introuvable : " + id);
    }
    CallContext commune = caller.requireOperator().actingOn(InseeCode.of(insee));
    return outbox.replay(commune, uuid);
  }
}
