package fr.strasbourg.metrocloud.parapheur.application;

import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.parapheur.api.SignatureRequests;
import fr.strasbourg.metrocloud.parapheur.domain.StepKind;
import fr.strasbourg.metrocloud.parapheur.domain.TemplateStep;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;

/**
 * Signature requests of other contexts: each signer gets a one-signature circuit named after the
 * request's purpose (« Signature — Maire (maire.eschau) »), created on first use, and the document
 * is submitted into it like any folder (history, notifications, audit).
 */
@ApplicationScoped
public class ParapheurSignatureRequests implements SignatureRequests {

  @Inject Parapheur parapheur;

  @Inject CircuitTemplates templates;

  @Override
  public UUID requestSignature(
      CallContext commune,
      UUID documentId,
      String title,
      String signerUsername,
      String signerLabel,
      String message) {
    String name = "Signature — " + signerLabel + " (" + signerUsername + ")";
    CircuitTemplates.Template template =
        templates.list(commune, false).stream()
            .filter(t -> t.name().equals(name))
            .findFirst()
            .orElseGet(
                () ->
                    templates.create(
                        commune,
                        name,
                        "Circuit créé par la plateforme pour les demandes de signature des"
                            + " procédures.",
                        List.of(
                            new TemplateStep(
                                1, StepKind.SIGNATURE, signerUsername, null, null, signerLabel))));
    return parapheur.submit(commune, template.id(), documentId, title, message, null).id();
  }
}
