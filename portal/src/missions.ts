// Pure logic of the mission order pages (ordres de mission): French labels, Paris local times, the request form's
// checks and body, the live estimate's readiness and lines, the état de frais' lines and the server's refusals of
// them, the settings' rates and budget lines. No network, no page state: unit-tested in missions.test.ts.
import type { BudgetLine, ExpenseLineBody, KilometricBand, MissionBody, MissionEstimate, MissionOrder, Problem, Transport } from './api';
import { formatDate, formatEuro, formatInteger } from './format';

export const MISSION_STATUS: Record<string, string> = {
  PENDING: 'En attente de validation',
  SIGNING: 'À la signature',
  SIGNED: 'Signé',
  EXPENSES_FILED: 'État de frais déposé',
  CLOSED: 'Clos',
  REFUSED: 'Refusé',
  CANCELLED: 'Annulé',
};

export const TRANSPORT: Record<string, string> = {
  TRAIN: 'Train',
  PUBLIC_TRANSPORT: 'Transports en commun',
  PERSONAL_CAR: 'Véhicule personnel',
  SERVICE_CAR: 'Véhicule de service',
};

export const TRANSPORT_OPTIONS: { value: Transport; label: string }[] = (['TRAIN', 'PUBLIC_TRANSPORT', 'PERSONAL_CAR', 'SERVICE_CAR'] as Transport[]).map((value) => ({
  value,
  label: TRANSPORT[value],
}));

export const EXPENSE_KIND: Record<string, string> = {
  MEAL: 'Repas',
  NIGHT: 'Nuitée',
  TRANSPORT: 'Transport',
  OTHER: 'Autre frais',
};

export const MISSION_HISTORY_ACTION: Record<string, string> = {
  SUBMITTED: 'Ordre de mission demandé',
  STEP_APPROVED: 'Étape validée',
  STEP_REFUSED: 'Étape refusée',
  BUDGET_RESERVED: 'Crédits réservés',
  BUDGET_REFUSED: 'Crédits insuffisants',
  SENT_FOR_SIGNATURE: 'Envoyé à la signature',
  SIGNED: 'Ordre de mission signé',
  REFUSED: 'Ordre de mission refusé',
  CANCELLED: 'Demande annulée',
  EXPENSES_FILED: 'État de frais déposé',
  EXPENSES_SENT_BACK: 'État de frais à reprendre',
  CLOSED: 'Mission close',
};

/** The notifications of the mission orders, as a short French prefix. */
export const MISSION_NOTIFICATION_KIND: Record<string, string> = {
  'mission.to-decide': 'À décider',
  'mission.refused': 'Ordre de mission refusé',
  'mission.signed': 'Ordre de mission signé',
  'mission.expenses-sent-back': 'État de frais à reprendre',
  'mission.closed': 'État de frais validé',
};

/** The tasks of the mission order process (their definition keys). */
export const MISSION_TASK = {
  /** « Validation par le responsable »: the order. */
  order: 'managerApproval',
  /** « Validation de l'état de frais »: refusing sends it back to the agent. */
  expenses: 'expensesApproval',
  /** « État de frais de l'agent »: done by filing the état de frais on the order's page, not decided. */
  fileExpenses: 'fileExpenses',
} as const;

export type MissionTaskKind = 'order' | 'expenses' | 'fileExpenses';

/** Which step of a mission order a task is (by its key, else its name as the shared definition calls it). */
export function missionTaskKind(t: { key?: string | null; name?: string | null }): MissionTaskKind {
  const name = (t.name ?? '').toLowerCase();
  if (t.key === MISSION_TASK.fileExpenses || (t.key !== MISSION_TASK.expenses && /^état de frais de l/.test(name))) return 'fileExpenses';
  if (t.key === MISSION_TASK.expenses || name.includes('état de frais')) return 'expenses';
  return 'order';
}

/** Path (under /api/v1) of the budget lines of a year. */
export function budgetLinesPath(year: number): string {
  return `/missions/budget-lines?${new URLSearchParams({ year: String(year) })}`;
}

