// Cost-recovery billing (the DSI's billing runs, the communes' statements and their credits, the tariffs, the budget
// simulation): the API's types and calls, and the pure logic of the billing pages (French labels, the forms' checks
// and request bodies, the lines grouped by service, the comparisons, the CSV files). No page state: unit-tested in
// billing.test.ts. The calls go through the portal's Api (token, problem documents), as `api.billing`.
// Amounts are integer euro cents, except the tariffs' prices and fees (euros, as decimals).
import type { Api, Download, Me } from './api';
import type { CommuneDashboard, MetropoleDashboard } from './dashboards';
import { queryString } from './documents';
import {
  centsToDecimal,
  formatCents,
  formatDate,
  formatEuro,
  formatInteger,
  formatPeriod,
  formatQuantity,
  formatSignedCents,
  formatSignedPercent,
  dayBefore,
  UNIT_LABELS,
} from './format';
import { isInseeCode } from './integration';
import { labelOf } from './parapheur';

export { labelOf };

// ---- types of the API

export type Frequency = 'MONTHLY' | 'QUARTERLY' | 'YEARLY';
export type OutcomeResult = 'COMPUTED' | 'ALREADY_ISSUED' | 'SKIPPED' | 'NOTHING_TO_BILL';
export type StatementKind = 'REGULAR' | 'CREDIT';
export type StatementStatus = 'DRAFT' | 'ISSUED' | 'DISCARDED';
export type LineKind = 'USAGE' | 'BASE_FEE' | 'ADJUSTMENT' | 'CREDIT';
/** The API's decimals (BigDecimal): numbers, possibly strings. */
export type Decimal = number | string;

/** A billing run: one period (end exclusive), computed and possibly recomputed. */
export interface BillingRun {
  id: string;
  frequency: Frequency | string;
  periodStart: string;
  /** Exclusive. */
  periodEnd: string;
  /** « 2e trimestre 2026 », « avril 2026 », « année 2026 ». */
  label: string;
  createdBy: string;
  createdAt: string;
  lastRunBy?: string;
  lastRunAt?: string;
}

/** A statement (état d'utilisation) or a credit (avoir), without its lines. JSON omits null members. */
export interface StatementSummary {
  id: string;
  /** INSEE code. */
  commune: string;
  communeName: string;
  kind: StatementKind | string;
  status: StatementStatus | string;
  /** Absent for drafts. */
  number?: string;
  frequency: Frequency | string;
  periodStart: string;
  /** Exclusive. */
  periodEnd: string;
  periodLabel: string;
  totalCents: number;
  previousYearCents?: number;
  /** The statement a credit corrects. */
  corrects?: string;
  correctsNumber?: string;
  computedAt: string;
  issuedOn?: string;
}

/** What a run (or the issue of a run's drafts) did for one commune. */
export interface RunOutcome {
  commune: string;
  name: string;
  result: OutcomeResult | string;
  statement?: StatementSummary;
  reason?: string;
}

export interface RunReport {
  run: BillingRun;
  communes: RunOutcome[];
  totalCents: number;
}

export interface RunRequest {
  frequency: Frequency;
  periodStart: string;
  /** Absent: every commune. */
  communes?: string[];
}

/** A statement's line. BASE_FEE: `quantity` is a number of days and `unitPrice` the yearly fee. */
export interface StatementLine {
  position: number;
  kind: LineKind | string;
  service: string;
  serviceName: string;
  metric: string;
  label: string;
  from: string;
  /** Exclusive. */
  to: string;
  quantity: Decimal;
  freeQuantity: Decimal;
  billedQuantity: Decimal;
  /** Euros. */
  unitPrice: Decimal;
  amountCents: number;
  tariffFrom?: string;
  /** The line of the corrected statement a credit line credits. */
  creditsPosition?: number;
}

export interface Statement {
  summary: StatementSummary;
  population: number;
  usageCutoff: string;
  /** A credit's reason. */
  reason?: string;
  issuedAt?: string;
  issuedBy?: string;
  run?: string;
  lines: StatementLine[];
}

export interface CreditRequest {
  reason: string;
  /** Absent: every line, whole. */
  lines?: { position: number; quantity?: number }[];
}

/** A band of the yearly base fee by population (euros). */
export interface TariffBand {
  minPopulation: number;
  maxPopulation?: number;
  yearlyFee: Decimal;
}

/** A tariff (euros); `validTo` is exclusive (the first day of the next tariff). */
export interface Tariff {
  service: string;
  validFrom: string;
  validTo?: string;
  unitPrice: Decimal;
  yearlyBaseFee?: Decimal;
  bands: TariffBand[];
  freeUnitsPerMonth?: Decimal;
  freeMaxPopulation?: number;
  annualCost?: Decimal;
  annualUnits?: Decimal;
  justification?: string;
}

export interface NewTariff {
  service: string;
  validFrom: string;
  annualCost: number;
  annualUnits: number;
  justification: string;
  yearlyBaseFee?: number;
  bands?: { minPopulation: number; maxPopulation?: number; yearlyFee: number }[];
  freeUnitsPerMonth?: number;
  freeMaxPopulation?: number;
}

/**
 * What one commune of a population band would pay alone for a service in a year (euros, as decimals): the reference
 * the savings dashboards compare the pooled cost with. `maxPopulation` absent: no upper bound.
 */
export interface StandaloneCost {
  service: string;
  minPopulation: number;
  maxPopulation?: number;
  licence: Decimal;
  hosting: Decimal;
  maintenance: Decimal;
  agentTime: Decimal;
  yearlyTotal: Decimal;
  source: string;
  updatedBy?: string;
  updatedAt?: string;
}

/** The body of `PUT /billing/standalone-costs/{service}/{minPopulation}` (euros). */
export interface StandaloneCostRequest {
  maxPopulation?: number;
  licence: number;
  hosting: number;
  maintenance: number;
  agentTime: number;
  source: string;
}

export type ScenarioKind = 'USAGE' | 'PER_INHABITANT' | 'MIXED';

