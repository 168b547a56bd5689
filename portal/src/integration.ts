// The integrations (connectors to the commune's HR and finance software): the API's types and calls, and the pure
// logic of the « Connecteurs » pages (French labels, query strings, the connector form's request with its write-only
// secret, the client-side checks of the form, the connection test's summary). No page state: unit-tested in
// integration.test.ts. The calls go through the portal's Api (token, problem documents), as `api.integration`.
import type { Api, Me } from './api';
import { queryString } from './documents';
import { formatInteger } from './format';
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

/** The integration API (under /api/v1), through the portal's Api: token, JSON, RFC 9457 problems. */
export class IntegrationApi {
  constructor(private readonly api: Pick<Api, 'request'>) {}

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
}

/** Path (under /api/v1) of the outbox's messages, of one status or all. */
export function messagesPath(status?: MessageStatus | string | null, limit = LIST_LIMIT): string {
  return `/integration/messages${queryString({ status, limit })}`;
}

/** Path (under /api/v1) of the exchange log; empty criteria are left out. */
export function exchangesPath(filter: ExchangeFilter = {}, limit = LIST_LIMIT): string {
  return `/integration/exchanges${queryString({ flow: filter.flow, status: filter.status, limit })}`;
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
