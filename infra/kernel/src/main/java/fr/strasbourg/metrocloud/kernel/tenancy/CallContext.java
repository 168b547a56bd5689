package fr.strasbourg.metrocloud.kernel.tenancy;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who calls, and which tenant's data the call may touch. Every application service that reads or
 * writes tenant-owned data takes one as an explicit parameter; the {@link TenantBindingInterceptor}
 * binds the database transaction to it.
 *
 * <p>Three shapes exist, and only these factories create them:
 *
 * <ul>
 *   <li>{@link #communeUser}: a commune member; the tenant is the token's {@code tenant} claim.
 *       Operator role is never honoured in this shape.
 *   <li>{@link #operator}: a DSI operator on the explicit operator endpoints; bound to the {@link
 *       TenantId#PLATFORM} pseudo-tenant with cross-tenant <em>read</em> enabled (the RLS policies
 *       allow SELECT on every tenant's rows, never a write).
 *   <li>{@link #actingOn}: an operator (or a platform component) acting on one commune, e.g.
 *       suspending it; bound to that commune like one of its users, so writes are checked against
 *       that tenant only.
 * </ul>
 */
public final class CallContext {

  private final Actor actor;
  private final Set<Role> roles;
  private final TenantId tenant;
  private final boolean crossTenantRead;
  private final Actor onBehalfOf;

  private CallContext(
      Actor actor, Set<Role> roles, TenantId tenant, boolean crossTenantRead, Actor onBehalfOf) {
    this.actor = Objects.requireNonNull(actor, "actor");
    this.roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    this.tenant = Objects.requireNonNull(tenant, "tenant");
    this.crossTenantRead = crossTenantRead;
    this.onBehalfOf = onBehalfOf;
  }

  /**
   * A member of a commune; {@code platform-operator} is dropped from the roles if the token carried
   * it.
   */
  public static CallContext communeUser(Actor actor, InseeCode commune, Set<Role> roles) {
    EnumSet<Role> communeRoles = EnumSet.noneOf(Role.class);
    roles.stream().filter(Role::isCommuneRole).forEach(communeRoles::add);
    return new CallContext(actor, communeRoles, TenantId.of(commune), false, null);
  }

  /** A DSI operator on an operator endpoint: platform tenant, cross-tenant reads. */
  public static CallContext operator(Actor actor) {
    return new CallContext(
        actor, EnumSet.of(Role.PLATFORM_OPERATOR), TenantId.PLATFORM, true, null);
  }

  /** A platform component working on its own behalf (start-up, scheduled jobs) for one tenant. */
  public static CallContext system(String component, TenantId tenant) {
    return new CallContext(Actor.system(component), Set.of(), tenant, false, null);
  }

  /**
   * The operator (or a system component) acting on one commune. The resulting context writes that
   * commune's rows only and records the operator as the actor in the commune's audit trail.
   *
   * @throws IllegalStateException if this context is a commune user's: a commune user can never
   *     switch tenant
   */
  public CallContext actingOn(InseeCode commune) {
    if (!isOperator() && !actor.isSystem()) {
      throw new IllegalStateException("Only the platform operator may act on another commune");
    }
    return new CallContext(actor, roles, TenantId.of(commune), false, actor);
  }

  /**
   * The context of a read that takes an optional {@code tenant} parameter: the operator reads the
   * commune it names (acting on it) or, when {@code operatorNeedsTenant} is false and it names
   * none, every commune; a commune's user reads its own, and naming another commune is "not found".
   */
  public CallContext scopedTo(String tenant, boolean operatorNeedsTenant) {
    if (isOperator()) {
      if (tenant == null && !operatorNeedsTenant) {
        return this;
      }
      if (tenant == null || !InseeCode.isValid(tenant)) {
        throw new fr.strasbourg.metrocloud.kernel.problem.BadRequestProblem(
            "tenant-required", "Le paramètre tenant (code INSEE) est obligatoire pour la DSI.");
      }
      return actingOn(InseeCode.of(tenant));
    }
    if (tenant != null && !tenant.equals(tenant().value())) {
      throw new fr.strasbourg.metrocloud.kernel.problem.NotFoundProblem(
          "tenant-not-found", "Commune inconnue.");
    }
    return this;
  }

  public Actor actor() {
    return actor;
  }

  public Set<Role> roles() {
    return roles;
  }

  public boolean hasRole(Role role) {
    return roles.contains(role);
  }

  public boolean isOperator() {
    return roles.contains(Role.PLATFORM_OPERATOR);
  }

  /**
   * The tenant whose rows this call may write, and (unless {@link #crossTenantRead()}) the only one
   * it may read.
   */
  public TenantId tenant() {
    return tenant;
  }

  /** The commune of this call, empty for the operator's platform context. */
  public Optional<InseeCode> commune() {
    return tenant.commune();
  }

  /** The commune of this call; for services that only make sense within a commune. */
  public InseeCode requireCommune() {
    return commune()
        .orElseThrow(() -> new IllegalStateException("This operation needs a commune context"));
  }

  /**
   * Guards operator endpoints: the caller must be the DSI operator in its platform context (a token
   * that carries a {@code tenant} claim is a commune context even if it also carries the operator
   * role).
   */
  public CallContext requireOperator() {
    if (!isOperator() || !crossTenantRead) {
      throw new fr.strasbourg.metrocloud.kernel.problem.ForbiddenProblem(
          "operator-only",
          "Cette opération est réservée à la DSI de l'Eurométropole (opérateur de la plateforme).");
    }
    return this;
  }

  public boolean crossTenantRead() {
    return crossTenantRead;
  }

  /** Present when an operator acts on a commune's behalf (audit records show it). */
  public Optional<Actor> operatorActingOnBehalf() {
    return Optional.ofNullable(onBehalfOf);
  }

  /** The binding that the database transaction receives. */
  public TenantBinding binding() {
    return new TenantBinding(tenant, crossTenantRead);
  }

  @Override
  public String toString() {
    return "CallContext["
        + actor.username()
        + "@"
        + tenant
        + (crossTenantRead ? ", cross-tenant read" : "")
        + "]";
  }
}
