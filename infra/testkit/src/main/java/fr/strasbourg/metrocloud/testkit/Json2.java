package fr.strasbourg.metrocloud.testkit;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import java.io.StringReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/** Small JSON and form helpers. */
public final class Json2 {

  private Json2() {}

  public static JsonStructure parse(String text) {
    try (JsonReader reader = Json.createReader(new StringReader(text))) {
      return reader.read();
    }
  }

  public static JsonObject object(String text) {
    return (JsonObject) parse(text);
  }

  public static JsonArray array(String text) {
    return (JsonArray) parse(text);
  }

  public static String form(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
        .collect(Collectors.joining("&"));
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
