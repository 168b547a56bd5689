package fr.strasbourg.metrocloud.parapheur.interfaces.rest;

import fr.strasbourg.metrocloud.catalog.api.ServiceAccess;
import fr.strasbourg.metrocloud.catalog.api.ServiceCode;
import fr.strasbourg.metrocloud.kernel.problem.BadRequestProblem;
import fr.strasbourg.metrocloud.kernel.problem.UnprocessableProblem;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.Role;
import fr.strasbourg.metrocloud.parapheur.application.Delegations;
import fr.strasbourg.metrocloud.parapheur.application.FolderViews;
import fr.strasbourg.metrocloud.parapheur.application.Folders;
import fr.strasbourg.metrocloud.parapheur.application.Parapheur;
import fr.strasbourg.metrocloud.parapheur.interfaces.rest.ParapheurDtos.ActionRequest;
import fr.strasbourg.metrocloud.parapheur.interfaces.rest.ParapheurDtos.CountDto;
import fr.strasbourg.metrocloud.parapheur.interfaces.rest.ParapheurDtos.DelegationDto;
import fr.strasbourg.metrocloud.parapheur.interfaces.rest.ParapheurDtos.DelegationRequest;
import fr.strasbourg.metrocloud.parapheur.interfaces.rest.ParapheurDtos.SubmitRequest;
import fr.strasbourg.metrocloud.signatures.api.PdfSigning;
import fr.strasbourg.metrocloud.tenants.api.CommuneMembers;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Folders, "my parapheur", delegations and notifications of the caller's commune. */
@Path("parapheur")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Parapheur")
public class ParapheurResource {

  private static final String R1 = Role.Names.COMMUNE_ADMIN;
  private static final String R2 = Role.Names.AGENT;
  private static final String R3 = Role.Names.MANAGER;
  private static final String R4 = Role.Names.ELECTED_OFFICIAL;
  private static final Set<String> STATUSES =
      Set.of("IN_PROGRESS", "APPROVED", "REJECTED", "WITHDRAWN");

  @Inject CallContext caller;

  @Inject Parapheur parapheur;

  @Inject Folders folders;

  @Inject Delegations delegations;

  @Inject CommuneMembers members;

  @Inject ServiceAccess access;

  @Inject Clock clock;

  @Context UriInfo uriInfo;

  // ---- folders ----------------------------------------------------------------------------------

  @POST
  @Path("folders")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({R1, R2, R3, R4})
  @Operation(summary = "Submit a PDF of the GED (its current version) into a circuit")
  public Response submit(SubmitRequest request) {
    if (request == null) {
      throw new BadRequestProblem("invalid-folder", "Corps de requête attendu.");
    }
    FolderViews.Folder folder =
        parapheur.submit(
            caller,
            ParapheurDtos.id(request.templateId(), "template-not-found", "Circuit"),
            ParapheurDtos.id(request.documentId(), "document-not-found", "Document"),
            request.title(),
            request.message(),
            ParapheurDtos.date(request.dueDate(), "dueDate"));
    return created(folder);
  }

  @POST
  @Path("folders/upload")
  @Consumes(MediaType.WILDCARD)
  @RolesAllowed({R1, R2, R3, R4})
  @Operation(
      summary =
          "Upload a PDF (request body; name in X-File-Name) into the GED and submit it into a"
              + " circuit (template, title, message, dueDate as query parameters)")
  public Response upload(
      InputStream body,
      @HeaderParam("X-File-Name") String fileName,
      @QueryParam("template") String template,
      @QueryParam("title") String title,
      @QueryParam("message") String message,
      @QueryParam("dueDate") String dueDate) {
    UUID templateId = ParapheurDtos.id(template, "template-not-found", "Circuit");
    FolderViews.Folder folder =
        parapheur.submitUpload(
            caller,
            templateId,
            fileName == null ? null : URLDecoder.decode(fileName, StandardCharsets.UTF_8),
            PdfSigning.readBounded(body),
            title,
            message,
            ParapheurDtos.date(dueDate, "dueDate"));
    return created(folder);
  }

