import {
  UNIT_PAGE_SIZE,
  allServices,
  archivesHref,
  searchCriteriaOf,
  serviceLabel,
  unitCountText,
  type RetentionRule,
  type UnitPage,
  type UnitSearch,
} from '../archive';
import { pageIndexOf } from '../documents';
import { h } from '../dom';
import type { ViewContext } from './context';
import { messageOf, pagination } from './documentParts';
import { archiveNav, archivePage, unitsTable } from './archiveParts';

const TITLE = 'Archives';

/**
 * The commune's archive: a search form (words, rule, service, status, legal hold, dates of transfer) and the units
 * found, 20 a page, the most recent first. The criteria live in the page's address, so that a search can be
 * bookmarked and the browser's Back button works; the results are replaced in place and their count announced.
 */
export async function archiveSearchView(ctx: ViewContext): Promise<HTMLElement[]> {
  return archivePage(ctx.me, TITLE, async () => {
    const [rules, agreements] = await Promise.all([ctx.api.archive.rules(), ctx.api.archive.agreements()]);
    const criteria = searchCriteriaOf(ctx.query);
    const count = h('p', { id: 'archives-nombre', class: 'result-count', role: 'status', 'aria-live': 'polite' });
    const results = h('div', { class: 'results', id: 'archives-resultats' });
    const show = async (c: UnitSearch, page: number) => {
      let found: UnitPage | Error;
      try {
        found = await ctx.api.archive.search(c, page);
      } catch (e) {
        found = new Error(messageOf(e));
      }
      renderResults(found, c, page, count, results);
    };
    const form = searchForm(rules, allServices(agreements), criteria, (c) => {
      window.history.pushState({}, '', archivesHref(c));
      void show(c, 0);
    });
    await show(criteria, pageIndexOf(ctx.query));
    return [
      h('h1', { tabindex: '-1' }, TITLE),
      archiveNav(ctx.me, 'recherche'),
      h('p', { class: 'lead' }, 'Le système d’archivage électronique de la commune conserve ses documents engageants, intègres et tracés, pendant leur durée d’utilité administrative puis selon leur sort final.'),
      form,
      count,
      results,
    ];
  });
}

function searchForm(rules: RetentionRule[], services: string[], c: UnitSearch, onSearch: (c: UnitSearch) => void): HTMLFormElement {
  const select = (name: keyof UnitSearch, label: string, options: [string, string][]) => {
    const id = `archives-${name}`;
    return h(
      'div',
      { class: 'field' },
      h('label', { for: id }, label),
      h('select', { id, name }, options.map(([value, text]) => h('option', { value, selected: (c[name] ?? '') === value }, text))),
    );
  };
  const input = (name: keyof UnitSearch, label: string, attrs: Record<string, string | number>, hint?: string) => {
    const id = `archives-${name}`;
    return h(
      'div',
      { class: 'field' },
      h('label', { for: id }, label),
      hint ? h('p', { class: 'hint', id: `${id}-aide` }, hint) : null,
      h('input', { id, name, value: c[name] ?? '', autocomplete: 'off', 'aria-describedby': hint ? `${id}-aide` : undefined, ...attrs }),
    );
  };
  const form = h(
    'form',
    { role: 'search', 'aria-label': 'Rechercher dans les archives', class: 'search-form', novalidate: true },
    input('q', 'Mots recherchés', { type: 'search', maxlength: 200 }, 'Dans la référence, l’intitulé, la description, les mots-clés et le texte des documents versés depuis la GED.'),
    h(
      'fieldset',
      { class: 'filters' },
      h('legend', {}, 'Filtres'),
      select('rule', 'Règle de gestion', [['', 'Toutes les règles'], ...rules.map((r): [string, string] => [r.code, r.label])]),
      select('service', 'Service producteur', [['', 'Tous les services'], ...services.map((s): [string, string] => [s, serviceLabel(s)])]),
      select('status', 'Statut', [
        ['', 'Tous les statuts'],
        ['ARCHIVED', 'Archivées'],
        ['DESTROYED', 'Détruites'],
      ]),
      select('legalHold', 'Gel', [
        ['', 'Avec ou sans gel'],
        ['true', 'Sous gel'],
        ['false', 'Sans gel'],
      ]),
      input('archivedFrom', 'Versées à partir du', { type: 'date' }),
      input('archivedTo', 'Versées jusqu’au', { type: 'date' }),
    ),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button' }, 'Rechercher')),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const data = new FormData(form);
    const query = new URLSearchParams();
    data.forEach((v, k) => query.set(k, String(v)));
    onSearch(searchCriteriaOf(query));
  });
  return form;
}

function renderResults(found: UnitPage | Error, c: UnitSearch, page: number, count: HTMLElement, target: HTMLElement): void {
  // emptied first, so that the same count is announced again after a new search
  count.textContent = '';
  window.setTimeout(() => (count.textContent = found instanceof Error ? 'La recherche a échoué.' : unitCountText(found.total)), 50);
  if (found instanceof Error) {
    target.replaceChildren(h('div', { class: 'alert alert-error' }, found.message));
    return;
  }
  if (found.total === 0 || found.units.length === 0) {
    const filtered = Object.keys(c).length > 0;
    target.replaceChildren(
      h('p', { class: 'empty' }, filtered ? 'Aucune unité d’archives ne correspond à votre recherche. Essayez d’autres mots ou retirez des filtres.' : 'Les archives de la commune ne contiennent encore aucune unité.'),
    );
    return;
  }
  const size = found.limit || UNIT_PAGE_SIZE;
  const first = found.offset + 1;
  const last = found.offset + found.units.length;
  const caption = `${unitCountText(found.total)} ; ${found.total > found.units.length ? `unités ${first} à ${last}, ` : ''}les plus récemment versées en premier`;
  const pages = pagination(found.total, page, size, 'Pages des résultats', (p) => archivesHref(c, p));
  target.replaceChildren(unitsTable('Unités d’archives trouvées', caption, found.units), ...(pages ? [pages] : []));
}
