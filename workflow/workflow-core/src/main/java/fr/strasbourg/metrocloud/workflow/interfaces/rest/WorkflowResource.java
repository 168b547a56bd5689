package fr.strasbourg.metrocloud.workflow.interfaces.rest;

import fr.strasbourg.metrocloud.kernel.problem.BadRequestProblem;
import fr.strasbourg.metrocloud.kernel.problem.PayloadTooLargeProblem;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.Role;
import fr.strasbourg.metrocloud.tenants.api.TenantDirectory;
import fr.strasbourg.metrocloud.tenants.api.TenantStatus;
import fr.strasbourg.metrocloud.workflow.application.ProcedureJournal;
import fr.strasbourg.metrocloud.workflow.application.ProcessDefinitions;
import fr.strasbourg.metrocloud.workflow.application.Tasks;
import fr.strasbourg.metrocloud.workflow.application.WorkflowDirectory;
import fr.strasbourg.metrocloud.workflow.application.WorkflowViews;
import fr.strasbourg.metrocloud.workflow.interfaces.rest.WorkflowDtos.AgentBody;
import fr.strasbourg.metrocloud.workflow.interfaces.rest.WorkflowDtos.CountDto;
import fr.strasbourg.metrocloud.workflow.interfaces.rest.WorkflowDtos.DecisionBody;
import fr.strasbourg.metrocloud.workflow.interfaces.rest.WorkflowDtos.SettingsBody;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The caller's tasks, notifications, and the commune's procedure settings, agents and process
 * definitions.
 */
@Path("workflow")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Workflow")
public class WorkflowResource {

  private static final String ADMIN = Role.Names.COMMUNE_ADMIN;
  private static final String AGENT = Role.Names.AGENT;
  private static final String MANAGER = Role.Names.MANAGER;
  private static final String ELECTED = Role.Names.ELECTED_OFFICIAL;
  private static final String OPERATOR = Role.Names.PLATFORM_OPERATOR;

  @Inject CallContext caller;

  @Inject Tasks tasks;

  @Inject ProcedureJournal journal;

  @Inject WorkflowDirectory directory;

  @Inject ProcessDefinitions definitions;

  @Inject TenantDirectory tenants;

  // ---- tasks ------------------------------------------------------------------------------------

  @GET
  @Path("tasks")
  @RolesAllowed({ADMIN, AGENT, MANAGER, ELECTED})
  @Operation(summary = "Tasks the caller may act on (assignee, candidate user or group)")
  public List<WorkflowViews.Task> tasks() {
    return tasks.mine(caller);
  }

  @GET
  @Path("tasks/count")
  @RolesAllowed({ADMIN, AGENT, MANAGER, ELECTED})
  @Operation(summary = "How many tasks await the caller (for the navigation)")
  public CountDto count() {
    return new CountDto(tasks.count(caller));
  }

  @GET
  @Path("tasks/{id}")
  @RolesAllowed({ADMIN, AGENT, MANAGER, ELECTED})
  @Operation(summary = "One of the caller's tasks")
  public WorkflowViews.Task task(@PathParam("id") String id) {
    return tasks.get(caller, id);
  }

  @POST
  @Path("tasks/{id}/decision")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({ADMIN, AGENT, MANAGER, ELECTED})
  @Operation(summary = "Approve or refuse (reason required) a task; the process moves on")
  public Object decide(@PathParam("id") String id, DecisionBody body) {
    if (body == null) {
      throw new BadRequestProblem(
          "invalid-decision", "Corps attendu : {\"decision\": \"approve\"}.");
    }
    return tasks.complete(caller, id, body.decision(), body.reason());
  }

  // ---- notifications ----------------------------------------------------------------------------

  @GET
  @Path("notifications")
  @RolesAllowed({ADMIN, AGENT, MANAGER, ELECTED})
  @Operation(summary = "The caller's notifications about procedures, newest first")
  public List<WorkflowViews.Notification> notifications(@QueryParam("unread") boolean unread) {
    return journal.notifications(caller, unread);
  }

  @POST
  @Path("notifications/{id}/read")
  @RolesAllowed({ADMIN, AGENT, MANAGER, ELECTED})
  @Operation(summary = "Mark a notification read")
  public Response read(@PathParam("id") String id) {
    journal.markRead(caller, WorkflowDtos.id(id, "notification-not-found", "Notification"));
    return Response.noContent().build();
  }

