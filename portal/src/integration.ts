// The integrations (connectors to the commune's HR and finance software): the API's types and calls, and the pure
// logic of the « Connecteurs » pages (French labels, query strings, the connector form's request with its write-only
// secret, the client-side checks of the form, the connection test's summary, the agents' import reports and example
// file). No page state: unit-tested in integration.test.ts. The calls go through the portal's Api (token, problem documents), as `api.integration`.
import type { Api, Me, Problem } from './api';
import { queryString } from './documents';
import { formatDateTime, formatInteger } from './format';
import { labelOf } from './parapheur';

export { labelOf };

// ---- types of the API

export type ConnectorKind = 'HR' | 'FINANCE';
export type ConnectorTransport = 'REST' | 'SFTP';
export type MessageStatus = 'PENDING' | 'SENT' | 'DEAD';
export type ExchangeStatus = 'SENT' | 'FAILED' | 'DEAD' | 'REPLAYED' | 'RECEIVED';

/** A connector as the API shows it: never its secret, only whether one is stored. Absent members are omitted. */
export interface Connector {
  kind: ConnectorKind | string;
  transport: ConnectorTransport | string;
  endpoint: string;
  username?: string | null;
  secretSet: boolean;
  scheduleMinutes: number;
  /** A JSON text ("{}" by default). */
  mappings?: string | null;
  enabled: boolean;
}

/**
 * What the connector form sends. `secret` is write-only: absent, the stored one is kept (it is never sent back by the
 * server, and an empty field must not erase it).
 */
export interface ConnectorBody {
  transport: ConnectorTransport | string;
  endpoint: string;
  username?: string;
  secret?: string;
  scheduleMinutes?: number;
  mappings?: string;
  enabled?: boolean;
}

/** One step of « Tester la connexion » (« Résolution du nom », « Connexion TCP », « TLS », « Authentification » …). */
export interface TestStep {
  name: string;
  ok: boolean;
  detail?: string | null;
}

/** The connection test: ok when every step passed; it stops at the first step that fails. */
export interface TestReport {
  ok: boolean;
  steps: TestStep[];
}

/** A message of the outbox, towards a connector. */
export interface OutboxMessage {
  id: string;
  connector: ConnectorKind | string;
  flow: string;
  idempotencyKey: string;
  status: MessageStatus | string;
  attempts: number;
  nextAttemptAt?: string | null;
  lastError?: string | null;
  createdAt: string;
  sentAt?: string | null;
  payload?: string | null;
}

/** An entry of the exchange log: one attempt (or replay, or reception) and its outcome. */
export interface Exchange {
  id: string;
  messageId?: string | null;
  direction: 'OUT' | 'IN' | string;
  connector: ConnectorKind | string;
  flow: string;
  status: ExchangeStatus | string;
  attempt: number;
  at: string;
  durationMs?: number | null;
  correlationId?: string | null;
  detail?: string | null;
}

/** How many messages are pending, sent and dead. */
export interface OutboxSummary {
  PENDING: number;
  SENT: number;
  DEAD: number;
}

/** Criteria of the exchange log (as in the page's address). */
export interface ExchangeFilter {
  flow?: string;
  status?: ExchangeStatus | string;
}

// ---- the calls

const seg = encodeURIComponent;

/** How many messages and exchanges a list asks for (the API's default). */
export const LIST_LIMIT = 100;
/** How many dead letters of the communes the DSI's list asks for (the API's default). */
export const DEAD_LETTERS_LIMIT = 200;

/** The integration API (under /api/v1), through the portal's Api: token, JSON, RFC 9457 problems. */
export class IntegrationApi {
  constructor(private readonly api: Pick<Api, 'request' | 'sendFile'>) {}

  connectors = () => this.api.request<Connector[]>('GET', '/integration/connectors');
  connector = (kind: ConnectorKind) => this.api.request<Connector>('GET', `/integration/connectors/${seg(kind)}`);
  save = (kind: ConnectorKind, body: ConnectorBody) => this.api.request<Connector>('PUT', `/integration/connectors/${seg(kind)}`, body);
  remove = (kind: ConnectorKind) => this.api.request<{ deleted: string }>('DELETE', `/integration/connectors/${seg(kind)}`);
  /** Tests the connector as stored (not the form's values). */
  test = (kind: ConnectorKind) => this.api.request<TestReport>('POST', `/integration/connectors/${seg(kind)}/test`, {});
  messages = (status?: MessageStatus, limit = LIST_LIMIT) => this.api.request<OutboxMessage[]>('GET', messagesPath(status, limit));
  replay = (id: string) => this.api.request<OutboxMessage>('POST', `/integration/messages/${seg(id)}/replay`);
  exchanges = (filter: ExchangeFilter = {}, limit = LIST_LIMIT) => this.api.request<Exchange[]>('GET', exchangesPath(filter, limit));
  summary = async () => summaryOf(await this.api.request<unknown>('GET', '/integration/summary'));

