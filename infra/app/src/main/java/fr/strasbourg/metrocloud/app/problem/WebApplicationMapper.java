package fr.strasbourg.metrocloud.app.problem;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;

/**
 * Errors raised by the JAX-RS runtime (unknown path, wrong method or media type, unauthenticated,
 * forbidden…).
 */
@Provider
public class WebApplicationMapper implements ExceptionMapper<WebApplicationException> {

  @Context UriInfo uriInfo;

  @Override
  public Response toResponse(WebApplicationException e) {
    int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
    Response problem;
    if (e instanceof NotAuthorizedException) {
      problem =
          ProblemResponses.of(
              401,
              "authentication-required",
              "Authentification requise",
              "Un jeton d'accès valide est requis (Authorization: Bearer …).",
              uriInfo.getRequestUri(),
              Map.of());
      return Response.fromResponse(problem)
          .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"metrocloud\"")
          .build();
    } else if (e instanceof ForbiddenException) {
      problem =
          ProblemResponses.of(
              403,
              "forbidden",
              "Accès refusé",
              "Votre rôle ne permet pas cette opération.",
              uriInfo.getRequestUri(),
              Map.of());
    } else if (e instanceof NotFoundException) {
      problem =
          ProblemResponses.of(
              404, "not-found", "Ressource introuvable", null, uriInfo.getRequestUri(), Map.of());
    } else if (e instanceof NotAllowedException) {
      problem =
          ProblemResponses.of(
              405,
              "method-not-allowed",
              "Méthode non autorisée",
              null,
              uriInfo.getRequestUri(),
              Map.of());
      return Response.fromResponse(problem).allow(e.getResponse().getAllowedMethods()).build();
    } else if (e instanceof NotSupportedException) {
      problem =
          ProblemResponses.of(
              415,
              "unsupported-media-type",
              "Type de contenu non pris en charge",
              "Envoyez du JSON (Content-Type: application/json).",
              uriInfo.getRequestUri(),
              Map.of());
    } else if (e instanceof NotAcceptableException) {
      problem =
          ProblemResponses.of(
              406,
              "not-acceptable",
              "Format de réponse non disponible",
              null,
              uriInfo.getRequestUri(),
              Map.of());
    } else if (e instanceof BadRequestException || status == 400) {
      problem =
          ProblemResponses.of(
              400,
              "malformed-request",
              "Requête mal formée",
              "Le corps de la requête n'est pas un document JSON valide pour cette opération.",
              uriInfo.getRequestUri(),
              Map.of());
    } else {
      problem =
          ProblemResponses.of(
              status,
              "http-" + status,
              e.getResponse().getStatusInfo().getReasonPhrase(),
              null,
              uriInfo.getRequestUri(),
              Map.of());
    }
    return problem;
  }
}
