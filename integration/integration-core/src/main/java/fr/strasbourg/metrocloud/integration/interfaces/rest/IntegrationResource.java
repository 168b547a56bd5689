package fr.strasbourg.metrocloud.integration.interfaces.rest;

import fr.strasbourg.metrocloud.integration.api.Outbox.Connector;
import fr.strasbourg.metrocloud.integration.application.ConnectionTest;
import fr.strasbourg.metrocloud.integration.application.Connectors;
import fr.strasbourg.metrocloud.integration.application.DispatchSteps;
import fr.strasbourg.metrocloud.kernel.problem.BadRequestProblem;
import fr.strasbourg.metrocloud.kernel.problem.NotFoundProblem;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The commune's connectors, its outbox (dead letters, replay) and its exchange log. */
@Path("integration")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Integration")
public class IntegrationResource {

  private static final String ADMIN = Role.Names.COMMUNE_ADMIN;
  private static final Set<String> STATUSES = Set.of("PENDING", "SENT", "DEAD");
  private static final Set<String> EXCHANGE_STATUSES =
      Set.of("SENT", "FAILED", "DEAD", "REPLAYED", "RECEIVED");

  @Inject CallContext caller;

  @Inject Connectors connectors;

  @Inject ConnectionTest tester;

  @Inject DispatchSteps outbox;

  /** A connector to save; {@code secret} (password or token) is write-only, null keeps it. */
  public record ConnectorRequest(
      String transport,
      String endpoint,
      String username,
      String secret,
      Integer scheduleMinutes,
      String mappings,
      Boolean enabled) {}

  @GET
  @Path("connectors")
  @RolesAllowed(ADMIN)
  @Operation(summary = "The commune's connectors (never their secrets)")
  public List<Connectors.View> list() {
    return connectors.list(caller);
  }

  @GET
  @Path("connectors/{kind}")
  @RolesAllowed(ADMIN)
  @Operation(summary = "A connector: HR or FINANCE")
  public Connectors.View get(@PathParam("kind") String kind) {
    return connectors.get(caller, kind(kind));
  }

  @PUT
  @Path("connectors/{kind}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(ADMIN)
  @Operation(
      summary =
          "Configure the HR or finance connector: transport REST or SFTP, endpoint, user,"
              + " secret (sealed with the commune's key, never returned), schedule, mappings")
  public Connectors.View save(@PathParam("kind") String kind, ConnectorRequest request) {
    if (request == null) {
      throw new BadRequestProblem("invalid-connector", "Corps de requête attendu.");
    }
    return connectors.configure(
        caller,
        kind(kind),
        request.transport(),
        request.endpoint(),
        request.username(),
        request.secret(),
        request.scheduleMinutes(),
        request.mappings(),
        request.enabled());
  }

  @DELETE
  @Path("connectors/{kind}")
  @RolesAllowed(ADMIN)
  @Operation(summary = "Remove a connector (its messages wait until one is configured again)")
  public Map<String, String> delete(@PathParam("kind") String kind) {
    connectors.delete(caller, kind(kind));
    return Map.of("deleted", kind);
  }

  @POST
  @Path("connectors/{kind}/test")
  @RolesAllowed(ADMIN)
  @Operation(summary = "Test the connection step by step (name, TCP, TLS, HTTP or SSH)")
  public ConnectionTest.Report test(@PathParam("kind") String kind) {
    Connector k = kind(kind);
    Connectors.Stored stored =
        connectors
            .find(caller, k)
            .orElseThrow(
                () -> new NotFoundProblem("connector-not-found", "Aucun connecteur à tester."));
    return tester.test(caller, stored);
  }

  @GET
  @Path("messages")
  @RolesAllowed(ADMIN)
  @Operation(summary = "Outbound messages, newest first (status PENDING, SENT or DEAD)")
  public List<DispatchSteps.Message> messages(
      @QueryParam("status") String status, @QueryParam("limit") @DefaultValue("100") int limit) {
    if (status != null && !STATUSES.contains(status)) {
      throw new BadRequestProblem("invalid-status", "Statut inconnu : " + status);
    }
    return outbox.messages(caller, status, limit);
  }

  @POST
  @Path("messages/{id}/replay")
  @RolesAllowed(ADMIN)
  @Operation(summary = "Replay a dead letter after the cause was fixed")
  public DispatchSteps.Message replay(@PathParam("id") String id) {
    return outbox.replay(caller, uuid(id));
  }

  @GET
  @Path("exchanges")
  @RolesAllowed(ADMIN)
  @Operation(summary = "The exchange log: every attempt with its outcome, newest first")
  public List<DispatchSteps.ExchangeRecord> exchanges(
      @QueryParam("flow") String flow,
      @QueryParam("status") String status,
      @QueryParam("limit") @DefaultValue("100") int limit) {
    if (status != null && !EXCHANGE_STATUSES.contains(status)) {
      throw new BadRequestProblem("invalid-status", "Statut inconnu : " + status);
    }
    return outbox.exchanges(caller, flow, status, limit);
  }

  @GET
  @Path("summary")
  @RolesAllowed(ADMIN)
  @Operation(summary = "How many messages are pending, sent and dead")
  public Map<String, Integer> summary() {
    return outbox.counts(caller);
  }

  static Connector kind(String kind) {
    try {
      Connector connector = Connector.valueOf(kind);
      if (!connector.perCommune()) {
        throw new IllegalArgumentException(kind);
      }
      return connector;
    } catch (RuntimeException e) {
      throw new NotFoundProblem(
          "connector-not-found", "Connecteur inconnu : " + kind + " (HR ou FINANCE).");
    }
  }

  private static UUID uuid(String id) {
    try {
      return UUID.fromString(id);
    } catch (RuntimeException e) {
      throw new NotFoundProblem("message-not-found", "Message introuvable : " + id);
    }
  }
}
