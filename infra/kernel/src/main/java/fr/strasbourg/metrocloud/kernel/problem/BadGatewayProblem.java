package fr.strasbourg.metrocloud.kernel.problem;

/** HTTP 502: Échec d'un composant externe. */
public class BadGatewayProblem extends Problem {

  private static final long serialVersionUID = 1L;

  public BadGatewayProblem(String code, String detail) {
    super(502, code, "Échec d'un composant externe", detail);
  }

  public BadGatewayProblem(String code, String title, String detail) {
    super(502, code, title, detail);
  }
}
