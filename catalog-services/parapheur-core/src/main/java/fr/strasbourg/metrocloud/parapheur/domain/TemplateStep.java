package fr.strasbourg.metrocloud.parapheur.domain;

/**
 * One step of a circuit template: in a stage (steps of one stage run in parallel), a visa or a
 * signature, assigned to a named person of the commune ({@code username}) or to anyone holding a
 * role ({@code role}), with the capacity shown in the signature (e.g. "Maire").
 */
public record TemplateStep(
    int stage, StepKind kind, String username, String assigneeName, String role, String label) {}
