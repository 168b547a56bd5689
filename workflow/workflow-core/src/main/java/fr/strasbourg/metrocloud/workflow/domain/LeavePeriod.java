package fr.strasbourg.metrocloud.workflow.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A leave from a half day to a half day, both included, e.g. from Monday afternoon to Friday
 * morning.
 */
public record LeavePeriod(LocalDate start, HalfDay startHalf, LocalDate end, HalfDay endHalf) {

  private static final BigDecimal HALF = new BigDecimal("0.5");

  public LeavePeriod {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    startHalf = startHalf == null ? HalfDay.MORNING : startHalf;
    endHalf = endHalf == null ? HalfDay.AFTERNOON : endHalf;
    if (end.isBefore(start) || (end.equals(start) && endHalf.compareTo(startHalf) < 0)) {
      throw new IllegalArgumentException("La fin du congé précède son début.");
    }
    if (end.isAfter(start.plusYears(1))) {
      throw new IllegalArgumentException("Un congé dure au plus un an.");
    }
  }

  /**
   * The working days the leave takes, in half days: the half days the agent works, not on a weekend
   * day they do not work, not on a public holiday.
   */
  public BigDecimal workingDays(WorkingPattern pattern, boolean alsaceMoselle) {
    int halves = 0;
    for (LocalDate day = start; !day.isAfter(end); day = day.plusDays(1)) {
      if (PublicHolidays.isHoliday(day, alsaceMoselle)) {
        continue;
      }
      for (HalfDay half : HalfDay.values()) {
        boolean inside =
            !(day.equals(start) && half.compareTo(startHalf) < 0)
                && !(day.equals(end) && half.compareTo(endHalf) > 0);
        if (inside && pattern.works(day.getDayOfWeek(), half)) {
          halves++;
        }
      }
    }
    return HALF.multiply(BigDecimal.valueOf(halves)).stripTrailingZeros();
  }

  /** Whether two leaves share at least one half day. */
  public boolean overlaps(LeavePeriod other) {
    return !endsBefore(this, other) && !endsBefore(other, this);
  }

  private static boolean endsBefore(LeavePeriod a, LeavePeriod b) {
    return a.end.isBefore(b.start)
        || (a.end.equals(b.start) && a.endHalf.compareTo(b.startHalf) < 0);
  }
}
