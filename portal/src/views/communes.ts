import type { Subscription, Tenant } from '../api';
import { announce, h } from '../dom';
import { TENANT_STATUS, formatInteger } from '../format';
import type { ViewContext } from './context';
import { openFormDialog } from './dialog';
import { communesHealthSection, loadCommunesHealth } from './integrationOperator';

/**
 * The DSI operator's view of every commune: status, subscriptions, suspend and resume; then the health of the communes'
 * connectors (its refusal is shown in its section, the rest of the page still is).
 */
export async function communesView(ctx: ViewContext): Promise<HTMLElement[]> {
  const [tenants, subscriptions, services, health] = await Promise.all([ctx.api.tenants(), ctx.api.subscriptions(), ctx.api.catalog(), loadCommunesHealth(ctx)]);
  const nameOf = (code: string) => services.find((s) => s.code === code)?.name ?? code;
  const active = (insee: string) =>
    subscriptions.filter((s: Subscription) => s.tenant === insee && (s.status === 'ACTIVE' || s.status === 'ENDING'));
  const filterId = 'filtre-communes';
  const filter = h('input', { id: filterId, type: 'search', autocomplete: 'off' });
  const tbody = h('tbody', {});
  const caption = h('caption', {});
  const render = () => {
    const q = filter.value.trim().toLocaleLowerCase('fr');
    const shown = tenants.filter((t) => !q || t.name.toLocaleLowerCase('fr').includes(q) || t.insee.includes(q));
    caption.textContent = `${shown.length} commune(s) sur ${tenants.length}`;
    tbody.replaceChildren(...shown.map((t) => row(ctx, t, active(t.insee).map((s) => nameOf(s.service)))));
  };
  filter.addEventListener('input', render);
  render();
  const population = tenants.reduce((sum, t) => sum + t.population, 0);
  return [
    h('h1', { tabindex: '-1' }, 'Communes membres'),
    h('p', { class: 'lead' }, `${tenants.length} communes, ${formatInteger(population)} habitants.`),
    h('p', {}, h('a', { href: '/communes/nouvelle', 'data-link': true, class: 'button' }, 'Enregistrer une commune')),
    h('div', { class: 'field inline' }, h('label', { for: filterId }, 'Filtrer par nom ou code INSEE'), filter),
    h(
      'div',
      { class: 'table-wrapper', tabindex: '0', role: 'region', 'aria-label': 'Tableau des communes' },
      h(
        'table',
        { class: 'table' },
        caption,
        h('thead', {}, h('tr', {}, ['Commune', 'Code INSEE', 'Population', 'Statut', 'Abonnements en cours', 'Actions'].map((c) => h('th', { scope: 'col' }, c)))),
        tbody,
      ),
    ),
    communesHealthSection(health, tenants),
  ];
}

function row(ctx: ViewContext, t: Tenant, services: string[]): HTMLElement {
  const actions: HTMLElement[] = [];
  if (t.status === 'ACTIVE') {
    const suspend = h('button', { type: 'button', class: 'button small danger', 'aria-label': `Suspendre ${t.name}` }, 'Suspendre');
    suspend.addEventListener('click', () =>
      openFormDialog({
        title: `Suspendre ${t.name}`,
        description: 'Toutes les requêtes des utilisateurs de la commune seront refusées. Aucune donnée n’est supprimée.',
        fields: [{ name: 'reason', label: 'Motif de la suspension', required: true, maxlength: 500 }],
        confirmLabel: 'Suspendre la commune',
        danger: true,
        action: async (values) => {
          await ctx.api.suspend(t.insee, values.reason);
          announce(`${t.name} est suspendue.`);
          ctx.refresh();
        },
      }),
    );
    actions.push(suspend);
  } else if (t.status === 'SUSPENDED') {
    const resume = h('button', { type: 'button', class: 'button small', 'aria-label': `Réactiver ${t.name}` }, 'Réactiver');
    resume.addEventListener('click', async () => {
      resume.disabled = true;
      try {
        await ctx.api.resume(t.insee);
        announce(`${t.name} est réactivée.`);
        ctx.refresh();
      } catch (e) {
        resume.disabled = false;
        announce(e instanceof Error ? e.message : 'Échec de la réactivation.');
      }
    });
    actions.push(resume);
  }
  return h(
    'tr',
    { 'data-insee': t.insee },
    h('th', { scope: 'row' }, h('a', { href: `/communes/${t.insee}`, 'data-link': true }, t.name)),
    h('td', {}, t.insee),
    h('td', { class: 'number' }, formatInteger(t.population)),
    h('td', {}, h('span', { class: `status status-${t.status.toLowerCase()}` }, TENANT_STATUS[t.status] ?? t.status), t.statusReason ? h('span', { class: 'reason' }, ` — ${t.statusReason}`) : null),
    h('td', {}, services.length ? services.join(', ') : 'aucun'),
    h('td', {}, actions.length ? actions : '—'),
  );
}
