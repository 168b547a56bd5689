package fr.strasbourg.metrocloud.documents.domain;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Tags of a document: at most 20, each 1 to 40 letters, digits, spaces, hyphens or apostrophes,
 * lower-cased.
 */
public final class Tags {

  public static final int MAX_TAGS = 20;
  private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} '’-]{0,39}");

  private Tags() {}

  /**
   * Normalized tags (trimmed, lower case, duplicates removed); throws with a French reason if one
   * is invalid.
   */
  public static List<String> normalize(List<String> tags) {
    if (tags == null) {
      return List.of();
    }
    Set<String> result = new LinkedHashSet<>();
    for (String tag : tags) {
      String t = tag == null ? "" : tag.strip().toLowerCase(Locale.FRENCH);
      if (!TAG.matcher(t).matches()) {
        throw new IllegalArgumentException(
            "étiquette invalide : « " + (t.length() > 40 ? t.substring(0, 40) + "…" : t) + " »");
      }
      result.add(t);
    }
    if (result.size() > MAX_TAGS) {
      throw new IllegalArgumentException("au plus " + MAX_TAGS + " étiquettes");
    }
    return new ArrayList<>(result);
  }

  static String join(List<String> tags) {
    return String.join("\n", tags);
  }

  static List<String> split(String stored) {
    return stored == null || stored.isEmpty() ? List.of() : List.of(stored.split("\n"));
  }
}
