package fr.strasbourg.metrocloud.archive.domain;

import java.util.List;

/**
 * The retention rules every commune starts with, from the common durations of the French local
 * authorities' records (circulaire DAF/DPACI/RES/2009/018 on the records of the communes and their
 * groupings, and the Code du patrimoine). Each commune may change them in its referential; units
 * keep the rule they were archived with.
 */
public final class RetentionRules {

  private RetentionRules() {}

  public static List<RetentionRule> defaults() {
    return List.of(
        RetentionRule.forever("DELIBERATIONS", "Délibérations du conseil municipal"),
        RetentionRule.forever("ARRETES", "Arrêtés du maire"),
        RetentionRule.forever("REGISTRES_ETAT_CIVIL", "Registres de l'état civil"),
        RetentionRule.years(
            "MARCHES_PUBLICS",
            "Marchés publics (pièces de l'attributaire)",
            10,
            FinalAction.DESTROY),
        RetentionRule.years("FACTURES", "Factures et pièces comptables", 10, FinalAction.DESTROY),
        RetentionRule.years(
            "ORDRES_DE_MISSION", "Ordres de mission et états de frais", 10, FinalAction.DESTROY),
        RetentionRule.years("CONGES", "Demandes de congés", 5, FinalAction.DESTROY),
        RetentionRule.years("CORRESPONDANCE", "Correspondance courante", 5, FinalAction.DESTROY),
        RetentionRule.years(
            "DOSSIERS_AGENTS", "Dossiers individuels des agents", 80, FinalAction.KEEP));
  }
}
