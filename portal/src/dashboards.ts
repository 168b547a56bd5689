// The dashboards of the cost-recovery billing: the metropolitan one (DSI) and the commune's (its administrator and
// elected officials). The API's types, and the pure logic of the pages: key figures, the communes' ranking and its
// sorting, the charts' data (drawn by charts.ts) with their text alternatives and data tables, the CSV files and the
// PDF's content (written with jsPDF, loaded on demand). No page state: unit-tested in dashboards.test.ts.
import { centsToDecimal, formatCents, formatInteger, formatPercent, formatQuantity } from './format';
import { csvText } from './billing';

// ---- types of the API

/** What the services cost pooled, what they would cost each commune alone, and the savings. */
export interface SavingsTotals {
  pooledCents: number;
  standaloneCents: number;
  savingsCents: number;
  /** In percent of the standalone cost (35.2 means 35,2 %). */
  savingsPercent: number;
}

export interface MetropoleService {
  service: string;
  name: string;
  communesUsing: number;
  pooledCents: number;
  standaloneCents: number;
  savingsCents: number;
}

export interface MetropoleCommune extends SavingsTotals {
  insee: string;
  name: string;
  population: number;
  billedCents: number;
  /** The codes of the services it uses. */
  services: string[];
}

export interface MetropoleDashboard {
  year: number;
  servicesOffered: number;
  communesCount: number;
  totals: SavingsTotals;
  services: MetropoleService[];
  communes: MetropoleCommune[];
}

export interface CommuneService {
  service: string;
  name: string;
  metric: string;
  /** « signatures », « Go-mois » … */
  unitLabel: string;
  pooledCents: number;
  standaloneCents: number;
  savingsCents: number;
  /** `month`: « 2026-01 ». */
  usage: { month: string; quantity: number | string }[];
}

export interface CommuneDashboard {
  insee: string;
  name: string;
  population: number;
  year: number;
  totals: SavingsTotals;
  billedCents: number;
  services: CommuneService[];
  trend: { year: number; pooledCents: number; standaloneCents: number; savingsCents: number }[];
}

// ---- key figures

/** « 1 234,56 € (35,2 %) ». */
export const savingsText = (t: Pick<SavingsTotals, 'savingsCents' | 'savingsPercent'>): string => `${formatCents(t.savingsCents)} (${formatPercent(t.savingsPercent)})`;

/** The metropolitan dashboard's key figures: [label, value]. */
export function metropoleFigures(d: MetropoleDashboard): [string, string][] {
  return [
    ['Services offerts', formatInteger(d.servicesOffered)],
    ['Communes', formatInteger(d.communesCount)],
    ['Coût mutualisé', formatCents(d.totals.pooledCents)],
    ['Coût si chaque commune était seule', formatCents(d.totals.standaloneCents)],
    ['Économies', savingsText(d.totals)],
  ];
}

/** The commune's dashboard's key figures: [label, value]. */
export function communeFigures(d: CommuneDashboard): [string, string][] {
  return [
    ['Coût mutualisé', formatCents(d.totals.pooledCents)],
    ['Coût si la commune était seule', formatCents(d.totals.standaloneCents)],
    ['Économies', savingsText(d.totals)],
    ['Montant facturé', formatCents(d.billedCents)],
  ];
}

// ---- the communes' ranking

export type RankingKey = 'name' | 'population' | 'pooledCents' | 'standaloneCents' | 'savingsCents' | 'savingsPercent' | 'billedCents';
export type SortDirection = 'ascending' | 'descending';

export const RANKING_COLUMNS: { key: RankingKey; label: string }[] = [
  { key: 'name', label: 'Commune' },
  { key: 'population', label: 'Population' },
  { key: 'pooledCents', label: 'Coût mutualisé' },
  { key: 'standaloneCents', label: 'Coût si seule' },
  { key: 'savingsCents', label: 'Économies' },
  { key: 'savingsPercent', label: 'Économies (%)' },
  { key: 'billedCents', label: 'Facturé' },
];

/** The first direction of a column: names from A to Z, amounts from the largest. */
export const firstDirection = (key: RankingKey): SortDirection => (key === 'name' ? 'ascending' : 'descending');

