package fr.strasbourg.metrocloud.app.problem;

import fr.strasbourg.metrocloud.kernel.problem.Problem;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Everything else. Transactions wrap exceptions (a problem thrown inside {@code @Transactional}, a
 * constraint violated at commit), so the cause chain is searched for a known cause first: a {@link
 * Problem}, malformed JSON, a database constraint or an optimistic lock conflict. What remains is
 * an internal error, logged with an incident id that the response gives without any stack trace.
 */
@Provider
public class FallbackMapper implements ExceptionMapper<Throwable> {

  private static final Logger LOG = Logger.getLogger(FallbackMapper.class.getName());

  @Context UriInfo uriInfo;

  @Override
  public Response toResponse(Throwable exception) {
    for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof Problem problem) {
        return ProblemResponses.of(problem, uriInfo.getRequestUri());
      }
      if (t instanceof ConstraintViolationException cve) {
        return new ValidationMapper().withUri(uriInfo).toResponse(cve);
      }
      if (t instanceof WebApplicationException wae) {
        WebApplicationMapper mapper = new WebApplicationMapper();
        mapper.uriInfo = uriInfo;
        return mapper.toResponse(wae);
      }
      if (t instanceof JsonbException || t instanceof JsonException) {
        return problem(
            400,
            "malformed-request",
            "Requête mal formée",
            "Le corps de la requête n'est pas un document JSON valide pour cette opération.");
      }
      if (t instanceof OptimisticLockException) {
        return problem(
            409,
            "concurrent-modification",
            "Modification concurrente",
            "La ressource a été modifiée en même temps par quelqu'un d'autre ; rechargez-la et recommencez.");
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        Response mapped = fromSqlState(sql.getSQLState(), exception);
        if (mapped != null) {
          return mapped;
        }
      }
    }
    String incident = UUID.randomUUID().toString();
    LOG.log(
        Level.SEVERE,
        "Incident " + incident + " on " + uriInfo.getRequestUri().getPath(),
        exception);
    return ProblemResponses.of(
        500,
        "internal-error",
        "Erreur interne",
        "Une erreur interne est survenue. Référence de l'incident : " + incident + ".",
        uriInfo.getRequestUri(),
        Map.of("incident", incident));
  }

  private Response fromSqlState(String state, Throwable exception) {
    switch (state) {
      case "23505", "23P01":
        return problem(
            409,
            "conflict",
            "Conflit",
            "Cette opération entre en conflit avec une donnée existante.");
      case "23503":
        return problem(
            409,
            "conflict",
            "Conflit",
            "Cette opération fait référence à une donnée absente ou en cours d'usage.");
      case "23514", "23502", "22001", "22P02", "22007", "22008", "22003":
        return problem(
            422,
            "invalid-data",
            "Donnée refusée",
            "La base de données a refusé une valeur (format, longueur ou plage).");
      case "42501":
        // Row-Level Security or a missing privilege: always a bug in the caller's code, never a
        // user error.
        LOG.log(Level.SEVERE, "Tenant isolation refused a statement", exception);
        return problem(
            403,
            "tenant-isolation",
            "Accès refusé",
            "L'isolation des communes a refusé cette opération.");
      case "40001", "40P01":
        return problem(503, "retry", "Conflit transitoire", "Opération concurrente : réessayez.");
      default:
        return null;
    }
  }

  private Response problem(int status, String code, String title, String detail) {
    return ProblemResponses.of(status, code, title, detail, uriInfo.getRequestUri(), Map.of());
  }
}
