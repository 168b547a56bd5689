// Pure logic of the parapheur pages (electronic signature) and of the signature validation page: French labels,
// steps grouped by stage, API paths, the circuit form's request. No network, no page state: unit-tested in
// parapheur.test.ts.
import type { FolderStatus, Problem, StepKind, TemplateRequest, UploadedFolder, ValidationReport } from './api';
import { queryString } from './documents';
import { formatInteger } from './format';

export const FOLDER_STATUS: Record<string, string> = {
  IN_PROGRESS: 'En cours',
  APPROVED: 'Approuvé',
  REJECTED: 'Refusé',
  WITHDRAWN: 'Retiré',
};

export const STEP_STATUS: Record<string, string> = {
  WAITING: 'En attente',
  PENDING: 'À traiter',
  SIGNING: 'Signature en cours',
  DONE: 'Fait',
  REJECTED: 'Refusé',
  CANCELLED: 'Annulé',
};

export const EVENT_ACTION: Record<string, string> = {
  submitted: 'Déposé',
  approved: 'Visé',
  signed: 'Signé',
  rejected: 'Refusé',
  withdrawn: 'Retiré',
  completed: 'Circuit terminé',
};

export const STEP_KIND: Record<string, string> = {
  VISA: 'Visa',
  SIGNATURE: 'Signature',
};

/** The roles a circuit's step may name, in the order of the forms' lists. */
export const PARAPHEUR_ROLES: { value: string; label: string }[] = [
  { value: 'commune-admin', label: 'Administrateur de la commune' },
  { value: 'agent', label: 'Agent' },
  { value: 'manager', label: 'Encadrant' },
  { value: 'elected-official', label: 'Élu' },
];

export const INDICATION: Record<string, string> = {
  TOTAL_PASSED: 'Valide',
  INDETERMINATE: 'Indéterminée',
  TOTAL_FAILED: 'Invalide',
};

/** The French reading of the DSS sub-indications a reader may meet (ETSI EN 319 102-1); others are shown as is. */
export const SUB_INDICATION: Record<string, string> = {
  FORMAT_FAILURE: 'Format de signature non conforme',
  HASH_FAILURE: 'Le document a été modifié après la signature',
  SIG_CRYPTO_FAILURE: 'La signature ne correspond pas au certificat',
  REVOKED: 'Certificat du signataire révoqué',
  REVOKED_NO_POE: 'Certificat du signataire révoqué, sans preuve que la signature est antérieure à la révocation',
  REVOKED_CA_NO_POE: 'Certificat d’une autorité révoqué, sans preuve que la signature est antérieure',
  EXPIRED: 'Certificat expiré',
  NOT_YET_VALID: 'Certificat pas encore valide au moment de la signature',
  OUT_OF_BOUNDS_NO_POE: 'Signature hors de la période de validité du certificat',
  OUT_OF_BOUNDS_NOT_REVOKED: 'Signature hors de la période de validité du certificat',
  NO_CERTIFICATE_CHAIN_FOUND: 'Chaîne de certification inconnue de la plateforme',
  NO_SIGNING_CERTIFICATE_FOUND: 'Certificat du signataire introuvable',
  CHAIN_CONSTRAINTS_FAILURE: 'Chaîne de certification non conforme',
  CERTIFICATE_CHAIN_GENERAL_FAILURE: 'Chaîne de certification invalide',
  CRYPTO_CONSTRAINTS_FAILURE: 'Algorithmes cryptographiques insuffisants',
  CRYPTO_CONSTRAINTS_FAILURE_NO_POE: 'Algorithmes cryptographiques insuffisants',
  SIG_CONSTRAINTS_FAILURE: 'Signature non conforme à la politique de validation',
  SIGNED_DATA_NOT_FOUND: 'Données signées introuvables',
  TIMESTAMP_ORDER_FAILURE: 'Horodatages incohérents',
  POLICY_PROCESSING_ERROR: 'Politique de signature inapplicable',
  NO_POE: 'Aucune preuve d’existence de la signature',
  TRY_LATER: 'Informations de révocation indisponibles pour le moment',
};

