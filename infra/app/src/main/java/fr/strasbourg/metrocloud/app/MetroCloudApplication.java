package fr.strasbourg.metrocloud.app;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The public REST API, version 1. Access tokens are Keycloak JWTs (realm {@code metrocloud}). */
@ApplicationPath("/api/v1")
@LoginConfig(authMethod = "MP-JWT", realmName = "metrocloud")
@OpenAPIDefinition(
    info =
        @Info(
            title = "MetroCloud API",
            version = "1",
            description =
                "Shared digital services of the Eurométropole de Strasbourg for its member communes. Errors are"
                    + " RFC 9457 problem documents (application/problem+json)."),
    security = @SecurityRequirement(name = "keycloak"))
@SecurityScheme(
    securitySchemeName = "keycloak",
    type = SecuritySchemeType.HTTP,
    scheme = "bearer",
    bearerFormat = "JWT",
    description = "Access token of the Keycloak realm metrocloud (audience metrocloud-api)")
public class MetroCloudApplication extends Application {}
