package fr.strasbourg.metrocloud.integration.domain;

import java.util.Map;

/** One record as a CSV file: a header line and a value line, separator {@code ;}, UTF-8, CRLF. */
public final class CsvRecord {

  private CsvRecord() {}

  public static String of(Map<String, String> fields) {
    StringBuilder header = new StringBuilder();
    StringBuilder values = new StringBuilder();
    for (Map.Entry<String, String> f : fields.entrySet()) {
      if (header.length() > 0) {
        header.append(';');
        values.append(';');
      }
      header.append(quote(f.getKey()));
      values.append(quote(f.getValue() == null ? "" : f.getValue()));
    }
    return header + "\r\n" + values + "\r\n";
  }

  static String quote(String value) {
    if (value.indexOf(';') < 0
        && value.indexOf('"') < 0
        && value.indexOf('\n') < 0
        && value.indexOf('\r') < 0) {
      return value;
    }
    return '"' + value.replace("\"", "\"\"") + '"';
  }
}