  @GET
  @Path("folders")
  @RolesAllowed({R1, R2, R3, R4})
  @Operation(
      summary =
          "Folders of the commune: scope=mine (submitted by the caller, default) or all; optional"
              + " status")
  public List<FolderViews.Folder> list(
      @QueryParam("scope") @DefaultValue("mine") String scope,
      @QueryParam("status") String status,
      @QueryParam("limit") @DefaultValue("100") int limit) {
    guard();
    if (status != null && !STATUSES.contains(status)) {
      throw new BadRequestProblem(
          "invalid-status", "Statut inconnu : " + status + " (" + STATUSES + ").");
    }
    if (!"mine".equals(scope) && !"all".equals(scope)) {
      throw new BadRequestProblem("invalid-scope", "scope vaut mine ou all.");
    }
    return folders.list(caller, "mine".equals(scope), status, limit);
  }

  @GET
  @Path("folders/{id}")
  @RolesAllowed({R1, R2, R3, R4})
  @Operation(
      summary =
          "A folder: steps, full history (who did what, when, with which certificate), the steps"
              + " the caller can act on")
  public FolderViews.FolderDetail get(@PathParam("id") String id) {
    guard();
    return folders.detail(caller, folderId(id), delegations.activeTo(caller));
  }

  @POST
  @Path("folders/{id}/approve")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({R1, R2, R3, R4})
  @Operation(summary = "Give the visa of the caller's pending step (stepId optional)")
  public FolderViews.FolderDetail approve(@PathParam("id") String id, ActionRequest request) {
    ActionRequest r = request == null ? new ActionRequest(null, null, null, null) : request;
    UUID folderId = folderId(id);
    parapheur.approve(caller, folderId, ParapheurDtos.optionalId(r.stepId()), r.comment());
    return folders.detail(caller, folderId, delegations.activeTo(caller));
  }

  @POST
  @Path("folders/{id}/sign")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({R1, R2, R3, R4})
  @Operation(
      summary =
          "Sign the caller's pending signature step: PAdES-BASELINE-LTA with a visible stamp (last"
              + " page by default, or position {page, x, y} in points from the top-left); the signed"
              + " PDF becomes a new version of the GED document")
  public FolderViews.FolderDetail sign(@PathParam("id") String id, ActionRequest request) {
    ActionRequest r = request == null ? new ActionRequest(null, null, null, null) : request;
    PdfSigning.StampPosition position = null;
    if (r.position() != null) {
      if (r.position().x() == null || r.position().y() == null) {
        throw new BadRequestProblem(
            "invalid-stamp-position", "La position du tampon demande x et y.");
      }
      position =
          new PdfSigning.StampPosition(
              r.position().page() == null ? 0 : r.position().page(),
              r.position().x(),
              r.position().y());
    }
    UUID folderId = folderId(id);
    parapheur.sign(caller, folderId, ParapheurDtos.optionalId(r.stepId()), r.comment(), position);
    return folders.detail(caller, folderId, delegations.activeTo(caller));
  }

  @POST
  @Path("folders/{id}/reject")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({R1, R2, R3, R4})
  @Operation(
      summary =
          "Reject the folder with a mandatory reason: the circuit stops, the submitter is told")
  public FolderViews.FolderDetail reject(@PathParam("id") String id, ActionRequest request) {
    ActionRequest r = request == null ? new ActionRequest(null, null, null, null) : request;
    UUID folderId = folderId(id);
    parapheur.reject(caller, folderId, ParapheurDtos.optionalId(r.stepId()), r.reason());
    return folders.detail(caller, folderId, delegations.activeTo(caller));
  }

  @POST
  @Path("folders/{id}/withdraw")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({R1, R2, R3, R4})
  @Operation(summary = "Withdraw a folder the caller submitted, before its first signature")
  public FolderViews.FolderDetail withdraw(@PathParam("id") String id, ActionRequest request) {
    UUID folderId = folderId(id);
    parapheur.withdraw(caller, folderId, request == null ? null : request.reason());
    return folders.detail(caller, folderId, delegations.activeTo(caller));
  }

  // ---- my parapheur -----------------------------------------------------------------------------

  @GET
  @Path("inbox")
  @RolesAllowed({R1, R2, R3, R4})
  @Operation(summary = "Steps awaiting the caller (directly, through a role or a delegation)")
  public List<FolderViews.InboxItem> inbox() {
    guard();
    return folders.inbox(caller, delegations.activeTo(caller));
  }

