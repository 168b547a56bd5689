package fr.strasbourg.metrocloud.catalog.api;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The stable code of a catalogue service, e.g. {@code e-signature}, {@code document-management}.
 */
public record ServiceCode(String value) {

  private static final Pattern FORMAT = Pattern.compile("[a-z][a-z0-9-]{1,39}");

  /** Codes of the services the platform offers today. */
  public static final ServiceCode E_SIGNATURE = new ServiceCode("e-signature");

  public static final ServiceCode DOCUMENT_MANAGEMENT = new ServiceCode("document-management");
  public static final ServiceCode ARCHIVING = new ServiceCode("archiving");
  public static final ServiceCode LEAVE_REQUESTS = new ServiceCode("leave-requests");
  public static final ServiceCode MISSION_ORDERS = new ServiceCode("mission-orders");
  public static final ServiceCode FINANCE_CONNECTOR = new ServiceCode("finance-connector");
  public static final ServiceCode HR_CONNECTOR = new ServiceCode("hr-connector");

  public ServiceCode {
    Objects.requireNonNull(value, "service code");
    if (!isValid(value)) {
      throw new IllegalArgumentException("Not a service code: " + value);
    }
  }

  public static boolean isValid(String candidate) {
    return candidate != null && FORMAT.matcher(candidate).matches();
  }

  @Override
  public String toString() {
    return value;
  }
}
