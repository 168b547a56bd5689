package fr.strasbourg.metrocloud.workflow.domain;

import java.time.LocalDate;
import java.time.Month;
import java.util.Map;
import java.util.TreeMap;

/**
 * French public holidays (Code du travail, L3133-1) and the two more of Alsace-Moselle (L3134-13:
 * Good Friday, 26 December), which apply to every commune of the Eurométropole.
 */
public final class PublicHolidays {

  private PublicHolidays() {}

  /** The holidays of a year, by date, with their French names. */
  public static Map<LocalDate, String> of(int year, boolean alsaceMoselle) {
    Map<LocalDate, String> days = new TreeMap<>();
    LocalDate easter = easterSunday(year);
    days.put(LocalDate.of(year, Month.JANUARY, 1), "Jour de l'an");
    days.put(easter.plusDays(1), "Lundi de Pâques");
    days.put(LocalDate.of(year, Month.MAY, 1), "Fête du Travail");
    days.put(LocalDate.of(year, Month.MAY, 8), "Victoire 1945");
    days.put(easter.plusDays(39), "Ascension");
    days.put(easter.plusDays(50), "Lundi de Pentecôte");
    days.put(LocalDate.of(year, Month.JULY, 14), "Fête nationale");
    days.put(LocalDate.of(year, Month.AUGUST, 15), "Assomption");
    days.put(LocalDate.of(year, Month.NOVEMBER, 1), "Toussaint");
    days.put(LocalDate.of(year, Month.NOVEMBER, 11), "Armistice 1918");
    days.put(LocalDate.of(year, Month.DECEMBER, 25), "Noël");
    if (alsaceMoselle) {
      days.put(easter.minusDays(2), "Vendredi saint");
      days.put(LocalDate.of(year, Month.DECEMBER, 26), "Saint-Étienne");
    }
    return days;
  }

  public static boolean isHoliday(LocalDate day, boolean alsaceMoselle) {
    return of(day.getYear(), alsaceMoselle).containsKey(day);
  }

  /**
   * The day that is {@code n} working days (Monday to Friday, not a public holiday) after {@code
   * from}, e.g. when a manager's reminder falls due.
   */
  public static LocalDate addWorkingDays(LocalDate from, int n, boolean alsaceMoselle) {
    if (n < 0) {
      throw new IllegalArgumentException("n must be positive");
    }
    LocalDate day = from;
    int left = n;
    while (left > 0) {
      day = day.plusDays(1);
      if (day.getDayOfWeek().getValue() <= 5 && !isHoliday(day, alsaceMoselle)) {
        left--;
      }
    }
    return day;
  }

  /** Easter Sunday (Gregorian calendar, anonymous algorithm of Meeus/Jones/Butcher). */
  public static LocalDate easterSunday(int year) {
    int a = year % 19;
    int b = year / 100;
    int c = year % 100;
    int d = b / 4;
    int e = b % 4;
    int f = (b + 8) / 25;
    int g = (b - f + 1) / 3;
    int h = (19 * a + b - d - g + 15) % 30;
    int i = c / 4;
    int k = c % 4;
    int l = (32 + 2 * e + 2 * i - h - k) % 7;
    int m = (a + 11 * h + 22 * l) / 451;
    int month = (h + l - 7 * m + 114) / 31;
    int day = ((h + l - 7 * m + 114) % 31) + 1;
    return LocalDate.of(year, month, day);
  }
}