  // ---- settings and agents ----------------------------------------------------------------------

  @GET
  @Path("settings")
  @RolesAllowed({ADMIN, MANAGER})
  @Operation(summary = "The commune's procedure settings")
  public WorkflowViews.Settings settings() {
    return directory.settings(caller);
  }

  @PUT
  @Path("settings")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(ADMIN)
  @Operation(summary = "HR validation step on or off, reminder delay in working days")
  public WorkflowViews.Settings saveSettings(SettingsBody body) {
    if (body == null || body.hrValidation() == null || body.reminderWorkingDays() == null) {
      throw new BadRequestProblem(
          "invalid-settings",
          "Corps attendu : {\"hrValidation\": false, \"reminderWorkingDays\": 5}.");
    }
    return directory.updateSettings(
        caller, new WorkflowViews.Settings(body.hrValidation(), body.reminderWorkingDays()));
  }

  @GET
  @Path("agents")
  @RolesAllowed({ADMIN, MANAGER})
  @Operation(summary = "The commune's agents as the procedures know them (service, manager)")
  public List<WorkflowViews.Agent> agents() {
    return directory.agents(caller);
  }

  @PUT
  @Path("agents/{username}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(ADMIN)
  @Operation(summary = "Create or update an agent's service, manager and working pattern")
  public WorkflowViews.Agent saveAgent(@PathParam("username") String username, AgentBody body) {
    if (body == null) {
      throw new BadRequestProblem("invalid-agent", "Corps de requête attendu.");
    }
    return directory.saveAgent(
        caller,
        new WorkflowViews.Agent(
            username,
            body.displayName(),
            body.service(),
            body.managerUsername(),
            body.workingPattern(),
            body.active() == null || body.active()));
  }

  // ---- definitions ------------------------------------------------------------------------------

  @GET
  @Path("definitions")
  @RolesAllowed(ADMIN)
  @Operation(summary = "Which version of each process the commune runs (its variant or the shared)")
  public List<WorkflowViews.DefinitionUse> definitions() {
    return definitions.inUse(caller);
  }

  @PUT
  @Path("definitions/{key}")
  // any content type: the body is parsed and checked as BPMN whatever it claims to be (and an
  // anonymous call must meet the 401 before a 415)
  @Consumes(MediaType.WILDCARD)
  @RolesAllowed(ADMIN)
  @Operation(
      summary =
          "Deploy the commune's own variant of a process (BPMN 2.0 file as the body); it wins for"
              + " this commune only")
  public WorkflowViews.DefinitionUse deploy(
      @PathParam("key") String key, @HeaderParam("X-File-Name") String fileName, InputStream body) {
    return definitions.deployVariant(caller, key, fileName, read(body));
  }

  @DELETE
  @Path("definitions/{key}")
  @RolesAllowed(ADMIN)
  @Operation(summary = "Go back to the shared definition (refused while a variant instance runs)")
  public WorkflowViews.DefinitionUse revert(@PathParam("key") String key) {
    return definitions.revertToDefault(caller, key);
  }

  @GET
  @Path("operator/definitions")
  @RolesAllowed(OPERATOR)
  @Operation(summary = "Which version of each process every active commune runs (DSI)")
  public List<WorkflowViews.DefinitionUse> allDefinitions() {
    caller.requireOperator();
    List<String> communes =
        tenants.all(caller).stream()
            .filter(t -> t.status() == TenantStatus.ACTIVE)
            .map(t -> t.insee().value())
            .toList();
    return definitions.inUse(caller, communes);
  }

  private static byte[] read(InputStream body) {
    if (body == null) {
      throw new BadRequestProblem(
          "invalid-bpmn", "Fichier BPMN attendu dans le corps de la requête.");
    }
    try {
      byte[] bytes = body.readNBytes(512 * 1024 + 1);
      if (bytes.length > 512 * 1024) {
        throw new PayloadTooLargeProblem("bpmn-too-large", "Un fichier BPMN fait au plus 512 Kio.");
      }
      if (bytes.length == 0) {
        throw new BadRequestProblem("invalid-bpmn", "Fichier BPMN vide.");
      }
      return bytes;
    } catch (IOException e) {
      throw new BadRequestProblem("invalid-bpmn", "Lecture du fichier interrompue.");
    }
  }
}
