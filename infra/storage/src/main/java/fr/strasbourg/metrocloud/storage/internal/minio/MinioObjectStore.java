package fr.strasbourg.metrocloud.storage.internal.minio;

import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.storage.ObjectStore;
import fr.strasbourg.metrocloud.storage.StorageUnavailableException;
import fr.strasbourg.metrocloud.storage.StoredObject;
import fr.strasbourg.metrocloud.storage.internal.StorageSettings;
import fr.strasbourg.metrocloud.storage.internal.crypto.SegmentedAesGcm;
import fr.strasbourg.metrocloud.storage.internal.keys.TenantKeyring;
import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveBucketArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.Item;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;

/**
 * {@link ObjectStore} on an S3 server through the MinIO SDK. Objects are encrypted with the
 * commune's data key on the way in and decrypted on the way out, streaming both ways (no whole
 * object in memory); the plaintext's SHA-256 is computed while it streams and kept as object
 * metadata too.
 */
@ApplicationScoped
public class MinioObjectStore implements ObjectStore {

  @Inject StorageSettings settings;

  @Inject TenantKeyring keyring;

  private MinioClient client;

  private OkHttpClient http;

  @PostConstruct
  void connect() {
    http =
        new OkHttpClient.Builder()
            .connectTimeout(5, TimeUnit.SECONDS)
            .writeTimeout(settings.timeoutSeconds(), TimeUnit.SECONDS)
            .readTimeout(settings.timeoutSeconds(), TimeUnit.SECONDS)
            .retryOnConnectionFailure(false)
            .build();
    client =
        MinioClient.builder()
            .endpoint(settings.endpoint())
            .region(settings.region())
            .credentials(settings.accessKey(), settings.secretKey())
            .httpClient(http)
            .build();
  }

  @Override
  public StoredObject put(CallContext commune, String key, InputStream plaintext, long size) {
    TenantKeyring.DataKey dataKey = requireKey(commune);
    MessageDigest sha256 = sha256();
    CountingInputStream counted =
        new CountingInputStream(new DigestInputStream(plaintext, sha256), size);
    long storedSize = SegmentedAesGcm.encryptedSize(size, settings.segmentSize());
    try (InputStream encrypted =
        SegmentedAesGcm.encrypt(counted, dataKey.key(), dataKey.id(), settings.segmentSize())) {
      client.putObject(
          PutObjectArgs.builder().bucket(bucket(commune)).object(key).stream(
                  encrypted, storedSize, -1)
              .contentType("application/octet-stream")
              .userMetadata(Map.of("metrocloud-key-id", dataKey.id().toString()))
              .build());
    } catch (SizeMismatch e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    } catch (Exception e) {
      SizeMismatch mismatch = causeOf(e, SizeMismatch.class);
      if (mismatch != null) {
        throw new IllegalArgumentException(mismatch.getMessage(), e);
      }
      if (counted.ended() && counted.count() < size) {
        throw new IllegalArgumentException(
            "Expected " + size + " bytes, the content ended after " + counted.count(), e);
      }
      throw unavailable("écriture de " + key, e);
    }
    if (counted.count() != size) {
      deleteQuietly(commune, key);
      throw new IllegalArgumentException("Expected " + size + " bytes, read " + counted.count());
    }
    return new StoredObject(key, size, HexFormat.of().formatHex(sha256.digest()), storedSize);
  }

  @Override
  public InputStream open(CallContext commune, String key) {
    TenantKeyring.DataKey dataKey = requireKey(commune);
    try {
      InputStream encrypted =
          client.getObject(GetObjectArgs.builder().bucket(bucket(commune)).object(key).build());
      return SegmentedAesGcm.decrypt(
          encrypted, id -> id.equals(dataKey.id()) ? dataKey.key() : null);
    } catch (ErrorResponseException e) {
      if ("NoSuchKey".equals(e.errorResponse().code())) {
        throw new ObjectMissingException("Objet absent du stockage : " + key, e);
      }
      throw unavailable("lecture de " + key, e);
    } catch (Exception e) {
      throw unavailable("lecture de " + key, e);
    }
  }

  @Override
  public boolean exists(CallContext commune, String key) {
    try {
      client.statObject(StatObjectArgs.builder().bucket(bucket(commune)).object(key).build());
      return true;
    } catch (ErrorResponseException e) {
      if ("NoSuchKey".equals(e.errorResponse().code())
          || "NoSuchBucket".equals(e.errorResponse().code())) {
        return false;
      }
      throw unavailable("lecture de " + key, e);
    } catch (Exception e) {
      throw unavailable("lecture de " + key, e);
    }
  }

