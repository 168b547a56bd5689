package fr.strasbourg.metrocloud.tenants.interfaces.rest;

import fr.strasbourg.metrocloud.kernel.problem.BadRequestProblem;
import fr.strasbourg.metrocloud.kernel.problem.NotFoundProblem;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.InseeCode;
import fr.strasbourg.metrocloud.kernel.tenancy.Role;
import fr.strasbourg.metrocloud.tenants.api.TenantStatus;
import fr.strasbourg.metrocloud.tenants.application.NewTenant;
import fr.strasbourg.metrocloud.tenants.application.ProvisioningResult;
import fr.strasbourg.metrocloud.tenants.application.TenantAdministration;
import fr.strasbourg.metrocloud.tenants.domain.Contact;
import fr.strasbourg.metrocloud.tenants.domain.Convention;
import fr.strasbourg.metrocloud.tenants.domain.FirstAdministrator;
import fr.strasbourg.metrocloud.tenants.infrastructure.keycloak.KeycloakAdministratorProvisioner;
import fr.strasbourg.metrocloud.tenants.interfaces.rest.TenantDtos.CreateTenantRequest;
import fr.strasbourg.metrocloud.tenants.interfaces.rest.TenantDtos.DetailsRequest;
import fr.strasbourg.metrocloud.tenants.interfaces.rest.TenantDtos.InitialAdministratorDto;
import fr.strasbourg.metrocloud.tenants.interfaces.rest.TenantDtos.ProvisioningResponse;
import fr.strasbourg.metrocloud.tenants.interfaces.rest.TenantDtos.ReasonRequest;
import fr.strasbourg.metrocloud.tenants.interfaces.rest.TenantDtos.ResourceDto;
import fr.strasbourg.metrocloud.tenants.interfaces.rest.TenantDtos.TenantDto;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The communes of the platform. Writes and cross-commune reads are operator endpoints. */
@Path("tenants")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Tenants", description = "Communes of the Eurométropole as tenants of the platform")
public class TenantsResource {

  @Inject CallContext caller;

  @Inject TenantAdministration administration;

  @Context UriInfo uriInfo;

  @GET
  @RolesAllowed(Role.Names.PLATFORM_OPERATOR)
  @Operation(summary = "List every commune with its status (operator, audited)")
  public List<TenantDto> list(@QueryParam("status") String status) {
    TenantStatus filter = status == null ? null : parseStatus(status);
    return administration.list(caller).stream()
        .filter(t -> filter == null || t.status() == filter)
        .map(TenantDto::of)
        .toList();
  }

  @POST
  @RolesAllowed(Role.Names.PLATFORM_OPERATOR)
  @Operation(summary = "Register and provision a commune (operator)")
  public Response create(@NotNull @Valid CreateTenantRequest request) {
    InseeCode insee = InseeCode.of(request.insee());
    NewTenant cmd =
        new NewTenant(
            insee,
            request.name().strip(),
            request.postalCode(),
            request.population(),
            request.contact() == null
                ? null
                : new Contact(
                    request.contact().name(), request.contact().email(), request.contact().phone()),
            request.convention() == null
                ? null
                : new Convention(request.convention().number(), request.convention().signedOn()),
            new FirstAdministrator(
                request.administrator().username(),
                request.administrator().firstName().strip(),
                request.administrator().lastName().strip(),
                request.administrator().email()));
    ProvisioningResult result = administration.register(caller, cmd);
    return Response.created(uriInfo.getBaseUriBuilder().path("tenants").path(insee.value()).build())
        .entity(toResponse(result))
        .build();
  }

  @GET
  @Path("{insee}")
  @RolesAllowed({
    Role.Names.PLATFORM_OPERATOR,
    Role.Names.COMMUNE_ADMIN,
    Role.Names.AGENT,
    Role.Names.MANAGER,
    Role.Names.ELECTED_OFFICIAL,
    Role.Names.ARCHIVIST
  })
  @Operation(
      summary =
          "One commune: any for the operator, its own for a commune's users (others answer 404)")
  public TenantDto get(@PathParam("insee") String insee) {
    return TenantDto.of(administration.get(caller, parse(insee)));
  }

  @GET
  @Path("{insee}/resources")
  @RolesAllowed(Role.Names.PLATFORM_OPERATOR)
  @Operation(summary = "The commune's resource registry (operator)")
  public List<ResourceDto> resources(@PathParam("insee") String insee) {
    return administration.resources(caller, parse(insee)).stream().map(ResourceDto::of).toList();
  }

