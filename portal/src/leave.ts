// Pure logic of the leave request pages (demandes de congés), the tasks page and the procedures' settings: French
// labels, days and periods, the team calendar's month, working patterns, the form's request and the fields the
// server's refusals concern. No network, no page state: unit-tested in leave.test.ts.
import type { HalfDay, LeaveRequest, NewLeaveRequest, Problem } from './api';
import { formatDate, formatInteger } from './format';
import { problemErrors } from './parapheur';

export const LEAVE_STATUS: Record<string, string> = {
  PENDING: 'En attente',
  APPROVED: 'Accordée',
  REFUSED: 'Refusée',
  CANCELLED: 'Annulée',
};

export const HALF_DAY: Record<string, string> = {
  MORNING: 'matin',
  AFTERNOON: 'après-midi',
};

export const HISTORY_ACTION: Record<string, string> = {
  SUBMITTED: 'Demande déposée',
  STEP_APPROVED: 'Étape validée',
  STEP_REFUSED: 'Étape refusée',
  APPROVED: 'Congé accordé',
  REFUSED: 'Congé refusé',
  ESCALATED: 'Relance envoyée',
  CANCELLED: 'Demande annulée',
};

/** The notifications' kinds, as a short French prefix. */
export const NOTIFICATION_KIND: Record<string, string> = {
  'leave.to-decide': 'À décider',
  'leave.approved': 'Congé accordé',
  'leave.refused': 'Congé refusé',
  'leave.cancelled': 'Congé annulé',
  'leave.reminder': 'Relance',
  'leave.escalated': 'Escalade',
};

const days = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });

/** "25 jours", "12,5 jours", "1 jour", "0,5 jour" (in French, singular below 2). */
export function formatDays(value: number | string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const n = Number(value);
  if (!Number.isFinite(n)) return '—';
  return `${days.format(n).replace(/\u202f/g, '\u00a0')}\u00a0${Math.abs(n) < 2 ? 'jour' : 'jours'}`;
}

/** "15/09/2031 matin". */
export function halfDayText(date: string, half: HalfDay | string | null | undefined): string {
  const label = half ? HALF_DAY[half] ?? half : '';
  return label ? `${formatDate(date)} ${label}` : formatDate(date);
}

/** "du 15/09/2031 au 19/09/2031" (the dates only: the half days are told apart where they matter). */
export function periodText(r: { startDate: string; endDate: string }): string {
  return r.startDate === r.endDate ? `le ${formatDate(r.startDate)}` : `du ${formatDate(r.startDate)} au ${formatDate(r.endDate)}`;
}

/** "du 15/09/2031 après-midi au 19/09/2031 matin": the period with its half days. */
export function periodWithHalves(r: { startDate: string; startHalf: string; endDate: string; endHalf: string }): string {
  return `du ${halfDayText(r.startDate, r.startHalf)} au ${halfDayText(r.endDate, r.endHalf)}`;
}

/** The title of a request: "Congés annuels du 15/09/2031 au 19/09/2031". */
export function requestTitle(r: { typeLabel?: string | null; typeCode: string; startDate: string; endDate: string }): string {
  return `${r.typeLabel || r.typeCode} ${periodText(r)}`;
}

/** The accessible reading of the navigation's counter: "3 tâches en attente". */
export function taskCountLabel(count: number): string {
  if (count <= 0) return 'Aucune tâche en attente';
  return count === 1 ? '1 tâche en attente' : `${formatInteger(count)} tâches en attente`;
}

/** Whether the person may cancel the request now: their own, pending or approved, its first day still to come. */
export function canCancel(r: Pick<LeaveRequest, 'agentUsername' | 'status' | 'startDate'>, username: string, today: string): boolean {
  return r.agentUsername === username && (r.status === 'PENDING' || r.status === 'APPROVED') && r.startDate > today;
}

/** The name of who decided, from the history's decision (the request gives only the user name). */
export function deciderName(r: Pick<LeaveRequest, 'decidedBy' | 'history'>): string | null {
  const decision = [...(r.history ?? [])].reverse().find((e) => e.action === 'APPROVED' || e.action === 'REFUSED' || e.action === 'STEP_REFUSED');
  return decision?.actorName || decision?.actorUsername || r.decidedBy || null;
}

// ---- the request form

/** The form's values as typed. */
export interface LeaveDraft {
  type: string;
  startDate: string;
  startHalf: string;
  endDate: string;
  endHalf: string;
  comment: string;
}

export type LeaveField = 'type' | 'startDate' | 'startHalf' | 'endDate' | 'endHalf' | 'comment';