export interface ScenarioRequest {
  name: string;
  kind: ScenarioKind;
  /** MIXED only: the share billed per inhabitant, in percent. */
  inhabitantShare?: number;
}

export interface SimulationRequest {
  baseYear: number;
  /** Growth of each service's usage, in percent (services left out: 0). */
  growth: Record<string, number>;
  scenarios: ScenarioRequest[];
}

export interface SimulationResult {
  baseYear: number;
  targetYear: number;
  scenarios: { name: string; kind: ScenarioKind | string; totalCents: number }[];
  communes: {
    insee: string;
    name: string;
    population: number;
    results: { scenario: string; totalCents: number; services: { service: string; cents: number }[] }[];
  }[];
  warnings: string[];
}

// ---- the calls

const seg = encodeURIComponent;

/** The billing API (under /api/v1), through the portal's Api: token, JSON, RFC 9457 problems. */
export class BillingApi {
  constructor(private readonly api: Pick<Api, 'request' | 'download'>) {}

  /** Computes (or recomputes) the drafts of a period (DSI). */
  run = (body: RunRequest) => this.api.request<RunReport>('POST', '/billing/runs', body);
  runs = () => this.api.request<BillingRun[]>('GET', '/billing/runs');
  runStatements = (id: string) => this.api.request<StatementSummary[]>('GET', `/billing/runs/${seg(id)}/statements`);
  /** Issues every draft of a run (DSI): COMPUTED means issued, SKIPPED (with its reason) refused. */
  issueRun = (id: string) => this.api.request<RunReport>('POST', `/billing/runs/${seg(id)}/issue`, {});
  /** The commune's issued statements of a year (the DSI's: every commune's, drafts included). */
  statements = (year: number) => this.api.request<StatementSummary[]>('GET', statementsPath(year));
  statement = (id: string) => this.api.request<Statement>('GET', `/billing/statements/${seg(id)}`);
  statementPdf = (id: string): Promise<Download> => this.api.download(`/billing/statements/${seg(id)}/pdf`);
  statementCsv = (id: string): Promise<Download> => this.api.download(`/billing/statements/${seg(id)}/csv`);
  issueStatement = (id: string) => this.api.request<Statement>('POST', `/billing/statements/${seg(id)}/issue`, {});
  /** Drafts a credit on an issued statement (201: the credit, a draft). */
  credit = (id: string, body: CreditRequest) => this.api.request<Statement>('POST', `/billing/statements/${seg(id)}/credits`, body);
  tariffs = (year: number) => this.api.request<Tariff[]>('GET', `/tariffs${queryString({ year })}`);
  createTariff = (body: NewTariff) => this.api.request<Tariff>('POST', '/tariffs', body);
  /** The standalone cost references, every service and population band. */
  standaloneCosts = () => this.api.request<StandaloneCost[]>('GET', '/billing/standalone-costs');
  /** Sets the standalone cost of a service's band (DSI): 200 with the saved row. */
  saveStandaloneCost = (service: string, minPopulation: number, body: StandaloneCostRequest) =>
    this.api.request<StandaloneCost>('PUT', `/billing/standalone-costs/${seg(service)}/${minPopulation}`, body);
  simulate = (body: SimulationRequest) => this.api.request<SimulationResult>('POST', '/billing/simulations', body);
  metropoleDashboard = (year: number) => this.api.request<MetropoleDashboard>('GET', `/billing/dashboard/metropole${queryString({ year })}`);
  communeDashboard = (year: number) => this.api.request<CommuneDashboard>('GET', `/billing/dashboard/commune${queryString({ year })}`);
}

export const statementsPath = (year: number): string => `/billing/statements${queryString({ year })}`;

// ---- who sees what

/** A commune's administrator and its elected officials read its statements, dashboard and tariffs. */
export const readsCommuneBilling = (me: Me): boolean =>
  !me.operator && !!me.commune && (me.roles.includes('commune-admin') || me.roles.includes('elected-official'));

/** The statement's page: the DSI's, or the commune's people who read the billing. */
export const readsStatements = (me: Me): boolean => me.operator || readsCommuneBilling(me);

// ---- the portal's addresses

export const DSI_BILLING_PATH = '/dsi/facturation';
export const DSI_TARIFFS_PATH = '/dsi/tarifs';
export const DSI_SIMULATION_PATH = '/dsi/simulation';
export const DSI_DASHBOARD_PATH = '/dsi/tableau-de-bord';
export const STATEMENTS_PATH = '/facturation';
export const TARIFFS_PATH = '/tarifs';
export const DASHBOARD_PATH = '/tableau-de-bord';

export const statementHref = (id: string): string => `${STATEMENTS_PATH}/etats/${seg(id)}`;

/** The year of a page's address (`?annee=2025`), or `fallback` when absent or not a plausible year. */
export function yearOf(query: URLSearchParams, fallback: number): number {
  const text = query.get('annee')?.trim() ?? '';
  if (!/^\d{4}$/.test(text)) return fallback;
  const year = Number(text);
  return year >= 2000 && year <= 2100 ? year : fallback;
}

/** The page's address for a year: `/dsi/tableau-de-bord?annee=2025`. */
export const yearHref = (path: string, year: number): string => `${path}${queryString({ annee: year })}`;

// ---- French labels

export const FREQUENCIES: { value: Frequency; label: string }[] = [
  { value: 'MONTHLY', label: 'Mensuelle' },
  { value: 'QUARTERLY', label: 'Trimestrielle' },
  { value: 'YEARLY', label: 'Annuelle' },
];

export const FREQUENCY_LABEL: Record<string, string> = Object.fromEntries(FREQUENCIES.map((f) => [f.value, f.label]));

/** A run's outcome for a commune. */
export const RUN_RESULT_LABEL: Record<string, string> = {
  COMPUTED: 'Calculé',
  ALREADY_ISSUED: 'Déjà émis',
  SKIPPED: 'Non facturé',
  NOTHING_TO_BILL: 'Rien à facturer',
};

