package fr.strasbourg.metrocloud.kernel.problem;

/** HTTP 413: the content is larger than the operation accepts. */
public class PayloadTooLargeProblem extends Problem {

  private static final long serialVersionUID = 1L;

  public PayloadTooLargeProblem(String code, String detail) {
    super(413, code, "Contenu trop volumineux", detail);
  }
}
