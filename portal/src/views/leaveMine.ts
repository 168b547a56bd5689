import type { LeaveBalance, LeaveRequest } from '../api';
import { h, srOnly } from '../dom';
import { formatDateTime } from '../format';
import { formatDays, halfDayText, periodText } from '../leave';
import type { ViewContext } from './context';
import { tableRegion } from './documentParts';
import { leaveHref, leaveNav, leavePage, leaveStatusBadge, notificationSection } from './leaveParts';

const TITLE = 'Mes congés';

/** "My leave": my balances, my unread notifications, my requests (newest first) and the way to a new one. */
export async function leaveMineView(ctx: ViewContext): Promise<HTMLElement[]> {
  return leavePage(ctx.me, TITLE, async () => {
    const [balances, requests, notifications] = await Promise.all([ctx.api.leaveBalances(), ctx.api.leaveRequests(), ctx.api.procedureNotifications(true)]);
    return [
      h('h1', { tabindex: '-1' }, TITLE),
      leaveNav(ctx.me, 'conges'),
      h('p', { class: 'actions' }, h('a', { href: '/conges/nouvelle', 'data-link': true, class: 'button' }, 'Demander un congé')),
      // the mission orders' notifications are on « Mes ordres de mission »
      notificationSection(
        ctx,
        notifications.filter((n) => n.subjectKind !== 'MISSION'),
      ),
      h(
        'section',
        { 'aria-labelledby': 'soldes-titre' },
        h('h2', { id: 'soldes-titre' }, 'Mes soldes'),
        balances.length === 0 ? h('p', { class: 'empty' }, 'Aucun type de congé décompté d’un solde.') : balancesTable(balances),
      ),
      h(
        'section',
        { 'aria-labelledby': 'demandes-titre' },
        h('h2', { id: 'demandes-titre' }, 'Mes demandes'),
        requests.length === 0
          ? h('p', { class: 'empty' }, 'Vous n’avez fait aucune demande de congé. ', h('a', { href: '/conges/nouvelle', 'data-link': true }, 'Demander un congé'), '.')
          : requestsTable(requests),
      ),
    ];
  });
}

function balancesTable(balances: LeaveBalance[]): HTMLElement {
  return tableRegion(
    'Tableau de mes soldes',
    'Jours de congé restant à poser, par type (les jours demandés en attente de décision sont compris dans le solde)',
    ['Type', 'Solde', 'Dont demandé en attente'],
    balances.map((b) =>
      h('tr', {}, h('th', { scope: 'row' }, b.typeLabel || b.typeCode), h('td', { class: 'number' }, formatDays(b.days)), h('td', { class: 'number' }, formatDays(b.pending))),
    ),
  );
}

function requestsTable(requests: LeaveRequest[]): HTMLElement {
  const caption = requests.length === 1 ? '1 demande' : `${requests.length} demandes, les plus récentes en premier`;
  return tableRegion('Tableau de mes demandes de congé', caption, ['Type', 'Du', 'Au', 'Jours ouvrés', 'Statut', 'Demandée le'], requests.map(requestRow));
}

function requestRow(r: LeaveRequest): HTMLTableRowElement {
  const type = r.typeLabel || r.typeCode;
  return h(
    'tr',
    {},
    h('th', { scope: 'row' }, h('a', { href: leaveHref(r.id), 'data-link': true }, type, srOnly(` ${periodText(r)}`))),
    h('td', {}, halfDayText(r.startDate, r.startHalf)),
    h('td', {}, halfDayText(r.endDate, r.endHalf)),
    h('td', { class: 'number' }, formatDays(r.workingDays)),
    h('td', {}, leaveStatusBadge(r.status)),
    h('td', {}, formatDateTime(r.createdAt)),
  );
}
