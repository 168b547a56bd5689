package fr.strasbourg.metrocloud.documents.domain;

import java.text.Normalizer;

/**
 * File names as users give them, made safe to store and to send back in a Content-Disposition
 * header: no path (a name with {@code /} or {@code \} is refused, not silently cut), no control
 * characters, at most 255 characters.
 */
public final class FileNames {

  public static final int MAX_LENGTH = 255;

  private FileNames() {}

  /** The reason a name is refused, or {@code null} if it is acceptable. */
  public static String problemWith(String name) {
    if (name == null || name.isBlank()) {
      return "le nom du fichier est vide";
    }
    if (name.length() > MAX_LENGTH) {
      return "le nom du fichier dépasse " + MAX_LENGTH + " caractères";
    }
    if (name.contains("/") || name.contains("\\")) {
      return "le nom du fichier ne doit pas contenir de séparateur de chemin (/ ou \\)";
    }
    if (name.equals(".") || name.equals("..")) {
      return "nom de fichier invalide";
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
        return "le nom du fichier contient des caractères de contrôle";
      }
    }
    return null;
  }

  /** NFC-normalized and trimmed; call only on an acceptable name. */
  public static String normalize(String name) {
    return Normalizer.normalize(name.strip(), Normalizer.Form.NFC);
  }

  /** The name without its extension, as a default title. */
  public static String titleOf(String fileName) {
    int dot = fileName.lastIndexOf('.');
    String base = dot > 0 ? fileName.substring(0, dot) : fileName;
    return base.length() > 200 ? base.substring(0, 200) : base;
  }
}
