package fr.strasbourg.metrocloud.app.problem;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bean Validation failures of request bodies and parameters: 400 with one entry per invalid field.
 */
@Provider
public class ValidationMapper implements ExceptionMapper<ConstraintViolationException> {

  @Context UriInfo uriInfo;

  ValidationMapper withUri(UriInfo info) {
    this.uriInfo = info;
    return this;
  }

  @Override
  public Response toResponse(ConstraintViolationException exception) {
    List<Map<String, String>> errors = new ArrayList<>();
    exception.getConstraintViolations().stream()
        .sorted(Comparator.comparing(v -> field(v)))
        .forEach(
            v -> {
              Map<String, String> error = new LinkedHashMap<>();
              error.put("field", field(v));
              error.put("message", v.getMessage());
              errors.add(error);
            });
    String detail =
        errors.isEmpty()
            ? "Requête invalide."
            : "Requête invalide : "
                + String.join(
                    ", ",
                    errors.stream().map(e -> e.get("field") + " " + e.get("message")).toList())
                + ".";
    return ProblemResponses.of(
        400,
        "validation-failed",
        "Requête invalide",
        detail,
        uriInfo.getRequestUri(),
        Map.of("errors", errors));
  }

  /** The JSON path of the field, without the Java method and parameter names. */
  static String field(ConstraintViolation<?> violation) {
    List<String> names = new ArrayList<>();
    for (Path.Node node : violation.getPropertyPath()) {
      switch (node.getKind()) {
        case PROPERTY, CONTAINER_ELEMENT -> names.add(node.getName());
        default -> {
          // method and parameter nodes name Java code, not the JSON document
        }
      }
    }
    return names.isEmpty() ? "body" : String.join(".", names);
  }
}
