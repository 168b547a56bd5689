package fr.strasbourg.metrocloud.workflow.engine;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source whose connections work in one schema ({@code search_path}) and give the pool back
 * its default path when closed. Flowable's create and upgrade scripts name tables without a schema,
 * so the schema owner runs them through this.
 */
final class SchemaPinnedDataSource implements DataSource {

  private final DataSource delegate;
  private final String schema;

  SchemaPinnedDataSource(DataSource delegate, String schema) {
    this.delegate = delegate;
    this.schema = FlowableSchema.identifier(schema);
  }

  @Override
  public Connection getConnection() throws SQLException {
    return pin(delegate.getConnection());
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return pin(delegate.getConnection(username, password));
  }

  private Connection pin(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute("SET search_path TO " + schema);
    }
    InvocationHandler handler =
        (proxy, method, args) -> {
          if ("close".equals(method.getName()) && method.getParameterCount() == 0) {
            try (Statement s = connection.createStatement()) {
              s.execute("RESET search_path");
            } catch (SQLException ignored) {
              // the connection is broken anyway; the pool will discard it
            }
          }
          try {
            return method.invoke(connection, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        };
    return (Connection)
        Proxy.newProxyInstance(
            SchemaPinnedDataSource.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            handler);
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return delegate.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    delegate.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    delegate.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return delegate.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return delegate.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return delegate.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return delegate.isWrapperFor(iface);
  }
}
