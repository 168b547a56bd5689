import { h } from '../dom';
import { formatDateTime } from '../format';
import type { ViewContext } from './context';

const OUTCOMES: Record<string, string> = { SUCCESS: 'Effectuée', DENIED: 'Refusée', FAILURE: 'Échec' };

/** The commune's audit trail, newest first. */
export async function journalView({ api, me }: ViewContext): Promise<HTMLElement[]> {
  const events = await api.auditEvents();
  return [
    h('h1', { tabindex: '-1' }, `Journal d'audit de ${me.commune?.name ?? 'la commune'}`),
    h('p', { class: 'lead' }, 'Chaque entrée est chaînée à la précédente par une empreinte SHA-256 : toute modification est détectable.'),
    h(
      'div',
      { class: 'table-wrapper', tabindex: '0', role: 'region', 'aria-label': "Tableau du journal d'audit" },
      h(
        'table',
        { class: 'table' },
        h('caption', {}, `${events.length} dernière(s) entrée(s)`),
        h('thead', {}, h('tr', {}, ['N°', 'Date', 'Auteur', 'Action', 'Objet', 'Résultat'].map((c) => h('th', { scope: 'col' }, c)))),
        h(
          'tbody',
          {},
          events.map((e) =>
            h(
              'tr',
              {},
              h('td', {}, String(e.seq)),
              h('td', {}, formatDateTime(e.occurredAt)),
              h('td', {}, e.actor),
              h('td', {}, e.action),
              h('td', {}, [e.targetType, e.targetId].filter(Boolean).join(' ')),
              h('td', {}, OUTCOMES[e.outcome] ?? e.outcome),
            ),
          ),
        ),
      ),
    ),
  ];
}
