package fr.strasbourg.metrocloud.workflow.domain;

import java.time.DayOfWeek;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The half days an agent works in a week, e.g. full time Monday to Friday, or 80 % without
 * Wednesday afternoons.
 */
public record WorkingPattern(Map<DayOfWeek, Set<HalfDay>> halfDays) {

  public WorkingPattern {
    EnumMap<DayOfWeek, Set<HalfDay>> copy = new EnumMap<>(DayOfWeek.class);
    halfDays.forEach((day, halves) -> copy.put(day, Set.copyOf(halves)));
    halfDays = Map.copyOf(copy);
  }

  /** Monday to Friday, mornings and afternoons. */
  public static WorkingPattern fullTime() {
    Map<DayOfWeek, Set<HalfDay>> days = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek d : EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY)) {
      days.put(d, EnumSet.allOf(HalfDay.class));
    }
    return new WorkingPattern(days);
  }

  /** Full time except the given half days. */
  public WorkingPattern without(DayOfWeek day, HalfDay... halves) {
    Map<DayOfWeek, Set<HalfDay>> days = new EnumMap<>(DayOfWeek.class);
    halfDays.forEach(
        (d, h) -> days.put(d, EnumSet.copyOf(h.isEmpty() ? EnumSet.noneOf(HalfDay.class) : h)));
    Set<HalfDay> left = days.getOrDefault(day, EnumSet.noneOf(HalfDay.class));
    for (HalfDay h : halves) {
      left.remove(h);
    }
    days.put(day, left);
    return new WorkingPattern(days);
  }

  /**
   * Reads the stored form: comma-separated days ({@code MON} … {@code SUN}), a day worked only in
   * the morning or the afternoon suffixed {@code _AM} or {@code _PM}, e.g. {@code
   * MON,TUE,WED_AM,THU,FRI}.
   */
  public static WorkingPattern parse(String text) {
    Map<DayOfWeek, Set<HalfDay>> days = new EnumMap<>(DayOfWeek.class);
    for (String token : text.split(",")) {
      String t = token.strip();
      String day = t.length() >= 3 ? t.substring(0, 3) : t;
      DayOfWeek d =
          switch (day) {
            case "MON" -> DayOfWeek.MONDAY;
            case "TUE" -> DayOfWeek.TUESDAY;
            case "WED" -> DayOfWeek.WEDNESDAY;
            case "THU" -> DayOfWeek.THURSDAY;
            case "FRI" -> DayOfWeek.FRIDAY;
            case "SAT" -> DayOfWeek.SATURDAY;
            case "SUN" -> DayOfWeek.SUNDAY;
            default -> throw new IllegalArgumentException("Jour inconnu : " + t);
          };
      Set<HalfDay> halves = days.computeIfAbsent(d, k -> EnumSet.noneOf(HalfDay.class));
      switch (t.substring(3)) {
        case "" -> halves.addAll(EnumSet.allOf(HalfDay.class));
        case "_AM" -> halves.add(HalfDay.MORNING);
        case "_PM" -> halves.add(HalfDay.AFTERNOON);
        default -> throw new IllegalArgumentException("Demi-journée inconnue : " + t);
      }
    }
    return new WorkingPattern(days);
  }

  public boolean works(DayOfWeek day, HalfDay half) {
    return halfDays.getOrDefault(day, Set.of()).contains(half);
  }
}
