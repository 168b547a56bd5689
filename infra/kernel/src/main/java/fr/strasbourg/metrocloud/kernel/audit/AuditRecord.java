package fr.strasbourg.metrocloud.kernel.audit;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One auditable fact: an action verb in {@code context.object.verb} form (e.g. {@code
 * tenant.suspended}), the target it concerns, its outcome and a few string details (no personal
 * data beyond what the action needs; never secrets).
 */
public record AuditRecord(
    String action,
    String targetType,
    String targetId,
    Outcome outcome,
    Map<String, String> details) {

  private static final Pattern ACTION = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*){1,3}");

  public AuditRecord {
    Objects.requireNonNull(action, "action");
    if (!ACTION.matcher(action).matches()) {
      throw new IllegalArgumentException(
          "Audit action must look like context.object.verb: " + action);
    }
    Objects.requireNonNull(outcome, "outcome");
    details = details == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(details));
  }

  public static AuditRecord success(String action, String targetType, String targetId) {
    return new AuditRecord(action, targetType, targetId, Outcome.SUCCESS, Map.of());
  }

  public AuditRecord withDetail(String key, String value) {
    TreeMap<String, String> more = new TreeMap<>(details);
    if (value != null) {
      more.put(key, value);
    }
    return new AuditRecord(action, targetType, targetId, outcome, more);
  }

  public AuditRecord withOutcome(Outcome newOutcome) {
    return new AuditRecord(action, targetType, targetId, newOutcome, details);
  }
}
