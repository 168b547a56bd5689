package fr.strasbourg.metrocloud.archive.domain;

import java.time.LocalDate;
import java.util.Optional;

/**
 * Whether an archive unit may appear in a disposal proposal today: its retention period has ended,
 * its final action is destruction, and no legal hold blocks it. Destruction itself still needs the
 * approvals of the commune and of the archives authority.
 */
public final class DisposalEligibility {

  private DisposalEligibility() {}

  /** The decision and, when not eligible, why (in French). */
  public record Decision(boolean eligible, Optional<LocalDate> retentionEnd, String reason) {}

  public static Decision of(
      RetentionRule rule, LocalDate retentionStart, boolean legalHold, LocalDate today) {
    Optional<LocalDate> end = rule.endOf(retentionStart);
    if (rule.finalAction() == FinalAction.KEEP) {
      return new Decision(false, end, "Conservation définitive : l'unité ne sera pas détruite.");
    }
    if (legalHold) {
      return new Decision(false, end, "Un gel (legal hold) bloque toute élimination de l'unité.");
    }
    if (end.isEmpty() || today.isBefore(end.get())) {
      return new Decision(
          false,
          end,
          "La durée de conservation court jusqu'au "
              + end.map(LocalDate::toString).orElse("—")
              + ".");
    }
    return new Decision(true, end, "Durée de conservation échue le " + end.get() + ".");
  }
}
