package fr.strasbourg.metrocloud.kernel.problem;

/** HTTP 415: the content is not of a type the operation accepts. */
public class UnsupportedMediaTypeProblem extends Problem {

  private static final long serialVersionUID = 1L;

  public UnsupportedMediaTypeProblem(String code, String detail) {
    super(415, code, "Type de contenu non pris en charge", detail);
  }
}
