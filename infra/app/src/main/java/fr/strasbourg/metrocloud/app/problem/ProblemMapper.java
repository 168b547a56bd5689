package fr.strasbourg.metrocloud.app.problem;

import fr.strasbourg.metrocloud.kernel.problem.Problem;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Domain and application refusals. */
@Provider
public class ProblemMapper implements ExceptionMapper<Problem> {

  @Context UriInfo uriInfo;

  @Override
  public Response toResponse(Problem problem) {
    return ProblemResponses.of(problem, uriInfo.getRequestUri());
  }
}