  // the agents' imports
  /** Sends the file's bytes as they are (text/csv, no re-encoding): the server detects the encoding line by line. */
  importAgents = async (file: Blob, fileName: string) => importReportOf(await this.api.sendFile<unknown>('POST', agentImportPath(fileName), file, 'text/csv'));
  /** Fetches the agents' file from the commune's HR connector now. */
  pullAgents = async () => importReportOf(await this.api.request<unknown>('POST', '/integration/hr/imports/pull'));
  /** The latest imports (50 at most), newest first, without their errors. */
  agentImports = async () => importReportsOf(await this.api.request<unknown>('GET', '/integration/hr/imports'));
  agentImport = async (id: string) => importReportOf(await this.api.request<unknown>('GET', `/integration/hr/imports/${seg(id)}`));

  // the DSI's view of every commune (platform operator)
  /** Every commune that has a connector or messages, with its health (in the server's order: sorted by the page). */
  communesHealth = async () => communeHealthsOf(await this.api.request<unknown>('GET', '/integration/operator/communes'));
  /** The dead letters of every commune, or of one, newest first. */
  deadLetters = async (commune?: string | null, limit = DEAD_LETTERS_LIMIT) => deadLettersOf(await this.api.request<unknown>('GET', deadLettersPath(commune, limit)));
  /** Replays a commune's dead letter (recorded in the commune's audit trail): the message, PENDING again. */
  replayDeadLetter = (commune: string, id: string) =>
    this.api.request<OutboxMessage>('POST', `/integration/operator/communes/${seg(commune)}/messages/${seg(id)}/replay`);
}

/** Path (under /api/v1) of the outbox's messages, of one status or all. */
export function messagesPath(status?: MessageStatus | string | null, limit = LIST_LIMIT): string {
  return `/integration/messages${queryString({ status, limit })}`;
}

/** Path (under /api/v1) of the exchange log; empty criteria are left out. */
export function exchangesPath(filter: ExchangeFilter = {}, limit = LIST_LIMIT): string {
  return `/integration/exchanges${queryString({ flow: filter.flow, status: filter.status, limit })}`;
}

/** Path (under /api/v1) of the dead letters of every commune, or of one (DSI). */
export function deadLettersPath(commune?: string | null, limit = DEAD_LETTERS_LIMIT): string {
  return `/integration/operator/dead-letters${queryString({ commune, limit })}`;
}

/** The counts as the API gives them, a missing one being 0. */
export function summaryOf(body: unknown): OutboxSummary {
  const raw = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const count = (name: string) => {
    const n = Number(raw[name]);
    return Number.isFinite(n) && n > 0 ? Math.floor(n) : 0;
  };
  return { PENDING: count('PENDING'), SENT: count('SENT'), DEAD: count('DEAD') };
}

// ---- the exchange log's criteria in the page's address

export const EXCHANGE_STATUSES: ExchangeStatus[] = ['SENT', 'FAILED', 'DEAD', 'REPLAYED', 'RECEIVED'];

/** A flow's code: lower-case words joined by dots or hyphens ("leave.approved"). */
export const isFlowCode = (code: string): boolean => /^[a-z0-9][a-z0-9._-]{0,99}$/.test(code);

/** The criteria of a page address's query; unknown or empty values are left out. */
export function exchangeFilterOf(query: URLSearchParams): ExchangeFilter {
  const filter: ExchangeFilter = {};
  const flow = query.get('flow')?.trim();
  const status = query.get('status')?.trim();
  if (flow && isFlowCode(flow)) filter.flow = flow;
  if (status && (EXCHANGE_STATUSES as string[]).includes(status)) filter.status = status;
  return filter;
}

export const EXCHANGES_PATH = '/connecteurs/echanges';
export const CONNECTORS_PATH = '/connecteurs';

/** The portal address of the exchange log with its criteria: `/connecteurs/echanges?flow=…&status=…`. */
export function exchangesHref(filter: ExchangeFilter = {}): string {
  return `${EXCHANGES_PATH}${queryString({ flow: filter.flow, status: filter.status })}`;
}

// ---- French labels

export const CONNECTOR_KINDS: ConnectorKind[] = ['HR', 'FINANCE'];

/** The software a connector reaches. */
export const CONNECTOR_LABEL: Record<string, string> = { HR: 'Logiciel RH', FINANCE: 'Logiciel financier' };

/** The connector's noun inside a sentence: « (au) logiciel RH », « (du) logiciel financier ». */
export const connectorNoun = (kind: string): string => (CONNECTOR_LABEL[kind] ? CONNECTOR_LABEL[kind].toLowerCase().replace('rh', 'RH') : `connecteur ${kind}`);