export const missionHref = (id: string) => `/missions/${encodeURIComponent(id)}`;

// ---- Paris local times (YYYY-MM-DDTHH:MM, seconds possible)

/** "2031-10-14T07:00" (or with seconds) → its day and its time "07:00"; null if it is not such a time. */
export function splitLocalDateTime(value: string | null | undefined): { date: string; time: string } | null {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?$/.exec(value ?? '');
  return m ? { date: m[1], time: m[2] } : null;
}

/** "14/10/2031 à 07:00" (the API's local times are Paris times: no conversion). */
export function formatLocalDateTime(value: string | null | undefined): string {
  const parts = splitLocalDateTime(value);
  if (!parts) return value || '—';
  return `${formatDate(parts.date)} à ${parts.time}`;
}

/** "du 14/10/2031 au 15/10/2031", "le 14/10/2031" (the days only). */
export function missionDates(m: { departure: string; returnAt: string }): string {
  const from = m.departure.slice(0, 10);
  const to = m.returnAt.slice(0, 10);
  return from === to ? `le ${formatDate(from)}` : `du ${formatDate(from)} au ${formatDate(to)}`;
}

/** "Paris, du 14/10/2031 au 15/10/2031". */
export function missionTitle(m: { destination: string; departure: string; returnAt: string }): string {
  return `${m.destination}, ${missionDates(m)}`;
}

/** "du 14/10/2031 à 07:00 au 15/10/2031 à 20:00". */
export function missionPeriod(m: { departure: string; returnAt: string }): string {
  return `du ${formatLocalDateTime(m.departure)} au ${formatLocalDateTime(m.returnAt)}`;
}

/** "Train, tarif estimé 180,00 €"; "Véhicule personnel, 5 CV, 240 km"; "Véhicule de service". */
export function transportText(m: Pick<MissionOrder, 'transport' | 'horsepower' | 'distanceKm' | 'fare'>): string {
  const label = TRANSPORT[m.transport] ?? m.transport;
  if (m.transport === 'PERSONAL_CAR') {
    return `${label}, ${formatInteger(m.horsepower)}\u00a0CV, ${formatInteger(m.distanceKm)}\u00a0km`;
  }
  if ((m.transport === 'TRAIN' || m.transport === 'PUBLIC_TRANSPORT') && m.fare !== null && m.fare !== undefined) {
    return `${label}, tarif estimé ${formatEuro(m.fare)}`;
  }
  return label;
}

/** The destination's size as it counts for the nights: Paris, its population, or not given. */
export function populationText(m: { paris: boolean; destinationPopulation?: number | null }): string {
  if (m.paris) return 'Paris (nuitées au taux de Paris)';
  const n = Number(m.destinationPopulation ?? 0);
  return n > 0 ? `${formatInteger(n)} habitants` : 'Non indiquée';
}

const cents = (n: number) => Math.round(n * 100) / 100;

/** The estimate line by line: meals × rate, nights × rate, transport and total. */
export function estimateLines(e: MissionEstimate): { term: string; detail: string }[] {
  const meals = Number(e.meals);
  const nights = Number(e.nights);
  return [
    { term: 'Repas', detail: meals > 0 ? `${meals} × ${formatEuro(cents(Number(e.mealsAmount) / meals))} = ${formatEuro(e.mealsAmount)}` : 'aucun' },
    { term: 'Nuitées', detail: nights > 0 ? `${nights} × ${formatEuro(cents(Number(e.nightsAmount) / nights))} = ${formatEuro(e.nightsAmount)}` : 'aucune' },
    { term: 'Transport', detail: formatEuro(e.transportAmount) },
    { term: 'Total estimé', detail: formatEuro(e.total) },
  ];
}

/** The estimate an order carries. */
export function orderEstimate(m: MissionOrder): MissionEstimate {
  return { meals: m.meals, mealsAmount: m.mealsAmount, nights: m.nights, nightsAmount: m.nightsAmount, transportAmount: m.transportAmount, total: m.estimatedTotal };
}

