// The shared electronic archive (SAE): the API's types and calls, and the pure logic of the archive pages (French
// labels, retention durations, query strings, the transfer form's request, the disposal's approvals). No page state:
// unit-tested in archive.test.ts. The calls go through the portal's Api (token, problem documents), as `api.archive`.
import type { Api, Download, Me, Problem } from './api';
import { parseTags, queryString } from './documents';
import { formatDate, formatInteger } from './format';
import { labelOf, problemErrors } from './parapheur';

export { labelOf };

// ---- types of the API

export type FinalAction = 'KEEP' | 'DESTROY';
export type UnitStatus = 'ARCHIVED' | 'DESTROYED';
export type ObjectKind = 'FILE' | 'VALIDATION_REPORT' | 'SEDA_TRANSFER' | 'SEDA_REPLY';
export type FixityCheck = 'OK' | 'ALTERED' | 'MISSING';
export type DisposalStatus = 'PENDING' | 'DESTROYED' | 'REJECTED';

/** A retention rule: its DUA (ISO 8601 period such as "P10Y"; null: kept forever) and what happens at its end. */
export interface RetentionRule {
  code: string;
  label: string;
  duration: string | null;
  finalAction: FinalAction | string;
}

export type RetentionRuleBody = Omit<RetentionRule, 'code'>;

/** An archival agreement: which services may transfer, under which rules. */
export interface ArchivalAgreement {
  identifier: string;
  label: string;
  services: string[];
  rules: string[];
  active: boolean;
}

export type ArchivalAgreementBody = Omit<ArchivalAgreement, 'identifier'>;

/** An archive unit: descriptive metadata and management rules. Dates are ISO days, instants ISO date-times. */
export interface ArchiveUnit {
  id: string;
  reference: string;
  title: string;
  description?: string | null;
  descriptionLevel?: string | null;
  startDate?: string | null;
  endDate?: string | null;
  originatingService?: string | null;
  keywords: string[];
  agreement?: string | null;
  ruleCode: string;
  ruleLabel?: string | null;
  retentionDuration?: string | null;
  finalAction: FinalAction | string;
  retentionStart?: string | null;
  /** Null when the unit is kept forever. */
  retentionEnd?: string | null;
  accessRestrictedUntil?: string | null;
  source: 'GED' | 'SEDA' | 'PLATFORM' | string;
  sourceDocumentId?: string | null;
  sourceDocumentVersion?: number | null;
  transferId?: string | null;
  status: UnitStatus | string;
  legalHold: boolean;
  legalHoldReason?: string | null;
  totalBytes: number;
  archivedByName?: string | null;
  archivedAt: string;
  destroyedAt?: string | null;
}

export interface UnitPage {
  units: ArchiveUnit[];
  total: number;
  offset: number;
  limit: number;
}

/** A file kept in a unit: the document, its signature validation report, the SEDA messages. */
export interface ArchiveObject {
  id: string;
  unitId: string;
  kind: ObjectKind | string;
  fileName: string;
  mimeType: string;
  size: number;
  sha256: string;
  storageKey?: string | null;
  storedAt: string;
  lastCheckedAt?: string | null;
  lastCheck?: FixityCheck | string | null;
  deletedAt?: string | null;
}

/** An entry of the hash-chained archive journal; `details` is a JSON text. */
export interface ArchiveJournalEntry {
  seq: number;
  id: string;
  at: string;
  eventType: string;
  unitId?: string | null;
  objectId?: string | null;
  actorName?: string | null;
  details?: string | null;
  prevHash: string;
  hash: string;
}

export interface UnitDetail {
  unit: ArchiveUnit;
  objects: ArchiveObject[];
  journal: ArchiveJournalEntry[];
  /** True: the caller may not see the files yet (communication restricted); `objects` is then empty. */
  restricted: boolean;
}

/** What the agent sends to archive a GED document (its current version); empty values are left out. */
export interface GedTransfer {
  documentId: string;
  title?: string;
  description?: string;
  descriptionLevel?: string;
  startDate?: string;
  endDate?: string;
  service: string;
  keywords?: string[];
  ruleCode: string;
  retentionStart?: string;
  accessRestrictedUntil?: string;
  agreement?: string;
}

/** A SEDA transfer received through the API, accepted or rejected. */
export interface SedaTransfer {
  id: string;
  messageIdentifier: string;
  receivedAt: string;
  receivedByName?: string | null;
  status: 'ACCEPTED' | 'REJECTED' | string;
  unitId?: string | null;
  reasons: string[];
}