export const DIRECTION_LABEL: Record<SortDirection, string> = { ascending: 'ordre croissant', descending: 'ordre décroissant' };

/** The communes sorted by a column (ties by name, then INSEE code): a new array. */
export function sortCommunes<T extends Pick<MetropoleCommune, RankingKey | 'insee'>>(communes: readonly T[], key: RankingKey, direction: SortDirection): T[] {
  const sign = direction === 'ascending' ? 1 : -1;
  const byName = (a: T, b: T) => a.name.localeCompare(b.name, 'fr') || a.insee.localeCompare(b.insee);
  return [...communes].sort((a, b) => {
    const primary = key === 'name' ? byName(a, b) : (Number(a[key]) || 0) - (Number(b[key]) || 0);
    return primary * sign || byName(a, b);
  });
}

/** « Classement trié par Économies, ordre décroissant. » */
export const sortedText = (key: RankingKey, direction: SortDirection): string =>
  `Classement trié par ${RANKING_COLUMNS.find((c) => c.key === key)?.label ?? key}, ${DIRECTION_LABEL[direction]}.`;

/** The services' matrix: for each commune (by name), whether it uses each service. */
export function serviceMatrix(d: Pick<MetropoleDashboard, 'services' | 'communes'>): { insee: string; name: string; uses: boolean[] }[] {
  return sortCommunes(d.communes, 'name', 'ascending').map((c) => {
    const used = new Set(c.services);
    return { insee: c.insee, name: c.name, uses: d.services.map((s) => used.has(s.service)) };
  });
}

// ---- charts: their data, their text alternative and their data table

export type ChartUnit = 'euro' | 'count' | 'quantity';

/** A chart as the pages describe it (values in euros for amounts); charts.ts draws it with Chart.js. */
export interface ChartSpec {
  type: 'bar' | 'line';
  /** Bars along the horizontal axis (a long list of communes). */
  horizontal?: boolean;
  title: string;
  /** The categories' heading in the data table: « Commune », « Service », « Mois », « Année ». */
  category: string;
  labels: string[];
  series: { label: string; values: (number | null)[] }[];
  unit: ChartUnit;
  /** The value axis' title. */
  axis: string;
  /** The value axis' maximum (e.g. the number of communes). */
  max?: number;
}

const euros = (cents: number) => (Number(cents) || 0) / 100;

/** A chart's value in French: « 1 234,56 € », « 12 », « 1 234,5 »; « — » when there is none. */
export function chartValueText(unit: ChartUnit, value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  if (unit === 'euro') return formatCents(Math.round(value * 100));
  if (unit === 'count') return formatInteger(value);
  return formatQuantity(value);
}

/** The savings of each commune, the largest first (horizontal bars). */
export function savingsChart(d: Pick<MetropoleDashboard, 'communes' | 'year'>): ChartSpec {
  const ranked = sortCommunes(d.communes, 'savingsCents', 'descending');
  return {
    type: 'bar',
    horizontal: true,
    title: `Économies réalisées par commune en ${d.year}`,
    category: 'Commune',
    labels: ranked.map((c) => c.name),
    series: [{ label: 'Économies', values: ranked.map((c) => euros(c.savingsCents)) }],
    unit: 'euro',
    axis: 'Économies (€)',
  };
}

/** How many communes use each service (the number of communes as the axis' maximum). */
export function usersChart(d: Pick<MetropoleDashboard, 'services' | 'communesCount' | 'year'>): ChartSpec {
  return {
    type: 'bar',
    title: `Communes utilisatrices de chaque service en ${d.year}`,
    category: 'Service',
    labels: d.services.map((s) => s.name),
    series: [{ label: 'Communes utilisatrices', values: d.services.map((s) => s.communesUsing) }],
    unit: 'count',
    axis: 'Nombre de communes',
    max: d.communesCount > 0 ? d.communesCount : undefined,
  };
}

/** The commune's cost of each service, pooled and alone (grouped bars). */
export function costByServiceChart(d: Pick<CommuneDashboard, 'services' | 'year'>): ChartSpec {
  return {
    type: 'bar',
    title: `Coût de chaque service en ${d.year} : mutualisé et si la commune était seule`,
    category: 'Service',
    labels: d.services.map((s) => s.name),
    series: [
      { label: 'Coût mutualisé', values: d.services.map((s) => euros(s.pooledCents)) },
      { label: 'Coût si la commune était seule', values: d.services.map((s) => euros(s.standaloneCents)) },
    ],
    unit: 'euro',
    axis: 'Coût (€)',
  };
}