/** The outcome of « Émettre tous les brouillons » for a commune: COMPUTED means issued, SKIPPED refused. */
export const ISSUE_RESULT_LABEL: Record<string, string> = {
  COMPUTED: 'Émis',
  ALREADY_ISSUED: 'Déjà émis',
  SKIPPED: 'Refusé',
  NOTHING_TO_BILL: 'Rien à émettre',
};

export type ReportMode = 'run' | 'issue';

export const resultLabel = (result: string, mode: ReportMode): string => labelOf(mode === 'run' ? RUN_RESULT_LABEL : ISSUE_RESULT_LABEL, result);

/** « Non facturé : commune suspendue », « Calculé ». */
export function outcomeText(outcome: Pick<RunOutcome, 'result' | 'reason'>, mode: ReportMode): string {
  const label = resultLabel(outcome.result, mode);
  return outcome.reason?.trim() ? `${label} : ${outcome.reason.trim()}` : label;
}

export const STATEMENT_STATUS_LABEL: Record<string, string> = { DRAFT: 'Brouillon', ISSUED: 'Émis', DISCARDED: 'Abandonné' };
export const STATEMENT_KIND_LABEL: Record<string, string> = { REGULAR: 'État d’utilisation', CREDIT: 'Avoir' };
export const LINE_KIND_LABEL: Record<string, string> = { USAGE: 'Usage', BASE_FEE: 'Forfait annuel', ADJUSTMENT: 'Régularisation', CREDIT: 'Avoir' };

/** « État d’utilisation n° EU-2026-0042 », « Avoir (brouillon) ». */
export function statementTitle(s: Pick<StatementSummary, 'kind' | 'number'>): string {
  const kind = labelOf(STATEMENT_KIND_LABEL, s.kind);
  return s.number ? `${kind} n° ${s.number}` : `${kind} (brouillon)`;
}

/** « 1 état », « 3 états », « aucun état ». */
const counted = (n: number, one: string, many: string) => (n === 1 ? `1 ${one}` : `${formatInteger(n)} ${many}`);

/** What a run (or the issue of its drafts) did, in one French sentence, for the status message. */
export function reportSummary(report: RunReport, mode: ReportMode): string {
  const count = (result: string) => report.communes.filter((c) => c.result === result).length;
  const parts: string[] = [];
  const plural = (result: string, one: string, many: string) => {
    const n = count(result);
    if (n > 0) parts.push(counted(n, one, many));
  };
  if (mode === 'run') {
    plural('COMPUTED', 'état calculé', 'états calculés');
    plural('ALREADY_ISSUED', 'déjà émis', 'déjà émis');
    plural('SKIPPED', 'commune non facturée', 'communes non facturées');
    plural('NOTHING_TO_BILL', 'commune sans rien à facturer', 'communes sans rien à facturer');
    const body = parts.length ? parts.join(', ') : 'aucune commune';
    return `Facturation « ${report.run.label} » calculée : ${body}. Total : ${formatCents(report.totalCents)}.`;
  }
  plural('COMPUTED', 'état émis', 'états émis');
  plural('ALREADY_ISSUED', 'déjà émis', 'déjà émis');
  plural('SKIPPED', 'refusé', 'refusés');
  plural('NOTHING_TO_BILL', 'sans rien à émettre', 'sans rien à émettre');
  return `Émission des brouillons de « ${report.run.label} » : ${parts.length ? parts.join(', ') : 'aucun brouillon'}.`;
}

// ---- the run form

export interface RunDraft {
  frequency: string;
  periodStart: string;
  /** INSEE codes separated by commas (or spaces, semicolons); empty: every commune. */
  communes: string;
}

export type RunField = keyof RunDraft;

/** "67482, 67218 ;67043" → ["67482", "67218", "67043"] (capitals for Corsica's 2A/2B, without duplicates). */
export function parseCommunes(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,;]+/)
        .map((c) => c.trim().toUpperCase())
        .filter((c) => c.length > 0),
    ),
  ];
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether the text is a real ISO day (2026-02-30 is not). */
export function isIsoDay(text: string): boolean {
  const m = ISO_DAY.exec(text);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().slice(0, 10) === text;
}

const PERIOD_MONTHS: Record<Frequency, number> = { MONTHLY: 1, QUARTERLY: 3, YEARLY: 12 };

/** The message of a period start that does not fit its frequency (as the server says it), or null. */
export function periodStartProblem(frequency: Frequency, start: string): string | null {
  const [, month, day] = start.split('-').map(Number);
  if (day === 1 && (month - 1) % PERIOD_MONTHS[frequency] === 0) return null;
  switch (frequency) {
    case 'MONTHLY':
      return 'Une période mensuelle commence le premier jour d’un mois.';
    case 'QUARTERLY':
      return 'Une période trimestrielle commence le 1er janvier, avril, juillet ou octobre.';
    default:
      return 'Une période annuelle commence le 1er janvier.';
  }
}

/** The first day of the period before today's (the period usually billed): previous month, quarter or year. */
export function previousPeriodStart(frequency: Frequency, todayIsoDay: string): string {
  const [year, month] = todayIsoDay.split('-').map(Number);
  const months = PERIOD_MONTHS[frequency];
  const currentStart = Math.floor((month - 1) / months) * months; // 0-based month of the current period's start
  const start = new Date(Date.UTC(year, currentStart - months, 1));
  return start.toISOString().slice(0, 10);
}

const isFrequency = (value: string): value is Frequency => value === 'MONTHLY' || value === 'QUARTERLY' || value === 'YEARLY';

/** The field problems of the run form, before sending: [field, French message] (the server checks them again). */
export function runProblems(d: RunDraft): [RunField, string][] {
  const problems: [RunField, string][] = [];
  if (!isFrequency(d.frequency)) problems.push(['frequency', 'Choisissez la fréquence : mensuelle, trimestrielle ou annuelle.']);
  const start = d.periodStart.trim();
  if (!start) problems.push(['periodStart', 'Indiquez le premier jour de la période.']);
  else if (!isIsoDay(start)) problems.push(['periodStart', 'Date invalide (format attendu JJ/MM/AAAA).']);
  else if (isFrequency(d.frequency)) {
    const problem = periodStartProblem(d.frequency, start);
    if (problem) problems.push(['periodStart', problem]);
  }
  const invalid = parseCommunes(d.communes).filter((c) => !isInseeCode(c));
  if (invalid.length > 0) {
    problems.push([
      'communes',
      `${invalid.length === 1 ? 'Code INSEE invalide' : 'Codes INSEE invalides'} : ${invalid.join(', ')}. Un code INSEE a 5 chiffres, par exemple 67482.`,
    ]);
  }
  return problems;
}