/** Whether the person may cancel the order now: their own, still awaiting its validation. */
export function canCancelMission(m: Pick<MissionOrder, 'agentUsername' | 'status'>, username: string): boolean {
  return m.agentUsername === username && m.status === 'PENDING';
}

/** Whether the person files the order's état de frais now: their own, signed (or sent back to them). */
export function canFileExpenses(m: Pick<MissionOrder, 'agentUsername' | 'status'>, username: string): boolean {
  return m.agentUsername === username && m.status === 'SIGNED';
}

/** The name of who refused, from the history (the order gives only the user name). */
export function missionDeciderName(m: Pick<MissionOrder, 'decidedBy' | 'history'>): string | null {
  const decision = [...(m.history ?? [])].reverse().find((e) => e.action === 'REFUSED' || e.action === 'STEP_REFUSED' || e.action === 'BUDGET_REFUSED');
  return decision?.actorName || decision?.actorUsername || m.decidedBy || null;
}

// ---- numbers as typed

const SPACES = /[\s\u00a0\u202f]/g;

/** A whole number as typed ("4 600"): undefined when empty, null when it is not a whole number ≥ 0. */
export function parseWhole(text: string): number | null | undefined {
  const t = text.replace(SPACES, '');
  if (t === '') return undefined;
  return /^\d{1,9}$/.test(t) ? Number(t) : null;
}

/** An amount in euros as typed ("18,50", "18.5", "1 200"): undefined when empty, null when not ≥ 0 with 2 decimals at most. */
export function parseEuros(text: string): number | null | undefined {
  const t = text.replace(SPACES, '').replace(/€$/, '').replace(',', '.');
  if (t === '') return undefined;
  return /^\d{1,9}(\.\d{1,2})?$/.test(t) ? Number(t) : null;
}

// ---- the request form

/** The form's values as typed. */
export interface MissionDraft {
  purpose: string;
  destination: string;
  population: string;
  paris: boolean;
  departureDate: string;
  departureTime: string;
  returnDate: string;
  returnTime: string;
  transport: string;
  horsepower: string;
  distanceKm: string;
  kmAlreadyThisYear: string;
  fare: string;
  budgetLine: string;
}

export type MissionField = Exclude<keyof MissionDraft, 'paris'>;

export interface FieldError<F> {
  field: F;
  message: string;
}

const isCar = (transport: string) => transport === 'PERSONAL_CAR';
const hasFare = (transport: string) => transport === 'TRAIN' || transport === 'PUBLIC_TRANSPORT';
const localTime = (date: string, time: string) => `${date}T${time.slice(0, 5)}`;