const monthFormat = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** « 2026-01 » → « janvier 2026 ». */
export function monthLabel(month: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  return m ? monthFormat.format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1))) : month;
}

/** Every month of the services' usage, in order. */
export const usageMonths = (services: readonly Pick<CommuneService, 'usage'>[]): string[] =>
  [...new Set(services.flatMap((s) => s.usage.map((u) => u.month)))].sort();

/** The usage of each service month by month (lines; a month without usage recorded has no point). */
export function usageChart(d: Pick<CommuneDashboard, 'services' | 'year'>): ChartSpec {
  const months = usageMonths(d.services);
  return {
    type: 'line',
    title: `Usage mensuel de chaque service en ${d.year}`,
    category: 'Mois',
    labels: months.map(monthLabel),
    series: d.services.map((s) => {
      const byMonth = new Map(s.usage.map((u) => [u.month, Number(u.quantity)]));
      return { label: s.unitLabel ? `${s.name} (${s.unitLabel})` : s.name, values: months.map((m) => byMonth.get(m) ?? null) };
    }),
    unit: 'quantity',
    axis: 'Quantité consommée',
  };
}

/** The commune's costs year after year, pooled and alone (grouped bars). */
export function trendChart(d: Pick<CommuneDashboard, 'trend'>): ChartSpec {
  const trend = [...d.trend].sort((a, b) => a.year - b.year);
  return {
    type: 'bar',
    title: 'Évolution des coûts d’une année sur l’autre',
    category: 'Année',
    labels: trend.map((t) => String(t.year)),
    series: [
      { label: 'Coût mutualisé', values: trend.map((t) => euros(t.pooledCents)) },
      { label: 'Coût si la commune était seule', values: trend.map((t) => euros(t.standaloneCents)) },
      { label: 'Économies', values: trend.map((t) => euros(t.savingsCents)) },
    ],
    unit: 'euro',
    axis: 'Montant (€)',
  };
}

const CHART_KIND: Record<string, string> = { bar: 'Graphique en barres', barh: 'Graphique en barres horizontales', line: 'Graphique en courbes' };

/**
 * The chart's text alternative (its canvas' accessible name): its kind, its title, and for each series its extremes;
 * the full data is in the table that follows it.
 */
export function chartDescription(spec: ChartSpec): string {
  const kind = CHART_KIND[spec.type === 'bar' && spec.horizontal ? 'barh' : spec.type];
  const head = `${kind} « ${spec.title} »`;
  if (spec.labels.length === 0) return `${head} : aucune donnée.`;
  const parts = spec.series.map((s) => {
    const points = s.values.map((v, i) => ({ v, label: spec.labels[i] })).filter((p): p is { v: number; label: string } => p.v !== null && Number.isFinite(p.v));
    if (points.length === 0) return `${s.label} : aucune donnée`;
    const max = points.reduce((a, b) => (b.v > a.v ? b : a));
    const min = points.reduce((a, b) => (b.v < a.v ? b : a));
    if (points.length === 1 || max.v === min.v) return `${s.label} : ${chartValueText(spec.unit, max.v)}${points.length === 1 ? ` (${max.label})` : ' pour chacun'}`;
    return `${s.label} : de ${chartValueText(spec.unit, min.v)} (${min.label}) à ${chartValueText(spec.unit, max.v)} (${max.label})`;
  });
  const count = `${formatInteger(spec.labels.length)} ${spec.category.toLowerCase()}${spec.labels.length > 1 && !spec.category.endsWith('s') ? 's' : ''}`;
  return `${head}, ${count}. ${parts.join(' ; ')}. Les valeurs sont détaillées dans les données du graphique.`;
}

/** The chart's data as a table: headers (the category, then each series) and the rows' texts. */
export function chartTable(spec: ChartSpec): { headers: string[]; rows: string[][] } {
  return {
    headers: [spec.category, ...spec.series.map((s) => s.label)],
    rows: spec.labels.map((label, i) => [label, ...spec.series.map((s) => chartValueText(spec.unit, s.values[i]))]),
  };
}

