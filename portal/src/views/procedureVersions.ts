import type { DefinitionUse, Tenant } from '../api';
import { h } from '../dom';
import { formatDateTime } from '../format';
import type { ViewContext } from './context';

/**
 * The DSI's view of the procedures: for every active commune and process, the version it runs —
 * the shared definition or the commune's own variant.
 */
export async function procedureVersionsView(ctx: ViewContext): Promise<HTMLElement[]> {
  const [uses, tenants] = await Promise.all([ctx.api.allDefinitions(), ctx.api.tenants()]);
  return renderProcedureVersions(uses, tenants);
}

export function renderProcedureVersions(uses: DefinitionUse[], tenants: Tenant[]): HTMLElement[] {
  const nameOf = (insee: string) => tenants.find((t) => t.insee === insee)?.name ?? insee;
  const processes = [...new Map(uses.map((u) => [u.processKey, u.name])).entries()];
  const communes = [...new Set(uses.map((u) => u.commune))].sort((a, b) => nameOf(a).localeCompare(nameOf(b), 'fr'));
  const variants = uses.filter((u) => u.communeVariant);
  const cell = (insee: string, key: string): HTMLElement => {
    const u = uses.find((x) => x.commune === insee && x.processKey === key);
    if (!u) {
      return h('td', {}, '—');
    }
    return h(
      'td',
      {},
      u.communeVariant
        ? `Variante de la commune, version ${u.version}${u.deployedAt ? ` (déployée le ${formatDateTime(u.deployedAt)})` : ''}`
        : `Définition partagée, version ${u.version}`,
    );
  };
  return [
    h('h1', { tabindex: '-1' }, 'Procédures des communes'),
    h(
      'p',
      { class: 'lead' },
      variants.length === 0
        ? `Les ${communes.length} communes actives utilisent les définitions partagées.`
        : `${variants.length} variante(s) de commune en service ; les autres communes utilisent les définitions partagées.`,
    ),
    h(
      'div',
      { class: 'table-wrapper', tabindex: '0', role: 'region', 'aria-label': 'Tableau des versions de procédures' },
      h(
        'table',
        { class: 'table' },
        h('caption', {}, `Version de chaque procédure par commune (${communes.length} communes actives)`),
        h(
          'thead',
          {},
          h('tr', {}, h('th', { scope: 'col' }, 'Commune'), ...processes.map(([, name]) => h('th', { scope: 'col' }, name))),
        ),
        h(
          'tbody',
          {},
          ...communes.map((insee) =>
            h('tr', {}, h('th', { scope: 'row' }, `${nameOf(insee)} (${insee})`), ...processes.map(([key]) => cell(insee, key))),
          ),
        ),
      ),
    ),
  ];
}
