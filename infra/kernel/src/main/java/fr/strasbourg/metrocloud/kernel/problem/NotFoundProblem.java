package fr.strasbourg.metrocloud.kernel.problem;

/** HTTP 404: Ressource introuvable. */
public class NotFoundProblem extends Problem {

  private static final long serialVersionUID = 1L;

  public NotFoundProblem(String code, String detail) {
    super(404, code, "Ressource introuvable", detail);
  }

  public NotFoundProblem(String code, String title, String detail) {
    super(404, code, title, detail);
  }
}