/** The API's body of the form; an empty comment is left out. */
export function leaveRequestBody(d: LeaveDraft): NewLeaveRequest {
  return {
    type: d.type,
    startDate: d.startDate,
    startHalf: d.startHalf === 'AFTERNOON' ? 'AFTERNOON' : 'MORNING',
    endDate: d.endDate,
    endHalf: d.endHalf === 'MORNING' ? 'MORNING' : 'AFTERNOON',
    comment: d.comment.trim() || undefined,
  };
}

/** What the form checks before sending (the server checks everything again): field → French message. */
export function draftErrors(d: LeaveDraft, today: string): { field: LeaveField; message: string }[] {
  const errors: { field: LeaveField; message: string }[] = [];
  if (!d.type) errors.push({ field: 'type', message: 'Choisissez le type de congé.' });
  if (!d.startDate) errors.push({ field: 'startDate', message: 'Indiquez la date de début.' });
  else if (d.startDate < today) errors.push({ field: 'startDate', message: 'La date de début est passée : une régularisation se fait auprès du service RH.' });
  if (!d.endDate) errors.push({ field: 'endDate', message: 'Indiquez la date de fin.' });
  else if (d.startDate && (d.endDate < d.startDate || (d.endDate === d.startDate && d.startHalf === 'AFTERNOON' && d.endHalf === 'MORNING'))) {
    errors.push({ field: 'endDate', message: 'La fin du congé précède son début.' });
  }
  if (d.comment.trim().length > 1000) errors.push({ field: 'comment', message: 'Le commentaire fait au plus 1000 caractères.' });
  return errors;
}

/** The field a refusal of the server concerns (its `code`); null when it concerns the whole request. */
export function leaveErrorField(code: string | null | undefined): LeaveField | null {
  switch (code) {
    case 'insufficient-balance':
    case 'unknown-leave-type':
      return 'type';
    case 'leave-in-the-past':
    case 'no-working-day':
    case 'leave-overlap':
    case 'invalid-date':
      return 'startDate';
    case 'invalid-period':
      return 'endDate';
    case 'invalid-half-day':
      return 'startHalf';
    case 'invalid-comment':
      return 'comment';
    default:
      return null;
  }
}

// ---- the team calendar

export interface Month {
  year: number;
  /** 1 to 12. */
  month: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The month of `?mois=2031-09`, or today's month when absent or invalid. */
export function monthOf(value: string | null | undefined, today: string): Month {
  const m = /^(\d{4})-(\d{2})$/.exec(value ?? '');
  if (m) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    if (year >= 1900 && year <= 2200 && month >= 1 && month <= 12) return { year, month };
  }
  return { year: Number(today.slice(0, 4)), month: Number(today.slice(5, 7)) };
}

/** "2031-09". */
export function monthValue(m: Month): string {
  return `${m.year}-${pad(m.month)}`;
}

