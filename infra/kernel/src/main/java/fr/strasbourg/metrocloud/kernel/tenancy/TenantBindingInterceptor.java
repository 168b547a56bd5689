package fr.strasbourg.metrocloud.kernel.tenancy;

import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The one place where a transaction learns its tenant. Runs inside the JTA transaction started by
 * {@code @Transactional} (its priority is above {@code Interceptor.Priority.PLATFORM_BEFORE + 200})
 * and executes {@code set_config('app.tenant_id', …, true)} on the transaction's connection, once
 * per transaction.
 *
 * <p>Why this is safe: Liberty hands the same physical connection (shareable connection) to this
 * interceptor and to EclipseLink within one JTA transaction; {@code is_local = true} makes the
 * settings vanish at commit or rollback, so a pooled connection never carries a tenant into the
 * next transaction. A transaction already bound to another tenant refuses the switch, and a call
 * outside a transaction is refused: without a binding, the policies show nothing and reject every
 * insert (isolation fails closed).
 */
@TenantBound
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 250)
public class TenantBindingInterceptor {

  /**
   * JNDI name of the application's data source (role {@code app_user}, owns nothing, no BYPASSRLS).
   */
  public static final String DATASOURCE = "jdbc/metrocloud";

  private static final String BINDING_KEY = TenantBindingInterceptor.class.getName() + ".binding";

  @Resource(lookup = DATASOURCE)
  DataSource dataSource;

  @Resource TransactionSynchronizationRegistry registry;

  @AroundInvoke
  public Object bind(InvocationContext invocation) throws Exception {
    TenantBinding wanted = bindingOf(invocation);
    int status = registry.getTransactionStatus();
    if (status != Status.STATUS_ACTIVE) {
      throw new IllegalStateException(
          "Tenant-bound method called outside an active transaction (status "
              + status
              + "): "
              + invocation.getMethod().getDeclaringClass().getSimpleName()
              + "."
              + invocation.getMethod().getName());
    }
    Object current = registry.getResource(BINDING_KEY);
    if (current == null) {
      apply(wanted);
      registry.putResource(BINDING_KEY, wanted);
    } else if (!current.equals(wanted)) {
      throw new IllegalStateException(
          "Transaction already bound to " + current + ", refusing switch to " + wanted);
    }
    return invocation.proceed();
  }

  private static TenantBinding bindingOf(InvocationContext invocation) {
    CallContext found = null;
    for (Object parameter : invocation.getParameters()) {
      if (parameter instanceof CallContext context) {
        if (found != null && !found.binding().equals(context.binding())) {
          throw new IllegalStateException("Two different call contexts in one call");
        }
        found = context;
      }
    }
    if (found == null) {
      throw new IllegalStateException(
          "@TenantBound method without CallContext parameter: " + invocation.getMethod());
    }
    return found.binding();
  }

  private void apply(TenantBinding binding) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT set_config('app.tenant_id', ?, true), set_config('app.cross_tenant_read', ?, true)")) {
      statement.setString(1, binding.tenant().value());
      statement.setString(2, binding.crossTenantRead() ? "on" : "off");
      try (ResultSet ignored = statement.executeQuery()) {
        // the settings are transaction-local; nothing to read
      }
    }
  }
}
