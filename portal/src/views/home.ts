import { h } from '../dom';
import { ROLE_LABELS, TENANT_STATUS } from '../format';
import type { ViewContext } from './context';

export async function homeView({ me }: ViewContext): Promise<HTMLElement[]> {
  const roles = me.roles.map((r) => ROLE_LABELS[r] ?? r).join(', ') || 'aucun';
  const intro = me.operator
    ? h(
        'p',
        {},
        "Vous êtes connecté en tant qu'opérateur de la DSI de l'Eurométropole. Depuis la page ",
        h('a', { href: '/communes', 'data-link': true }, 'Communes'),
        ', vous suivez les communes membres, leurs abonnements, et pouvez suspendre ou réactiver une commune.',
      )
    : h(
        'p',
        {},
        'Bienvenue sur MetroCloud, le cloud métropolitain : les services numériques que l’Eurométropole mutualise pour ses communes. ',
        'Consultez le ',
        h('a', { href: '/catalogue', 'data-link': true }, 'catalogue des services'),
        me.roles.includes('commune-admin') ? ' pour abonner votre commune.' : '.',
      );
  const facts = h(
    'dl',
    { class: 'facts' },
    h('dt', {}, 'Personne connectée'),
    h('dd', {}, `${me.displayName} (${me.username})`),
    h('dt', {}, 'Rôles'),
    h('dd', {}, roles),
    me.commune ? [h('dt', {}, 'Commune'), h('dd', {}, `${me.commune.name} (code INSEE ${me.commune.insee}) — ${TENANT_STATUS[me.commune.status] ?? me.commune.status}`)] : [],
  );
  return [h('h1', { tabindex: '-1' }, me.commune ? `MetroCloud — ${me.commune.name}` : 'MetroCloud — DSI de l’Eurométropole'), intro, facts];
}
