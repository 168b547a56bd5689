package fr.strasbourg.metrocloud.workflow.interfaces.rest;

import fr.strasbourg.metrocloud.kernel.problem.BadRequestProblem;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.Role;
import fr.strasbourg.metrocloud.workflow.application.LeaveRequests;
import fr.strasbourg.metrocloud.workflow.application.WorkflowDirectory;
import fr.strasbourg.metrocloud.workflow.application.WorkflowViews;
import fr.strasbourg.metrocloud.workflow.interfaces.rest.WorkflowDtos.BalanceBody;
import fr.strasbourg.metrocloud.workflow.interfaces.rest.WorkflowDtos.CancelBody;
import fr.strasbourg.metrocloud.workflow.interfaces.rest.WorkflowDtos.LeaveRequestBody;
import fr.strasbourg.metrocloud.workflow.interfaces.rest.WorkflowDtos.LeaveTypeBody;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Leave requests of the caller's commune: types, balances, requests, team calendar. */
@Path("leave")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Leave requests")
public class LeaveResource {

  private static final String ADMIN = Role.Names.COMMUNE_ADMIN;
  private static final String AGENT = Role.Names.AGENT;
  private static final String MANAGER = Role.Names.MANAGER;
  private static final String ELECTED = Role.Names.ELECTED_OFFICIAL;

  @Inject CallContext caller;

  @Inject LeaveRequests requests;

  @Inject WorkflowDirectory directory;

  @Context UriInfo uriInfo;

  @GET
  @Path("types")
  @RolesAllowed({ADMIN, AGENT, MANAGER, ELECTED})
  @Operation(summary = "Leave types of the commune (CA, RTT, CET and the commune's own)")
  public List<WorkflowViews.LeaveType> types() {
    return directory.leaveTypes(caller);
  }

  @PUT
  @Path("types/{code}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(ADMIN)
  @Operation(summary = "Add, rename, activate or deactivate a leave type (administrator)")
  public WorkflowViews.LeaveType saveType(@PathParam("code") String code, LeaveTypeBody body) {
    if (body == null) {
      throw new BadRequestProblem("invalid-leave-type", "Corps de requête attendu.");
    }
    return directory.saveLeaveType(
        caller,
        new WorkflowViews.LeaveType(
            code,
            body.label(),
            body.tracksBalance() == null || body.tracksBalance(),
            body.active() == null || body.active()));
  }

  @GET
  @Path("balances")
  @RolesAllowed({ADMIN, AGENT, MANAGER, ELECTED})
  @Operation(summary = "The caller's balances, with the days asked in pending requests")
  public List<WorkflowViews.Balance> balances() {
    return requests.balances(caller);
  }

  @PUT
  @Path("balances/{username}/{type}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(ADMIN)
  @Operation(summary = "Set an agent's balance of a type (administrator; later the HR connector)")
  public Map<String, Object> setBalance(
      @PathParam("username") String username, @PathParam("type") String type, BalanceBody body) {
    if (body == null || body.days() == null) {
      throw new BadRequestProblem("invalid-balance", "Corps attendu : {\"days\": 25}.");
    }
    BigDecimal days = directory.setBalance(caller, username, type, body.days(), "ADJUSTMENT");
    return Map.of("username", username, "type", type, "days", days);
  }

  @POST
  @Path("requests")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({ADMIN, AGENT, MANAGER, ELECTED})
  @Operation(summary = "Submit a leave request (starts the commune's leave request process)")
  public Response submit(LeaveRequestBody body) {
    if (body == null) {
      throw new BadRequestProblem("invalid-leave-request", "Corps de requête attendu.");
    }
    WorkflowViews.LeaveRequest r =
        requests.submit(
            caller,
            new LeaveRequests.Submission(
                body.type(),
                WorkflowDtos.date(body.startDate(), "startDate"),
                WorkflowDtos.half(body.startHalf(), "startHalf"),
                WorkflowDtos.date(body.endDate(), "endDate"),
                WorkflowDtos.half(body.endHalf(), "endHalf"),
                body.comment()));
    return Response.created(uriInfo.getAbsolutePathBuilder().path(r.id().toString()).build())
        .entity(r)
        .build();
  }

  @GET
  @Path("requests")
  @RolesAllowed({ADMIN, AGENT, MANAGER, ELECTED})
  @Operation(summary = "The caller's leave requests, newest first")
  public List<WorkflowViews.LeaveRequest> mine() {
    return requests.mine(caller);
  }

  @GET
  @Path("requests/{id}")
  @RolesAllowed({ADMIN, AGENT, MANAGER, ELECTED})
  @Operation(summary = "A leave request with its history (agent, deciders, manager, administrator)")
  public WorkflowViews.LeaveRequest get(@PathParam("id") String id) {
    return requests.get(caller, WorkflowDtos.id(id, "leave-request-not-found", "Demande de congé"));
  }

  @POST
  @Path("requests/{id}/cancel")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({ADMIN, AGENT, MANAGER, ELECTED})
  @Operation(summary = "Cancel one's own request before its first day")
  public WorkflowViews.LeaveRequest cancel(@PathParam("id") String id, CancelBody body) {
    return requests.cancel(
        caller,
        WorkflowDtos.id(id, "leave-request-not-found", "Demande de congé"),
        body == null ? null : body.reason());
  }

  @GET
  @Path("calendar")
  @RolesAllowed({ADMIN, AGENT, MANAGER, ELECTED})
  @Operation(
      summary =
          "Approved absences between two dates: the caller's team for a manager, the commune for"
              + " an administrator")
  public List<WorkflowViews.CalendarEntry> calendar(
      @QueryParam("from") String from, @QueryParam("to") String to) {
    return requests.calendar(caller, WorkflowDtos.date(from, "from"), WorkflowDtos.date(to, "to"));
  }
}
