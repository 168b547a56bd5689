package fr.strasbourg.metrocloud.app.problem;

import fr.strasbourg.metrocloud.kernel.problem.Problem;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Collection;
import java.util.Map;

/** Renders problems as {@code application/problem+json}. */
public final class ProblemResponses {

  public static final MediaType PROBLEM_JSON =
      new MediaType("application", "problem+json", "UTF-8");

  public static final String TYPE_BASE = "https://metrocloud.strasbourg.eu/problems/";

  private static final java.util.Set<String> STANDARD_MEMBERS =
      java.util.Set.of("type", "title", "status", "detail", "instance", "code");

  private ProblemResponses() {}

  public static Response of(Problem problem, URI instance) {
    return of(
        problem.status(),
        problem.code(),
        problem.title(),
        problem.detail(),
        instance,
        problem.extensions());
  }

  public static Response of(
      int status,
      String code,
      String title,
      String detail,
      URI instance,
      Map<String, Object> extensions) {
    JsonObjectBuilder body =
        Json.createObjectBuilder()
            .add("type", TYPE_BASE + code)
            .add("title", title)
            .add("status", status)
            .add("code", code);
    if (detail != null) {
      body.add("detail", detail);
    }
    if (instance != null) {
      body.add("instance", instance.getPath());
    }
    extensions.forEach(
        (key, value) -> {
          // RFC 9457 members cannot be overridden by an extension
          if (!STANDARD_MEMBERS.contains(key)) {
            add(body, key, value);
          }
        });
    return Response.status(status).type(PROBLEM_JSON).entity(body.build().toString()).build();
  }

  private static void add(JsonObjectBuilder body, String key, Object value) {
    if (value == null) {
      body.addNull(key);
    } else if (value instanceof Number n) {
      body.add(key, Json.createValue(n.toString().contains(".") ? n.doubleValue() : n.longValue()));
    } else if (value instanceof Boolean b) {
      body.add(key, b);
    } else if (value instanceof Collection<?> c) {
      JsonArrayBuilder array = Json.createArrayBuilder();
      for (Object item : c) {
        if (item instanceof Map<?, ?> m) {
          JsonObjectBuilder o = Json.createObjectBuilder();
          m.forEach(
              (k, v) -> {
                if (v instanceof Number n && !n.toString().contains(".")) {
                  o.add(String.valueOf(k), n.longValue());
                } else {
                  o.add(String.valueOf(k), String.valueOf(v));
                }
              });
          array.add(o);
        } else {
          array.add(String.valueOf(item));
        }
      }
      body.add(key, array);
    } else {
      body.add(key, value.toString());
    }
  }
}