export function shiftMonth(m: Month, delta: number): Month {
  const index = m.year * 12 + (m.month - 1) + delta;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** The first and last days of the month, as ISO dates. */
export function monthBounds(m: Month): { from: string; to: string } {
  const last = new Date(Date.UTC(m.year, m.month, 0)).getUTCDate();
  return { from: `${monthValue(m)}-01`, to: `${monthValue(m)}-${pad(last)}` };
}

const monthName = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "septembre 2031". */
export function monthLabel(m: Month): string {
  return monthName.format(new Date(Date.UTC(m.year, m.month - 1, 15)));
}

const WEEKDAYS = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'];
const WEEKDAYS_SHORT = ['lu', 'ma', 'me', 'je', 've', 'sa', 'di'];

export interface CalendarDay {
  iso: string;
  day: number;
  /** 0 = Monday … 6 = Sunday. */
  weekday: number;
  weekend: boolean;
  /** "lu". */
  short: string;
  /** "lundi 15 septembre". */
  long: string;
}

/** Every day of the month, with its weekday. */
export function monthDays(m: Month): CalendarDay[] {
  const count = new Date(Date.UTC(m.year, m.month, 0)).getUTCDate();
  const name = monthLabel(m).replace(/\s*\d+$/, '');
  return Array.from({ length: count }, (_, i) => {
    const day = i + 1;
    const weekday = (new Date(Date.UTC(m.year, m.month - 1, day)).getUTCDay() + 6) % 7;
    return {
      iso: `${monthValue(m)}-${pad(day)}`,
      day,
      weekday,
      weekend: weekday >= 5,
      short: WEEKDAYS_SHORT[weekday],
      long: `${WEEKDAYS[weekday]} ${day === 1 ? '1er' : day} ${name}`,
    };
  });
}

export type Absence = 'DAY' | 'MORNING' | 'AFTERNOON';

/** Whether an absence covers the day, and which half days: the whole day, the morning or the afternoon only. */
export function absenceOn(e: { startDate: string; startHalf: string; endDate: string; endHalf: string }, iso: string): Absence | null {
  if (iso < e.startDate || iso > e.endDate) return null;
  const morning = !(iso === e.startDate && e.startHalf === 'AFTERNOON');
  const afternoon = !(iso === e.endDate && e.endHalf === 'MORNING');
  if (morning && afternoon) return 'DAY';
  if (morning) return 'MORNING';
  if (afternoon) return 'AFTERNOON';
  return null;
}

/** Path (under /api/v1) of the calendar between two days. */
export function calendarPath(from: string, to: string): string {
  return `/leave/calendar?${new URLSearchParams({ from, to })}`;
}

// ---- working patterns (MON,TUE,WED_AM,THU,FRI)

export const PATTERN_DAYS: { code: string; label: string }[] = [
  { code: 'MON', label: 'Lundi' },
  { code: 'TUE', label: 'Mardi' },
  { code: 'WED', label: 'Mercredi' },
  { code: 'THU', label: 'Jeudi' },
  { code: 'FRI', label: 'Vendredi' },
  { code: 'SAT', label: 'Samedi' },
  { code: 'SUN', label: 'Dimanche' },
];

/** What an agent works on a day. */
export type DayWork = 'FULL' | 'AM' | 'PM' | 'OFF';

export const DAY_WORK: { value: DayWork; label: string }[] = [
  { value: 'FULL', label: 'Journée entière' },
  { value: 'AM', label: 'Matin seulement' },
  { value: 'PM', label: 'Après-midi seulement' },
  { value: 'OFF', label: 'Non travaillé' },
];

export const FULL_TIME = 'MON,TUE,WED,THU,FRI';

/** The stored pattern, day by day (full time Monday to Friday when none is stored). */
export function parsePattern(text: string | null | undefined): Record<string, DayWork> {
  const out: Record<string, DayWork> = Object.fromEntries(PATTERN_DAYS.map((d) => [d.code, 'OFF' as DayWork]));
  const source = text && text.trim() ? text : FULL_TIME;
  for (const raw of source.split(',')) {
    const token = raw.trim().toUpperCase();
    const day = token.slice(0, 3);
    if (!(day in out)) continue;
    const half = token.slice(3);
    const current = out[day];
    const next: DayWork = half === '_AM' ? 'AM' : half === '_PM' ? 'PM' : 'FULL';
    out[day] = current === 'OFF' || current === next ? next : 'FULL';
  }
  return out;
}

/** The stored form of a pattern: "MON,TUE,WED_AM,THU,FRI". */
export function patternValue(work: Record<string, DayWork | string>): string {
  return PATTERN_DAYS.flatMap((d) => {
    switch (work[d.code]) {
      case 'FULL':
        return [d.code];
      case 'AM':
        return [`${d.code}_AM`];
      case 'PM':
        return [`${d.code}_PM`];
      default:
        return [];
    }
  }).join(',');
}

/** "Lundi, mardi, mercredi matin, jeudi, vendredi"; "Aucun jour travaillé". */
export function patternText(text: string | null | undefined): string {
  const work = parsePattern(text);
  const parts = PATTERN_DAYS.filter((d) => work[d.code] !== 'OFF').map((d) => {
    const name = d.label.toLowerCase();
    return work[d.code] === 'AM' ? `${name} matin` : work[d.code] === 'PM' ? `${name} après-midi` : name;
  });
  if (parts.length === 0) return 'Aucun jour travaillé';
  const sentence = parts.join(', ');
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

// ---- process definitions

/**
 * The violations of a refused BPMN variant (`invalid-bpmn`), one per item: the problem's `errors` if it has some,
 * else the sentences of its detail ("Variante refusée : A. B.").
 */
export function bpmnViolations(problem: Problem | null | undefined): string[] {
  const listed = problemErrors(problem);
  if (listed.length) return listed;
  const detail = (problem?.detail ?? '').replace(/^\s*Variante refusée\s*:\s*/, '').trim();
  if (!detail) return [];
  return detail
    .split(/(?<=\.)\s+(?=(?:Expression |Le |La |Les |L'|L’|élément |flux |Flowable |Fichier |Seul|Un |Une ))/u)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** A leave type's code as the API accepts it: 2 to 16 capital letters, digits or _, starting with a letter. */
export function isLeaveTypeCode(code: string): boolean {
  return /^[A-Z][A-Z0-9_]{1,15}$/.test(code);
}

/** A balance as typed ("12,5" or "12.5"), in half days; null if it is not one. */
export function parseBalance(text: string): number | null {
  const value = Number(text.trim().replace(',', '.'));
  if (text.trim() === '' || !Number.isFinite(value) || Math.round(value * 2) !== value * 2) return null;
  return value;
}
