package fr.strasbourg.metrocloud.kernel.tenancy;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The INSEE code of a French commune ("code officiel géographique"), e.g. {@code 67482} for
 * Strasbourg. It is the key of a commune's tenant. Five characters: two for the département
 * (digits, or {@code 2A}/{@code 2B} for Corsica) and three for the commune.
 */
public record InseeCode(String value) implements Comparable<InseeCode> {

  private static final Pattern FORMAT = Pattern.compile("(?:\\d{5}|2[AB]\\d{3})");

  public InseeCode {
    Objects.requireNonNull(value, "INSEE code");
    if (!isValid(value)) {
      throw new IllegalArgumentException("Not an INSEE commune code: " + abbreviate(value));
    }
  }

  public static boolean isValid(String candidate) {
    return candidate != null
        && FORMAT.matcher(candidate).matches()
        && !candidate.startsWith("00")
        && !candidate.endsWith("000");
  }

  public static InseeCode of(String value) {
    return new InseeCode(value);
  }

  /** The département part, e.g. {@code 67} for Bas-Rhin. */
  public String departement() {
    return value.substring(0, 2);
  }

  @Override
  public int compareTo(InseeCode other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }

  static String abbreviate(String s) {
    return s.length() <= 20 ? "'" + s + "'" : "'" + s.substring(0, 20) + "…'";
  }
}
