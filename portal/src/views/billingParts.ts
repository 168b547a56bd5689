// Pieces shared by the billing pages and the dashboards: the communes' own navigation of the services' costs, the year
// chooser, French badges, the outcome table of a run, the key figures, the charts (their canvas with its text
// alternative, their data table, their drawing once Chart.js is loaded) and the CSV and PDF exports.
import { ApiError } from '../api';
import {
  DASHBOARD_PATH,
  STATEMENTS_PATH,
  STATEMENT_STATUS_LABEL,
  TARIFFS_PATH,
  csvBlob,
  labelOf,
  resultLabel,
  statementHref,
  statementTitle,
  type ReportMode,
  type RunReport,
} from '../billing';
import { chartDescription, chartTable, writeDashboardPdf, type ChartSpec, type PdfChart, type PdfContent } from '../dashboards';
import { announce, h } from '../dom';
import { formatCents } from '../format';
import { problemErrors } from '../parapheur';
import { messageOf, saveBlob, tableRegion } from './documentParts';
import { busy } from './leaveParts';

export type CostsSection = 'tableau' | 'etats' | 'tarifs';

/** The commune's pages of the services' costs (dashboard, statements, tariffs); the current one is marked. */
export function costsNav(current: CostsSection | null): HTMLElement {
  const entries: [CostsSection, string, string][] = [
    ['tableau', DASHBOARD_PATH, 'Tableau de bord'],
    ['etats', STATEMENTS_PATH, 'États d’utilisation'],
    ['tarifs', TARIFFS_PATH, 'Tarifs'],
  ];
  return h(
    'nav',
    { class: 'subnav', 'aria-label': 'Coût des services' },
    h('ul', {}, entries.map(([key, href, label]) => h('li', {}, h('a', { href, 'data-link': true, 'aria-current': key === current ? 'true' : undefined }, label)))),
  );
}

/**
 * The year chooser of a page: « Année » and « Afficher », which opens the page of that year (its address keeps it);
 * a year out of range is said next to the field.
 */
export function yearForm(id: string, year: number, label: string, onYear: (year: number) => void): HTMLFormElement {
  const input = h('input', { id, name: 'annee', type: 'number', min: 2000, max: 2100, step: 1, inputmode: 'numeric', class: 'short', value: String(year), required: true });
  const error = h('p', { class: 'field-error', id: `${id}-erreur`, hidden: true });
  const form = h(
    'form',
    { class: 'search-form year-form', 'aria-label': label, novalidate: true },
    h('div', { class: 'field' }, h('label', { for: id }, 'Année'), error, input),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button' }, 'Afficher')),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const value = Number(input.value);
    if (!/^\d{4}$/.test(input.value.trim()) || value < 2000 || value > 2100) {
      error.textContent = 'Indiquez une année de 2000 à 2100.';
      error.hidden = false;
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', error.id);
      input.focus();
      return;
    }
    error.hidden = true;
    input.removeAttribute('aria-invalid');
    input.removeAttribute('aria-describedby');
    onYear(value);
  });
  return form;
}

/** A statement's status in French (the colour only repeats it): « Brouillon », « Émis », « Abandonné ». */
export function statementStatusBadge(status: string): HTMLElement {
  return h('span', { class: `status statement-status-${status.toLowerCase()}` }, labelOf(STATEMENT_STATUS_LABEL, status));
}

/** A run's outcome for a commune, in words: « Calculé », « Non facturé : … », « Émis », « Refusé : … ». */
export function outcomeBadge(result: string, mode: ReportMode): HTMLElement {
  return h('span', { class: `status outcome-${result.toLowerCase().replace(/[^a-z]/g, '-')}` }, resultLabel(result, mode));
}

/**
 * The table of a run's outcomes (or of the issue of its drafts): commune, result (with the reason of a commune not
 * billed or a draft refused), statement (a link), total; the total of the statements in its footer.
 */
