import type { DocumentType, SearchHit, SearchQuery, SearchResults } from '../api';
import { h } from '../dom';
import { excerptNodes, pageIndexOf, queryString, resultCountText } from '../documents';
import { formatBytes, formatDateTime } from '../format';
import type { ViewContext } from './context';
import { gedNav, gedPage, messageOf, pagination, personName, typeLabels, typeOptions } from './documentParts';

const PAGE_SIZE = 20;
const TITLE = 'Rechercher des documents';
const PATH = '/documents/recherche';
/** The page address's criteria, in the API's names. */
const CRITERIA = ['q', 'type', 'tag', 'from', 'to'] as const;
type Criteria = Partial<Record<(typeof CRITERIA)[number], string>>;

/**
 * Full-text search (French, accents ignored) with filters. The criteria live in the page's address, so a search can
 * be bookmarked and the browser's Back button works; results are replaced in place and their count announced.
 */
export async function searchView(ctx: ViewContext): Promise<HTMLElement[]> {
  return gedPage(ctx.me, TITLE, async () => {
    const types = await ctx.api.documentTypes();
    const criteria = criteriaOf(ctx.query);
    const count = h('p', { id: 'resultats-nombre', class: 'result-count', role: 'status', 'aria-live': 'polite' });
    const results = h('div', { class: 'results' });
    const show = async (c: Criteria, page: number) => {
      const found = await run(ctx, c, page);
      renderResults(found, c, page, count, results, typeLabels(types));
    };
    const form = searchForm(types, criteria, (c) => {
      window.history.pushState({}, '', `${PATH}${queryString(c)}`);
      void show(c, 0);
    });
    if (hasCriteria(criteria)) await show(criteria, pageIndexOf(ctx.query));
    return [h('h1', { tabindex: '-1' }, TITLE), gedNav(ctx.me, 'recherche'), form, count, results];
  });
}

function criteriaOf(query: URLSearchParams): Criteria {
  return Object.fromEntries(CRITERIA.map((name) => [name, query.get(name)?.trim() ?? '']).filter(([, v]) => v));
}

const hasCriteria = (c: Criteria) => Object.values(c).some((v) => v);

async function run(ctx: ViewContext, c: Criteria, page: number): Promise<SearchResults | Error> {
  const query: SearchQuery = { ...c, page, size: PAGE_SIZE };
  try {
    return await ctx.api.searchDocuments(query);
  } catch (e) {
    return new Error(messageOf(e));
  }
}

function searchForm(types: DocumentType[], c: Criteria, onSearch: (c: Criteria) => void): HTMLFormElement {
  const field = (name: keyof Criteria, label: string, attrs: Record<string, string | number>, hint?: string) => {
    const id = `recherche-${name}`;
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
    { role: 'search', 'aria-label': 'Rechercher des documents', class: 'search-form', novalidate: true },
    field('q', 'Mots recherchés', { type: 'search', maxlength: 500 }, 'Dans le titre, la description, les étiquettes et le texte des documents. Une expression entre guillemets est cherchée telle quelle ; un mot précédé de « - » est exclu.'),
    h(
      'fieldset',
      { class: 'filters' },
      h('legend', {}, 'Filtres'),
      h('div', { class: 'field' }, h('label', { for: 'recherche-type' }, 'Type de document'), h('select', { id: 'recherche-type', name: 'type' }, typeOptions(types, 'Tous les types', c.type))),
      field('tag', 'Étiquette', { type: 'text', maxlength: 40 }),
      field('from', 'Créés à partir du', { type: 'date' }),
      field('to', 'Créés jusqu’au', { type: 'date' }),
    ),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button' }, 'Rechercher')),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const data = new FormData(form);
    onSearch(Object.fromEntries(CRITERIA.map((name) => [name, String(data.get(name) ?? '').trim()]).filter(([, v]) => v)));
  });
  return form;
}

function renderResults(found: SearchResults | Error, c: Criteria, page: number, count: HTMLElement, target: HTMLElement, typeOf: (code?: string | null) => string): void {
  // emptied first, so that the same count is announced again after a new search
  count.textContent = '';
  window.setTimeout(() => (count.textContent = countText(found)), 50);
  if (found instanceof Error) {
    target.replaceChildren(h('div', { class: 'alert alert-error' }, found.message));
    return;
  }
  if (found.total === 0) {
    target.replaceChildren(h('p', { class: 'empty' }, 'Aucun document ne correspond à votre recherche. Vérifiez l’orthographe, essayez d’autres mots ou retirez des filtres.'));
    return;
  }
  const pages = pagination(found.total, page, PAGE_SIZE, 'Pages des résultats', (p) => `${PATH}${queryString({ ...c, page: p > 0 ? p + 1 : undefined })}`);
  target.replaceChildren(h('ol', { class: 'result-list', start: page * PAGE_SIZE + 1 }, found.results.map((hit) => resultItem(hit, typeOf))), ...(pages ? [pages] : []));
}

function countText(found: SearchResults | Error): string {
  if (found instanceof Error) return 'La recherche a échoué.';
  return found.total === 0 ? 'Aucun document ne correspond à votre recherche.' : resultCountText(found.total, found.totalExact !== false);
}

function resultItem(hit: SearchHit, typeOf: (code?: string | null) => string): HTMLElement {
  const titleId = `resultat-${hit.id}`;
  const facts = [typeOf(hit.typeCode), `par ${personName(hit.author, hit.authorName)}`, `modifié le ${formatDateTime(hit.updatedAt)}`, formatBytes(hit.size)];
  const excerpt = excerptNodes(hit.excerpt);
  return h(
    'li',
    {},
    h(
      'article',
      { class: 'result', 'aria-labelledby': titleId },
      h('h2', { id: titleId }, h('a', { href: `/documents/${encodeURIComponent(hit.id)}`, 'data-link': true }, hit.title)),
      h('p', { class: 'meta' }, facts.join(' · ')),
      excerpt.length ? h('p', { class: 'excerpt' }, '… ', excerpt, ' …') : null,
      hit.tags?.length ? h('p', { class: 'meta' }, `Étiquettes : ${hit.tags.join(', ')}`) : null,
    ),
  );
}
