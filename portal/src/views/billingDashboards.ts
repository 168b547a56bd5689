// The dashboards of the services' costs: the metropolitan one (DSI) and the commune's (its administrator and elected
// officials). Key figures, charts (each with its text alternative and its data table), the communes' ranking, the
// services used by each commune, and the exports (CSV built from the page's data, PDF written with jsPDF).
import { DASHBOARD_PATH, DSI_DASHBOARD_PATH, yearHref, yearOf } from '../billing';
import {
  DIRECTION_LABEL,
  RANKING_COLUMNS,
  communeCsv,
  communeFigures,
  communeFileName,
  communePdfTable,
  costByServiceChart,
  firstDirection,
  metropoleCsv,
  metropoleFigures,
  metropoleFileName,
  metropolePdfTable,
  savingsChart,
  serviceMatrix,
  sortCommunes,
  sortedText,
  trendChart,
  usageChart,
  usersChart,
  type MetropoleDashboard,
  type RankingKey,
  type SortDirection,
} from '../dashboards';
import { announce, h, srOnly } from '../dom';
import { formatCents, formatInteger, formatPercent, todayIso } from '../format';
import type { ViewContext } from './context';
import { tableRegion } from './documentParts';
import { chartBlock, costsNav, csvButton, drawCharts, keyFigures, pdfButton, yearForm, type ChartBlock } from './billingParts';

const METROPOLE_TITLE = 'Tableau de bord métropolitain';
const COMMUNE_TITLE = 'Tableau de bord';

const currentYear = () => Number(todayIso().slice(0, 4));

/** A section with its heading (level 2) and its content. */
const section = (id: string, title: string, ...content: (HTMLElement | null)[]) =>
  h('section', { 'aria-labelledby': `${id}-titre`, class: 'dashboard-section' }, h('h2', { id: `${id}-titre` }, title), ...content);

/** The exports of a dashboard: CSV and PDF, a failure of the PDF said under them. */
function exportsPart(csv: HTMLButtonElement, pdf: (error: HTMLElement) => HTMLButtonElement): HTMLElement {
  const error = h('p', { class: 'field-error', role: 'alert', hidden: true });
  return h('div', { class: 'dashboard-exports' }, h('div', { class: 'actions' }, csv, pdf(error)), error);
}

// ---- the metropolitan dashboard (DSI)

export async function metropoleDashboardView(ctx: ViewContext): Promise<HTMLElement[]> {
  const year = yearOf(ctx.query, currentYear());
  const d = await ctx.api.billing.metropoleDashboard(year);
  const blocks: ChartBlock[] = [chartBlock('economies', savingsChart(d)), chartBlock('utilisateurs', usersChart(d))];
  void drawCharts(blocks);
  const exports = exportsPart(csvButton('Exporter en CSV', metropoleFileName(year, 'csv'), () => metropoleCsv(d)), (error) =>
    pdfButton(
      metropoleFileName(year, 'pdf'),
      () => ({
        title: METROPOLE_TITLE,
        subtitle: `Eurométropole de Strasbourg — année ${year} — ${formatInteger(d.communesCount)} communes, ${formatInteger(d.servicesOffered)} services`,
        figures: metropoleFigures(d),
        table: metropolePdfTable(d),
      }),
      () => blocks,
      error,
    ),
  );
  return [
    h('h1', { tabindex: '-1' }, METROPOLE_TITLE),
    h(
      'p',
      { class: 'lead' },
      'Ce que coûtent les services mutualisés aux communes de l’Eurométropole, et ce que chacune aurait payé si elle avait dû se doter seule du même service : les économies de la mutualisation.',
    ),
    yearForm('tableau-annee', year, 'Choisir l’année du tableau de bord', (y) => ctx.navigate(yearHref(DSI_DASHBOARD_PATH, y))),
    section('chiffres', `Chiffres clés ${year}`, keyFigures(`Chiffres clés ${year}`, metropoleFigures(d)), exports),
    section('economies', 'Économies par commune', h('p', { class: 'hint' }, 'Les communes sont classées de la plus grande économie à la plus petite.'), blocks[0].element),
    section('utilisateurs', 'Communes utilisatrices par service', blocks[1].element),
    section('classement', 'Classement des communes', rankingTable(d)),
    section('matrice', 'Services utilisés par commune', matrixTable(d)),
  ];
}

/**
 * The communes' ranking, sortable by each column (a button in its header; the sorted column says its direction to
 * assistive technologies with aria-sort, and the new order is announced).
 */