export function outcomeTable(report: RunReport, mode: ReportMode, label: string, caption: string): HTMLElement {
  const rows = [...report.communes]
    .sort((a, b) => a.name.localeCompare(b.name, 'fr') || a.commune.localeCompare(b.commune))
    .map((o) => {
      const reason = o.reason?.trim() ? ` : ${o.reason.trim()}` : '';
      return h(
        'tr',
        { 'data-insee': o.commune, class: o.result === 'SKIPPED' ? 'anomaly-row' : undefined },
        h('th', { scope: 'row' }, `${o.name} (${o.commune})`),
        h('td', {}, outcomeBadge(o.result, mode), reason ? h('span', { class: 'outcome-reason' }, reason) : null),
        h('td', {}, o.statement ? h('a', { href: statementHref(o.statement.id), 'data-link': true }, statementTitle(o.statement)) : '—'),
        h('td', { class: 'number' }, o.statement ? formatCents(o.statement.totalCents) : '—'),
      );
    });
  return h(
    'div',
    { class: 'table-wrapper', tabindex: '0', role: 'region', 'aria-label': label },
    h(
      'table',
      { class: 'table outcome-table' },
      h('caption', {}, caption),
      h('thead', {}, h('tr', {}, ['Commune', 'Résultat', 'État', 'Total'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, rows),
      h('tfoot', {}, h('tr', {}, h('th', { scope: 'row', colspan: 3 }, 'Total des états'), h('td', { class: 'number' }, formatCents(report.totalCents)))),
    ),
  );
}

/** The key figures of a dashboard: a list of terms and values, shown as cards. */
export function keyFigures(label: string, figures: [string, string][]): HTMLElement {
  return h(
    'dl',
    { class: 'key-figures', 'aria-label': label },
    figures.map(([term, value]) => h('div', { class: 'key-figure' }, h('dt', {}, term), h('dd', {}, value))),
  );
}

/** The server's refusal in an alert: its French detail, and its `errors` when it has some. */
export function problemMessages(err: unknown): string[] {
  const errors = err instanceof ApiError ? problemErrors(err.problem) : [];
  return [messageOf(err), ...errors];
}

// ---- charts

export interface ChartBlock {
  spec: ChartSpec;
  canvas: HTMLCanvasElement;
  /** The section that shows the chart, its data table and, if it cannot be drawn, a notice. */
  element: HTMLElement;
  notice: HTMLElement;
}

/**
 * A chart with its text alternative (the canvas is an image named by its description) and its data, the same values
 * in a table under « Données du graphique ».
 */
export function chartBlock(id: string, spec: ChartSpec): ChartBlock {
  const canvas = h('canvas', { id: `${id}-graphique`, class: 'chart-canvas', role: 'img', 'aria-label': chartDescription(spec) });
  const box = h('div', { class: spec.horizontal ? 'chart-box chart-box-tall' : 'chart-box' }, canvas);
  // the height of a list of communes grows with it (set through the CSSOM: the security policy forbids style attributes)
  if (spec.horizontal) box.style.height = `${Math.max(14, spec.labels.length * 1.6 + 5)}rem`;
  const notice = h('p', { class: 'chart-notice', hidden: true });
  const { headers, rows } = chartTable(spec);
  const table = tableRegion(
    `Données : ${spec.title}`,
    spec.title,
    headers,
    rows.map(([label, ...values]) => h('tr', {}, h('th', { scope: 'row' }, label), values.map((v) => h('td', { class: 'number' }, v)))),
  );
  const element = h(
    'div',
    { class: 'chart', id },
    box,
    notice,
    h('details', { class: 'chart-data' }, h('summary', {}, 'Données du graphique'), table),
  );
  return { spec, canvas, element, notice };
}

/** Resolves once the element is in the document (the page is shown after its view is built), false after ~3 s. */
export function whenAttached(el: Element, tries = 200): Promise<boolean> {
  return new Promise((resolve) => {
    const check = (left: number) => {
      if (el.isConnected) resolve(true);
      else if (left <= 0) resolve(false);
      else window.setTimeout(() => check(left - 1), 15);
    };
    check(tries);
  });
}

/**
 * Draws the charts once the page is shown, Chart.js being loaded then (a separate file). If it cannot be, each chart
 * says so: its data stay in its table.
 */
export async function drawCharts(blocks: ChartBlock[]): Promise<void> {
  if (blocks.length === 0) return;
  const failed = () => {
    for (const b of blocks) {
      b.notice.textContent = 'Le graphique n’a pas pu être affiché ; ses valeurs sont dans les données du graphique ci-dessous.';
      b.notice.hidden = false;
    }
  };
  try {
    const charts = await import('../charts');
    if (!(await whenAttached(blocks[0].canvas))) return;
    for (const b of blocks) {
      if (b.spec.labels.length === 0) {
        b.notice.textContent = 'Aucune donnée pour ce graphique.';
        b.notice.hidden = false;
        continue;
      }
      charts.drawChart(b.canvas, b.spec);
    }
  } catch {
    failed();
  }
}

// ---- exports

/** « Exporter en CSV »: the file built from the page's data, saved at once. */
export function csvButton(label: string, fileName: string, build: () => string): HTMLButtonElement {
  const button = h('button', { type: 'button', class: 'button secondary' }, label);
  button.addEventListener('click', () => {
    saveBlob(csvBlob(build()), fileName);
    announce(`Téléchargement de « ${fileName} » lancé.`);
  });
  return button;
}

/**
 * « Exporter en PDF »: jsPDF is loaded when the button is clicked (a separate file), the charts are taken as pictures,
 * then the PDF is saved; a failure is said next to the button.
 */
export function pdfButton(fileName: string, content: () => Omit<PdfContent, 'charts'>, blocks: () => ChartBlock[], error: HTMLElement): HTMLButtonElement {
  const button = h('button', { type: 'button', class: 'button secondary' }, 'Exporter en PDF');
  button.addEventListener('click', async () => {
    busy(button, true);
    error.hidden = true;
    try {
      const [{ jsPDF }, charts] = await Promise.all([import('jspdf'), import('../charts')]);
      const pictures: PdfChart[] = blocks()
        .filter((b) => b.spec.labels.length > 0 && b.canvas.width > 0 && b.canvas.height > 0)
        .map((b) => ({ title: b.spec.title, description: chartDescription(b.spec), ...charts.chartImage(b.canvas) }));
      const doc = new jsPDF({ unit: 'mm', format: 'a4', orientation: 'portrait', compress: true });
      writeDashboardPdf(doc, { ...content(), charts: pictures });
      saveBlob(doc.output('blob'), fileName);
      announce(`Téléchargement de « ${fileName} » lancé.`);
    } catch (e) {
      error.textContent = `Le PDF n’a pas pu être produit : ${e instanceof Error ? e.message : 'erreur inattendue'}.`;
      error.hidden = false;
    } finally {
      busy(button, false);
    }
  });
  return button;
}
