package fr.strasbourg.metrocloud.kernel.tenancy;

import java.util.Objects;
import java.util.Optional;

/**
 * The value stored in the {@code tenant_id} column of every tenant-owned table and compared by the
 * Row-Level Security policies. It is either a commune's INSEE code or {@link #PLATFORM}, the
 * pseudo-tenant that owns the records of the Eurométropole's DSI itself (e.g. the audit trail of
 * cross-tenant operator reads).
 */
public final class TenantId implements Comparable<TenantId> {

  private static final String PLATFORM_VALUE = "platform";

  /** The DSI's own pseudo-tenant; no commune user can ever be bound to it. */
  public static final TenantId PLATFORM = new TenantId(PLATFORM_VALUE);

  private final String value;

  private TenantId(String value) {
    this.value = value;
  }

  public static TenantId of(InseeCode commune) {
    return new TenantId(Objects.requireNonNull(commune).value());
  }

  /** Parses a stored value; accepts an INSEE code or {@code platform}. */
  public static TenantId parse(String value) {
    if (PLATFORM_VALUE.equals(value)) {
      return PLATFORM;
    }
    return of(InseeCode.of(value));
  }

  public String value() {
    return value;
  }

  public boolean isPlatform() {
    return this == PLATFORM || PLATFORM_VALUE.equals(value);
  }

  /** The commune this tenant is, empty for the platform pseudo-tenant. */
  public Optional<InseeCode> commune() {
    return isPlatform() ? Optional.empty() : Optional.of(InseeCode.of(value));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TenantId other && other.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public int compareTo(TenantId o) {
    return value.compareTo(o.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