/** The API's body of a (checked) run form; without communes, every commune is billed (`communes` left out). */
export function runRequest(d: RunDraft): RunRequest {
  const communes = parseCommunes(d.communes);
  const body: RunRequest = { frequency: d.frequency as Frequency, periodStart: d.periodStart.trim() };
  if (communes.length > 0) body.communes = communes;
  return body;
}

// ---- a statement and its lines

export interface ServiceGroup {
  service: string;
  serviceName: string;
  lines: StatementLine[];
  totalCents: number;
}

/** The lines grouped by service, in the order of each service's first line (as in the PDF), with each group's total. */
export function groupLinesByService(lines: readonly StatementLine[]): ServiceGroup[] {
  const groups = new Map<string, ServiceGroup>();
  for (const line of [...lines].sort((a, b) => a.position - b.position)) {
    let group = groups.get(line.service);
    if (!group) {
      group = { service: line.service, serviceName: line.serviceName || line.service, lines: [], totalCents: 0 };
      groups.set(line.service, group);
    }
    group.lines.push(line);
    group.totalCents += Number(line.amountCents) || 0;
  }
  return [...groups.values()];
}

const isBaseFee = (line: Pick<StatementLine, 'kind'>) => line.kind === 'BASE_FEE';

/** The quantity of a line: « 1 234 », « 12,5 »; a base fee's in days, « 45 j ». */
export function quantityText(line: Pick<StatementLine, 'kind' | 'quantity'>): string {
  return isBaseFee(line) ? `${formatQuantity(line.quantity)}\u00a0j` : formatQuantity(line.quantity);
}

/** The free quantity (franchise) of a line; none for a base fee. */
export function freeQuantityText(line: Pick<StatementLine, 'kind' | 'freeQuantity'>): string {
  if (isBaseFee(line)) return '—';
  return Number(line.freeQuantity) ? formatQuantity(line.freeQuantity) : '—';
}

/** The billed quantity of a line; a base fee's in days. */
export function billedQuantityText(line: Pick<StatementLine, 'kind' | 'billedQuantity'>): string {
  return isBaseFee(line) ? `${formatQuantity(line.billedQuantity)}\u00a0j` : formatQuantity(line.billedQuantity);
}

/** The unit price of a line: « 0,35 € par signature »; a base fee's yearly fee, « 150,00 €/an ». */
export function unitPriceText(line: Pick<StatementLine, 'kind' | 'unitPrice' | 'metric'>): string {
  if (isBaseFee(line)) return `${formatEuro(line.unitPrice)}/an`;
  const unit = UNIT_LABELS[line.metric];
  return unit ? `${formatEuro(line.unitPrice)} ${unit}` : formatEuro(line.unitPrice);
}

/** « du 01/04/2026 au 30/06/2026 » (the line's end is exclusive). */
export const linePeriodText = (line: Pick<StatementLine, 'from' | 'to'>): string => formatPeriod(line.from, line.to);

/** The change from last year's same period, in percent (one decimal), or null when there is nothing to compare to. */
export function evolutionPercent(totalCents: number, previousCents: number | null | undefined): number | null {
  if (previousCents === null || previousCents === undefined || previousCents === 0) return null;
  return Math.round(((totalCents - previousCents) * 1000) / Math.abs(previousCents)) / 10;
}

/**
 * The comparison with the same period of last year: « 1 000,00 € ; évolution : +234,56 € (+23,5 %) », or null when
 * the statement has none.
 */
export function comparisonText(s: Pick<StatementSummary, 'totalCents' | 'previousYearCents'>): string | null {
  if (s.previousYearCents === null || s.previousYearCents === undefined) return null;
  const percent = evolutionPercent(s.totalCents, s.previousYearCents);
  const change = `${formatSignedCents(s.totalCents - s.previousYearCents)}${percent === null ? '' : ` (${formatSignedPercent(percent)})`}`;
  return `${formatCents(s.previousYearCents)} ; évolution : ${change}`;
}

/** The statement's period: « 2e trimestre 2026 (du 01/04/2026 au 30/06/2026) ». */
export const periodText = (s: Pick<StatementSummary, 'periodLabel' | 'periodStart' | 'periodEnd'>): string =>
  `${s.periodLabel} (${formatPeriod(s.periodStart, s.periodEnd)})`;

/** A run's period: « du 01/04/2026 au 30/06/2026 ». */
export const runPeriodText = (run: Pick<BillingRun, 'periodStart' | 'periodEnd'>): string => formatPeriod(run.periodStart, run.periodEnd);

/** The file name of a statement's download when the server gives none (its number, or « brouillon-67482-2026-04-01 »). */
export const statementFileBase = (s: Pick<StatementSummary, 'number' | 'commune' | 'periodStart'>): string => s.number ?? `brouillon-${s.commune}-${s.periodStart}`;

// ---- the credit form

/** A decimal as people type it: « 0,7 », « 1 234.5 »; null when it is not a number. */
export function parseDecimal(text: string): number | null {
  const cleaned = text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(cleaned)) return null;
  return Number(cleaned);
}

/** The lines a credit may take back: those of the statement that are not credits themselves. */
export const creditableLines = (lines: readonly StatementLine[]): StatementLine[] => lines.filter((l) => l.kind !== 'CREDIT');

/** A line of the credit form as chosen: ticked or not, the quantity typed (empty: the whole line). */
export interface CreditChoice {
  position: number;
  chosen: boolean;
  quantity: string;
}

export const MAX_CREDIT_REASON = 500;