function rankingTable(d: MetropoleDashboard): HTMLElement {
  if (d.communes.length === 0) return h('p', { class: 'empty' }, `Aucune commune n’a utilisé de service en ${d.year}.`);
  let key: RankingKey = 'savingsCents';
  let direction: SortDirection = firstDirection(key);
  const caption = h('caption', {});
  const tbody = h('tbody', {});
  const headers = RANKING_COLUMNS.map((column) => {
    const mark = h('span', { class: 'sort-mark', 'aria-hidden': 'true' });
    const button = h('button', { type: 'button', class: 'sort-button' }, column.label, mark);
    const th = h('th', { scope: 'col', 'data-key': column.key }, button);
    button.addEventListener('click', () => {
      direction = key === column.key ? (direction === 'ascending' ? 'descending' : 'ascending') : firstDirection(column.key);
      key = column.key;
      render();
      announce(sortedText(key, direction));
    });
    return { column, th, mark };
  });
  const render = () => {
    for (const { column, th, mark } of headers) {
      if (column.key === key) {
        th.setAttribute('aria-sort', direction);
        mark.textContent = direction === 'ascending' ? ' ▲' : ' ▼';
      } else {
        th.removeAttribute('aria-sort');
        mark.textContent = ' ↕';
      }
    }
    const label = RANKING_COLUMNS.find((c) => c.key === key)?.label ?? '';
    caption.textContent = `Classement des ${formatInteger(d.communes.length)} communes en ${d.year}, trié par ${label.toLowerCase()} (${DIRECTION_LABEL[direction]}) ; cliquez sur un en-tête de colonne pour trier.`;
    tbody.replaceChildren(
      ...sortCommunes(d.communes, key, direction).map((c) =>
        h(
          'tr',
          { 'data-insee': c.insee },
          h('th', { scope: 'row' }, `${c.name} (${c.insee})`),
          h('td', { class: 'number' }, formatInteger(c.population)),
          h('td', { class: 'number' }, formatCents(c.pooledCents)),
          h('td', { class: 'number' }, formatCents(c.standaloneCents)),
          h('td', { class: 'number' }, formatCents(c.savingsCents)),
          h('td', { class: 'number' }, formatPercent(c.savingsPercent)),
          h('td', { class: 'number' }, formatCents(c.billedCents)),
        ),
      ),
    );
  };
  render();
  return h(
    'div',
    { class: 'table-wrapper', tabindex: '0', role: 'region', 'aria-label': 'Tableau du classement des communes' },
    h('table', { class: 'table ranking-table' }, caption, h('thead', {}, h('tr', {}, headers.map((x) => x.th))), tbody),
  );
}

/** Which commune uses which service: « ✓ » or « — », read « abonnée » or « non abonnée » (not by a colour). */
function matrixTable(d: MetropoleDashboard): HTMLElement {
  if (d.communes.length === 0 || d.services.length === 0) return h('p', { class: 'empty' }, 'Aucune donnée.');
  const rows = serviceMatrix(d);
  return h(
    'div',
    {},
    h('p', { class: 'hint' }, '✓ : la commune utilise le service (abonnée) ; — : elle ne l’utilise pas.'),
    tableRegion(
      'Tableau des services utilisés par commune',
      `Services utilisés par chacune des ${formatInteger(rows.length)} communes en ${d.year}`,
      ['Commune', ...d.services.map((s) => s.name)],
      rows.map((r) =>
        h(
          'tr',
          { 'data-insee': r.insee },
          h('th', { scope: 'row' }, `${r.name} (${r.insee})`),
          r.uses.map((used) =>
            h(
              'td',
              { class: used ? 'matrix-cell matrix-yes' : 'matrix-cell matrix-no' },
              h('span', { 'aria-hidden': 'true' }, used ? '✓' : '—'),
              srOnly(used ? 'abonnée' : 'non abonnée'),
            ),
          ),
        ),
      ),
    ),
  );
}

// ---- the commune's dashboard

export async function communeDashboardView(ctx: ViewContext): Promise<HTMLElement[]> {
  const year = yearOf(ctx.query, currentYear());
  const d = await ctx.api.billing.communeDashboard(year);
  const blocks: ChartBlock[] = [chartBlock('cout-service', costByServiceChart(d)), chartBlock('usage', usageChart(d)), chartBlock('evolution', trendChart(d))];
  void drawCharts(blocks);
  const exports = exportsPart(csvButton('Exporter en CSV', communeFileName(d.insee, year, 'csv'), () => communeCsv(d)), (error) =>
    pdfButton(
      communeFileName(d.insee, year, 'pdf'),
      () => ({
        title: `${COMMUNE_TITLE} — ${d.name}`,
        subtitle: `${d.name} (INSEE ${d.insee}), ${formatInteger(d.population)} habitants — année ${year}`,
        figures: communeFigures(d),
        table: communePdfTable(d),
      }),
      () => blocks,
      error,
    ),
  );
  return [
    h('h1', { tabindex: '-1' }, COMMUNE_TITLE),
    costsNav('tableau'),
    h(
      'p',
      { class: 'lead' },
      `${d.name} (${d.insee}), ${formatInteger(d.population)} habitants : ce que lui coûtent les services mutualisés de l’Eurométropole en ${year}, comparé à ce qu’elle paierait si elle devait se doter seule des mêmes services.`,
    ),
    yearForm('tableau-annee', year, 'Choisir l’année du tableau de bord', (y) => ctx.navigate(yearHref(DASHBOARD_PATH, y))),
    section('chiffres', `Chiffres clés ${year}`, keyFigures(`Chiffres clés ${year}`, communeFigures(d)), exports),
    section('cout-service', 'Coût par service', blocks[0].element),
    section('usage', 'Usage mensuel par service', blocks[1].element),
    section('evolution', 'Évolution sur plusieurs années', blocks[2].element),
  ];
}
