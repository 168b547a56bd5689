package fr.strasbourg.metrocloud.app.config;

import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What the portal needs before login: where the identity provider is. Public. */
@Path("portal/config")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Portal")
public class PortalConfigResource {

  @Inject
  @ConfigProperty(name = "metrocloud.keycloak.url")
  String keycloakUrl;

  @Inject
  @ConfigProperty(name = "metrocloud.keycloak.realm", defaultValue = "metrocloud")
  String realm;

  @Inject
  @ConfigProperty(name = "metrocloud.keycloak.portal-client-id", defaultValue = "metrocloud-portal")
  String clientId;

  /** OpenID Connect settings of the portal. */
  public record PortalConfig(String authority, String clientId, String scope) {}

  @GET
  @PermitAll
  @Operation(summary = "OpenID Connect settings of the portal (public)")
  public PortalConfig config() {
    return new PortalConfig(
        keycloakUrl + "/realms/" + realm, clientId, "openid profile email organization");
  }
}