// ---- CSV files

const percentDecimal = (percent: number) => (Number.isFinite(Number(percent)) ? String(Math.round(Number(percent) * 10) / 10) : '');
const quantityDecimal = (q: number | string | null | undefined) => (q === null || q === undefined || q === '' ? '' : String(Number(q)));

/** The metropolitan dashboard as CSV: one line per commune (by savings), its costs in euros, then « oui »/« non » per service. */
export function metropoleCsv(d: MetropoleDashboard): string {
  const ranked = sortCommunes(d.communes, 'savingsCents', 'descending');
  return csvText([
    ['insee', 'commune', 'population', 'coût mutualisé (€)', 'coût si seule (€)', 'économies (€)', 'économies (%)', 'facturé (€)', ...d.services.map((s) => s.name)],
    ...ranked.map((c) => {
      const used = new Set(c.services);
      return [
        c.insee,
        c.name,
        c.population,
        centsToDecimal(c.pooledCents),
        centsToDecimal(c.standaloneCents),
        centsToDecimal(c.savingsCents),
        percentDecimal(c.savingsPercent),
        centsToDecimal(c.billedCents),
        ...d.services.map((s) => (used.has(s.service) ? 'oui' : 'non')),
      ];
    }),
  ]);
}

/** The commune's dashboard as CSV: one line per service, its costs in euros, then its usage month by month. */
export function communeCsv(d: CommuneDashboard): string {
  const months = usageMonths(d.services);
  return csvText([
    ['service', 'nom', 'unité', 'coût mutualisé (€)', 'coût si seule (€)', 'économies (€)', ...months.map((m) => `usage ${m}`)],
    ...d.services.map((s) => {
      const byMonth = new Map(s.usage.map((u) => [u.month, u.quantity]));
      return [s.service, s.name, s.unitLabel, centsToDecimal(s.pooledCents), centsToDecimal(s.standaloneCents), centsToDecimal(s.savingsCents), ...months.map((m) => quantityDecimal(byMonth.get(m)))];
    }),
  ]);
}

export const metropoleFileName = (year: number, extension: 'csv' | 'pdf'): string => `tableau-de-bord-metropole-${year}.${extension}`;
export const communeFileName = (insee: string, year: number, extension: 'csv' | 'pdf'): string => `tableau-de-bord-${insee}-${year}.${extension}`;

// ---- the PDF export

/** A chart as a picture for the PDF: a PNG data URL and its size in pixels. */
export interface PdfChart {
  title: string;
  /** The chart's text alternative, written under it. */
  description: string;
  image: string;
  width: number;
  height: number;
}

export interface PdfContent {
  title: string;
  subtitle: string;
  figures: [string, string][];
  charts: PdfChart[];
  table: { title: string; headers: string[]; rows: string[][]; numeric: boolean[] };
}

/** What the export uses of jsPDF (so that the layout is tested without it). */
export interface PdfDoc {
  setFont(fontName: string, fontStyle?: string): unknown;
  setFontSize(size: number): unknown;
  setTextColor(color: string): unknown;
  text(text: string | string[], x: number, y: number, options?: { align?: 'left' | 'right' | 'center' }): unknown;
  addImage(imageData: string, format: string, x: number, y: number, width: number, height: number, alias?: string, compression?: 'NONE' | 'FAST' | 'MEDIUM' | 'SLOW'): unknown;
  addPage(): unknown;
  splitTextToSize(text: string, maxWidth: number): string[];
  setProperties(properties: { title?: string; subject?: string; creator?: string }): unknown;
}

/**
 * A text the PDF's standard fonts can write (WinAnsi): the narrow spaces become non-breaking spaces (so that a number is
 * never cut at the end of a line), the minus sign a hyphen, the check mark « oui », any other character « ? ».
 */
export function pdfSafe(text: string): string {
  return text
    .replace(/[\u202f\u2009]/g, '\u00a0')
    .replace(/\u2212/g, '-')
    .replace(/✓/g, 'oui')
    .replace(/[^\n\u0020-\u007e\u00a0-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]/g, '?');
}

const PAGE = { width: 210, height: 297, margin: 15 };
const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;
const INK = '#1b1f24';
const MUTED = '#4a5260';