export const labelOf = (labels: Record<string, string>, code: string | null | undefined): string => (code ? labels[code] ?? code : '—');

export const roleLabel = (role: string | null | undefined): string => labelOf(Object.fromEntries(PARAPHEUR_ROLES.map((r) => [r.value, r.label])), role);

/** The name of the action button of a step: « Viser » or « Signer ». */
export const actionVerb = (kind: StepKind | string): string => (kind === 'SIGNATURE' ? 'Signer' : 'Viser');

/** "Marie Dupont", or, for a step given to a role, "Rôle : Encadrant". */
export function assigneeText(step: { assigneeName?: string | null; assigneeUsername?: string | null; username?: string | null; assigneeRole?: string | null; role?: string | null }): string {
  const username = step.assigneeUsername ?? step.username;
  if (username) return step.assigneeName || username;
  const role = step.assigneeRole ?? step.role;
  return role ? `Rôle : ${roleLabel(role)}` : '—';
}

export interface StageGroup<T> {
  stage: number;
  steps: T[];
}

/** Steps by stage (ascending), each stage's steps by position: the steps of one stage run in parallel. */
export function groupByStage<T extends { stage: number; position?: number }>(steps: readonly T[]): StageGroup<T>[] {
  const stages = new Map<number, T[]>();
  steps.forEach((s) => stages.set(s.stage, [...(stages.get(s.stage) ?? []), s]));
  return [...stages.entries()]
    .sort(([a], [b]) => a - b)
    .map(([stage, list]) => ({ stage, steps: [...list].sort((a, b) => (a.position ?? 0) - (b.position ?? 0)) }));
}

/** "Étape 1", "Étape 2 (2 intervenants en parallèle)". */
export function stageTitle(group: StageGroup<unknown>): string {
  return group.steps.length > 1 ? `Étape ${group.stage} (${group.steps.length} intervenants en parallèle)` : `Étape ${group.stage}`;
}

/** The accessible reading of the header's counter: "3 documents en attente, dont 1 en retard". */
export function inboxCountLabel(count: number, overdue = 0): string {
  if (count <= 0) return 'Aucun document en attente';
  const waiting = count === 1 ? '1 document en attente' : `${formatInteger(count)} documents en attente`;
  return overdue > 0 ? `${waiting}, dont ${formatInteger(overdue)} en retard` : waiting;
}

/** "2 signatures, 2 valides"; "1 signature, aucune valide"; "Aucune signature". */
export function validationSummary(report: Pick<ValidationReport, 'signaturesCount' | 'validSignaturesCount'>): string {
  const n = report.signaturesCount;
  if (n <= 0) return 'Aucune signature';
  const v = report.validSignaturesCount;
  const signatures = n === 1 ? '1 signature' : `${formatInteger(n)} signatures`;
  const valid = v <= 0 ? 'aucune valide' : v === 1 ? '1 valide' : `${formatInteger(v)} valides`;
  return `${signatures}, ${valid}`;
}

/** The sub-indication in French, with the DSS code for the specialist: "Document modifié … (HASH_FAILURE)". */
export function subIndicationText(code: string | null | undefined): string {
  if (!code) return '—';
  const label = SUB_INDICATION[code];
  return label ? `${label} (${code})` : code;
}

/** Name of the downloaded JSON report: "rapport-validation-arrete.json". */
export function reportFileName(fileName: string | null | undefined): string {
  const base = (fileName ?? '').replace(/\.pdf$/i, '').replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^-+|-+$/g, '');
  return `rapport-validation${base ? `-${base}` : ''}.json`;
}

/** Path (under /api/v1) of the folder lists. */
export function foldersPath(scope: 'mine' | 'all', status?: FolderStatus | string | null): string {
  return `/parapheur/folders${queryString({ scope, status })}`;
}

