package fr.strasbourg.metrocloud.kernel.tenancy;

import java.util.Arrays;
import java.util.Optional;

/**
 * The realm roles of the MetroCloud identity model (Keycloak realm {@code metrocloud}, flat {@code
 * roles} claim). The string constants in {@link Names} exist for {@code @RolesAllowed}, which needs
 * compile-time constants.
 */
public enum Role {
  PLATFORM_OPERATOR(Names.PLATFORM_OPERATOR),
  COMMUNE_ADMIN(Names.COMMUNE_ADMIN),
  AGENT(Names.AGENT),
  MANAGER(Names.MANAGER),
  ELECTED_OFFICIAL(Names.ELECTED_OFFICIAL),
  /** The archives authority of the commune: co-approves the destruction of archives. */
  ARCHIVIST(Names.ARCHIVIST);

  private final String claimValue;

  Role(String claimValue) {
    this.claimValue = claimValue;
  }

  public String claimValue() {
    return claimValue;
  }

  public static Optional<Role> fromClaim(String value) {
    return Arrays.stream(values()).filter(r -> r.claimValue.equals(value)).findFirst();
  }

  /** Roles a commune member can hold; {@link #PLATFORM_OPERATOR} is not one of them. */
  public boolean isCommuneRole() {
    return this != PLATFORM_OPERATOR;
  }

  /** Role names as compile-time constants. */
  public static final class Names {
    public static final String PLATFORM_OPERATOR = "platform-operator";
    public static final String COMMUNE_ADMIN = "commune-admin";
    public static final String AGENT = "agent";
    public static final String MANAGER = "manager";
    public static final String ELECTED_OFFICIAL = "elected-official";
    public static final String ARCHIVIST = "archivist";

    private Names() {}
  }
}
