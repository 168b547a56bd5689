package fr.strasbourg.metrocloud.kernel.problem;

/** HTTP 422: Requête non applicable. */
public class UnprocessableProblem extends Problem {

  private static final long serialVersionUID = 1L;

  public UnprocessableProblem(String code, String detail) {
    super(422, code, "Requête non applicable", detail);
  }

  public UnprocessableProblem(String code, String title, String detail) {
    super(422, code, title, detail);
  }
}