/** The day `days` after an ISO day. */
export function addDays(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The API's body of the form: only the fields of the chosen transport; an empty population is left out. */
export function missionBody(d: MissionDraft): MissionBody {
  const car = isCar(d.transport);
  return {
    purpose: d.purpose.trim(),
    destination: d.destination.trim(),
    destinationPopulation: d.paris ? null : parseWhole(d.population) ?? null,
    paris: d.paris,
    departure: localTime(d.departureDate, d.departureTime),
    returnAt: localTime(d.returnDate, d.returnTime),
    transport: d.transport,
    horsepower: car ? parseWhole(d.horsepower) ?? null : null,
    distanceKm: car ? parseWhole(d.distanceKm) ?? null : null,
    kmAlreadyThisYear: car ? parseWhole(d.kmAlreadyThisYear) ?? 0 : null,
    fare: hasFare(d.transport) ? parseEuros(d.fare) ?? null : null,
    budgetLine: d.budgetLine,
  };
}

/** The checks of the numbers and times both the estimate and the submission need. */
function missionNumberErrors(d: MissionDraft): FieldError<MissionField>[] {
  const errors: FieldError<MissionField>[] = [];
  if (!d.paris && parseWhole(d.population) === null) errors.push({ field: 'population', message: 'Indiquez le nombre d’habitants en chiffres (nombre entier), ou laissez le champ vide.' });
  if (isCar(d.transport)) {
    const hp = parseWhole(d.horsepower);
    if (hp === undefined || hp === null || hp < 1 || hp > 50) errors.push({ field: 'horsepower', message: 'Indiquez la puissance fiscale du véhicule, de 1 à 50 CV.' });
    const km = parseWhole(d.distanceKm);
    if (km === undefined || km === null || km < 1 || km > 20000) errors.push({ field: 'distanceKm', message: 'Indiquez la distance parcourue avec le véhicule, en kilomètres (1 à 20 000).' });
    if (parseWhole(d.kmAlreadyThisYear) === null) errors.push({ field: 'kmAlreadyThisYear', message: 'Indiquez les kilomètres déjà parcourus cette année en chiffres, ou laissez le champ vide.' });
  }
  if (hasFare(d.transport)) {
    const fare = parseEuros(d.fare);
    if (fare === undefined) errors.push({ field: 'fare', message: 'Indiquez le tarif estimé du trajet en euros (0 s’il ne coûte rien).' });
    else if (fare === null || fare > 10000) errors.push({ field: 'fare', message: 'Indiquez le tarif estimé en euros et centimes (par exemple 180 ou 45,60), au plus 10 000 €.' });
  }
  return errors;
}

/** What the form checks before sending (the server checks everything again): field → French message. */
export function missionDraftErrors(d: MissionDraft, today: string): FieldError<MissionField>[] {
  const errors: FieldError<MissionField>[] = [];
  if (!d.purpose.trim()) errors.push({ field: 'purpose', message: 'Indiquez l’objet de la mission.' });
  else if (d.purpose.trim().length > 500) errors.push({ field: 'purpose', message: 'L’objet fait au plus 500 caractères.' });
  if (!d.destination.trim()) errors.push({ field: 'destination', message: 'Indiquez la destination.' });
  else if (d.destination.trim().length > 200) errors.push({ field: 'destination', message: 'La destination fait au plus 200 caractères.' });
  if (!d.departureDate) errors.push({ field: 'departureDate', message: 'Indiquez la date de départ.' });
  else if (d.departureDate < today) errors.push({ field: 'departureDate', message: 'Le départ est passé : un ordre de mission se demande avant la mission.' });
  if (!d.departureTime) errors.push({ field: 'departureTime', message: 'Indiquez l’heure de départ.' });
  if (!d.returnDate) errors.push({ field: 'returnDate', message: 'Indiquez la date de retour.' });
  if (!d.returnTime) errors.push({ field: 'returnTime', message: 'Indiquez l’heure de retour.' });
  if (d.departureDate && d.departureTime && d.returnDate && d.returnTime) {
    if (localTime(d.returnDate, d.returnTime) <= localTime(d.departureDate, d.departureTime)) {
      errors.push({ field: 'returnDate', message: 'Le retour doit suivre le départ.' });
    } else if (localTime(d.returnDate, d.returnTime) > localTime(addDays(d.departureDate, 60), d.departureTime)) {
      errors.push({ field: 'returnDate', message: 'Une mission dure au plus 60 jours.' });
    }
  }
  if (!d.transport) errors.push({ field: 'transport', message: 'Choisissez le moyen de transport.' });
  errors.push(...missionNumberErrors(d));
  if (!d.budgetLine) errors.push({ field: 'budgetLine', message: 'Choisissez la ligne budgétaire qui finance la mission.' });
  const order: MissionField[] = ['purpose', 'destination', 'population', 'departureDate', 'departureTime', 'returnDate', 'returnTime', 'transport', 'horsepower', 'distanceKm', 'kmAlreadyThisYear', 'fare', 'budgetLine'];
  return errors.sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field));
}

/**
 * Whether the live estimate can be asked yet: the body to send, or a short hint of what is missing (incomplete or
 * invalid input is not an error while the person types).
 */