export const TRANSPORTS: { value: ConnectorTransport; label: string }[] = [
  { value: 'REST', label: 'REST (HTTPS/JSON)' },
  { value: 'SFTP', label: 'SFTP (fichiers CSV)' },
];

export const TRANSPORT_LABEL: Record<string, string> = Object.fromEntries(TRANSPORTS.map((t) => [t.value, t.label]));

/** The flows sent today; an unknown flow is shown by its code. */
export const FLOW_LABEL: Record<string, string> = {
  'leave.approved': 'Congé accordé',
  'leave.cancelled': 'Congé annulé',
  'mission.signed': 'Ordre de mission signé',
  'mission.expenses-approved': 'Frais de mission à rembourser',
};

export const flowLabel = (code: string | null | undefined): string => labelOf(FLOW_LABEL, code);

export const DIRECTION_LABEL: Record<string, string> = { OUT: 'Envoi', IN: 'Réception' };

export const EXCHANGE_STATUS_LABEL: Record<string, string> = {
  SENT: 'Envoyé',
  FAILED: 'Échec (nouvel essai prévu)',
  DEAD: 'Échec définitif',
  REPLAYED: 'Rejoué',
  RECEIVED: 'Reçu',
};

export const MESSAGE_STATUS_LABEL: Record<string, string> = { PENDING: 'En attente', SENT: 'Envoyé', DEAD: 'Échec définitif' };