/** The credit form's problems: [position of the line or 0 for the reason, French message]. */
export function creditProblems(reason: string, choices: readonly CreditChoice[]): [number, string][] {
  const problems: [number, string][] = [];
  if (!reason.trim()) problems.push([0, 'Indiquez le motif de l’avoir.']);
  else if (reason.trim().length > MAX_CREDIT_REASON) problems.push([0, 'Le motif fait 500 caractères au plus.']);
  for (const c of choices) {
    const text = c.quantity.trim();
    if (!text) continue;
    const n = parseDecimal(text);
    if (n === null || n <= 0) problems.push([c.position, 'Indiquez une quantité positive, par exemple 0,7, ou laissez vide pour la ligne entière.']);
    else if (!c.chosen) problems.push([c.position, 'Cochez la ligne pour créditer cette quantité.']);
  }
  return problems;
}

/** The API's body of a (checked) credit form: no line chosen = every line, whole (`lines` left out). */
export function creditRequest(reason: string, choices: readonly CreditChoice[]): CreditRequest {
  const chosen = choices.filter((c) => c.chosen);
  const body: CreditRequest = { reason: reason.trim() };
  if (chosen.length > 0) {
    body.lines = chosen.map((c) => {
      const quantity = c.quantity.trim() ? parseDecimal(c.quantity) : null;
      return quantity === null ? { position: c.position } : { position: c.position, quantity };
    });
  }
  return body;
}

// ---- tariffs

const money = (value: Decimal | null | undefined) => (value === null || value === undefined || value === '' ? null : Number(value));

/** The unit price a tariff's cost gives: annual cost ÷ annual units, rounded to 4 decimals (as the server does). */
export function unitPriceOf(annualCost: number | null, annualUnits: number | null): number | null {
  if (annualCost === null || annualUnits === null || !(annualUnits > 0) || annualCost < 0) return null;
  return Math.round((annualCost / annualUnits) * 10000 + Number.EPSILON) / 10000;
}

/** « 120 000,00 € ÷ 400 000 unités = 0,30 € », or null when the tariff has no cost nor units. */
export function justificationFormula(t: Pick<Tariff, 'annualCost' | 'annualUnits' | 'unitPrice'>): string | null {
  const cost = money(t.annualCost);
  const units = money(t.annualUnits);
  if (cost === null || units === null) return null;
  return `${formatEuro(cost)} ÷ ${formatQuantity(units)} unités = ${formatEuro(t.unitPrice)}`;
}

/** « de 0 à 2 000 habitants », « 50 001 habitants et plus ». */
export function bandRangeText(b: Pick<TariffBand, 'minPopulation' | 'maxPopulation'>): string {
  if (b.maxPopulation === null || b.maxPopulation === undefined) return `${formatInteger(b.minPopulation)} habitants et plus`;
  return `de ${formatInteger(b.minPopulation)} à ${formatInteger(b.maxPopulation)} habitants`;
}

/** The yearly base fee: « 150,00 € par an », the bands (one text each), or « Aucun ». */
export function baseFeeTexts(t: Pick<Tariff, 'yearlyBaseFee' | 'bands'>): string[] {
  const bands = [...(t.bands ?? [])].sort((a, b) => a.minPopulation - b.minPopulation);
  if (bands.length > 0) return bands.map((b) => `${bandRangeText(b)} : ${formatEuro(b.yearlyFee)} par an`);
  const fee = money(t.yearlyBaseFee);
  return fee === null ? ['Aucun'] : [`${formatEuro(fee)} par an`];
}

/** « 50 unités gratuites par mois (communes de 2 000 habitants au plus) », « Aucune ». */
export function freeUnitsText(t: Pick<Tariff, 'freeUnitsPerMonth' | 'freeMaxPopulation'>): string {
  const free = money(t.freeUnitsPerMonth);
  if (free === null || free <= 0) return 'Aucune';
  const units = `${formatQuantity(free)} ${free === 1 ? 'unité gratuite' : 'unités gratuites'} par mois`;
  return t.freeMaxPopulation ? `${units} (communes de ${formatInteger(t.freeMaxPopulation)} habitants au plus)` : `${units} (toutes les communes)`;
}

/** « depuis le 01/01/2026 », « du 01/01/2025 au 31/12/2025 » (`validTo` is exclusive). */
export function validityText(t: Pick<Tariff, 'validFrom' | 'validTo'>): string {
  return t.validTo ? `du ${formatDate(t.validFrom)} au ${formatDate(dayBefore(t.validTo))}` : `depuis le ${formatDate(t.validFrom)}`;
}

export interface TariffGroup {
  service: string;
  name: string;
  tariffs: Tariff[];
}

/** The tariffs by service, in the catalogue's order (a service unknown to it after, by code), oldest first. */
export function tariffsByService(tariffs: readonly Tariff[], services: readonly { code: string; name: string }[]): TariffGroup[] {
  const order = new Map(services.map((s, i) => [s.code, i]));
  const names = new Map(services.map((s) => [s.code, s.name]));
  const groups = new Map<string, TariffGroup>();
  for (const t of tariffs) {
    const group = groups.get(t.service) ?? { service: t.service, name: names.get(t.service) ?? t.service, tariffs: [] };
    group.tariffs.push(t);
    groups.set(t.service, group);
  }
  for (const g of groups.values()) g.tariffs.sort((a, b) => a.validFrom.localeCompare(b.validFrom));
  const rank = (code: string) => order.get(code) ?? Number.MAX_SAFE_INTEGER;
  return [...groups.values()].sort((a, b) => rank(a.service) - rank(b.service) || a.service.localeCompare(b.service));
}

/** A band of the tariff form, as typed. */
export interface BandDraft {
  minPopulation: string;
  maxPopulation: string;
  yearlyFee: string;
}

/** The tariff form as typed. */
export interface TariffDraft {
  service: string;
  validFrom: string;
  annualCost: string;
  annualUnits: string;
  justification: string;
  yearlyBaseFee: string;
  bands: BandDraft[];
  freeUnitsPerMonth: string;
  freeMaxPopulation: string;
}