/** Search criteria of `GET /archive/units` (as in the page's address); `page` is 0-based. */
export interface UnitSearch {
  q?: string;
  rule?: string;
  service?: string;
  status?: string;
  legalHold?: string;
  archivedFrom?: string;
  archivedTo?: string;
}

export interface JournalSeal {
  seq: number;
  hash: string;
  kind: 'DAILY' | 'ON_DEMAND' | string;
  day: string;
  sealedAt: string;
  /** The TSA's RFC 3161 token, base64. */
  token: string;
}

export interface JournalVerification {
  entries: number;
  chainIntact: boolean;
  brokenAt?: number | null;
  reason?: string | null;
  seals: number;
  validSeals: number;
  sealProblems: string[];
}

export interface FixityRun {
  id: string;
  trigger: 'SCHEDULED' | 'ON_DEMAND' | string;
  requestedBy?: string | null;
  startedAt: string;
  finishedAt?: string | null;
  checked: number;
  intact: number;
  altered: number;
  missing: number;
  unreachable: boolean;
}

export interface IntegrityAlert {
  id: string;
  /** The commune's INSEE code. */
  tenantId: string;
  runId?: string | null;
  unitId: string;
  unitReference?: string | null;
  unitTitle?: string | null;
  objectId?: string | null;
  fileName?: string | null;
  kind: 'ALTERED' | 'MISSING' | string;
  detail?: string | null;
  detectedAt: string;
  resolvedAt?: string | null;
  resolvedBy?: string | null;
  resolution?: string | null;
}

export interface DisposalUnit {
  unitId: string;
  reference: string;
  title: string;
  ruleCode: string;
  retentionEnd?: string | null;
  totalBytes: number;
}

/** A destruction proposal: the commune's and the archives authority's approvals, by two different people. */
export interface DisposalProposal {
  id: string;
  status: DisposalStatus | string;
  comment?: string | null;
  createdByName?: string | null;
  createdAt: string;
  communeApprovedByName?: string | null;
  communeApprovedAt?: string | null;
  authorityApprovedByName?: string | null;
  authorityApprovedAt?: string | null;
  rejectedByName?: string | null;
  rejectedAt?: string | null;
  rejectionReason?: string | null;
  destroyedAt?: string | null;
  units: DisposalUnit[];
}

// ---- the calls

const seg = encodeURIComponent;

/** The archive's API (under /api/v1), through the portal's Api: token, JSON, RFC 9457 problems. */
export class ArchiveApi {
  constructor(private readonly api: Pick<Api, 'request' | 'download'>) {}

  // referential
  rules = () => this.api.request<RetentionRule[]>('GET', '/archive/rules');
  saveRule = (code: string, rule: RetentionRuleBody) => this.api.request<RetentionRule>('PUT', `/archive/rules/${seg(code)}`, rule);
  agreements = () => this.api.request<ArchivalAgreement[]>('GET', '/archive/agreements');
  saveAgreement = (identifier: string, agreement: ArchivalAgreementBody) =>
    this.api.request<ArchivalAgreement>('PUT', `/archive/agreements/${seg(identifier)}`, agreement);

  // transfers
  transfer = (transfer: GedTransfer) => this.api.request<ArchiveUnit>('POST', '/archive/units', transfer);
  transfers = () => this.api.request<SedaTransfer[]>('GET', '/archive/transfers');
  transferReply = (id: string) => this.api.download(`/archive/transfers/${seg(id)}/reply`);

  // search and consultation
  search = (criteria: UnitSearch, page = 0, size = UNIT_PAGE_SIZE) => this.api.request<UnitPage>('GET', unitsPath(criteria, page, size));
  unit = (id: string) => this.api.request<UnitDetail>('GET', `/archive/units/${seg(id)}`);
  downloadObject = (unitId: string, objectId: string): Promise<Download> => this.api.download(`/archive/units/${seg(unitId)}/objects/${seg(objectId)}/content`);
  evidence = (unitId: string) => this.api.download(`/archive/units/${seg(unitId)}/evidence`);
  exportSeda = (unitId: string) => this.api.download(`/archive/units/${seg(unitId)}/export`);
  legalHold = (unitId: string, hold: boolean, reason?: string) =>
    this.api.request<ArchiveUnit>('PUT', `/archive/units/${seg(unitId)}/legal-hold`, { hold, reason: reason?.trim() || undefined });

