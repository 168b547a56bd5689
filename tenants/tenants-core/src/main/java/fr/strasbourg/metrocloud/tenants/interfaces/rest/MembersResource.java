package fr.strasbourg.metrocloud.tenants.interfaces.rest;

import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.Role;
import fr.strasbourg.metrocloud.tenants.api.CommuneMembers;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The people of the caller's commune (to name a signer, a delegate). */
@Path("members")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Identity")
public class MembersResource {

  @Inject CallContext caller;

  @Inject CommuneMembers members;

  /** A person of the commune (no e-mail: not needed to pick someone). */
  public record MemberDto(String username, String displayName) {}

  @GET
  @RolesAllowed({
    Role.Names.COMMUNE_ADMIN,
    Role.Names.AGENT,
    Role.Names.MANAGER,
    Role.Names.ELECTED_OFFICIAL,
    Role.Names.ARCHIVIST
  })
  @Operation(summary = "The enabled members of the caller's commune, by name")
  public List<MemberDto> list() {
    return members.list(caller).stream()
        .map(m -> new MemberDto(m.username(), m.displayName()))
        .toList();
  }
}
