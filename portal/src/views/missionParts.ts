// Pieces shared by the mission order pages and the tasks page: the subscription check, the missions' own navigation,
// the status in words, the estimate's lines, the checked expenses and the history.
import type { LeaveHistoryEntry, Me, MissionEstimate, MissionOrder } from '../api';
import { h } from '../dom';
import { formatDate, formatDateTime, formatEuro } from '../format';
import { EXPENSE_KIND, MISSION_HISTORY_ACTION, MISSION_STATUS, estimateLines } from '../missions';
import { labelOf } from '../parapheur';
import { isCommuneAdmin } from '../routes';
import { gedPage, tableRegion } from './documentParts';

/**
 * Builds a mission order page; if the commune is not subscribed (403 `service-not-subscribed`), the page says so and
 * points to the catalogue instead.
 */
export function missionPage(me: Me, title: string, build: () => Promise<(HTMLElement | null)[]>): Promise<HTMLElement[]> {
  return gedPage(me, title, build);
}

export type MissionSection = 'missions' | 'nouveau' | 'reglages';

/** The mission pages' sections; the current one is marked. */
export function missionNav(me: Me, current: MissionSection | null): HTMLElement {
  const entries: [MissionSection, string, string][] = [
    ['missions', '/missions', 'Mes ordres de mission'],
    ['nouveau', '/missions/nouveau', 'Demander un ordre de mission'],
  ];
  if (isCommuneAdmin(me)) entries.push(['reglages', '/procedures/reglages', 'Réglages des procédures']);
  return h(
    'nav',
    { class: 'subnav', 'aria-label': 'Ordres de mission' },
    h('ul', {}, entries.map(([key, href, label]) => h('li', {}, h('a', { href, 'data-link': true, 'aria-current': key === current ? 'true' : undefined }, label)))),
  );
}

/** An order's status in French, as text (the colour only repeats it). */
export function missionStatusBadge(status: string): HTMLElement {
  return h('span', { class: `status mission-status-${status.toLowerCase().replace(/[^a-z_]/g, '')}` }, labelOf(MISSION_STATUS, status));
}

/** The estimate as a list: « Repas : 3 × 20,00 € = 60,00 € » … « Total estimé : 380,00 € ». */
export function estimateList(e: MissionEstimate, attrs: Record<string, string> = {}): HTMLElement {
  return h(
    'ul',
    { class: 'estimate-lines', ...attrs },
    estimateLines(e).map((l, i, all) => h('li', { class: i === all.length - 1 ? 'estimate-total' : undefined }, `${l.term} : ${l.detail}`)),
  );
}

/** The checked état de frais: each line with what is reimbursed and why less, and the totals. */
export function expensesTable(m: MissionOrder): HTMLElement {
  const lines = [...(m.expenses ?? [])].sort((a, b) => a.position - b.position);
  const caption = `${lines.length === 1 ? '1 ligne' : `${lines.length} lignes`} : ${formatEuro(m.expensesTotal)} déclarés, ${formatEuro(m.reimbursableTotal)} remboursables`;
  return tableRegion(
    'Tableau de l’état de frais',
    caption,
    ['N°', 'Nature', 'Jour', 'Libellé', 'Montant', 'Remboursable', 'Observation', 'Justificatif'],
    lines.map((e) =>
      h(
        'tr',
        {},
        h('th', { scope: 'row' }, String(e.position)),
        h('td', {}, labelOf(EXPENSE_KIND, e.kind)),
        h('td', {}, formatDate(e.day)),
        h('td', {}, e.label || '—'),
        h('td', { class: 'number' }, formatEuro(e.amount)),
        h('td', { class: 'number' }, formatEuro(e.reimbursable)),
        h('td', {}, e.note || '—'),
        h('td', {}, e.receiptDocumentId ? h('a', { href: `/documents/${encodeURIComponent(e.receiptDocumentId)}`, 'data-link': true }, `Justificatif de la ligne ${e.position}`) : 'Aucun'),
      ),
    ),
  );
}

/** The history, oldest first. */
export function missionHistoryList(history: LeaveHistoryEntry[], labelledBy: string): HTMLElement {
  if (history.length === 0) return h('p', { class: 'empty' }, 'Aucun événement.');
  const sorted = [...history].sort((a, b) => a.at.localeCompare(b.at));
  return h(
    'ol',
    { class: 'history', 'aria-labelledby': labelledBy },
    sorted.map((e) => {
      const actor = e.actorName || e.actorUsername;
      return h(
        'li',
        {},
        h('span', { class: 'history-action' }, labelOf(MISSION_HISTORY_ACTION, e.action)),
        ` — ${formatDateTime(e.at)}`,
        actor ? ` — par ${actor}` : '',
        e.detail ? h('span', { class: 'history-detail' }, ` — ${e.detail}`) : '',
      );
    }),
  );
}
