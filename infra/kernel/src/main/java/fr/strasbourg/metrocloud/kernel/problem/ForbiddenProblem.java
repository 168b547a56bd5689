package fr.strasbourg.metrocloud.kernel.problem;

/** HTTP 403: Accès refusé. */
public class ForbiddenProblem extends Problem {

  private static final long serialVersionUID = 1L;

  public ForbiddenProblem(String code, String detail) {
    super(403, code, "Accès refusé", detail);
  }

  public ForbiddenProblem(String code, String title, String detail) {
    super(403, code, title, detail);
  }
}