/** A field of the tariff form: its name, or `bands.<index>.<name>` for a band's. */
export type TariffField = Exclude<keyof TariffDraft, 'bands'> | `bands.${number}.${keyof BandDraft}`;

export const MAX_JUSTIFICATION = 2000;

/** Euros and cents: a decimal with at most 2 decimals. */
const hasCents = (text: string) => !/[.,]\d{3,}$/.test(text.trim());
const wholeNumber = (text: string): number | null => (/^\d+$/.test(text.replace(/[\s\u00a0\u202f]/g, '')) ? Number(text.replace(/[\s\u00a0\u202f]/g, '')) : null);

/** The tariff form's problems before sending (the server checks them again): [field, French message]. */
export function tariffProblems(d: TariffDraft, services: readonly { code: string }[]): [TariffField, string][] {
  const problems: [TariffField, string][] = [];
  if (!services.some((s) => s.code === d.service)) problems.push(['service', 'Choisissez le service.']);
  if (!d.validFrom.trim()) problems.push(['validFrom', 'Indiquez la date d’effet du tarif.']);
  else if (!isIsoDay(d.validFrom.trim())) problems.push(['validFrom', 'Date invalide (format attendu JJ/MM/AAAA).']);
  const cost = parseDecimal(d.annualCost);
  if (!d.annualCost.trim()) problems.push(['annualCost', 'Indiquez le coût annuel du service, en euros.']);
  else if (cost === null || cost < 0 || !hasCents(d.annualCost)) problems.push(['annualCost', 'Indiquez un montant positif ou nul, en euros et centimes, par exemple 120000 ou 98500,50.']);
  const units = parseDecimal(d.annualUnits);
  if (!d.annualUnits.trim()) problems.push(['annualUnits', 'Indiquez le nombre d’unités consommées en un an.']);
  else if (units === null || units <= 0) problems.push(['annualUnits', 'Indiquez un nombre d’unités strictement positif.']);
  if (!d.justification.trim()) problems.push(['justification', 'Indiquez la justification du tarif (origine du coût et des unités).']);
  else if (d.justification.trim().length > MAX_JUSTIFICATION) problems.push(['justification', 'La justification fait 2 000 caractères au plus.']);
  if (d.yearlyBaseFee.trim()) {
    const fee = parseDecimal(d.yearlyBaseFee);
    if (fee === null || fee < 0 || !hasCents(d.yearlyBaseFee)) problems.push(['yearlyBaseFee', 'Indiquez un forfait positif ou nul, en euros et centimes.']);
    else if (d.bands.length > 0) problems.push(['yearlyBaseFee', 'Forfait unique ou tranches de population, pas les deux : videz ce champ ou retirez les tranches.']);
  }
  d.bands.forEach((b, i) => {
    const min = wholeNumber(b.minPopulation);
    if (min === null) problems.push([`bands.${i}.minPopulation`, `Tranche ${i + 1} : indiquez la population minimale (nombre entier).`]);
    if (b.maxPopulation.trim()) {
      const max = wholeNumber(b.maxPopulation);
      if (max === null) problems.push([`bands.${i}.maxPopulation`, `Tranche ${i + 1} : indiquez la population maximale (nombre entier), ou laissez vide.`]);
      else if (min !== null && max < min) problems.push([`bands.${i}.maxPopulation`, `Tranche ${i + 1} : la population maximale est inférieure à la minimale.`]);
    }
    const fee = parseDecimal(b.yearlyFee);
    if (fee === null || fee < 0 || !hasCents(b.yearlyFee)) problems.push([`bands.${i}.yearlyFee`, `Tranche ${i + 1} : indiquez le forfait annuel en euros et centimes.`]);
  });
  const sorted = d.bands
    .map((b, i) => ({ i, min: wholeNumber(b.minPopulation), max: b.maxPopulation.trim() ? wholeNumber(b.maxPopulation) : null }))
    .filter((b) => b.min !== null)
    .sort((a, b) => (a.min as number) - (b.min as number));
  for (let k = 1; k < sorted.length; k++) {
    const previous = sorted[k - 1];
    if (previous.max === null || previous.max >= (sorted[k].min as number)) {
      problems.push([`bands.${sorted[k].i}.minPopulation`, `Les tranches ${previous.i + 1} et ${sorted[k].i + 1} se chevauchent.`]);
    }
  }
  if (d.freeUnitsPerMonth.trim()) {
    const free = parseDecimal(d.freeUnitsPerMonth);
    if (free === null || free <= 0) problems.push(['freeUnitsPerMonth', 'Indiquez un nombre d’unités gratuites strictement positif, ou laissez vide.']);
  }
  if (d.freeMaxPopulation.trim()) {
    const max = wholeNumber(d.freeMaxPopulation);
    if (max === null || max <= 0) problems.push(['freeMaxPopulation', 'Indiquez une population strictement positive (nombre entier), ou laissez vide.']);
    else if (!d.freeUnitsPerMonth.trim()) problems.push(['freeMaxPopulation', 'Ce seuil ne s’applique qu’avec des unités gratuites par mois.']);
  }
  return problems;
}

/** The API's body of a (checked) tariff form: optional values left out when empty. */
export function tariffRequest(d: TariffDraft): NewTariff {
  const body: NewTariff = {
    service: d.service,
    validFrom: d.validFrom.trim(),
    annualCost: parseDecimal(d.annualCost) as number,
    annualUnits: parseDecimal(d.annualUnits) as number,
    justification: d.justification.trim(),
  };
  if (d.yearlyBaseFee.trim()) body.yearlyBaseFee = parseDecimal(d.yearlyBaseFee) as number;
  if (d.bands.length > 0) {
    body.bands = d.bands.map((b) => {
      const band: { minPopulation: number; maxPopulation?: number; yearlyFee: number } = {
        minPopulation: wholeNumber(b.minPopulation) as number,
        yearlyFee: parseDecimal(b.yearlyFee) as number,
      };
      if (b.maxPopulation.trim()) band.maxPopulation = wholeNumber(b.maxPopulation) as number;
      return band;
    });
  }
  if (d.freeUnitsPerMonth.trim()) body.freeUnitsPerMonth = parseDecimal(d.freeUnitsPerMonth) as number;
  if (d.freeMaxPopulation.trim()) body.freeMaxPopulation = wholeNumber(d.freeMaxPopulation) as number;
  return body;
}