  @Override
  public void delete(CallContext commune, String key) {
    try {
      client.removeObject(RemoveObjectArgs.builder().bucket(bucket(commune)).object(key).build());
    } catch (Exception e) {
      throw unavailable("suppression de " + key, e);
    }
  }

  @Override
  public List<ObjectSummary> list(CallContext commune, String prefix) {
    List<ObjectSummary> objects = new ArrayList<>();
    try {
      for (Result<Item> result :
          client.listObjects(
              ListObjectsArgs.builder()
                  .bucket(bucket(commune))
                  .prefix(prefix)
                  .recursive(true)
                  .build())) {
        Item item = result.get();
        objects.add(
            new ObjectSummary(
                item.objectName(),
                item.lastModified() == null
                    ? java.time.Instant.EPOCH
                    : item.lastModified().toInstant(),
                item.size()));
      }
    } catch (Exception e) {
      throw unavailable("liste des objets", e);
    }
    objects.sort(java.util.Comparator.comparing(ObjectSummary::key));
    return objects;
  }

  @Override
  public List<String> keys(CallContext commune, String prefix) {
    List<String> keys = new ArrayList<>();
    try {
      for (Result<Item> item :
          client.listObjects(
              ListObjectsArgs.builder()
                  .bucket(bucket(commune))
                  .prefix(prefix)
                  .recursive(true)
                  .build())) {
        keys.add(item.get().objectName());
      }
    } catch (Exception e) {
      throw unavailable("liste des objets", e);
    }
    keys.sort(null);
    return keys;
  }

  // ---- buckets (provisioning)
  // ---------------------------------------------------------------------------------------

  /** Creates the commune's bucket unless it exists; returns its name. */
  public String ensureBucket(CallContext commune) {
    String bucket = bucket(commune);
    try {
      if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
        client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
      }
      return bucket;
    } catch (Exception e) {
      throw unavailable("création du compartiment " + bucket, e);
    }
  }

  /** Deletes every object of the commune's bucket, then the bucket. */
  public void removeBucket(CallContext commune) {
    String bucket = bucket(commune);
    try {
      if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
        return;
      }
      for (String key : keys(commune, "")) {
        client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build());
      }
      client.removeBucket(RemoveBucketArgs.builder().bucket(bucket).build());
    } catch (StorageUnavailableException e) {
      throw e;
    } catch (Exception e) {
      throw unavailable("suppression du compartiment " + bucket, e);
    }
  }

  public boolean bucketExists(CallContext commune) {
    try {
      return client.bucketExists(BucketExistsArgs.builder().bucket(bucket(commune)).build());
    } catch (Exception e) {
      throw unavailable("lecture du compartiment", e);
    }
  }

  public String bucket(CallContext commune) {
    return settings.bucketOf(commune.tenant());
  }

  private TenantKeyring.DataKey requireKey(CallContext commune) {
    return keyring
        .current(commune)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "La commune "
                        + commune.tenant()
                        + " n'a pas de clé de chiffrement (détruite ou jamais créée)"));
  }

  private void deleteQuietly(CallContext commune, String key) {
    try {
      delete(commune, key);
    } catch (RuntimeException ignored) {
      // the orphan reconciliation removes it later
    }
  }

  /**
   * A failed exchange may leave dead connections in the pool (e.g. the store restarted): they are
   * dropped so that the next call opens a fresh one instead of failing on a stale one.
   */
  private StorageUnavailableException unavailable(String what, Exception e) {
    if (http != null) {
      http.connectionPool().evictAll();
    }
    return new StorageUnavailableException(
        "Stockage des documents indisponible pendant : " + what + " (" + rootMessage(e) + ")", e);
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName()
        + (root.getMessage() == null ? "" : ": " + root.getMessage());
  }

  private static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The object is not in the store (its metadata says it should be). */
  public static final class ObjectMissingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ObjectMissingException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The stream was longer than announced. */
  static final class SizeMismatch extends IOException {
    private static final long serialVersionUID = 1L;

    SizeMismatch(String message) {
      super(message);
    }
  }

  /** Counts what it reads and refuses to read beyond the announced size. */
  static final class CountingInputStream extends FilterInputStream {
    private final long limit;
    private long count;
    private boolean ended;

    CountingInputStream(InputStream in, long limit) {
      super(in);
      this.limit = limit;
    }

    long count() {
      return count;
    }

    boolean ended() {
      return ended;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b != -1) {
        advance(1);
      } else {
        ended = true;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        advance(n);
      } else if (n == -1) {
        ended = true;
      }
      return n;
    }

    private void advance(long n) throws SizeMismatch {
      count += n;
      if (count > limit) {
        throw new SizeMismatch("The content is longer than the announced " + limit + " bytes");
      }
    }
  }
}