  @GET
  @Path("inbox/count")
  @RolesAllowed({R1, R2, R3, R4})
  @Operation(summary = "How many steps await the caller (for the portal's header)")
  public CountDto count() {
    guard();
    List<FolderViews.InboxItem> items = folders.inbox(caller, delegations.activeTo(caller));
    return new CountDto(
        items.size(), (int) items.stream().filter(FolderViews.InboxItem::overdue).count());
  }

  @GET
  @Path("notifications")
  @RolesAllowed({R1, R2, R3, R4})
  @Operation(summary = "What the caller was told about their folders (rejections, completions)")
  public List<FolderViews.Notification> notifications(
      @QueryParam("unread") @DefaultValue("false") boolean unread) {
    guard();
    return folders.notifications(caller, unread);
  }

  @POST
  @Path("notifications/{id}/read")
  @RolesAllowed({R1, R2, R3, R4})
  @Operation(summary = "Mark a notification read")
  public Response read(@PathParam("id") String id) {
    guard();
    folders.markRead(caller, ParapheurDtos.id(id, "notification-not-found", "Notification"));
    return Response.noContent().build();
  }

  // ---- delegations ------------------------------------------------------------------------------

  @GET
  @Path("delegations")
  @RolesAllowed({R1, R2, R3, R4})
  @Operation(
      summary =
          "Delegations the caller gave or received (scope=all: the commune's, administrators)")
  public List<DelegationDto> delegations(@QueryParam("scope") @DefaultValue("mine") String scope) {
    guard();
    LocalDate today = LocalDate.now(clock.withZone(java.time.ZoneId.of("Europe/Paris")));
    List<Delegations.Delegation> list;
    if ("all".equals(scope)) {
      if (!caller.hasRole(Role.COMMUNE_ADMIN)) {
        throw new fr.strasbourg.metrocloud.kernel.problem.ForbiddenProblem(
            "forbidden", "Seuls les administrateurs de la commune voient toutes les délégations.");
      }
      list = delegations.all(caller);
    } else {
      list = delegations.mine(caller);
    }
    return list.stream().map(d -> DelegationDto.of(d, today)).toList();
  }

  @POST
  @Path("delegations")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({R1, R2, R3, R4})
  @Operation(
      summary =
          "Delegate the caller's signing right to another person of the commune for a period"
              + " (dates inclusive, at most one year)")
  public Response delegate(DelegationRequest request) {
    guard();
    if (request == null || request.delegate() == null || request.delegate().isBlank()) {
      throw new BadRequestProblem(
          "invalid-delegation", "Indiquez la personne qui reçoit la délégation.");
    }
    CommuneMembers.Member delegate =
        members
            .find(caller, request.delegate())
            .orElseThrow(
                () ->
                    new UnprocessableProblem(
                        "unknown-member",
                        "« "
                            + request.delegate().strip()
                            + " » n'est pas une personne de la commune."));
    Delegations.Delegation created =
        delegations.create(
            caller,
            delegate,
            ParapheurDtos.date(request.startsOn(), "startsOn"),
            ParapheurDtos.date(request.endsOn(), "endsOn"),
            request.reason());
    LocalDate today = LocalDate.now(clock.withZone(java.time.ZoneId.of("Europe/Paris")));
    return Response.created(
            uriInfo
                .getBaseUriBuilder()
                .path("parapheur/delegations")
                .path(created.id().toString())
                .build())
        .entity(DelegationDto.of(created, today))
        .build();
  }

  @DELETE
  @Path("delegations/{id}")
  @RolesAllowed({R1, R2, R3, R4})
  @Operation(summary = "Revoke a delegation the caller gave")
  public DelegationDto revoke(@PathParam("id") String id) {
    guard();
    LocalDate today = LocalDate.now(clock.withZone(java.time.ZoneId.of("Europe/Paris")));
    return DelegationDto.of(
        delegations.revoke(caller, ParapheurDtos.id(id, "delegation-not-found", "Délégation")),
        today);
  }

  private Response created(FolderViews.Folder folder) {
    return Response.created(
            uriInfo
                .getBaseUriBuilder()
                .path("parapheur/folders")
                .path(folder.id().toString())
                .build())
        .entity(folders.detail(caller, folder.id(), delegations.activeTo(caller)))
        .build();
  }

  private static UUID folderId(String id) {
    return ParapheurDtos.id(id, "folder-not-found", "Dossier");
  }

  private void guard() {
    access.requireSubscription(caller, ServiceCode.E_SIGNATURE);
  }
}
