package fr.strasbourg.metrocloud.kernel.problem;

/** HTTP 503: Service momentanément indisponible. */
public class UnavailableProblem extends Problem {

  private static final long serialVersionUID = 1L;

  public UnavailableProblem(String code, String detail) {
    super(503, code, "Service momentanément indisponible", detail);
  }

  public UnavailableProblem(String code, String title, String detail) {
    super(503, code, title, detail);
  }
}
