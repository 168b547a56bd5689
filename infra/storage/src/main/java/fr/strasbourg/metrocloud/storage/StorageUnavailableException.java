package fr.strasbourg.metrocloud.storage;

/**
 * The object store could not be reached or refused the request; the operation had no effect worth
 * keeping.
 */
public class StorageUnavailableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public StorageUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
