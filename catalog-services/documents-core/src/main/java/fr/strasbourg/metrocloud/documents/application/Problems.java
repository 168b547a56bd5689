package fr.strasbourg.metrocloud.documents.application;

import fr.strasbourg.metrocloud.kernel.problem.BadRequestProblem;
import fr.strasbourg.metrocloud.kernel.problem.NotFoundProblem;
import fr.strasbourg.metrocloud.kernel.problem.Problem;
import fr.strasbourg.metrocloud.kernel.problem.UnavailableProblem;
import java.util.UUID;

/** The GED's refusals. */
final class Problems {

  private Problems() {}

  static NotFoundProblem documentNotFound(UUID id) {
    return (NotFoundProblem)
        new NotFoundProblem("document-not-found", "Document introuvable : " + id + ".")
            .with("document", id.toString());
  }

  static NotFoundProblem versionNotFound(UUID id, int number) {
    return (NotFoundProblem)
        new NotFoundProblem(
                "version-not-found", "Le document " + id + " n'a pas de version " + number + ".")
            .with("document", id.toString());
  }

  static NotFoundProblem folderNotFound(UUID id) {
    return (NotFoundProblem)
        new NotFoundProblem("folder-not-found", "Dossier introuvable : " + id + ".")
            .with("folder", id.toString());
  }

  static BadRequestProblem badInput(String code, String detail) {
    return new BadRequestProblem(code, detail);
  }

  static Problem storageUnavailable(RuntimeException cause) {
    return new UnavailableProblem(
        "storage-unavailable",
        "Stockage indisponible",
        "Le stockage des documents est momentanément indisponible ; rien n'a été enregistré. Réessayez dans quelques"
            + " instants.");
  }
}