export function templatesPath(archived: boolean): string {
  return `/parapheur/templates${archived ? '?archived=true' : ''}`;
}

/** Path (under /api/v1) of the submission of an uploaded PDF; empty values are left out. */
export function uploadFolderPath(folder: UploadedFolder): string {
  return `/parapheur/folders/upload${queryString({ template: folder.templateId, title: folder.title, message: folder.message, dueDate: folder.dueDate })}`;
}

/** A PDF chosen in a file input, sent as application/pdf even when the browser gave no type. */
export function pdfFile(file: File): File {
  return file.type ? file : new File([file], file.name, { type: 'application/pdf', lastModified: file.lastModified });
}

/** The messages of a problem's `errors` (strings, or {field, message} from the bean validation). */
export function problemErrors(problem: Problem | null | undefined): string[] {
  const errors = (problem?.errors ?? []) as unknown;
  if (!Array.isArray(errors)) return [];
  return errors
    .map((e: unknown) => {
      if (typeof e === 'string') return e;
      if (e && typeof e === 'object' && 'message' in e) return String((e as { message: unknown }).message);
      return '';
    })
    .filter((m) => m.trim() !== '');
}

/** A step of the circuit form, as typed: assignee "personne:<username>" or "role:<role>". */
export interface StepDraft {
  stage: string;
  kind: string;
  assignee: string;
  label: string;
}

export const PERSON_PREFIX = 'personne:';
export const ROLE_PREFIX = 'role:';

/** The form's value of a template step's assignee. */
export function assigneeValue(step: { username?: string | null; role?: string | null }): string {
  if (step.username) return PERSON_PREFIX + step.username;
  if (step.role) return ROLE_PREFIX + step.role;
  return '';
}

/** The API's body of the circuit form: each step names a person or a role (never both); empty texts left out. */
export function templateRequest(name: string, description: string, drafts: readonly StepDraft[]): TemplateRequest {
  return {
    name: name.trim(),
    description: description.trim() || undefined,
    steps: drafts.map((d) => {
      const assignee = d.assignee.trim();
      return {
        stage: Number.parseInt(d.stage, 10),
        kind: (d.kind === 'SIGNATURE' ? 'SIGNATURE' : 'VISA') as StepKind,
        username: assignee.startsWith(PERSON_PREFIX) ? assignee.slice(PERSON_PREFIX.length) : undefined,
        role: assignee.startsWith(ROLE_PREFIX) ? assignee.slice(ROLE_PREFIX.length) : undefined,
        label: d.label.trim() || undefined,
      };
    }),
  };
}

/** The state of a delegation on `today` (ISO day). */
export function delegationState(d: { startsOn: string; endsOn: string; revokedAt?: string | null; activeToday: boolean }, today: string): string {
  if (d.revokedAt) return 'Révoquée';
  if (d.activeToday) return 'Active';
  if (d.endsOn < today) return 'Terminée';
  if (d.startsOn > today) return 'À venir';
  return 'Inactive';
}

/** The step's delegation, as the pages say it: "par délégation de Marie Dupont". */
export function onBehalfText(name: string | null | undefined): string | null {
  return name ? `par délégation de ${name}` : null;
}

/** "Arrêté 2026-14.pdf" → "Arrêté 2026-14": the default object of an uploaded file. */
export function titleOfFileName(name: string): string {
  return name.replace(/\.[^.\s]{1,5}$/, '').trim();
}

/** A template step in one line: "Signature — Marie Dupont (Maire)", "Visa — Rôle : Responsable". */
export function templateStepText(step: { kind: string; username?: string | null; assigneeName?: string | null; role?: string | null; label?: string | null }): string {
  const label = step.label?.trim();
  return `${labelOf(STEP_KIND, step.kind)} — ${assigneeText(step)}${label ? ` (${label})` : ''}`;
}
