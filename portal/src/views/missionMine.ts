import type { MissionOrder } from '../api';
import { h, srOnly } from '../dom';
import { formatEuro } from '../format';
import { formatLocalDateTime, missionDates, missionHref } from '../missions';
import type { ViewContext } from './context';
import { tableRegion } from './documentParts';
import { notificationSection } from './leaveParts';
import { missionNav, missionPage, missionStatusBadge } from './missionParts';

const TITLE = 'Mes ordres de mission';

/** The person's mission orders (destination, dates, estimated cost, status in words) and their unread notifications. */
export async function missionMineView(ctx: ViewContext): Promise<HTMLElement[]> {
  return missionPage(ctx.me, TITLE, async () => {
    const [orders, notifications] = await Promise.all([ctx.api.missions(), ctx.api.procedureNotifications(true).catch(() => [])]);
    return [
      h('h1', { tabindex: '-1' }, TITLE),
      missionNav(ctx.me, 'missions'),
      h('p', { class: 'actions' }, h('a', { href: '/missions/nouveau', 'data-link': true, class: 'button' }, 'Demander un ordre de mission')),
      notificationSection(
        ctx,
        notifications.filter((n) => n.subjectKind === 'MISSION'),
      ),
      h(
        'section',
        { 'aria-labelledby': 'ordres-titre' },
        h('h2', { id: 'ordres-titre' }, 'Mes ordres de mission'),
        orders.length === 0
          ? h('p', { class: 'empty' }, 'Vous n’avez demandé aucun ordre de mission. ', h('a', { href: '/missions/nouveau', 'data-link': true }, 'Demander un ordre de mission'), '.')
          : ordersTable(orders),
      ),
    ];
  });
}

function ordersTable(orders: MissionOrder[]): HTMLElement {
  const caption = orders.length === 1 ? '1 ordre de mission' : `${orders.length} ordres de mission, le départ le plus lointain en premier`;
  return tableRegion('Tableau de mes ordres de mission', caption, ['Destination', 'Objet', 'Départ', 'Retour', 'Coût estimé', 'Statut'], orders.map(orderRow));
}

function orderRow(m: MissionOrder): HTMLTableRowElement {
  return h(
    'tr',
    {},
    h('th', { scope: 'row' }, h('a', { href: missionHref(m.id), 'data-link': true }, m.destination, srOnly(`, ${missionDates(m)}`))),
    h('td', {}, m.purpose),
    h('td', {}, formatLocalDateTime(m.departure)),
    h('td', {}, formatLocalDateTime(m.returnAt)),
    h('td', { class: 'number' }, formatEuro(m.estimatedTotal)),
    h('td', {}, missionStatusBadge(m.status)),
  );
}