  // journal and integrity (the commune's)
  journal = (after = 0, limit = 100) => this.api.request<ArchiveJournalEntry[]>('GET', `/archive/journal${queryString({ after, limit })}`);
  seals = () => this.api.request<JournalSeal[]>('GET', '/archive/journal/seals');
  verification = async () => verificationOf(await this.api.request<unknown>('GET', '/archive/journal/verification'));
  fixityAudits = () => this.api.request<FixityRun[]>('GET', '/archive/fixity-audits');
  /** The commune's alerts; every commune's for the DSI. `open`: only the unresolved ones. */
  alerts = (open = false) => this.api.request<IntegrityAlert[]>('GET', `/archive/alerts?open=${open}`);

  // integrity of a commune (DSI)
  runAudit = (insee: string) => this.api.request<FixityRun>('POST', `/tenants/${seg(insee)}/archive/fixity-audits`);
  auditsOf = (insee: string) => this.api.request<FixityRun[]>('GET', `/tenants/${seg(insee)}/archive/fixity-audits`);
  sealJournal = (insee: string) => this.api.request<JournalSeal>('POST', `/tenants/${seg(insee)}/archive/journal/seals`);
  verifyJournal = async (insee: string) => verificationOf(await this.api.request<unknown>('GET', `/tenants/${seg(insee)}/archive/journal/verification`));

  // disposal
  eligible = () => this.api.request<ArchiveUnit[]>('GET', '/archive/disposals/eligible');
  propose = (unitIds: string[], comment?: string) =>
    this.api.request<DisposalProposal>('POST', '/archive/disposals', { unitIds, comment: comment?.trim() || undefined });
  disposals = () => this.api.request<DisposalProposal[]>('GET', '/archive/disposals');
  disposal = (id: string) => this.api.request<DisposalProposal>('GET', `/archive/disposals/${seg(id)}`);
  approve = (id: string) => this.api.request<DisposalProposal>('POST', `/archive/disposals/${seg(id)}/approve`, {});
  reject = (id: string, reason: string) => this.api.request<DisposalProposal>('POST', `/archive/disposals/${seg(id)}/reject`, { reason });
  certificate = (id: string) => this.api.download(`/archive/disposals/${seg(id)}/certificate`);
}

export const UNIT_PAGE_SIZE = 20;

/** Path (under /api/v1) of a search of units; `page` is 0-based, turned into the API's offset. */
export function unitsPath(criteria: UnitSearch, page = 0, size = UNIT_PAGE_SIZE): string {
  const offset = Math.max(0, page) * size;
  return `/archive/units${queryString({ ...criteria, offset, limit: size })}`;
}

/** The verification as the API gives it (also when wrapped in `{journal: …}`), with safe defaults. */
export function verificationOf(body: unknown): JournalVerification {
  const raw = (body && typeof body === 'object' && 'journal' in body && !('chainIntact' in body) ? (body as { journal: unknown }).journal : body) as Partial<JournalVerification> | null;
  return {
    entries: raw?.entries ?? 0,
    chainIntact: raw?.chainIntact === true,
    brokenAt: raw?.brokenAt ?? null,
    reason: raw?.reason ?? null,
    seals: raw?.seals ?? 0,
    validSeals: raw?.validSeals ?? 0,
    sealProblems: Array.isArray(raw?.sealProblems) ? raw.sealProblems : [],
  };
}

// ---- search criteria in the page's address

/** The page address's criteria, in the API's names. */
export const SEARCH_CRITERIA = ['q', 'rule', 'service', 'status', 'legalHold', 'archivedFrom', 'archivedTo'] as const;

/** The criteria of a page address's query; unknown or empty values are left out. */
export function searchCriteriaOf(query: URLSearchParams): UnitSearch {
  const criteria: UnitSearch = {};
  for (const name of SEARCH_CRITERIA) {
    const value = query.get(name)?.trim();
    if (value) criteria[name] = value;
  }
  if (criteria.status && criteria.status !== 'ARCHIVED' && criteria.status !== 'DESTROYED') delete criteria.status;
  if (criteria.legalHold && criteria.legalHold !== 'true' && criteria.legalHold !== 'false') delete criteria.legalHold;
  for (const day of ['archivedFrom', 'archivedTo'] as const) if (criteria[day] && !isIsoDay(criteria[day])) delete criteria[day];
  return criteria;
}

/** The portal address of a search: `/archives?q=…&page=2` (`page` 0-based, written 1-based; the first left out). */
export function archivesHref(criteria: UnitSearch, page = 0): string {
  return `/archives${queryString({ ...criteria, page: page > 0 ? page + 1 : undefined })}`;
}