/** What the status message says once a tariff is created. */
export function tariffCreatedText(t: Tariff, serviceName: string): string {
  const formula = justificationFormula(t);
  return `Tarif de « ${serviceName} » enregistré à partir du ${formatDate(t.validFrom)} : prix unitaire ${formatEuro(t.unitPrice)}${formula ? ` (${formula})` : ''}.`;
}

// ---- the standalone cost references

/** « moins de 2 000 hab. », « 2 000 à 9 999 hab. », « 10 000 hab. et plus », « toutes populations ». */
export function populationBandText(b: Pick<StandaloneCost, 'minPopulation' | 'maxPopulation'>): string {
  const max = b.maxPopulation ?? null;
  if (max === null) return b.minPopulation <= 0 ? 'toutes populations' : `${formatInteger(b.minPopulation)} hab. et plus`;
  if (b.minPopulation <= 0) return `moins de ${formatInteger(max + 1)} hab.`;
  return `${formatInteger(b.minPopulation)} à ${formatInteger(max)} hab.`;
}

export interface StandaloneCostGroup {
  service: string;
  name: string;
  costs: StandaloneCost[];
}

/** The references by service, in the catalogue's order (a service unknown to it after, by code), smallest band first. */
export function standaloneCostsByService(costs: readonly StandaloneCost[], services: readonly { code: string; name: string }[]): StandaloneCostGroup[] {
  const order = new Map(services.map((s, i) => [s.code, i]));
  const names = new Map(services.map((s) => [s.code, s.name]));
  const groups = new Map<string, StandaloneCostGroup>();
  for (const c of costs) {
    const group = groups.get(c.service) ?? { service: c.service, name: names.get(c.service) ?? c.service, costs: [] };
    group.costs.push(c);
    groups.set(c.service, group);
  }
  for (const g of groups.values()) g.costs.sort((a, b) => a.minPopulation - b.minPopulation);
  const rank = (code: string) => order.get(code) ?? Number.MAX_SAFE_INTEGER;
  return [...groups.values()].sort((a, b) => rank(a.service) - rank(b.service) || a.service.localeCompare(b.service));
}

/** The edit form of a reference, as typed. */
export interface StandaloneCostDraft {
  licence: string;
  hosting: string;
  maintenance: string;
  agentTime: string;
  maxPopulation: string;
  source: string;
}

export type StandaloneCostField = keyof StandaloneCostDraft;

export const MAX_SOURCE = 1000;

/** An amount as the form shows it: « 1500 », « 98,5 ». */
const amountText = (value: Decimal) => String(Number(value)).replace('.', ',');

/** The form of a reference filled with its current values. */
export function standaloneCostDraft(c: StandaloneCost): StandaloneCostDraft {
  return {
    licence: amountText(c.licence),
    hosting: amountText(c.hosting),
    maintenance: amountText(c.maintenance),
    agentTime: amountText(c.agentTime),
    maxPopulation: c.maxPopulation === undefined || c.maxPopulation === null ? '' : String(c.maxPopulation),
    source: c.source ?? '',
  };
}

const AMOUNT_FIELDS: [StandaloneCostField, string][] = [
  ['licence', 'la licence'],
  ['hosting', 'l’hébergement'],
  ['maintenance', 'la maintenance'],
  ['agentTime', 'le temps agent'],
];

/** The edit form's problems before sending (the server checks them again): [field, French message]. */
export function standaloneCostProblems(d: StandaloneCostDraft, minPopulation: number): [StandaloneCostField, string][] {
  const problems: [StandaloneCostField, string][] = [];
  for (const [field, what] of AMOUNT_FIELDS) {
    const text = d[field];
    const value = parseDecimal(text);
    if (!text.trim()) problems.push([field, `Indiquez le coût annuel de ${what}, en euros (0 si aucun).`]);
    else if (value === null || value < 0 || !hasCents(text)) problems.push([field, 'Indiquez un montant positif ou nul, en euros et centimes, par exemple 1500 ou 980,50.']);
  }
  if (d.maxPopulation.trim()) {
    const max = wholeNumber(d.maxPopulation);
    if (max === null) problems.push(['maxPopulation', 'Indiquez la population maximale (nombre entier), ou laissez vide.']);
    else if (max < minPopulation) problems.push(['maxPopulation', `La population maximale est inférieure à la minimale (${formatInteger(minPopulation)}).`]);
  }
  if (!d.source.trim()) problems.push(['source', 'Indiquez la source des montants (devis, budget, étude …).']);
  else if (d.source.trim().length > MAX_SOURCE) problems.push(['source', 'La source fait 1 000 caractères au plus.']);
  return problems;
}

/** The API's body of a (checked) edit form: no maximum population left out (no upper bound). */
export function standaloneCostRequest(d: StandaloneCostDraft): StandaloneCostRequest {
  const body: StandaloneCostRequest = {
    licence: parseDecimal(d.licence) as number,
    hosting: parseDecimal(d.hosting) as number,
    maintenance: parseDecimal(d.maintenance) as number,
    agentTime: parseDecimal(d.agentTime) as number,
    source: d.source.trim(),
  };
  return d.maxPopulation.trim() ? { maxPopulation: wholeNumber(d.maxPopulation) as number, ...body } : body;
}

// ---- the budget simulation

export const DEFAULT_INHABITANT_SHARE = 50;

/** The simulation form as typed. */
export interface SimulationDraft {
  baseYear: string;
  /** Growth in percent by service code, as typed (empty: 0). */
  growth: Record<string, string>;
  usage: boolean;
  perInhabitant: boolean;
  mixed: boolean;
  inhabitantShare: string;
}

export type SimulationField = 'baseYear' | 'scenarios' | 'inhabitantShare' | `growth.${string}`;

