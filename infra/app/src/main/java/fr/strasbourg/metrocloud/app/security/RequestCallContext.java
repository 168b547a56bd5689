package fr.strasbourg.metrocloud.app.security;

import fr.strasbourg.metrocloud.kernel.problem.ForbiddenProblem;
import fr.strasbourg.metrocloud.kernel.tenancy.Actor;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.InseeCode;
import fr.strasbourg.metrocloud.kernel.tenancy.Role;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.json.JsonString;
import jakarta.ws.rs.NotAuthorizedException;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Builds the request's {@link CallContext} from the validated access token, once per request.
 *
 * <ul>
 *   <li>A {@code tenant} claim (single INSEE code, from the Keycloak organization the user chose at
 *       login) makes a commune context; the operator role is not honoured in it.
 *   <li>No {@code tenant} claim is acceptable only with the {@code platform-operator} role: the
 *       operator context.
 *   <li>Anything else (no claim and no operator role, a multi-valued or malformed claim) is refused
 *       with 403.
 * </ul>
 */
@RequestScoped
public class RequestCallContext {

  public static final String TENANT_CLAIM = "tenant";

  public static final String ROLES_CLAIM = "roles";

  @Inject JsonWebToken token;

  private CallContext context;

  /** The caller's context. */
  @Produces
  public CallContext get() {
    if (context == null) {
      context = build();
    }
    return context;
  }

  private CallContext build() {
    if (token == null || token.getRawToken() == null) {
      throw new NotAuthorizedException("Bearer realm=\"metrocloud\"");
    }
    Actor actor =
        new Actor(
            token.getSubject(),
            token.getName() == null ? token.getSubject() : token.getName(),
            stringClaim("name"));
    Set<Role> roles = EnumSet.noneOf(Role.class);
    rolesClaim().forEach(r -> Role.fromClaim(r).ifPresent(roles::add));
    Object tenant = token.getClaim(TENANT_CLAIM);
    if (tenant == null) {
      if (roles.contains(Role.PLATFORM_OPERATOR)) {
        return CallContext.operator(actor);
      }
      throw (ForbiddenProblem)
          new ForbiddenProblem(
                  "commune-not-selected",
                  "Aucune commune n'est associée à votre connexion. Reconnectez-vous en choisissant votre commune.")
              .with("claim", TENANT_CLAIM);
    }
    String insee = asSingleString(tenant);
    if (insee == null || !InseeCode.isValid(insee)) {
      throw new ForbiddenProblem(
          "invalid-tenant-claim",
          "Le jeton d'accès ne désigne pas une commune valide (claim tenant).");
    }
    return CallContext.communeUser(actor, InseeCode.of(insee), roles);
  }

  /**
   * Realm roles, flat in the {@code roles} claim (the server maps the same claim to the caller's
   * groups).
   */
  private Set<String> rolesClaim() {
    Object claim = token.getClaim(ROLES_CLAIM);
    Set<String> roles = new java.util.HashSet<>();
    if (claim instanceof jakarta.json.JsonArray array) {
      array.forEach(
          v -> {
            if (v instanceof JsonString s) {
              roles.add(s.getString());
            }
          });
    } else if (claim instanceof Collection<?> c) {
      c.forEach(v -> roles.add(v instanceof JsonString s ? s.getString() : String.valueOf(v)));
    } else if (token.getGroups() != null) {
      roles.addAll(token.getGroups());
    }
    return roles;
  }

  private String stringClaim(String name) {
    return asSingleString(token.getClaim(name));
  }

  private static String asSingleString(Object claim) {
    if (claim instanceof String s) {
      return s;
    }
    if (claim instanceof JsonString js) {
      return js.getString();
    }
    if (claim instanceof Collection<?> c && c.size() == 1) {
      return asSingleString(c.iterator().next());
    }
    return null;
  }
}
