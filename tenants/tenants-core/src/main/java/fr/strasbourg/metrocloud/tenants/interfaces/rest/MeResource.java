package fr.strasbourg.metrocloud.tenants.interfaces.rest;

import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.Role;
import fr.strasbourg.metrocloud.tenants.api.TenantDirectory;
import fr.strasbourg.metrocloud.tenants.api.TenantSummary;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Who am I: the authenticated person, the commune the token names, the roles the platform honours.
 */
@Path("me")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Identity")
public class MeResource {

  @Inject CallContext caller;

  @Inject JsonWebToken token;

  @Inject TenantDirectory directory;

  /** The caller's commune. */
  public record CommuneDto(String insee, String name, String status) {}

  /** The caller. */
  public record MeDto(
      String subject,
      String username,
      String displayName,
      String email,
      boolean operator,
      List<String> roles,
      CommuneDto commune) {}

  @GET
  @RolesAllowed({
    Role.Names.PLATFORM_OPERATOR,
    Role.Names.COMMUNE_ADMIN,
    Role.Names.AGENT,
    Role.Names.MANAGER,
    Role.Names.ELECTED_OFFICIAL,
    Role.Names.ARCHIVIST
  })
  @Operation(summary = "The authenticated caller, its commune and roles")
  public MeDto me() {
    CommuneDto commune =
        directory
            .ownCommune(caller)
            .map(
                (TenantSummary s) -> new CommuneDto(s.insee().value(), s.name(), s.status().name()))
            .orElse(null);
    return new MeDto(
        caller.actor().subject(),
        caller.actor().username(),
        caller.actor().displayName(),
        token.getClaim("email"),
        caller.isOperator(),
        caller.roles().stream().map(Role::claimValue).sorted().toList(),
        commune);
  }
}
