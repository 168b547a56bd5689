package fr.strasbourg.metrocloud.parapheur.interfaces.rest;

import fr.strasbourg.metrocloud.catalog.api.ServiceAccess;
import fr.strasbourg.metrocloud.catalog.api.ServiceCode;
import fr.strasbourg.metrocloud.kernel.problem.BadRequestProblem;
import fr.strasbourg.metrocloud.kernel.problem.UnprocessableProblem;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.Role;
import fr.strasbourg.metrocloud.parapheur.application.CircuitTemplates;
import fr.strasbourg.metrocloud.parapheur.domain.TemplateStep;
import fr.strasbourg.metrocloud.parapheur.interfaces.rest.ParapheurDtos.StepRequest;
import fr.strasbourg.metrocloud.parapheur.interfaces.rest.ParapheurDtos.TemplateDto;
import fr.strasbourg.metrocloud.parapheur.interfaces.rest.ParapheurDtos.TemplateRequest;
import fr.strasbourg.metrocloud.tenants.api.CommuneMembers;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Circuit templates: read by every member, written by the commune's administrators. */
@Path("parapheur/templates")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Parapheur")
public class CircuitTemplatesResource {

  @Inject CallContext caller;

  @Inject CircuitTemplates templates;

  @Inject CommuneMembers members;

  @Inject ServiceAccess access;

  @Context UriInfo uriInfo;

  @GET
  @RolesAllowed({
    Role.Names.COMMUNE_ADMIN,
    Role.Names.AGENT,
    Role.Names.MANAGER,
    Role.Names.ELECTED_OFFICIAL
  })
  @Operation(summary = "The commune's circuit templates (archived ones with archived=true)")
  public List<TemplateDto> list(@QueryParam("archived") @DefaultValue("false") boolean archived) {
    guard();
    return templates.list(caller, archived).stream().map(TemplateDto::of).toList();
  }

  @GET
  @Path("{id}")
  @RolesAllowed({
    Role.Names.COMMUNE_ADMIN,
    Role.Names.AGENT,
    Role.Names.MANAGER,
    Role.Names.ELECTED_OFFICIAL
  })
  @Operation(summary = "A circuit template")
  public TemplateDto get(@PathParam("id") String id) {
    guard();
    return TemplateDto.of(templates.get(caller, templateId(id)));
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Role.Names.COMMUNE_ADMIN)
  @Operation(
      summary =
          "Create a circuit template: stages of VISA or SIGNATURE steps, each assigned to a person"
              + " (username) or a role of the commune")
  public Response create(TemplateRequest request) {
    guard();
    TemplateRequest r = required(request);
    CircuitTemplates.Template created =
        templates.create(caller, r.name(), r.description(), steps(r.steps()));
    return Response.created(
            uriInfo
                .getBaseUriBuilder()
                .path("parapheur/templates")
                .path(created.id().toString())
                .build())
        .entity(TemplateDto.of(created))
        .build();
  }

  @PUT
  @Path("{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Role.Names.COMMUNE_ADMIN)
  @Operation(summary = "Replace a circuit template (folders in progress keep their steps)")
  public TemplateDto update(@PathParam("id") String id, TemplateRequest request) {
    guard();
    TemplateRequest r = required(request);
    return TemplateDto.of(
        templates.update(caller, templateId(id), r.name(), r.description(), steps(r.steps())));
  }

  @DELETE
  @Path("{id}")
  @RolesAllowed(Role.Names.COMMUNE_ADMIN)
  @Operation(summary = "Archive a circuit template (it is kept for the folders that used it)")
  public Response archive(@PathParam("id") String id) {
    guard();
    templates.archive(caller, templateId(id));
    return Response.noContent().build();
  }

  private List<TemplateStep> steps(List<StepRequest> requested) {
    if (requested == null) {
      return List.of();
    }
    List<TemplateStep> steps = new ArrayList<>();
    List<CommuneMembers.Member> people = null;
    for (int i = 0; i < requested.size(); i++) {
      StepRequest s = requested.get(i);
      if (s == null) {
        throw new BadRequestProblem("invalid-template", "Étape " + (i + 1) + " vide.");
      }
      String username =
          s.username() == null || s.username().isBlank() ? null : s.username().strip();
      String name = null;
      if (username != null) {
        if (people == null) {
          people = members.list(caller);
        }
        String wanted = username;
        CommuneMembers.Member member =
            people.stream()
                .filter(m -> m.username().equalsIgnoreCase(wanted))
                .findFirst()
                .orElseThrow(
                    () ->
                        new UnprocessableProblem(
                            "unknown-member",
                            "« " + wanted + " » n'est pas une personne de la commune."));
        username = member.username();
        name = member.displayName();
      }
      steps.add(
          new TemplateStep(
              s.stage() == null ? 0 : s.stage(),
              ParapheurDtos.kind(s.kind(), i + 1),
              username,
              name,
              s.role() == null || s.role().isBlank() ? null : s.role().strip(),
              s.label()));
    }
    return steps;
  }

  private static TemplateRequest required(TemplateRequest request) {
    if (request == null) {
      throw new BadRequestProblem("invalid-template", "Corps de requête attendu.");
    }
    return request;
  }

  private static UUID templateId(String id) {
    return ParapheurDtos.id(id, "template-not-found", "Circuit");
  }

  private void guard() {
    access.requireSubscription(caller, ServiceCode.E_SIGNATURE);
  }
}