  @POST
  @Path("{insee}/provisioning")
  @RolesAllowed(Role.Names.PLATFORM_OPERATOR)
  @Operation(summary = "Retry the provisioning of a commune in PROVISIONING_FAILED (operator)")
  public ProvisioningResponse retry(@PathParam("insee") String insee) {
    return toResponse(administration.retryProvisioning(caller, parse(insee)));
  }

  @PUT
  @Path("{insee}/details")
  @RolesAllowed(Role.Names.PLATFORM_OPERATOR)
  @Operation(
      summary = "Replace the commune's population, contact and convention reference (operator)")
  public TenantDto updateDetails(
      @PathParam("insee") String insee, @NotNull @Valid DetailsRequest request) {
    return TenantDto.of(
        administration.updateDetails(
            caller,
            parse(insee),
            request.population(),
            request.contact() == null
                ? null
                : new Contact(
                    request.contact().name(), request.contact().email(), request.contact().phone()),
            request.convention() == null
                ? null
                : new Convention(request.convention().number(), request.convention().signedOn())));
  }

  @POST
  @Path("{insee}/reconcile")
  @RolesAllowed(Role.Names.PLATFORM_OPERATOR)
  @Operation(
      summary =
          "Complete an active commune's resources (after an upgrade adds a kind, or one was removed); operator")
  public ProvisioningResponse reconcile(@PathParam("insee") String insee) {
    return toResponse(administration.reconcile(caller, parse(insee)));
  }

  @POST
  @Path("{insee}/suspend")
  @RolesAllowed(Role.Names.PLATFORM_OPERATOR)
  @Operation(
      summary =
          "Suspend a commune: its users' requests are refused with 403; no data is lost (operator)")
  public TenantDto suspend(
      @PathParam("insee") String insee, @NotNull @Valid ReasonRequest request) {
    return TenantDto.of(administration.suspend(caller, parse(insee), request.reason().strip()));
  }

  @POST
  @Path("{insee}/resume")
  @RolesAllowed(Role.Names.PLATFORM_OPERATOR)
  @Operation(summary = "Resume a suspended commune (operator)")
  public TenantDto resume(@PathParam("insee") String insee) {
    return TenantDto.of(administration.resume(caller, parse(insee)));
  }

  @POST
  @Path("{insee}/decommission")
  @RolesAllowed(Role.Names.PLATFORM_OPERATOR)
  @Operation(
      summary =
          "Decommission a suspended commune: its organization is disabled, its data kept (operator)")
  public TenantDto decommission(
      @PathParam("insee") String insee, @NotNull @Valid ReasonRequest request) {
    return TenantDto.of(
        administration.decommission(caller, parse(insee), request.reason().strip()));
  }

  private static ProvisioningResponse toResponse(ProvisioningResult result) {
    String username = result.handover().get(KeycloakAdministratorProvisioner.HANDOVER_USERNAME);
    String password = result.handover().get(KeycloakAdministratorProvisioner.HANDOVER_PASSWORD);
    return new ProvisioningResponse(
        TenantDto.of(result.tenant()),
        result.resources().stream().map(ResourceDto::of).toList(),
        username == null ? null : new InitialAdministratorDto(username, password));
  }

  static InseeCode parse(String insee) {
    if (!InseeCode.isValid(insee)) {
      throw (BadRequestProblem)
          new BadRequestProblem(
                  "invalid-insee-code",
                  "Code INSEE invalide : "
                      + abbreviate(insee)
                      + " (5 caractères attendus, ex. 67482 pour Strasbourg).")
              .with("insee", abbreviate(insee));
    }
    return InseeCode.of(insee);
  }

  private static TenantStatus parseStatus(String status) {
    try {
      return TenantStatus.valueOf(status);
    } catch (IllegalArgumentException e) {
      throw (BadRequestProblem)
          new BadRequestProblem(
                  "invalid-status",
                  "Statut inconnu : "
                      + abbreviate(status)
                      + ". Valeurs possibles : "
                      + Arrays.toString(TenantStatus.values()))
              .with("value", abbreviate(status));
    }
  }

  static String abbreviate(String s) {
    if (s == null) {
      return "";
    }
    return s.length() <= 20 ? s : s.substring(0, 20) + "…";
  }

  static NotFoundProblem notFound(String insee) {
    return new NotFoundProblem("tenant-not-found", "Commune inconnue : " + abbreviate(insee) + ".");
  }
}