export function estimateInput(d: MissionDraft): { body: MissionBody } | { hint: string } {
  if (!d.departureDate || !d.departureTime || !d.returnDate || !d.returnTime) {
    return { hint: 'L’estimation s’affiche dès que les dates et heures de départ et de retour sont indiquées.' };
  }
  if (localTime(d.returnDate, d.returnTime) <= localTime(d.departureDate, d.departureTime)) {
    return { hint: 'L’estimation s’affichera quand le retour suivra le départ.' };
  }
  if (!d.transport) return { hint: 'Choisissez le moyen de transport pour voir l’estimation.' };
  const problems = missionNumberErrors(d);
  if (problems.some((p) => p.field === 'horsepower' || p.field === 'distanceKm')) {
    return { hint: 'Indiquez la puissance fiscale (1 à 50 CV) et la distance du trajet en véhicule personnel pour voir l’estimation.' };
  }
  if (problems.some((p) => p.field === 'fare')) return { hint: 'Indiquez le tarif estimé du trajet pour voir l’estimation.' };
  if (problems.length > 0) return { hint: 'Vérifiez les nombres saisis pour voir l’estimation.' };
  return { body: missionBody(d) };
}

/** The field a refusal of the server concerns (its `code`, and for `invalid-mission` its detail); null: the whole order. */
export function missionErrorField(problem: Pick<Problem, 'code' | 'detail'> | null | undefined): MissionField | null {
  const detail = (problem?.detail ?? '').toLowerCase();
  switch (problem?.code) {
    case 'mission-in-the-past':
    case 'invalid-date':
      return detail.includes('returnat') ? 'returnDate' : 'departureDate';
    case 'unknown-budget-line':
      return 'budgetLine';
    case 'invalid-mission':
      if (detail.includes('puissance')) return 'horsepower';
      if (detail.includes('distance')) return 'distanceKm';
      if (detail.includes('tarif')) return 'fare';
      if (detail.includes('transport')) return 'transport';
      if (detail.includes('objet')) return 'purpose';
      if (detail.includes('destination')) return 'destination';
      if (detail.includes('retour') || detail.includes('jours')) return 'returnDate';
      if (detail.includes('date') || detail.includes('départ')) return 'departureDate';
      return null;
    default:
      return null;
  }
}

// ---- budget lines

/** What is left on a line: voted amount less what is reserved. */
export function budgetAvailable(l: Pick<BudgetLine, 'amount' | 'committed'>): number {
  return cents(Number(l.amount) - Number(l.committed ?? 0));
}

/** "DEPL — Formations et déplacements (Ressources humaines), disponible : 99 620,00 €". */
export function budgetLineLabel(l: BudgetLine): string {
  return `${l.code} — ${l.label}${l.service ? ` (${l.service})` : ''}, disponible : ${formatEuro(budgetAvailable(l))}`;
}

/** A budget line's code as the API accepts it: 1 to 40 letters, digits, dots, dashes or underscores. */
export function isBudgetLineCode(code: string): boolean {
  return /^[A-Za-z0-9._-]{1,40}$/.test(code);
}

/** The year of an ISO day, else `fallback`. */
export function yearOf(iso: string | null | undefined, fallback: number): number {
  const m = /^(\d{4})-\d{2}-\d{2}$/.exec(iso ?? '');
  return m ? Number(m[1]) : fallback;
}

/** "5 CV et moins", "6 et 7 CV", "8 CV et plus": a kilometric band of the rates. */
export function horsepowerBand(bands: KilometricBand[], index: number): string {
  const max = bands[index].maxHorsepower;
  const min = index === 0 ? 1 : bands[index - 1].maxHorsepower + 1;
  if (index === 0) return `${max}\u00a0CV et moins`;
  if (max >= 1000) return `${min}\u00a0CV et plus`;
  return min === max ? `${max}\u00a0CV` : `${min} et ${max}\u00a0CV`;
}

// ---- the état de frais

/** A line of the état de frais as typed; the receipt is already in the GED (its document id). */
export interface ExpenseDraft {
  kind: string;
  day: string;
  amount: string;
  label: string;
  receiptDocumentId: string | null;
  /** The receipt is being sent. */
  uploading?: boolean;
}

export type ExpenseField = 'kind' | 'day' | 'amount' | 'label' | 'receipt';

export interface ExpenseError {
  /** 0-based index of the line. */
  index: number;
  field: ExpenseField;
  message: string;
}

