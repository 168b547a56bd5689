package fr.strasbourg.metrocloud.storage.internal;

import fr.strasbourg.metrocloud.kernel.tenancy.TenantId;
import fr.strasbourg.metrocloud.storage.internal.crypto.MasterKey;
import fr.strasbourg.metrocloud.storage.internal.crypto.SegmentedAesGcm;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Object-storage settings (MicroProfile Config). Secrets come from the environment only: {@code
 * METROCLOUD_STORAGE_ACCESS_KEY}, {@code METROCLOUD_STORAGE_SECRET_KEY}, {@code
 * METROCLOUD_STORAGE_MASTER_KEY} (base64 of 32 random bytes, e.g. {@code openssl rand -base64 32}).
 */
@ApplicationScoped
public class StorageSettings {

  /**
   * The S3 endpoint: MinIO in production, the local S3 server started by the run command and the
   * tests.
   */
  @Inject
  @ConfigProperty(name = "metrocloud.storage.endpoint", defaultValue = "http://127.0.0.1:9100")
  String endpoint;

  @Inject
  @ConfigProperty(name = "metrocloud.storage.region", defaultValue = "us-east-1")
  String region;

  @Inject
  @ConfigProperty(name = "metrocloud.storage.access-key")
  String accessKey;

  @Inject
  @ConfigProperty(name = "metrocloud.storage.secret-key")
  String secretKey;

  @Inject
  @ConfigProperty(name = "metrocloud.storage.master-key")
  String masterKeyBase64;

  @Inject
  @ConfigProperty(name = "metrocloud.storage.bucket-prefix", defaultValue = "metrocloud-")
  String bucketPrefix;

  @Inject
  @ConfigProperty(name = "metrocloud.storage.timeout-seconds", defaultValue = "30")
  int timeoutSeconds;

  private volatile MasterKey masterKey;

  public String endpoint() {
    return endpoint;
  }

  public String region() {
    return region;
  }

  public String accessKey() {
    return accessKey;
  }

  public String secretKey() {
    return secretKey;
  }

  public int timeoutSeconds() {
    return timeoutSeconds;
  }

  public int segmentSize() {
    return SegmentedAesGcm.DEFAULT_SEGMENT_SIZE;
  }

  public MasterKey masterKey() {
    MasterKey key = masterKey;
    if (key == null) {
      key = MasterKey.fromBase64(masterKeyBase64);
      masterKey = key;
    }
    return key;
  }

  /** The commune's bucket: {@code metrocloud-67482}, {@code metrocloud-2a004}. */
  public String bucketOf(TenantId tenant) {
    return bucketPrefix + tenant.value().toLowerCase(Locale.ROOT);
  }
}
