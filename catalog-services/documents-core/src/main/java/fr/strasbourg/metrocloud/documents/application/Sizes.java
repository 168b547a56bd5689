package fr.strasbourg.metrocloud.documents.application;

import java.util.Locale;

/** Sizes as people read them, in French ("1,5 Mio"). */
final class Sizes {

  private Sizes() {}

  static String human(long bytes) {
    if (bytes < 1024) {
      return bytes + " o";
    }
    String[] units = {"Kio", "Mio", "Gio", "Tio"};
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.FRANCE, "%.1f %s", value, units[unit]);
  }
}
