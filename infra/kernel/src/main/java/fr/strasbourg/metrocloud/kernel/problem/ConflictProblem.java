package fr.strasbourg.metrocloud.kernel.problem;

/** HTTP 409: Conflit avec l'état actuel. */
public class ConflictProblem extends Problem {

  private static final long serialVersionUID = 1L;

  public ConflictProblem(String code, String detail) {
    super(409, code, "Conflit avec l'état actuel", detail);
  }

  public ConflictProblem(String code, String title, String detail) {
    super(409, code, title, detail);
  }
}
