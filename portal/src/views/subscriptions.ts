import { h } from '../dom';
import { SUBSCRIPTION_STATUS, formatDate } from '../format';
import type { ViewContext } from './context';

/** Current and past subscriptions of the person's commune. */
export async function subscriptionsView({ api, me }: ViewContext): Promise<HTMLElement[]> {
  const [subscriptions, services] = await Promise.all([api.subscriptions(), api.catalog()]);
  const nameOf = (code: string) => services.find((s) => s.code === code)?.name ?? code;
  const title = h('h1', { tabindex: '-1' }, `Abonnements de ${me.commune?.name ?? 'la commune'}`);
  if (subscriptions.length === 0) {
    return [title, h('p', {}, 'Aucun abonnement pour le moment.')];
  }
  const table = h(
    'table',
    { class: 'table' },
    h('caption', {}, `${subscriptions.length} abonnement(s), en cours et passés`),
    h(
      'thead',
      {},
      h('tr', {}, ['Service', 'Statut', 'Début', 'Fin', 'Délibération', 'Souscrit par'].map((c) => h('th', { scope: 'col' }, c))),
    ),
    h(
      'tbody',
      {},
      subscriptions.map((s) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, nameOf(s.service)),
          h('td', {}, SUBSCRIPTION_STATUS[s.status] ?? s.status),
          h('td', {}, formatDate(s.startsOn)),
          h('td', {}, formatDate(s.endsOn)),
          h('td', {}, s.deliberationRef ?? '—'),
          h('td', {}, s.createdBy),
        ),
      ),
    ),
  );
  return [title, h('div', { class: 'table-wrapper', tabindex: '0', role: 'region', 'aria-label': 'Tableau des abonnements' }, table)];
}