/** The scenarios' names as sent (the server gives them back as the result's columns). */
export const SCENARIO_NAMES = { USAGE: 'Usage pur', PER_INHABITANT: 'Par habitant', mixed: (share: number) => `Mixte ${formatQuantity(share)} %` };

/** The simulation form's problems before sending: [field, French message]. */
export function simulationProblems(d: SimulationDraft, services: readonly { code: string; name: string }[]): [SimulationField, string][] {
  const problems: [SimulationField, string][] = [];
  const year = wholeNumber(d.baseYear);
  if (year === null || year < 2000 || year > 2100) problems.push(['baseYear', 'Indiquez une année de 2000 à 2100.']);
  for (const s of services) {
    const text = d.growth[s.code]?.trim() ?? '';
    if (!text) continue;
    const n = parseDecimal(text);
    if (n === null || n < -100 || n > 1000) problems.push([`growth.${s.code}`, `${s.name} : indiquez une évolution en pourcentage, de -100 à 1 000.`]);
  }
  if (!d.usage && !d.perInhabitant && !d.mixed) problems.push(['scenarios', 'Choisissez au moins un scénario.']);
  if (d.mixed) {
    const share = parseDecimal(d.inhabitantShare);
    if (share === null || share < 0 || share > 100) problems.push(['inhabitantShare', 'Indiquez une part de 0 à 100 %.']);
  }
  return problems;
}

/** The API's body of a (checked) simulation form: the growths that are not 0, the scenarios ticked in order. */
export function simulationRequest(d: SimulationDraft): SimulationRequest {
  const growth: Record<string, number> = {};
  for (const [code, text] of Object.entries(d.growth)) {
    const n = text.trim() ? parseDecimal(text) : null;
    if (n !== null && n !== 0) growth[code] = n;
  }
  const scenarios: ScenarioRequest[] = [];
  if (d.usage) scenarios.push({ name: SCENARIO_NAMES.USAGE, kind: 'USAGE' });
  if (d.perInhabitant) scenarios.push({ name: SCENARIO_NAMES.PER_INHABITANT, kind: 'PER_INHABITANT' });
  if (d.mixed) {
    const share = parseDecimal(d.inhabitantShare) as number;
    scenarios.push({ name: SCENARIO_NAMES.mixed(share), kind: 'MIXED', inhabitantShare: share });
  }
  return { baseYear: wholeNumber(d.baseYear) as number, growth, scenarios };
}

export interface SimulationRow {
  insee: string;
  name: string;
  population: number;
  /** By scenario, in the result's order: the amount (null if the commune has none) and the difference with the first. */
  amounts: { cents: number | null; difference: number | null }[];
}

/** The table's rows: the communes (by name) with each scenario's amount and its difference with the first scenario. */
export function simulationRows(result: SimulationResult): SimulationRow[] {
  const names = result.scenarios.map((s) => s.name);
  return [...result.communes]
    .sort((a, b) => a.name.localeCompare(b.name, 'fr') || a.insee.localeCompare(b.insee))
    .map((c) => {
      const byName = new Map(c.results.map((r) => [r.scenario, r.totalCents]));
      const first = byName.get(names[0]);
      return {
        insee: c.insee,
        name: c.name,
        population: c.population,
        amounts: names.map((name) => {
          const cents = byName.get(name);
          if (cents === undefined) return { cents: null, difference: null };
          return { cents, difference: first === undefined ? null : cents - first };
        }),
      };
    });
}

/** The totals of each scenario and their difference with the first. */
export function simulationTotals(result: SimulationResult): { name: string; cents: number; difference: number }[] {
  const first = result.scenarios[0]?.totalCents ?? 0;
  return result.scenarios.map((s) => ({ name: s.name, cents: s.totalCents, difference: s.totalCents - first }));
}

// ---- CSV files (for spreadsheets: « ; » separator, UTF-8 with a byte order mark, CRLF line ends)

const BOM = '\ufeff';

/** A CSV field: quoted when it holds the separator, a quote or a line break. */
export function csvField(value: string | number | null | undefined): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV file's text: the byte order mark (so that spreadsheets read the accents as UTF-8), then the rows. */
export function csvText(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return BOM + rows.map((row) => row.map(csvField).join(';')).join('\r\n') + '\r\n';
}

/** A CSV file as a Blob to save. */
export const csvBlob = (text: string): Blob => new Blob([text], { type: 'text/csv;charset=utf-8' });

/** The simulation as CSV: `insee;commune;population;<scenario names…>`, amounts in euros with a dot. */
export function simulationCsv(result: SimulationResult): string {
  const rows = simulationRows(result);
  return csvText([
    ['insee', 'commune', 'population', ...result.scenarios.map((s) => s.name)],
    ...rows.map((r) => [r.insee, r.name, r.population, ...r.amounts.map((a) => (a.cents === null ? '' : centsToDecimal(a.cents)))]),
  ]);
}

export const simulationFileName = (result: Pick<SimulationResult, 'baseYear' | 'targetYear'>): string => `simulation-budgetaire-${result.targetYear}.csv`;

/** « Simulation pour 2027 (référence 2026) : 33 communes, 3 scénarios. » */
export function simulationSummary(result: SimulationResult): string {
  const communes = result.communes.length === 1 ? '1 commune' : `${formatInteger(result.communes.length)} communes`;
  const scenarios = result.scenarios.length === 1 ? '1 scénario' : `${formatInteger(result.scenarios.length)} scénarios`;
  const warnings = result.warnings.length === 0 ? '' : result.warnings.length === 1 ? ', 1 avertissement' : `, ${formatInteger(result.warnings.length)} avertissements`;
  return `Simulation pour ${result.targetYear} (référence ${result.baseYear}) : ${communes}, ${scenarios}${warnings}.`;
}

/** « 3 états d’utilisation émis en 2026 », « Aucun état d’utilisation émis en 2026 ». */
export function statementCountText(n: number, year: number): string {
  if (n <= 0) return `Aucun état d’utilisation émis en ${year}`;
  return n === 1 ? `1 état d’utilisation émis en ${year}` : `${formatInteger(n)} états d’utilisation émis en ${year}`;
}