/** « 850 ms », « 1,2 s », « — ». */
export function durationText(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)}\u00a0ms`;
  const seconds = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 }).format(ms / 1000);
  return `${seconds.replace(/\u202f/g, '\u00a0')}\u00a0s`;
}

/** « Toutes les 15 minutes », « Toutes les heures », « Toutes les 2 heures », « Tous les jours », « Tous les 7 jours ». */
export function scheduleText(minutes: number | null | undefined): string {
  if (!minutes || minutes <= 0) return '—';
  if (minutes % 1440 === 0) return minutes === 1440 ? 'Tous les jours' : `Tous les ${formatInteger(minutes / 1440)} jours`;
  if (minutes % 60 === 0) return minutes === 60 ? 'Toutes les heures' : `Toutes les ${formatInteger(minutes / 60)} heures`;
  return minutes === 1 ? 'Toutes les minutes' : `Toutes les ${formatInteger(minutes)} minutes`;
}

/** « 1 message », « 3 messages ». */
export const messageCount = (n: number): string => (n === 1 ? '1 message' : `${formatInteger(n)} messages`);

/** « 1 échange », « 12 échanges, les plus récents en premier » (the log shows the latest 100 at most). */
export function exchangeCountText(n: number, limit = LIST_LIMIT): string {
  if (n <= 0) return 'Aucun échange';
  if (n >= limit) return `Les ${formatInteger(limit)} échanges les plus récents, les plus récents en premier`;
  return n === 1 ? '1 échange' : `${formatInteger(n)} échanges, les plus récents en premier`;
}

// ---- the connector form

/** The connector form as typed (texts and the checkbox). */
export interface ConnectorDraft {
  transport: string;
  endpoint: string;
  username: string;
  /** Empty: keep the secret stored (write-only). */
  secret: string;
  scheduleMinutes: string;
  mappings: string;
  enabled: boolean;
}

export const DEFAULT_SCHEDULE_MINUTES = 60;
export const MIN_SCHEDULE_MINUTES = 5;
/** Seven days. */
export const MAX_SCHEDULE_MINUTES = 10080;
export const MAX_SECRET_LENGTH = 4096;

/** The form's starting values: the connector's (its secret left empty: it is never shown), or a new REST one. */
export function draftOf(connector: Connector | null | undefined): ConnectorDraft {
  if (!connector) {
    return { transport: 'REST', endpoint: '', username: '', secret: '', scheduleMinutes: String(DEFAULT_SCHEDULE_MINUTES), mappings: '{}', enabled: true };
  }
  return {
    transport: connector.transport,
    endpoint: connector.endpoint ?? '',
    username: connector.username ?? '',
    secret: '',
    scheduleMinutes: String(connector.scheduleMinutes ?? DEFAULT_SCHEDULE_MINUTES),
    mappings: prettyMappings(connector.mappings),
    enabled: connector.enabled,
  };
}

/** Mappings laid out for reading and editing (two-space indentation); a text that is not JSON is kept as is. */
export function prettyMappings(text: string | null | undefined): string {
  const value = (text ?? '').trim();
  if (!value) return '{}';
  try {
    const parsed = JSON.parse(value) as unknown;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed) && Object.keys(parsed).length === 0) return '{}';
    return JSON.stringify(parsed, null, 2);
  } catch {
    return value;
  }
}

/** The French problem of the mappings' text, or null when it is a JSON object (empty text: no mapping). */
export function mappingsProblem(text: string): string | null {
  const value = text.trim();
  if (!value) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return 'Le texte n’est pas du JSON valide : vérifiez les guillemets droits ("), les virgules et les accolades, par exemple {"matricule": "code_agent"}.';
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return 'Les correspondances doivent être un objet JSON entre accolades, par exemple {"matricule": "code_agent"}.';
  }
  return null;
}

/** Whether the address fits the transport: http(s)://host… for REST, sftp://host… for SFTP. */
function endpointProblem(transport: string, endpoint: string): string | null {
  if (!endpoint) return 'Indiquez l’adresse du logiciel.';
  if (endpoint.length > 500) return 'L’adresse fait 500 caractères au plus.';
  let url: URL | null = null;
  try {
    url = new URL(endpoint);
  } catch {
    // not an address: said below
  }
  const expected = transport === 'SFTP' ? 'Adresse SFTP attendue : sftp://hôte[:port]/répertoire.' : 'Adresse REST attendue : https://hôte[:port]/chemin.';
  if (!url || !url.hostname) return expected;
  const scheme = url.protocol.replace(/:$/, '');
  const fits = transport === 'SFTP' ? scheme === 'sftp' : scheme === 'https' || scheme === 'http';
  if (!fits) return expected;
  if (url.username || url.password) return 'Pas d’identifiant ni de secret dans l’adresse : utilisez les champs prévus (le secret y est chiffré).';
  return null;
}

/** The connector form's control names, as problems name them. */
export type ConnectorField = keyof ConnectorDraft;

/** The field problems of a draft, before sending: [field, French message] (the server checks them again). */
export function connectorProblems(d: ConnectorDraft): [ConnectorField, string][] {
  const problems: [ConnectorField, string][] = [];
  if (d.transport !== 'REST' && d.transport !== 'SFTP') problems.push(['transport', 'Choisissez le transport : REST (HTTPS/JSON) ou SFTP (fichiers CSV).']);
  else {
    const endpoint = endpointProblem(d.transport, d.endpoint.trim());
    if (endpoint) problems.push(['endpoint', endpoint]);
  }
  if (d.username.trim().length > 200) problems.push(['username', 'L’identifiant fait 200 caractères au plus.']);
  if (d.secret.length > MAX_SECRET_LENGTH) problems.push(['secret', 'Le secret fait 4 096 caractères au plus.']);
  const schedule = d.scheduleMinutes.trim();
  const minutes = /^\d{1,6}$/.test(schedule) ? Number.parseInt(schedule, 10) : NaN;
  if (!(minutes >= MIN_SCHEDULE_MINUTES && minutes <= MAX_SCHEDULE_MINUTES)) {
    problems.push(['scheduleMinutes', 'Indiquez un nombre entier de minutes, de 5 à 10 080 (7 jours).']);
  }
  const mappings = mappingsProblem(d.mappings);
  if (mappings) problems.push(['mappings', mappings]);
  return problems;
}

/**
 * The API's body of a (checked) draft: texts trimmed, an empty identifier left out, the mappings compacted ("{}" when
 * empty). The secret is sent only when one was typed — as typed, spaces included; an empty field sends no `secret`
 * member, so that the stored secret is kept.
 */
export function connectorRequest(d: ConnectorDraft): ConnectorBody {
  const mappings = d.mappings.trim();
  let compact = '{}';
  if (mappings) {
    try {
      compact = JSON.stringify(JSON.parse(mappings));
    } catch {
      compact = mappings;
    }
  }
  const body: ConnectorBody = {
    transport: d.transport,
    endpoint: d.endpoint.trim(),
    username: d.username.trim() || undefined,
    scheduleMinutes: Number.parseInt(d.scheduleMinutes.trim(), 10),
    mappings: compact,
    enabled: d.enabled,
  };
  if (d.secret.length > 0) body.secret = d.secret;
  return body;
}

// ---- the connection test

/** The first step that failed, if any. */
export const failedStep = (report: TestReport): TestStep | undefined => report.steps.find((s) => !s.ok);

/** What the status message says of a test: success, or the step that failed with its detail. */
export function testSummary(kind: string, report: TestReport): string {
  const failed = failedStep(report);
  const noun = connectorNoun(kind);
  if (report.ok && !failed) return `Connexion au ${noun} réussie : toutes les étapes du test ont abouti.`;
  if (!failed) return `Échec du test de connexion au ${noun}.`;
  return `Échec de la connexion au ${noun} à l’étape « ${failed.name} »${failed.detail?.trim() ? ` : ${failed.detail.trim().replace(/\.$/, '')}` : ''}.`;
}

/** A step's outcome in words. */
export const stepOutcome = (step: TestStep): string => (step.ok ? 'Réussie' : 'Échec');

// ---- the outbox's counts

/** The counts of the connectors' page: [label, value, status] (the failures first noticed). */
export function summaryEntries(s: OutboxSummary): [string, number, MessageStatus][] {
  return [
    ['En attente', s.PENDING, 'PENDING'],
    ['Envoyés', s.SENT, 'SENT'],
    ['En échec', s.DEAD, 'DEAD'],
  ];
}

// ---- who does what

/** The commune's administrator configures the connectors and follows the exchanges. */
export const managesConnectors = (me: Me): boolean => !me.operator && !!me.commune && me.roles.includes('commune-admin');

// ---- the import of the agents (the HR software's file)

export type ImportSource = 'UPLOAD' | 'REST' | 'SFTP';
export type ImportStatus = 'APPLIED' | 'PARTIAL' | 'REJECTED' | 'DUPLICATE';
export type ImportEncoding = 'UTF-8' | 'ISO-8859-1' | 'MIXTE';

/** A line of the file that was not applied: its number in the file (the header is line 1) and the French reason. */
export interface ImportLineError {
  line: number;
  identifier?: string;
  reason: string;
}

/**
 * What an import of the agents did. `lines`: data lines read; `applied`: lines that changed something; `unchanged`:
 * lines identical to what the platform had; `created`: newcomers who received an account; `left`: leavers disabled
 * (their signing certificates revoked). `errors` is absent from the list's summaries.
 */
export interface ImportReport {
  id: string;
  source: ImportSource | string;
  fileName: string;
  sha256: string;
  encoding: ImportEncoding | string;
  receivedAt: string;
  by: string;
  status: ImportStatus | string;
  /** The earlier import of the very same file (status DUPLICATE). */
  duplicateOf?: string;
  lines: number;
  applied: number;
  unchanged: number;
  created: number;
  left: number;
  errors?: ImportLineError[];
}

/** The largest file the server accepts (it answers 413 beyond). */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

/** Path (under /api/v1) of the upload of an agents' file, its name in the query. */
export const agentImportPath = (fileName: string): string => `/integration/hr/imports?fileName=${encodeURIComponent(fileName)}`;

const text = (v: unknown): string => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));
const count = (v: unknown): number => {
  const n = Number(v);
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : 0;
};

/** A report as the API gives it, read safely: counts are whole numbers ≥ 0, the rejected lines in the file's order. */
export function importReportOf(body: unknown): ImportReport {
  const raw = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const report: ImportReport = {
    id: text(raw.id),
    source: text(raw.source),
    fileName: text(raw.fileName),
    sha256: text(raw.sha256),
    encoding: text(raw.encoding),
    receivedAt: text(raw.receivedAt),
    by: text(raw.by),
    status: text(raw.status),
    lines: count(raw.lines),
    applied: count(raw.applied),
    unchanged: count(raw.unchanged),
    created: count(raw.created),
    left: count(raw.left),
  };
  if (typeof raw.duplicateOf === 'string' && raw.duplicateOf) report.duplicateOf = raw.duplicateOf;
  if (Array.isArray(raw.errors)) {
    report.errors = raw.errors
      .filter((e): e is Record<string, unknown> => !!e && typeof e === 'object')
      .map((e) => {
        const error: ImportLineError = { line: count(e.line), reason: text(e.reason) };
        if (typeof e.identifier === 'string' && e.identifier) error.identifier = e.identifier;
        return error;
      })
      .sort((a, b) => a.line - b.line);
  }
  return report;
}

/** The list of imports (newest first, as the server sorts it). */
export const importReportsOf = (body: unknown): ImportReport[] => (Array.isArray(body) ? body.map(importReportOf) : []);

export const AGENT_IMPORTS_PATH = '/connecteurs/agents';

/** The portal address of an import's report. */
export const agentImportHref = (id: string): string => `${AGENT_IMPORTS_PATH}/${seg(id)}`;

export const IMPORT_STATUS_LABEL: Record<string, string> = {
  APPLIED: 'Appliqué',
  PARTIAL: 'Appliqué en partie',
  REJECTED: 'Refusé',
  DUPLICATE: 'Déjà traité',
};

export const IMPORT_SOURCE_LABEL: Record<string, string> = {
  UPLOAD: 'Fichier déposé',
  REST: 'Logiciel RH (REST)',
  SFTP: 'Logiciel RH (SFTP)',
};

export const IMPORT_ENCODING_LABEL: Record<string, string> = {
  'UTF-8': 'UTF-8',
  'ISO-8859-1': 'ISO-8859-1 (Latin-1)',
  MIXTE: 'Mixte : UTF-8 et ISO-8859-1 selon les lignes',
};

export const importStatusLabel = (status: string | null | undefined): string => labelOf(IMPORT_STATUS_LABEL, status);

/** « aucune ligne lue », « 1 ligne lue », « 12 lignes lues » … */
function counted(n: number, none: string, one: string, many: string): string {
  if (n <= 0) return none;
  return n === 1 ? `1 ${one}` : `${formatInteger(n)} ${many}`;
}

/** The counts of a report in French: [label, value]; the rejected lines only when the report has its errors. */
export function importCounts(report: ImportReport): [string, number][] {
  const counts: [string, number][] = [
    ['Lignes lues', report.lines],
    ['Lignes appliquées', report.applied],
    ['Lignes inchangées', report.unchanged],
    ['Nouveaux agents (comptes créés)', report.created],
    ['Départs (comptes désactivés, certificats révoqués)', report.left],
  ];
  if (report.errors) counts.push(['Lignes refusées', report.errors.length]);
  return counts;
}

/** What an import did, in one French sentence (the result's summary, announced after a run). */
export function importSummary(report: ImportReport): string {
  if (report.status === 'DUPLICATE') return 'Fichier déjà traité : ce fichier a déjà été importé, rien n’a été modifié.';
  const parts = [
    counted(report.lines, 'aucune ligne lue', 'ligne lue', 'lignes lues'),
    counted(report.applied, 'aucune appliquée', 'appliquée', 'appliquées'),
    counted(report.unchanged, 'aucune inchangée', 'inchangée', 'inchangées'),
    counted(report.created, 'aucun nouvel agent', 'nouvel agent', 'nouveaux agents'),
    counted(report.left, 'aucun départ', 'départ', 'départs'),
  ];
  if (report.errors) parts.push(counted(report.errors.length, 'aucune ligne refusée', 'ligne refusée', 'lignes refusées'));
  const prefix: Record<string, string> = { APPLIED: 'Import appliqué', PARTIAL: 'Import appliqué en partie', REJECTED: 'Import refusé' };
  return `${prefix[report.status] ?? `Import (${report.status || 'statut inconnu'})`} : ${parts.join(', ')}.`;
}

/** « 3 imports, les plus récents en premier » (the server keeps the latest 50 in its list). */
export function importCountText(n: number): string {
  if (n <= 0) return 'Aucun import';
  return n === 1 ? '1 import' : `${formatInteger(n)} imports, les plus récents en premier`;
}

/** The problem of the chosen file before sending, in French; null when it can be sent. */
export function agentFileProblem(file: { name: string; size: number } | null | undefined): string | null {
  if (!file) return 'Choisissez le fichier des agents (CSV).';
  if (file.size === 0) return 'Le fichier est vide.';
  if (file.size > MAX_IMPORT_BYTES) return 'Le fichier dépasse 10 Mo, la taille maximale d’un import.';
  return null;
}

/** The problem of a refused import: a 413 without a problem document (the container's) is said in French. */
export function importProblem(problem: Problem): Problem {
  if (problem.status === 413 && !problem.code && !problem.type) {
    return { title: 'Fichier trop volumineux', status: 413, detail: 'Le fichier dépasse 10 Mo, la taille maximale d’un import.' };
  }
  return problem;
}

/** The columns of the agents' file: [name, content, required]. */
export const AGENT_COLUMNS: [string, string, boolean][] = [
  ['identifiant', 'Identifiant de connexion de l’agent', true],
  ['nom', 'Nom de famille', true],
  ['prenom', 'Prénom', true],
  ['courriel', 'Adresse électronique', true],
  ['matricule', 'Matricule dans le logiciel RH', false],
  ['service', 'Service d’affectation', false],
  ['responsable', 'Identifiant de connexion de son responsable', false],
  ['rythme', 'Jours travaillés (MON, TUE, WED, THU, FRI, SAT, SUN) séparés par des virgules, suivis de _AM ou _PM pour le matin ou l’après-midi seulement, par exemple MON,TUE,WED_AM,THU,FRI', false],
  ['solde_ca', 'Solde de congés annuels, en jours (demi-journées permises, virgule ou point)', false],
  ['solde_rtt', 'Solde de RTT, en jours', false],
  ['solde_cet', 'Solde du compte épargne-temps, en jours', false],
  ['date_sortie', 'Date de sortie, JJ/MM/AAAA ou AAAA-MM-JJ : à partir de cette date, l’agent est sorti (compte désactivé, certificats de signature révoqués)', false],
];

export const AGENT_TEMPLATE_NAME = 'modele-agents.csv';

/** The example file offered for download: the header and two agents, separator « ; », UTF-8. */
export function agentTemplateCsv(): string {
  return [
    AGENT_COLUMNS.map(([name]) => name).join(';'),
    'marie.muller;Muller;Marie;marie.muller@mairie.example.org;A0123;Urbanisme;jean.schmitt;MON,TUE,WED_AM,THU,FRI;25;12,5;3;',
    'jean.schmitt;Schmitt;Jean;jean.schmitt@mairie.example.org;A0042;Urbanisme;;MON,TUE,WED,THU,FRI;20.5;10;0;31/08/2027',
    '',
  ].join('\n');
}

// ---- the DSI's view of every commune's connectors (platform operator)

/**
 * A commune's health: NONE (no connector), OK, RETRYING (messages waiting for a new attempt), DOWN (the last exchange
 * failed and none succeeded since), DEAD_LETTERS (messages that failed for good and need an operator).
 */
export type CommuneHealthStatus = 'NONE' | 'OK' | 'RETRYING' | 'DOWN' | 'DEAD_LETTERS';

/** A commune's connector as the DSI sees it (never its secret). */
export interface ConnectorState {
  kind: ConnectorKind | string;
  transport: ConnectorTransport | string;
  endpoint: string;
  enabled: boolean;
  lastPullAt?: string;
  lastPullOutcome?: string;
}

/** One commune's connectors and messages (the server omits the members without a value). */
export interface CommuneHealth {
  /** INSEE code. */
  commune: string;
  health: CommuneHealthStatus | string;
  connectors: ConnectorState[];
  pending: number;
  /** Pending messages that already failed at least once. */
  retrying: number;
  dead: number;
  sentLast30Days: number;
  lastExchangeAt?: string;
  lastExchangeStatus?: ExchangeStatus | string;
  lastSuccessAt?: string;
  lastError?: string;
}

/** A dead letter of some commune. */
export interface DeadLetter {
  /** INSEE code. */
  commune: string;
  id: string;
  connector: ConnectorKind | string;
  flow: string;
  idempotencyKey: string;
  attempts: number;
  lastError?: string;
  createdAt: string;
}

/** The optional members: kept only when they are non-empty texts. */
function withTexts<T extends object>(target: T, raw: Record<string, unknown>, names: string[]): T {
  for (const name of names) if (typeof raw[name] === 'string' && raw[name]) (target as Record<string, unknown>)[name] = raw[name];
  return target;
}

const objects = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? v.filter((e): e is Record<string, unknown> => !!e && typeof e === 'object') : []);

/** The communes' health as the API gives it, read safely: counts are whole numbers ≥ 0, connectors a list. */
export function communeHealthsOf(body: unknown): CommuneHealth[] {
  return objects(body).map((raw) =>
    withTexts(
      {
        commune: text(raw.commune),
        health: text(raw.health) || 'NONE',
        connectors: objects(raw.connectors).map((c) =>
          withTexts({ kind: text(c.kind), transport: text(c.transport), endpoint: text(c.endpoint), enabled: c.enabled !== false } as ConnectorState, c, ['lastPullAt', 'lastPullOutcome']),
        ),
        pending: count(raw.pending),
        retrying: count(raw.retrying),
        dead: count(raw.dead),
        sentLast30Days: count(raw.sentLast30Days),
      } as CommuneHealth,
      raw,
      ['lastExchangeAt', 'lastExchangeStatus', 'lastSuccessAt', 'lastError'],
    ),
  );
}

/** The dead letters as the API gives them (newest first, as the server sorts them). */
export function deadLettersOf(body: unknown): DeadLetter[] {
  return objects(body).map((raw) =>
    withTexts(
      {
        commune: text(raw.commune),
        id: text(raw.id),
        connector: text(raw.connector),
        flow: text(raw.flow),
        idempotencyKey: text(raw.idempotencyKey),
        attempts: count(raw.attempts),
        createdAt: text(raw.createdAt),
      } as DeadLetter,
      raw,
      ['lastError'],
    ),
  );
}

/** The health in French (the words say it; the badge's colour and icon only repeat it). */
export const HEALTH_LABEL: Record<string, string> = {
  NONE: 'Aucun connecteur',
  OK: 'Opérationnel',
  RETRYING: 'Nouvelles tentatives en cours',
  DOWN: 'Injoignable',
  DEAD_LETTERS: 'Messages en échec',
};

/** The problems first: the communes that need an operator, then those whose software does not answer … */
export const HEALTH_ORDER: CommuneHealthStatus[] = ['DEAD_LETTERS', 'DOWN', 'RETRYING', 'OK', 'NONE'];

export const healthLabel = (health: string | null | undefined): string => labelOf(HEALTH_LABEL, health);

/** A health's place in the list (an unknown one last). */
export function healthRank(health: string | null | undefined): number {
  const rank = (HEALTH_ORDER as string[]).indexOf(health ?? '');
  return rank < 0 ? HEALTH_ORDER.length : rank;
}

/** Whether the health calls for the operator's attention (the row is marked). */
export const healthIsProblem = (health: string | null | undefined): boolean => health === 'DEAD_LETTERS' || health === 'DOWN';

/** The communes with a problem first (dead letters, unreachable, retrying, then operational, without connector), then by name. */
export function sortByHealth<T extends Pick<CommuneHealth, 'commune' | 'health'>>(communes: T[], nameOf: (insee: string) => string = (insee) => insee): T[] {
  return [...communes].sort(
    (a, b) => healthRank(a.health) - healthRank(b.health) || nameOf(a.commune).localeCompare(nameOf(b.commune), 'fr') || a.commune.localeCompare(b.commune),
  );
}

/** The software a connector reaches, in a list: « RH », « Finances ». */
export const CONNECTOR_SHORT_LABEL: Record<string, string> = { HR: 'RH', FINANCE: 'Finances' };

/** « RH (SFTP), Finances (REST) », « RH (REST, désactivé) »; « Aucun » without connector. HR first. */
export function connectorsSummary(connectors: Pick<ConnectorState, 'kind' | 'transport' | 'enabled'>[]): string {
  if (connectors.length === 0) return 'Aucun';
  const rank = (kind: string) => {
    const i = (CONNECTOR_KINDS as string[]).indexOf(kind);
    return i < 0 ? CONNECTOR_KINDS.length : i;
  };
  return [...connectors]
    .sort((a, b) => rank(a.kind) - rank(b.kind))
    .map((c) => `${labelOf(CONNECTOR_SHORT_LABEL, c.kind)} (${[c.transport || '?', c.enabled ? null : 'désactivé'].filter(Boolean).join(', ')})`)
    .join(', ');
}

/** The last exchange in French: « 02/12/2026 11:00 — Envoyé », « Aucun échange ». */
export function lastExchangeText(c: Pick<CommuneHealth, 'lastExchangeAt' | 'lastExchangeStatus'>): string {
  if (!c.lastExchangeAt) return 'Aucun échange';
  return c.lastExchangeStatus ? `${formatDateTime(c.lastExchangeAt)} — ${labelOf(EXCHANGE_STATUS_LABEL, c.lastExchangeStatus)}` : formatDateTime(c.lastExchangeAt);
}

/** When the last exchange failed: « Dernier succès le 01/12/2026 10:00 », « Aucun échange réussi » ; null otherwise. */
export function lastSuccessText(c: Pick<CommuneHealth, 'lastExchangeAt' | 'lastExchangeStatus' | 'lastSuccessAt'>): string | null {
  if (!c.lastExchangeAt || (c.lastExchangeStatus !== 'FAILED' && c.lastExchangeStatus !== 'DEAD')) return null;
  return c.lastSuccessAt ? `Dernier succès le ${formatDateTime(c.lastSuccessAt)}` : 'Aucun échange réussi';
}

/** « 3 », « 3 dont 2 en nouvelle tentative ». */
export function pendingText(c: Pick<CommuneHealth, 'pending' | 'retrying'>): string {
  return c.retrying > 0 ? `${formatInteger(c.pending)} dont ${formatInteger(c.retrying)} en nouvelle tentative` : formatInteger(c.pending);
}

/** How many dead letters, all communes together. */
export const totalDead = (communes: Pick<CommuneHealth, 'dead'>[]): number => communes.reduce((sum, c) => sum + c.dead, 0);

/** « 5 communes », « 1 commune », « Aucune commune ». */
export const communeCount = (n: number): string => (n <= 0 ? 'Aucune commune' : n === 1 ? '1 commune' : `${formatInteger(n)} communes`);

/** « 1 message en échec », « 12 messages en échec, les plus récents en premier », the limit said when reached. */
export function deadLetterCountText(n: number, limit = DEAD_LETTERS_LIMIT): string {
  if (n <= 0) return 'Aucun message en échec';
  if (n >= limit) return `Les ${formatInteger(limit)} messages en échec les plus récents, les plus récents en premier`;
  return n === 1 ? '1 message en échec' : `${formatInteger(n)} messages en échec, les plus récents en premier`;
}

/** An INSEE code: five digits, or 2A/2B and three digits (Corsica). */
export const isInseeCode = (code: string): boolean => /^(?:\d{5}|2[AB]\d{3})$/.test(code);

export const DSI_EXCHANGES_PATH = '/dsi/echanges';

/** The commune of the DSI's dead letters page's address (`?commune=67520`); an invalid code is left out. */
export function deadLetterCommuneOf(query: URLSearchParams): string | undefined {
  const commune = query.get('commune')?.trim().toUpperCase();
  return commune && isInseeCode(commune) ? commune : undefined;
}

/** The portal address of the DSI's dead letters page, of one commune or all. */
export const dsiExchangesHref = (commune?: string | null): string => `${DSI_EXCHANGES_PATH}${queryString({ commune })}`;

/** What the live region says once a dead letter is replayed. */
export function replayedText(letter: Pick<DeadLetter, 'flow' | 'idempotencyKey' | 'connector'>, communeName: string): string {
  return `Le message « ${flowLabel(letter.flow)} » de ${communeName} (clé ${letter.idempotencyKey}) est rejoué : il repart en file d’envoi vers le ${connectorNoun(letter.connector)}.`;
}