export const isIsoDay = (s: string | null | undefined): boolean => !!s && /^\d{4}-\d{2}-\d{2}$/.test(s);

// ---- French labels

export const FINAL_ACTION: Record<string, string> = { KEEP: 'Conservation', DESTROY: 'Destruction' };

export const UNIT_STATUS: Record<string, string> = { ARCHIVED: 'Archivée', DESTROYED: 'Détruite' };

export const OBJECT_KIND: Record<string, string> = {
  FILE: 'Fichier',
  VALIDATION_REPORT: 'Rapport de validation des signatures',
  SEDA_TRANSFER: 'Bordereau de versement SEDA',
  SEDA_REPLY: 'Accusé de réception SEDA',
};

export const FIXITY_CHECK: Record<string, string> = { OK: 'Intègre', ALTERED: 'Altéré', MISSING: 'Manquant' };

export const UNIT_SOURCE: Record<string, string> = { GED: 'Gestion documentaire (GED)', SEDA: 'Versement SEDA', PLATFORM: 'Plateforme MetroCloud' };

export const TRANSFER_STATUS: Record<string, string> = { ACCEPTED: 'Accepté', REJECTED: 'Refusé' };

export const DISPOSAL_STATUS: Record<string, string> = { PENDING: 'En attente des approbations', DESTROYED: 'Unités détruites', REJECTED: 'Refusée' };

export const SEAL_KIND: Record<string, string> = { DAILY: 'Quotidien', ON_DEMAND: 'À la demande' };

export const AUDIT_TRIGGER: Record<string, string> = { SCHEDULED: 'Planifié', ON_DEMAND: 'À la demande' };

export const ALERT_KIND: Record<string, string> = { ALTERED: 'Fichier altéré', MISSING: 'Fichier manquant' };

/** The SEDA description levels offered when archiving, in French. */
export const DESCRIPTION_LEVELS: { value: string; label: string }[] = [
  { value: 'Item', label: 'Pièce' },
  { value: 'File', label: 'Dossier' },
  { value: 'RecordGrp', label: 'Groupe de documents' },
  { value: 'SubGrp', label: 'Sous-groupe de documents' },
  { value: 'Series', label: 'Série' },
];

export const DESCRIPTION_LEVEL: Record<string, string> = {
  ...Object.fromEntries(DESCRIPTION_LEVELS.map((l) => [l.value, l.label])),
  Fonds: 'Fonds',
  Subfonds: 'Sous-fonds',
  Class: 'Classe',
  Collection: 'Collection',
  Subseries: 'Sous-série',
  OtherLevel: 'Autre niveau',
};

/** The usual services of a commune (those of the general agreement); others are shown by their code. */
export const SERVICE_LABELS: Record<string, string> = {
  SECRETARIAT_GENERAL: 'Secrétariat général',
  RESSOURCES_HUMAINES: 'Ressources humaines',
  FINANCES: 'Finances',
  URBANISME: 'Urbanisme',
  ETAT_CIVIL: 'État civil',
  SERVICES_TECHNIQUES: 'Services techniques',
  COMMANDE_PUBLIQUE: 'Commande publique',
};

/** The events of the archive journal, in French; unknown ones are shown by their code. */
export const JOURNAL_EVENT: Record<string, string> = {
  'unit.archived': 'Unité archivée',
  'object.stored': 'Fichier enregistré',
  'object.consulted': 'Fichier consulté',
  'object.deleted': 'Fichier supprimé',
  'unit.hold-placed': 'Gel posé',
  'unit.hold-lifted': 'Gel levé',
  'unit.exported': 'Unité exportée (SEDA 2.2)',
  'unit.evidence-exported': 'Dossier de preuve téléchargé',
  'unit.destroyed': 'Unité détruite',
  'transfer.accepted': 'Versement SEDA accepté',
  'transfer.rejected': 'Versement SEDA refusé',
  'fixity.completed': 'Audit d’intégrité terminé',
  'fixity.failed': 'Anomalie d’intégrité détectée',
  'journal.sealed': 'Journal scellé',
  'disposal.proposed': 'Élimination proposée',
  'disposal.approved': 'Élimination approuvée',
  'disposal.rejected': 'Élimination refusée',
  'disposal.destroyed': 'Élimination exécutée',
  'archive.exported': 'Archives de la commune exportées',
  'rule.saved': 'Règle de gestion enregistrée',
  'agreement.saved': 'Convention d’archivage enregistrée',
};