/** The kinds that need a receipt. */
export const needsReceipt = (kind: string) => kind === 'NIGHT' || kind === 'TRANSPORT' || kind === 'OTHER';

/** What the form checks before sending (the server checks again, against the order and the rates). */
export function expenseDraftErrors(lines: ExpenseDraft[], first: string, last: string): ExpenseError[] {
  const errors: ExpenseError[] = [];
  const range = first === last ? `le ${formatDate(first)}` : `du ${formatDate(first)} au ${formatDate(last)}`;
  lines.forEach((l, index) => {
    const n = `la ligne n°${index + 1}`;
    if (!l.kind) errors.push({ index, field: 'kind', message: `Choisissez la nature de ${n}.` });
    if (!l.day || l.day < first || l.day > last) errors.push({ index, field: 'day', message: `Indiquez le jour de ${n}, pendant la mission (${range}).` });
    const amount = parseEuros(l.amount);
    if (amount === undefined || amount === null || amount <= 0 || amount > 10000) {
      errors.push({ index, field: 'amount', message: `Indiquez le montant de ${n} en euros et centimes (par exemple 18,50), au plus 10 000 €.` });
    }
    if (l.label.trim().length > 200) errors.push({ index, field: 'label', message: `Le libellé de ${n} fait au plus 200 caractères.` });
    if (l.uploading) errors.push({ index, field: 'receipt', message: `Attendez la fin de l’envoi du justificatif de ${n}.` });
    else if (needsReceipt(l.kind) && !l.receiptDocumentId) {
      errors.push({ index, field: 'receipt', message: `Joignez le justificatif de ${n} : il est obligatoire pour une nuitée, un transport ou un autre frais.` });
    }
  });
  return errors;
}

/** The API's body of the état de frais; an empty label is left out. */
export function expensesBody(lines: ExpenseDraft[]): ExpenseLineBody[] {
  return lines.map((l) => ({
    kind: l.kind,
    day: l.day,
    amount: parseEuros(l.amount) ?? 0,
    label: l.label.trim() || undefined,
    receiptDocumentId: l.receiptDocumentId || undefined,
  }));
}

/**
 * The lines a refused état de frais (`invalid-expenses`) names: its detail is « Ligne 1 : … Ligne 3 : … »; each
 * with its 1-based position, the field it concerns when it can be told, and the message.
 */
export function expenseProblems(detail: string | null | undefined): { position: number; field: ExpenseField | null; message: string }[] {
  const out: { position: number; field: ExpenseField | null; message: string }[] = [];
  const pattern = /Ligne (\d+) : (.*?)(?=\s*Ligne \d+ : |\s*$)/gsu;
  for (const m of (detail ?? '').matchAll(pattern)) {
    const message = m[2].trim();
    const lower = message.toLowerCase();
    const field: ExpenseField | null = lower.includes('justificatif')
      ? 'receipt'
      : lower.includes('nature')
        ? 'kind'
        : lower.includes('date')
          ? 'day'
          : lower.includes('montant')
            ? 'amount'
            : null;
    out.push({ position: Number(m[1]), field, message: message.charAt(0).toUpperCase() + message.slice(1) });
  }
  return out;
}

/** The checked lines back into the form (a statement sent back is corrected, not typed again). */
export function expenseDrafts(expenses: MissionOrder['expenses']): ExpenseDraft[] {
  return [...(expenses ?? [])]
    .sort((a, b) => a.position - b.position)
    .map((e) => ({
      kind: e.kind,
      day: e.day,
      amount: formatAmountInput(e.amount),
      label: e.label ?? '',
      receiptDocumentId: e.receiptDocumentId ?? null,
    }));
}

/** An amount as the form shows it: "18,50", "150". */
export function formatAmountInput(amount: number | string | null | undefined): string {
  if (amount === null || amount === undefined || amount === '') return '';
  const n = Number(amount);
  if (!Number.isFinite(n)) return '';
  return Number.isInteger(n) ? String(n) : n.toFixed(2).replace('.', ',');
}
