package fr.strasbourg.metrocloud.kernel.problem;

/** HTTP 400: Requête invalide. */
public class BadRequestProblem extends Problem {

  private static final long serialVersionUID = 1L;

  public BadRequestProblem(String code, String detail) {
    super(400, code, "Requête invalide", detail);
  }

  public BadRequestProblem(String code, String title, String detail) {
    super(400, code, title, detail);
  }
}