export const serviceLabel = (code: string | null | undefined): string => labelOf(SERVICE_LABELS, code);

export const eventLabel = (type: string | null | undefined): string => labelOf(JOURNAL_EVENT, type);

/** The last check of a file: « Intègre (le 02/12/2026 10:00) », « Jamais contrôlé ». */
export function lastCheckText(check: string | null | undefined, at: string | null | undefined, formatAt: (iso: string) => string): string {
  if (!check) return 'Jamais contrôlé';
  return at ? `${labelOf(FIXITY_CHECK, check)} (le ${formatAt(at)})` : labelOf(FIXITY_CHECK, check);
}

// ---- retention durations (ISO 8601 periods)

export interface PeriodParts {
  years: number;
  months: number;
  days: number;
}

/** "P10Y" → {years: 10, …}; weeks count as 7 days; null if not a (positive) ISO period. */
export function parsePeriod(iso: string | null | undefined): PeriodParts | null {
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/i.exec((iso ?? '').trim());
  if (!m || (!m[1] && !m[2] && !m[3] && !m[4])) return null;
  const n = (s: string | undefined) => (s ? Number.parseInt(s, 10) : 0);
  return { years: n(m[1]), months: n(m[2]), days: n(m[3]) * 7 + n(m[4]) };
}

const plural = (n: number, one: string, many: string) => `${formatInteger(n)}\u00a0${n > 1 ? many : one}`;