/** Lays the dashboard out on A4 pages (millimetres): title, subtitle, key figures, each chart, then the table. */
export function writeDashboardPdf(doc: PdfDoc, content: PdfContent): void {
  let y = PAGE.margin;
  const room = (needed: number) => {
    if (y + needed > PAGE.height - PAGE.margin) {
      doc.addPage();
      y = PAGE.margin;
    }
  };
  const paragraph = (text: string, size: number, style = 'normal', color = INK, gap = 2) => {
    doc.setFont('helvetica', style);
    doc.setFontSize(size);
    doc.setTextColor(color);
    const lines = doc.splitTextToSize(pdfSafe(text), CONTENT_WIDTH);
    const lineHeight = size * 0.45;
    for (const line of lines) {
      room(lineHeight);
      y += lineHeight;
      doc.text(line, PAGE.margin, y);
    }
    y += gap;
  };

  doc.setProperties({ title: pdfSafe(content.title), subject: pdfSafe(content.subtitle), creator: 'MetroCloud' });
  paragraph(content.title, 18, 'bold');
  paragraph(content.subtitle, 11, 'normal', MUTED, 5);

  paragraph('Chiffres clés', 13, 'bold');
  for (const [label, value] of content.figures) paragraph(`${label} : ${value}`, 11, 'normal', INK, 0.5);
  y += 4;

  for (const chart of content.charts) {
    const width = CONTENT_WIDTH;
    const height = Math.min(chart.width > 0 ? (width * chart.height) / chart.width : width / 2, PAGE.height - 2 * PAGE.margin - 30);
    room(10 + height);
    paragraph(chart.title, 13, 'bold');
    doc.addImage(chart.image, 'PNG', PAGE.margin, y, width, height, undefined, 'FAST');
    y += height + 2;
    paragraph(chart.description, 8.5, 'normal', MUTED, 5);
  }

  room(20);
  paragraph(content.table.title, 13, 'bold');
  const columns = content.table.headers.length;
  const first = Math.min(60, CONTENT_WIDTH / 2);
  const rest = columns > 1 ? (CONTENT_WIDTH - first) / (columns - 1) : 0;
  const xOf = (i: number) => (i === 0 ? PAGE.margin : PAGE.margin + first + rest * i);
  const row = (cells: string[], style: string) => {
    doc.setFont('helvetica', style);
    doc.setFontSize(8.5);
    doc.setTextColor(INK);
    const wrapped = cells.map((cell, i) => doc.splitTextToSize(pdfSafe(cell), (i === 0 ? first : rest) - 2));
    const height = Math.max(...wrapped.map((w) => w.length)) * 3.8 + 1.5;
    room(height);
    wrapped.forEach((lines, i) => {
      const numeric = content.table.numeric[i] && i > 0;
      doc.text(lines, numeric ? xOf(i) - 2 : xOf(i), y + 3.8, numeric ? { align: 'right' } : undefined);
    });
    y += height;
  };
  row(content.table.headers, 'bold');
  for (const cells of content.table.rows) row(cells, 'normal');
}

/** The ranking as the PDF's table: by savings, the largest first. */
export function metropolePdfTable(d: MetropoleDashboard): PdfContent['table'] {
  return {
    title: 'Classement des communes (par économies)',
    headers: ['Commune', 'Coût mutualisé', 'Coût si seule', 'Économies', 'Économies (%)'],
    rows: sortCommunes(d.communes, 'savingsCents', 'descending').map((c) => [
      c.name,
      formatCents(c.pooledCents),
      formatCents(c.standaloneCents),
      formatCents(c.savingsCents),
      formatPercent(c.savingsPercent),
    ]),
    numeric: [false, true, true, true, true],
  };
}

/** The commune's services as the PDF's table. */
export function communePdfTable(d: CommuneDashboard): PdfContent['table'] {
  return {
    title: 'Coût par service',
    headers: ['Service', 'Coût mutualisé', 'Coût si seule', 'Économies'],
    rows: d.services.map((s) => [s.name, formatCents(s.pooledCents), formatCents(s.standaloneCents), formatCents(s.savingsCents)]),
    numeric: [false, true, true, true],
  };
}
