package fr.strasbourg.metrocloud.kernel.tenancy;

import java.util.Objects;

/**
 * What a database transaction is bound to: the tenant whose rows it may write (and read) and
 * whether the operator-only cross-tenant read policy is enabled. Written into the transaction-local
 * PostgreSQL settings {@code app.tenant_id} and {@code app.cross_tenant_read}.
 */
public record TenantBinding(TenantId tenant, boolean crossTenantRead) {
  public TenantBinding {
    Objects.requireNonNull(tenant, "tenant");
  }
}
