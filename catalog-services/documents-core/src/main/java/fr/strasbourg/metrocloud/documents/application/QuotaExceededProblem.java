package fr.strasbourg.metrocloud.documents.application;

import fr.strasbourg.metrocloud.kernel.problem.Problem;

/** HTTP 413: the content would exceed the commune's storage quota; the message gives the quota. */
public class QuotaExceededProblem extends Problem {

  private static final long serialVersionUID = 1L;

  public QuotaExceededProblem(long stored, long size, long quota) {
    super(
        413,
        "quota-exceeded",
        "Quota de stockage dépassé",
        "Ce fichier ("
            + Sizes.human(size)
            + ") dépasserait le quota de stockage de la commune : "
            + Sizes.human(stored)
            + " utilisés sur un quota de "
            + Sizes.human(quota)
            + ".");
    with("quotaBytes", quota);
    with("usedBytes", stored);
    with("fileBytes", size);
  }
}
