package fr.strasbourg.metrocloud.app.support;

import io.minio.BucketExistsArgs;
import io.minio.MinioClient;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Looks at the object store and the data keys directly, as an administrator of the infrastructure
 * would.
 */
public final class Storage {

  private Storage() {}

  public static MinioClient client() {
    return MinioClient.builder()
        .endpoint(TestObjectStore.endpoint())
        .region("us-east-1")
        .credentials(
            System.getProperty("metrocloud.storage.access-key", "metrocloud"),
            System.getProperty("metrocloud.storage.secret-key", "test-storage-secret"))
        .build();
  }

  public static boolean bucketExists(String bucket) {
    try {
      return client().bucketExists(BucketExistsArgs.builder().bucket(bucket).build());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether the commune's data key row says destroyed (throws if the commune has no key row). */
  public static boolean dataKeyDestroyed(String insee) {
    try (Connection owner = Database.asOwner()) {
      owner.createStatement().execute("SELECT set_config('app.tenant_id', '" + insee + "', false)");
      try (PreparedStatement s =
          owner.prepareStatement(
              "SELECT destroyed_at IS NOT NULL AND wrapped_key IS NULL FROM tenant_data_keys WHERE tenant_id = ?")) {
        s.setString(1, insee);
        ResultSet r = s.executeQuery();
        if (!r.next()) {
          throw new IllegalStateException("No data key row for " + insee);
        }
        return r.getBoolean(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