/** A DUA as people say it: "P10Y" → « 10 ans », "P1Y6M" → « 1 an et 6 mois »; null → « Conservation définitive ». */
export function durationLabel(iso: string | null | undefined): string {
  if (iso === null || iso === undefined || iso.trim() === '') return 'Conservation définitive';
  const p = parsePeriod(iso);
  if (!p) return iso;
  const parts = [
    p.years ? plural(p.years, 'an', 'ans') : '',
    p.months ? `${formatInteger(p.months)}\u00a0mois` : '',
    p.days ? plural(p.days, 'jour', 'jours') : '',
  ].filter(Boolean);
  if (parts.length === 0) return 'Aucune durée';
  return parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} et ${parts[parts.length - 1]}`;
}

/** A rule in one line: « Correspondance courante — 5 ans, puis destruction ». */
export function ruleSummary(rule: Pick<RetentionRule, 'label' | 'duration' | 'finalAction'>): string {
  const action = rule.finalAction === 'DESTROY' ? 'destruction' : rule.finalAction === 'KEEP' ? 'conservation' : rule.finalAction;
  if (!rule.duration) return `${rule.label} — conservation définitive`;
  return `${rule.label} — ${durationLabel(rule.duration)}, puis ${action}`;
}

export type DurationUnit = 'Y' | 'M' | 'D';

export const DURATION_UNITS: { value: DurationUnit; label: string }[] = [
  { value: 'Y', label: 'ans' },
  { value: 'M', label: 'mois' },
  { value: 'D', label: 'jours' },
];

/** The rule form's amount and unit of a period: "P10Y" → 10 ans, "P1Y6M" → 18 mois; null for forever. */
export function durationFields(iso: string | null | undefined): { amount: number; unit: DurationUnit } | null {
  const p = parsePeriod(iso);
  if (!p) return null;
  if (p.days === 0 && p.months === 0) return { amount: p.years, unit: 'Y' };
  if (p.days === 0) return { amount: p.years * 12 + p.months, unit: 'M' };
  return { amount: p.years * 365 + p.months * 30 + p.days, unit: 'D' };
}

/** The ISO period of the rule form's amount and unit ("10", 'Y' → "P10Y"); null if the amount is not a whole number ≥ 1. */
export function periodOf(amount: string | number, unit: DurationUnit): string | null {
  const text = String(amount).trim();
  if (!/^\d{1,4}$/.test(text)) return null;
  const n = Number.parseInt(text, 10);
  return n >= 1 ? `P${n}${unit}` : null;
}

// ---- a unit's state

/** Whether the unit's retention has ended on `today` (ISO day): never when it is kept forever. */
export function retentionEnded(unit: Pick<ArchiveUnit, 'retentionEnd'>, today: string): boolean {
  return !!unit.retentionEnd && unit.retentionEnd <= today;
}

/** « Le 12/03/2031 », « Échue le 12/03/2020 », « Conservation définitive ». */
export function retentionEndText(unit: Pick<ArchiveUnit, 'retentionEnd'>, today: string): string {
  if (!unit.retentionEnd) return 'Conservation définitive';
  return retentionEnded(unit, today) ? `Échue le ${formatDate(unit.retentionEnd)}` : formatDate(unit.retentionEnd);
}

/** Whether a unit may be proposed for destruction on `today` (the server's rule, for the pages' hints). */
export function disposalEligible(unit: Pick<ArchiveUnit, 'status' | 'finalAction' | 'legalHold' | 'retentionEnd'>, today: string): boolean {
  return unit.status === 'ARCHIVED' && unit.finalAction === 'DESTROY' && !unit.legalHold && retentionEnded(unit, today);
}

/** What the end of the DUA brings, for the unit's page. */
export function disposalOutlook(unit: ArchiveUnit, today: string): string {
  if (unit.status === 'DESTROYED') return 'L’unité a été détruite.';
  if (unit.finalAction !== 'DESTROY') return 'L’unité sera conservée définitivement.';
  if (unit.legalHold) return 'Un gel bloque toute élimination de l’unité.';
  if (!unit.retentionEnd) return 'L’unité sera conservée définitivement.';
  return retentionEnded(unit, today)
    ? 'Durée d’utilité administrative échue : l’unité peut être proposée à l’élimination.'
    : `L’unité pourra être proposée à l’élimination à partir du ${formatDate(unit.retentionEnd)}.`;
}

/** Whether the unit's files may not be communicated yet on `today`. */
export function accessRestricted(unit: Pick<ArchiveUnit, 'accessRestrictedUntil'>, today: string): boolean {
  return !!unit.accessRestrictedUntil && today < unit.accessRestrictedUntil;
}

/** « Non communicable avant le 01/01/2075 » or « Librement communicable aux agents de la commune ». */
export function accessText(unit: Pick<ArchiveUnit, 'accessRestrictedUntil'>, today: string): string {
  return accessRestricted(unit, today) ? `Non communicable avant le ${formatDate(unit.accessRestrictedUntil)}` : 'Communicable aux personnes de la commune';
}

/** The message of a restricted unit's files. */
export function restrictedMessage(unit: Pick<ArchiveUnit, 'accessRestrictedUntil'>): string {
  return unit.accessRestrictedUntil
    ? `Unité non communicable avant le ${formatDate(unit.accessRestrictedUntil)} : ses fichiers ne peuvent pas encore être consultés.`
    : 'Unité non communicable : ses fichiers ne peuvent pas être consultés.';
}

/** A fingerprint shortened for tables: the first 12 hexadecimal digits and « … ». */
export function shortHash(hash: string | null | undefined, length = 12): string {
  if (!hash) return '—';
  return hash.length > length ? `${hash.slice(0, length)}…` : hash;
}

/** "1 unité trouvée", "23 unités trouvées". */
export function unitCountText(total: number): string {
  if (total <= 0) return 'Aucune unité d’archives trouvée';
  return total === 1 ? '1 unité d’archives trouvée' : `${formatInteger(total)} unités d’archives trouvées`;
}

/** A journal entry's details (a JSON text) as "key : value" lines; empty when there are none or they are unreadable. */
export function journalDetails(details: string | null | undefined): string[] {
  if (!details) return [];
  try {
    const value = JSON.parse(details) as unknown;
    if (!value || typeof value !== 'object' || Array.isArray(value)) return [];
    return Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== null && v !== undefined && v !== '')
      .map(([k, v]) => `${k} : ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`);
  } catch {
    return [];
  }
}

// ---- the transfer form

/** The transfer form as typed (all texts). */
export interface TransferDraft {
  documentId: string;
  title: string;
  description: string;
  descriptionLevel: string;
  startDate: string;
  endDate: string;
  service: string;
  keywords: string;
  ruleCode: string;
  retentionStart: string;
  accessRestrictedUntil: string;
  agreement: string;
}

/** The API's body of the transfer form: trimmed, empty values left out, keywords split at commas. */
export function transferRequest(d: TransferDraft): GedTransfer {
  const text = (s: string) => s.trim() || undefined;
  const keywords = parseTags(d.keywords);
  return {
    documentId: d.documentId.trim(),
    title: text(d.title),
    description: text(d.description),
    descriptionLevel: text(d.descriptionLevel),
    startDate: text(d.startDate),
    endDate: text(d.endDate),
    service: d.service.trim(),
    keywords: keywords.length ? keywords : undefined,
    ruleCode: d.ruleCode.trim(),
    retentionStart: text(d.retentionStart),
    accessRestrictedUntil: text(d.accessRestrictedUntil),
    agreement: text(d.agreement),
  };
}

/** The field problems of a transfer draft, before sending: [control name, French message]. */
export function transferProblems(d: TransferDraft): [keyof TransferDraft, string][] {
  const problems: [keyof TransferDraft, string][] = [];
  if (!d.documentId.trim()) problems.push(['documentId', 'Choisissez le document de la GED à archiver.']);
  if (!d.agreement.trim()) problems.push(['agreement', 'Choisissez la convention d’archivage.']);
  if (!d.service.trim()) problems.push(['service', 'Choisissez le service producteur.']);
  if (!d.ruleCode.trim()) problems.push(['ruleCode', 'Choisissez la règle de gestion.']);
  for (const day of ['startDate', 'endDate', 'retentionStart', 'accessRestrictedUntil'] as const) {
    if (d[day].trim() && !isIsoDay(d[day].trim())) problems.push([day, 'Indiquez une date au format jj/mm/aaaa.']);
  }
  if (isIsoDay(d.startDate) && isIsoDay(d.endDate) && d.endDate < d.startDate) problems.push(['endDate', 'La date de fin précède la date de début.']);
  return problems;
}

/** The general agreement of a commune: "CONV-67204-GENERALE". */
export const generalAgreement = (insee: string | null | undefined): string => `CONV-${insee ?? ''}-GENERALE`;

/** The agreement the form starts with: the commune's general one if active, else the first active one. */
export function defaultAgreement(agreements: ArchivalAgreement[], insee: string | null | undefined): ArchivalAgreement | undefined {
  const active = agreements.filter((a) => a.active);
  return active.find((a) => a.identifier === generalAgreement(insee)) ?? active[0];
}

/** The rules an agreement allows, in its order, with their labels (a rule unknown to the referential keeps its code). */
export function rulesOfAgreement(agreement: ArchivalAgreement | undefined, rules: RetentionRule[]): RetentionRule[] {
  if (!agreement) return [];
  return agreement.rules.map((code) => rules.find((r) => r.code === code) ?? { code, label: code, duration: null, finalAction: '' });
}

/** Every service named by an agreement, sorted by their French label. */
export function allServices(agreements: ArchivalAgreement[]): string[] {
  return [...new Set(agreements.flatMap((a) => a.services))].sort((a, b) => serviceLabel(a).localeCompare(serviceLabel(b), 'fr'));
}

/** The French reasons of a refusal (`reasons` of `outside-agreement`), else the messages of its `errors`. */
export function problemReasons(problem: Problem | null | undefined): string[] {
  const reasons = problem?.reasons;
  if (Array.isArray(reasons)) return reasons.map((r: unknown) => String(r ?? '')).filter((r) => r.trim() !== '');
  return problemErrors(problem);
}

// ---- the rule and agreement forms

/** "SECRETARIAT_GENERAL, finances ,," → ["SECRETARIAT_GENERAL", "FINANCES"]: codes in capitals, without duplicates. */
export function parseCodes(text: string): string[] {
  return [...new Set(parseTags(text).map((c) => c.toUpperCase().replace(/\s+/g, '_')))];
}

export const isRuleCode = (code: string): boolean => /^[A-Z0-9][A-Z0-9_-]{0,39}$/.test(code);

export const isServiceCode = (code: string): boolean => /^[A-Z][A-Z0-9_-]{1,39}$/.test(code);

export const isAgreementIdentifier = (identifier: string): boolean => /^[A-Za-z0-9_.:-]{2,80}$/.test(identifier);

// ---- who does what

const has = (me: Me, role: string) => !me.operator && !!me.commune && me.roles.includes(role);

/** The commune's people who archive GED documents: agents, managers, administrators. */
export const canTransfer = (me: Me): boolean => ['commune-admin', 'agent', 'manager'].some((r) => has(me, r));

/** The commune's administrator: the referential, legal holds, destruction proposals. */
export const isArchiveAdmin = (me: Me): boolean => has(me, 'commune-admin');

/** The archives authority (« Autorité d'archives »), who co-approves destructions. */
export const isArchivist = (me: Me): boolean => has(me, 'archivist');

/** Who takes part in the destructions: the administrator (proposes, approves for the commune) and the authority. */
export const takesPartInDisposals = (me: Me): boolean => isArchiveAdmin(me) || isArchivist(me);

/** Who reads the journal's verification, the fixity audits and the alerts of the commune. */
export const readsIntegrity = (me: Me): boolean => has(me, 'commune-admin') || has(me, 'elected-official');

// ---- the disposal's approvals

export type Approval = 'commune' | 'authority';

/**
 * The approval `me` may give to a proposal now: the commune's (administrator) or the archives authority's
 * (archivist), each once, and never both by the same person (two different people must approve). Null: none.
 */
export function approvalFor(p: DisposalProposal, me: Me): Approval | null {
  if (p.status !== 'PENDING') return null;
  const name = me.displayName;
  const gaveCommune = !!p.communeApprovedAt && p.communeApprovedByName === name;
  const gaveAuthority = !!p.authorityApprovedAt && p.authorityApprovedByName === name;
  if (isArchiveAdmin(me) && !p.communeApprovedAt && !gaveAuthority) return 'commune';
  if (isArchivist(me) && !p.authorityApprovedAt && !gaveCommune) return 'authority';
  return null;
}

/** Whether `me` may reject a pending proposal. */
export const canReject = (p: DisposalProposal, me: Me): boolean => p.status === 'PENDING' && takesPartInDisposals(me);

/** The approvals still awaited by a pending proposal, in French. */
export function awaitedApprovals(p: DisposalProposal): string[] {
  if (p.status !== 'PENDING') return [];
  return [!p.communeApprovedAt ? 'celle de la commune' : '', !p.authorityApprovedAt ? 'celle de l’autorité d’archives' : ''].filter(Boolean);
}

/** « Approuvée par Marie Dupont le 02/12/2026 10:00 » or « En attente ». */
export function approvalText(name: string | null | undefined, at: string | null | undefined, formatAt: (iso: string) => string): string {
  if (!at) return 'En attente';
  return `Approuvée${name ? ` par ${name}` : ''} le ${formatAt(at)}`;
}

/** What a proposal's page says of its state. */
export function disposalSummary(p: DisposalProposal): string {
  switch (p.status) {
    case 'PENDING': {
      const awaited = awaitedApprovals(p);
      return awaited.length === 2
        ? 'La destruction attend deux approbations : celle de la commune et celle de l’autorité d’archives.'
        : `La destruction attend encore une approbation : ${awaited[0] ?? 'aucune'}.`;
    }
    case 'DESTROYED':
      return 'Les unités de la proposition ont été détruites ; le certificat de destruction est disponible.';
    case 'REJECTED':
      return 'La proposition a été refusée : les unités restent conservées.';
    default:
      return p.status;
  }
}

/** "3 unités, 12,4 Mo". */
export function disposalVolume(units: { totalBytes: number }[], formatSize: (n: number) => string): string {
  const bytes = units.reduce((sum, u) => sum + (u.totalBytes ?? 0), 0);
  return `${units.length === 1 ? '1 unité' : `${formatInteger(units.length)} unités`}, ${formatSize(bytes)}`;
}

// ---- integrity

/** « Chaîne intègre : 42 entrées vérifiées » or « Chaîne rompue à l'entrée 17 : … ». */
export function chainText(v: JournalVerification): string {
  if (v.chainIntact) return `Chaîne intègre : ${v.entries === 1 ? '1 entrée vérifiée' : `${formatInteger(v.entries)} entrées vérifiées`}`;
  const at = v.brokenAt !== null && v.brokenAt !== undefined ? ` à l’entrée ${v.brokenAt}` : '';
  return `Chaîne rompue${at}${v.reason ? ` : ${v.reason}` : ''}`;
}

/** « Sceaux valides : 3/3 », « Aucun sceau ». */
export function sealsText(v: JournalVerification): string {
  if (v.seals <= 0) return 'Aucun sceau';
  return `Sceaux valides : ${formatInteger(v.validSeals)}/${formatInteger(v.seals)}`;
}

/** Whether the verification found nothing wrong. */
export const verificationOk = (v: JournalVerification): boolean => v.chainIntact && v.validSeals === v.seals && v.sealProblems.length === 0;

/** An audit's outcome: « Tout est intègre », « 2 anomalies (1 altéré, 1 manquant) », « Stockage injoignable ». */
export function auditOutcome(run: FixityRun): string {
  if (run.unreachable) return `Stockage injoignable (arrêt après ${formatInteger(run.checked)} objet(s))`;
  const anomalies = run.altered + run.missing;
  if (anomalies === 0) return 'Tout est intègre';
  return `${anomalies === 1 ? '1 anomalie' : `${formatInteger(anomalies)} anomalies`} (${formatInteger(run.altered)} altéré(s), ${formatInteger(run.missing)} manquant(s))`;
}
