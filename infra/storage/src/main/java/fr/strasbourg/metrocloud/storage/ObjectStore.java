package fr.strasbourg.metrocloud.storage;

import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import java.io.InputStream;
import java.util.List;

/**
 * The commune's object store. Every method works in the bucket of the context's commune and never
 * holds a database transaction while it talks to the store (it fetches the commune's data key in
 * its own short transaction).
 *
 * @throws StorageUnavailableException from every method when the object store cannot be reached
 */
public interface ObjectStore {

  /**
   * Encrypts and stores {@code size} bytes under {@code key}, replacing nothing: keys are chosen
   * unique by callers. Returns the plaintext's size and SHA-256 as read (a stream shorter or longer
   * than {@code size} is refused).
   */
  StoredObject put(CallContext commune, String key, InputStream plaintext, long size);

  /**
   * Opens a decrypting stream of the object; reading it fails with an IOException if the object was
   * altered.
   */
  InputStream open(CallContext commune, String key);

  boolean exists(CallContext commune, String key);

  /** Deletes the object if it exists. */
  void delete(CallContext commune, String key);

  /** Keys under a prefix, in lexical order. */
  List<String> keys(CallContext commune, String prefix);

  /** Objects under a prefix with their last modification, in lexical order of keys. */
  List<ObjectSummary> list(CallContext commune, String prefix);

  /** An object as listed. */
  record ObjectSummary(String key, java.time.Instant lastModified, long storedSize) {}
}
