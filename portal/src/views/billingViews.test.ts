// The billing pages and dashboards rendered in jsdom against a fake server: the real Api (token, JSON, problem
// documents) over a stubbed fetch that answers by method and path and records every call. Chart.js and jsPDF are
// replaced by recorders (jsdom has no canvas).
import { Api, type CatalogService, type Me } from '../api';
import type { BillingRun, RunReport, StandaloneCost, Statement, StatementLine, StatementSummary, SimulationResult, Tariff } from '../billing';
import type { CommuneDashboard, MetropoleDashboard } from '../dashboards';
import type { ViewContext } from './context';
import { communeDashboardView, metropoleDashboardView } from './billingDashboards';
import { billingRunsView } from './billingRuns';
import { statementView } from './billingStatement';
import { statementsView } from './billingStatements';
import { simulationView } from './simulation';
import { tariffsView } from './tariffs';

const charts = vi.hoisted(() => ({
  drawn: [] as { canvas: HTMLCanvasElement; title: string; labels: string[] }[],
}));
vi.mock('../charts', () => ({
  drawChart: (canvas: HTMLCanvasElement, spec: { title: string; labels: string[] }) => {
    charts.drawn.push({ canvas, title: spec.title, labels: spec.labels });
    return {};
  },
  chartImage: () => ({ image: 'data:image/png;base64,AAAA', width: 800, height: 400 }),
}));

const pdf = vi.hoisted(() => ({ calls: [] as string[] }));
vi.mock('jspdf', () => ({
  jsPDF: class {
    constructor(options: unknown) {
      pdf.calls.push(`new ${JSON.stringify(options)}`);
    }
    setFont() {}
    setFontSize() {}
    setTextColor() {}
    setProperties(p: { title: string }) {
      pdf.calls.push(`title ${p.title}`);
    }
    text(text: string | string[]) {
      pdf.calls.push(`text ${Array.isArray(text) ? text.join(' ') : text}`);
    }
    addImage(_data: string, format: string) {
      pdf.calls.push(`image ${format}`);
    }
    addPage() {
      pdf.calls.push('page');
    }
    splitTextToSize(text: string) {
      return [text];
    }
    output() {
      return new Blob(['%PDF-1.3'], { type: 'application/pdf' });
    }
  },
}));

// ---- the fake server

interface Call {
  method: string;
  path: string;
  body: unknown;
  headers: Record<string, string>;
}

type Answer = unknown | Response | ((call: Call) => unknown | Response | Promise<unknown | Response>);

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const problem = (status: number, code: string, detail: string, title = 'Refusé') =>
  new Response(JSON.stringify({ type: `https://metrocloud.strasbourg.eu/problems/${code}`, title, status, code, detail }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });

/** Stubs fetch: `routes` answers "METHOD /path?query" (exactly, else without the query); every call is recorded. */
function server(routes: Record<string, Answer>) {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', async (input: string, init: RequestInit = {}) => {
    const path = String(input).replace(/^\/api\/v1/, '');
    const call: Call = {
      method: init.method ?? 'GET',
      path,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
      headers: (init.headers ?? {}) as Record<string, string>,
    };
    calls.push(call);
    const answer = routes[`${call.method} ${path}`] ?? routes[`${call.method} ${path.split('?')[0]}`];
    if (answer === undefined) return problem(404, 'not-found', `Rien pour ${call.method} ${path}`);
    const result = typeof answer === 'function' ? await (answer as (c: Call) => unknown)(call) : answer;
    return result instanceof Response ? result : json(result);
  });
  const sent = (method: string, prefix: string) => calls.filter((c) => c.method === method && c.path.startsWith(prefix));
  return { calls, sent };
}

// ---- fixtures

const operator: Me = { subject: 'o', username: 'it.dsi', displayName: 'Dominique DSI', operator: true, roles: ['platform-operator'] };
const admin: Me = {
  subject: 's',
  username: 'admin.strasbourg',
  displayName: 'Claire Admin',
  operator: false,
  roles: ['commune-admin'],
  commune: { insee: '67482', name: 'Strasbourg', status: 'ACTIVE' },
};

const CATALOG: CatalogService[] = [
  { code: 'e-signature', name: 'Parapheur électronique', description: '', usageUnit: 'signature', usageUnitLabel: 'signature', availability: 'AVAILABLE' },
  { code: 'ged', name: 'Gestion documentaire', description: '', usageUnit: 'gb-month', usageUnitLabel: 'Go-mois', availability: 'AVAILABLE' },
];

const RUN: BillingRun = {
  id: 'run-1',
  frequency: 'MONTHLY',
  periodStart: '2026-04-01',
  periodEnd: '2026-05-01',
  label: 'avril 2026',
  createdBy: 'it.dsi',
  createdAt: '2026-05-02T08:00:00Z',
  lastRunBy: 'it.dsi',
  lastRunAt: '2026-05-02T09:30:00Z',
};

const summary = (overrides: Partial<StatementSummary> = {}): StatementSummary => ({
  id: 'st-1',
  commune: '67482',
  communeName: 'Strasbourg',
  kind: 'REGULAR',
  status: 'DRAFT',
  frequency: 'MONTHLY',
  periodStart: '2026-04-01',
  periodEnd: '2026-05-01',
  periodLabel: 'avril 2026',
  totalCents: 5349,
  computedAt: '2026-05-02T09:30:00Z',
  ...overrides,
});

const line = (overrides: Partial<StatementLine> = {}): StatementLine => ({
  position: 1,
  kind: 'USAGE',
  service: 'e-signature',
  serviceName: 'Parapheur électronique',
  metric: 'signature',
  label: 'Signatures électroniques',
  from: '2026-04-01',
  to: '2026-05-01',
  quantity: 120,
  freeQuantity: 20,
  billedQuantity: 100,
  unitPrice: 0.35,
  amountCents: 3500,
  tariffFrom: '2026-01-01',
  ...overrides,
});

const statement = (overrides: Partial<StatementSummary> = {}, extra: Partial<Statement> = {}): Statement => ({
  summary: summary(overrides),
  population: 291313,
  usageCutoff: '2026-05-02T09:30:00Z',
  run: 'run-1',
  lines: [
    line(),
    line({ position: 2, kind: 'BASE_FEE', label: 'Forfait annuel', quantity: 45, freeQuantity: 0, billedQuantity: 45, unitPrice: 150, amountCents: 1849, metric: 'year' }),
    line({ position: 3, service: 'ged', serviceName: 'Gestion documentaire', metric: 'gb-month', label: 'Stockage', quantity: 12.5, freeQuantity: 0, billedQuantity: 12.5, unitPrice: 0, amountCents: 0 }),
  ],
  ...extra,
});

const outcome = (insee: string, name: string, result: string, extra: Record<string, unknown> = {}) => ({ commune: insee, name, result, ...extra });

const RUN_REPORT: RunReport = {
  run: RUN,
  communes: [
    outcome('67482', 'Strasbourg', 'COMPUTED', { statement: summary({ totalCents: 123456 }) }),
    outcome('67350', 'Oberschaeffolsheim', 'SKIPPED', { reason: 'Commune suspendue' }),
    outcome('67043', 'Bischheim', 'ALREADY_ISSUED', { statement: summary({ id: 'st-2', commune: '67043', communeName: 'Bischheim', status: 'ISSUED', number: 'EU-2026-0007', totalCents: 1000 }) }),
    outcome('67001', 'Achenheim', 'NOTHING_TO_BILL'),
  ],
  totalCents: 124456,
};

// ---- page helpers

function context(me: Me, query = '', navigate: (to: string) => void = () => {}): ViewContext {
  return {
    api: new Api(async () => 'jeton'),
    me,
    query: new URLSearchParams(query),
    refresh: () => {},
    navigate,
    refreshInboxCount: () => {},
    refreshTaskCount: () => {},
  };
}

async function render(elements: Promise<HTMLElement[]>): Promise<HTMLElement> {
  const main = document.createElement('main');
  main.append(...(await elements));
  document.body.replaceChildren(main, Object.assign(document.createElement('div'), { id: 'annonces' }));
  return main;
}

const settle = async (times = 8) => {
  for (let i = 0; i < times; i++) await new Promise((r) => setTimeout(r, 0));
};
const button = (root: ParentNode, name: string) => [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === name || b.textContent?.startsWith(name)) as HTMLButtonElement;
/** The control whose label reads `label`. */
const labelled = <T extends HTMLElement = HTMLInputElement>(root: ParentNode, label: string) => {
  const l = [...root.querySelectorAll('label')].find((x) => x.textContent === label);
  return (l ? document.getElementById(l.htmlFor) : null) as T;
};
const submit = (b: HTMLButtonElement) => b.closest('form')?.requestSubmit(b);
const section = (root: ParentNode, title: string) => [...root.querySelectorAll('section')].find((s) => s.querySelector('h2, h3')?.textContent === title) as HTMLElement;
const facts = (root: ParentNode) => Object.fromEntries([...root.querySelectorAll('dl.facts dt')].map((dt) => [dt.textContent ?? '', dt.nextElementSibling?.textContent ?? '']));
const dialog = () => document.querySelector('dialog') as HTMLDialogElement;
const cells = (row: Element) => [...row.children].map((c) => c.textContent?.trim());
const rowsOf = (table: ParentNode) => [...table.querySelectorAll('tbody tr')].map(cells);

/** A blob's bytes (jsdom's Blob has no arrayBuffer()). */
const readBlob = (blob: Blob) =>
  new Promise<ArrayBuffer>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(blob);
  });

/** Downloads: the blobs saved and their names. */
const saved: { name: string; blob: Blob }[] = [];

beforeAll(() => {
  // jsdom has no modal dialogs
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
    this.removeAttribute('open');
  };
});

let blobs: Map<string, Blob>;
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-05-12T10:00:00Z'));
  charts.drawn.length = 0;
  pdf.calls.length = 0;
  saved.length = 0;
  blobs = new Map();
  let n = 0;
  URL.createObjectURL = (blob: Blob) => {
    const url = `blob:test/${++n}`;
    blobs.set(url, blob);
    return url;
  };
  URL.revokeObjectURL = () => {};
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function click(this: HTMLAnchorElement) {
    const blob = blobs.get(this.getAttribute('href') ?? '');
    if (blob) saved.push({ name: this.download, blob });
  });
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

/** Every table has a caption and scoped headers, every row its columns; every control a label; headings in order. */
function expectAccessibleStructure(main: HTMLElement): void {
  for (const table of main.querySelectorAll('table')) {
    expect(table.querySelector('caption')?.textContent?.trim()).toBeTruthy();
    const columns = table.querySelectorAll('thead th').length;
    for (const th of table.querySelectorAll('thead th')) expect(th.getAttribute('scope')).toBe('col');
    for (const th of table.querySelectorAll('tbody th, tfoot th')) expect(['row', 'rowgroup']).toContain(th.getAttribute('scope'));
    for (const row of table.querySelectorAll('tbody tr, tfoot tr')) {
      expect([...row.children].reduce((sum, c) => sum + (c as HTMLTableCellElement).colSpan, 0)).toBe(columns);
    }
  }
  for (const control of main.querySelectorAll('input, select, textarea')) {
    expect(main.querySelector(`label[for="${control.id}"]`), `label of #${control.id}`).not.toBeNull();
  }
  for (const canvas of main.querySelectorAll('canvas')) {
    expect(canvas.getAttribute('role')).toBe('img');
    expect(canvas.getAttribute('aria-label')?.length).toBeGreaterThan(20);
  }
  const ids = [...main.querySelectorAll('[id]')].map((e) => e.id);
  expect(new Set(ids).size, 'ids are unique').toBe(ids.length);
  const levels = [...main.querySelectorAll('h1, h2, h3, h4')].map((x) => Number(x.tagName.slice(1)));
  expect(levels[0]).toBe(1);
  levels.forEach((level, i) => i > 0 && expect(level - levels[i - 1]).toBeLessThanOrEqual(1));
}

// ---- « Facturation » (DSI)

describe('billing runs page (DSI)', () => {
  it('shows the form with the previous month suggested, and the runs', async () => {
    const { calls } = server({ 'GET /billing/runs': [RUN] });
    const main = await render(billingRunsView(context(operator)));
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual(['GET /billing/runs']);
    expect(main.querySelector('h1')?.textContent).toBe('Facturation');
    expect([...labelled<HTMLSelectElement>(main, 'Fréquence').options].map((o) => [o.value, o.textContent])).toEqual([
      ['MONTHLY', 'Mensuelle'],
      ['QUARTERLY', 'Trimestrielle'],
      ['YEARLY', 'Annuelle'],
    ]);
    const start = labelled(main, 'Début de période');
    expect(start.type).toBe('date');
    expect(start.value).toBe('2026-04-01');
    // the suggestion follows the frequency
    const frequency = labelled<HTMLSelectElement>(main, 'Fréquence');
    frequency.value = 'QUARTERLY';
    frequency.dispatchEvent(new Event('change'));
    expect(start.value).toBe('2026-01-01');
    expect(labelled(main, 'Communes (facultatif)').value).toBe('');
    const runs = section(main, 'Facturations');
    expect(runs.querySelector('caption')?.textContent).toBe('1 facturation');
    expect(rowsOf(runs)).toEqual([['avril 2026', 'Mensuelle', 'du 01/04/2026 au 30/04/2026', '02/05/2026 11:30 par it.dsi', 'Voir les états de « avril 2026 »']]);
    expectAccessibleStructure(main);
  });

  it('checks the form before sending', async () => {
    const { sent } = server({ 'GET /billing/runs': [] });
    const main = await render(billingRunsView(context(operator)));
    expect(section(main, 'Facturations').textContent).toContain('Aucune facturation n’a encore été calculée.');
    labelled(main, 'Début de période').value = '2026-04-15';
    labelled(main, 'Communes (facultatif)').value = '67482, 6748';
    submit(button(main, 'Calculer les états'));
    await settle();
    expect(sent('POST', '/billing')).toHaveLength(0);
    const errors = main.querySelector('#facturation-erreurs') as HTMLElement;
    expect(document.activeElement).toBe(errors);
    expect([...errors.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      'Début de période : Une période mensuelle commence le premier jour d’un mois.',
      'Communes (facultatif) : Code INSEE invalide : 6748. Un code INSEE a 5 chiffres, par exemple 67482.',
    ]);
    expect(labelled(main, 'Début de période').getAttribute('aria-invalid')).toBe('true');
  });

  it('runs a period and shows what it did for each commune, in French, with the total', async () => {
    let runs: BillingRun[] = [];
    const { sent } = server({
      'GET /billing/runs': () => runs,
      'POST /billing/runs': () => {
        runs = [RUN];
        return RUN_REPORT;
      },
    });
    const main = await render(billingRunsView(context(operator)));
    labelled(main, 'Communes (facultatif)').value = '67482 ; 67350,67043, 67001';
    submit(button(main, 'Calculer les états'));
    await settle();
    expect(sent('POST', '/billing/runs').map((c) => c.body)).toEqual([{ frequency: 'MONTHLY', periodStart: '2026-04-01', communes: ['67482', '67350', '67043', '67001'] }]);
    const status = main.querySelector('#facturation-resultat') as HTMLElement;
    expect(status.getAttribute('role')).toBe('status');
    expect(document.activeElement).toBe(status);
    expect(status.textContent).toBe(
      'Facturation « avril 2026 » calculée : 1 état calculé, 1 déjà émis, 1 commune non facturée, 1 commune sans rien à facturer. Total : 1\u00a0244,56\u00a0€.',
    );
    const result = main.querySelector('[aria-label="Tableau du résultat du calcul"]') as HTMLElement;
    expect(result.querySelector('caption')?.textContent).toBe('Résultat de la facturation « avril 2026 » (du 01/04/2026 au 30/04/2026) pour 4 communes');
    expect(rowsOf(result)).toEqual([
      ['Achenheim (67001)', 'Rien à facturer', '—', '—'],
      ['Bischheim (67043)', 'Déjà émis', 'État d’utilisation n° EU-2026-0007', '10,00\u00a0€'],
      ['Oberschaeffolsheim (67350)', 'Non facturé : Commune suspendue', '—', '—'],
      ['Strasbourg (67482)', 'Calculé', 'État d’utilisation (brouillon)', '1\u00a0234,56\u00a0€'],
    ]);
    expect(result.querySelector('a')?.getAttribute('href')).toBe('/facturation/etats/st-2');
    expect(cells(result.querySelector('tfoot tr') as Element)).toEqual(['Total des états', '1\u00a0244,56\u00a0€']);
    // the runs' list is read again
    expect(rowsOf(section(main, 'Facturations'))).toHaveLength(1);
    expectAccessibleStructure(main);
  });

  it('shows the server’s refusal of a run', async () => {
    server({ 'GET /billing/runs': [], 'POST /billing/runs': problem(400, 'invalid-date', 'Date invalide (format attendu AAAA-MM-JJ).') });
    const main = await render(billingRunsView(context(operator)));
    submit(button(main, 'Calculer les états'));
    await settle();
    const errors = main.querySelector('#facturation-erreurs') as HTMLElement;
    expect(errors.hidden).toBe(false);
    expect(errors.textContent).toBe('Date invalide (format attendu AAAA-MM-JJ).');
    expect(document.activeElement).toBe(errors);
  });

  it('opens a run’s statements and issues its drafts: issued ones and refused ones said', async () => {
    let issued = false;
    const { sent } = server({
      'GET /billing/runs': [RUN],
      'GET /billing/runs/run-1/statements': () =>
        issued
          ? [summary({ status: 'ISSUED', number: 'EU-2026-0010' }), summary({ id: 'st-3', commune: '67218', communeName: 'Illkirch-Graffenstaden' })]
          : [summary({ previousYearCents: 5000 }), summary({ id: 'st-3', commune: '67218', communeName: 'Illkirch-Graffenstaden' })],
      'POST /billing/runs/run-1/issue': () => {
        issued = true;
        return {
          run: RUN,
          communes: [
            outcome('67482', 'Strasbourg', 'COMPUTED', { statement: summary({ status: 'ISSUED', number: 'EU-2026-0010' }) }),
            outcome('67218', 'Illkirch-Graffenstaden', 'SKIPPED', { reason: 'Un brouillon antérieur de la commune n’est pas émis.' }),
          ],
          totalCents: 5349,
        };
      },
    });
    const main = await render(billingRunsView(context(operator)));
    button(main, 'Voir les états').click();
    await settle();
    const panel = main.querySelector('#facturation-etats') as HTMLElement;
    const heading = panel.querySelector('h3') as HTMLElement;
    expect(heading.textContent).toBe('États de la facturation « avril 2026 »');
    expect(document.activeElement).toBe(heading);
    const table = panel.querySelector('[aria-label="Tableau des états de la facturation"]') as HTMLElement;
    expect(table.querySelector('caption')?.textContent).toBe('2 états de « avril 2026 », dont 2 brouillons');
    expect(rowsOf(table)).toEqual([
      ['Illkirch-Graffenstaden (67218)', 'État d’utilisation', 'Brouillon', '—', '53,49\u00a0€', '—', 'Ouvrir l’état de Illkirch-Graffenstaden'],
      ['Strasbourg (67482)', 'État d’utilisation', 'Brouillon', '—', '53,49\u00a0€', '50,00\u00a0€ ; évolution : +3,49\u00a0€ (+7\u00a0%)', 'Ouvrir l’état de Strasbourg'],
    ]);
    expectAccessibleStructure(main);

    button(panel, 'Émettre tous les brouillons').click();
    expect(dialog().querySelector('h2')?.textContent).toBe('Émettre les brouillons de « avril 2026 » ?');
    submit(button(dialog(), 'Émettre les brouillons'));
    await settle();
    expect(sent('POST', '/billing/runs/run-1/issue')).toHaveLength(1);
    expect(dialog()).toBeNull();
    const status = panel.querySelector('#facturation-etats-resultat') as HTMLElement;
    expect(status.textContent).toBe('Émission des brouillons de « avril 2026 » : 1 état émis, 1 refusé.');
    expect(document.activeElement).toBe(status);
    const issue = panel.querySelector('[aria-label="Tableau du résultat de l’émission"]') as HTMLElement;
    expect(rowsOf(issue)).toEqual([
      ['Illkirch-Graffenstaden (67218)', 'Refusé : Un brouillon antérieur de la commune n’est pas émis.', '—', '—'],
      ['Strasbourg (67482)', 'Émis', 'État d’utilisation n° EU-2026-0010', '53,49\u00a0€'],
    ]);
    expect(rowsOf(panel.querySelector('[aria-label="Tableau des états de la facturation"]') as HTMLElement).map((r) => r[2])).toEqual(['Brouillon', 'Émis']);
    expectAccessibleStructure(main);
  });
});

// ---- a statement

describe('statement page', () => {
  it('shows the facts, the lines grouped by service (a base fee in days and per year), the total and the comparison', async () => {
    server({ 'GET /billing/statements/st-1': statement({ status: 'ISSUED', number: 'EU-2026-0010', issuedOn: '2026-05-03', previousYearCents: 5000 }, { issuedAt: '2026-05-03T08:00:00Z', issuedBy: 'it.dsi' }) });
    const main = await render(statementView(context(admin), { id: 'st-1' }));
    expect(main.querySelector('h1')?.textContent).toBe('État d’utilisation n° EU-2026-0010 — Strasbourg');
    expect(main.querySelector('.breadcrumb a')?.getAttribute('href')).toBe('/facturation');
    expect([...main.querySelectorAll('nav[aria-label="Coût des services"] a')].map((a) => [a.textContent, a.getAttribute('aria-current')])).toEqual([
      ['Tableau de bord', null],
      ['États d’utilisation', 'true'],
      ['Tarifs', null],
    ]);
    expect(facts(main)).toEqual({
      Commune: 'Strasbourg (67482), 291\u00a0313 habitants',
      Type: 'État d’utilisation',
      Statut: 'Émis',
      Numéro: 'EU-2026-0010',
      Période: 'avril 2026 (du 01/04/2026 au 30/04/2026)',
      Fréquence: 'Mensuelle',
      'Usage relevé jusqu’au': '02/05/2026 11:30',
      'Calculé le': '02/05/2026 11:30',
      'Émis le': '03/05/2026 10:00 par it.dsi',
      Total: '53,49\u00a0€',
      'Même période l’an dernier': '50,00\u00a0€ ; évolution : +3,49\u00a0€ (+7\u00a0%)',
    });
    const table = section(main, 'Détail par service');
    expect([...table.querySelectorAll('tbody')].map((tbody) => rowsOf(tbody))).toEqual([
      [
        ['Parapheur électronique'],
        ['1', 'Signatures électroniques', 'Usage', 'du 01/04/2026 au 30/04/2026', '120', '20', '100', '0,35\u00a0€ par signature', '35,00\u00a0€'],
        ['2', 'Forfait annuel', 'Forfait annuel', 'du 01/04/2026 au 30/04/2026', '45\u00a0j', '—', '45\u00a0j', '150,00\u00a0€/an', '18,49\u00a0€'],
        ['Sous-total Parapheur électronique', '53,49\u00a0€'],
      ],
      [
        ['Gestion documentaire'],
        ['3', 'Stockage', 'Usage', 'du 01/04/2026 au 30/04/2026', '12,5', '—', '12,5', '0,00\u00a0€ par Go et par mois', '0,00\u00a0€'],
        ['Sous-total Gestion documentaire', '0,00\u00a0€'],
      ],
    ]);
    expect(table.querySelector('tbody th[scope="rowgroup"]')?.getAttribute('colspan')).toBe('9');
    expect(cells(table.querySelector('tfoot tr') as Element)).toEqual(['Total', '53,49\u00a0€']);
    // a commune's reader neither issues nor credits
    expect(button(main, 'Émettre')).toBeUndefined();
    expect(section(main, 'Établir un avoir')).toBeUndefined();
    expectAccessibleStructure(main);
  });

  it('downloads the PDF and the CSV through the API, with the token', async () => {
    const { calls } = server({
      'GET /billing/statements/st-1': statement({ status: 'ISSUED', number: 'EU-2026-0010' }),
      'GET /billing/statements/st-1/pdf': new Response(new Blob(['%PDF-1.7']), { status: 200, headers: { 'Content-Type': 'application/pdf', 'Content-Disposition': 'attachment; filename="EU-2026-0010.pdf"' } }),
      'GET /billing/statements/st-1/csv': new Response('ligne;montant\r\n', { status: 200, headers: { 'Content-Type': 'text/csv' } }),
    });
    const main = await render(statementView(context(admin), { id: 'st-1' }));
    const pdfButton = button(main, 'Télécharger le PDF');
    expect(pdfButton.getAttribute('aria-label')).toBe('Télécharger le PDF de l’état d’utilisation n° EU-2026-0010');
    pdfButton.click();
    await settle();
    button(main, 'Télécharger le CSV').click();
    await settle();
    const downloads = calls.filter((c) => c.path.endsWith('/pdf') || c.path.endsWith('/csv'));
    expect(downloads.map((c) => [c.path, c.headers.Authorization])).toEqual([
      ['/billing/statements/st-1/pdf', 'Bearer jeton'],
      ['/billing/statements/st-1/csv', 'Bearer jeton'],
    ]);
    expect(saved.map((s) => s.name)).toEqual(['EU-2026-0010.pdf', 'EU-2026-0010.csv']);
  });

  it('lets the DSI issue a draft; a refusal (period not ended) is said in the dialog', async () => {
    let attempts = 0;
    const { sent } = server({
      'GET /billing/statements/st-1': statement(),
      'POST /billing/statements/st-1/issue': () =>
        ++attempts === 1
          ? problem(409, 'period-not-ended', 'La période d’avril 2026 n’est pas terminée : l’état sera émis à partir du 01/05/2026.')
          : statement({ status: 'ISSUED', number: 'EU-2026-0010', issuedOn: '2026-05-12' }),
    });
    const main = await render(statementView(context(operator), { id: 'st-1' }));
    expect(main.querySelector('h1')?.textContent).toBe('État d’utilisation (brouillon) — Strasbourg');
    expect(main.querySelector('.breadcrumb a')?.getAttribute('href')).toBe('/dsi/facturation');
    expect(main.querySelector('nav[aria-label="Coût des services"]')).toBeNull();
    expect(facts(main).Numéro).toBe('Aucun (brouillon non émis)');
    expect(section(main, 'Établir un avoir')).toBeUndefined();
    button(main, 'Émettre').click();
    expect(dialog().querySelector('h2')?.textContent).toBe('Émettre l’état d’utilisation de Strasbourg ?');
    submit(button(dialog(), 'Émettre'));
    await settle();
    expect(sent('POST', '/billing/statements/st-1/issue').map((c) => c.body)).toEqual([{}]);
    expect(dialog().querySelector('[role="alert"]')?.textContent).toBe('La période d’avril 2026 n’est pas terminée : l’état sera émis à partir du 01/05/2026.');
    submit(button(dialog(), 'Émettre'));
    await settle();
    expect(dialog()).toBeNull();
    expect(main.querySelector('h1')?.textContent).toBe('État d’utilisation n° EU-2026-0010 — Strasbourg');
    const status = main.querySelector('#etat-resultat') as HTMLElement;
    expect(status.textContent).toBe('État d’utilisation émis sous le numéro EU-2026-0010.');
    expect(document.activeElement).toBe(status);
    expect(button(main, 'Émettre')).toBeUndefined();
    expect(section(main, 'Établir un avoir')).toBeDefined();
  });

  it('drafts a credit on an issued statement: the lines ticked with their quantity, then opens it', async () => {
    const navigated: string[] = [];
    let answer: Response | Statement = problem(422, 'nothing-to-credit', 'Rien à créditer : ces lignes ont déjà été créditées en totalité.');
    const { sent } = server({
      'GET /billing/statements/st-1': statement({ status: 'ISSUED', number: 'EU-2026-0010' }),
      'POST /billing/statements/st-1/credits': () => answer,
    });
    const main = await render(statementView(context(operator, '', (to) => navigated.push(to)), { id: 'st-1' }));
    const credit = section(main, 'Établir un avoir');
    expect(rowsOf(credit).map((r) => r.slice(1, 5))).toEqual([
      ['1', 'Signatures électroniques — Parapheur électronique', '100', '35,00\u00a0€'],
      ['2', 'Forfait annuel — Parapheur électronique', '45\u00a0j', '18,49\u00a0€'],
      ['3', 'Stockage — Gestion documentaire', '12,5', '0,00\u00a0€'],
    ]);
    // no reason, a quantity on a line not ticked
    labelled(credit, 'Quantité à créditer, ligne 2').value = '10';
    submit(button(credit, 'Établir l’avoir'));
    await settle();
    const errors = credit.querySelector('#avoir-erreurs') as HTMLElement;
    expect([...errors.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      'Motif de l’avoir : Indiquez le motif de l’avoir.',
      'Quantité à créditer, ligne 2 : Cochez la ligne pour créditer cette quantité.',
    ]);
    expect(sent('POST', '/billing')).toHaveLength(0);

    labelled<HTMLTextAreaElement>(credit, 'Motif de l’avoir').value = 'Signatures de test comptées à tort';
    labelled(credit, 'Créditer la ligne 1 : Signatures électroniques (Parapheur électronique)').checked = true;
    labelled(credit, 'Quantité à créditer, ligne 1').value = '0,7';
    labelled(credit, 'Quantité à créditer, ligne 2').value = '';
    submit(button(credit, 'Établir l’avoir'));
    await settle();
    expect(sent('POST', '/billing/statements/st-1/credits').map((c) => c.body)).toEqual([{ reason: 'Signatures de test comptées à tort', lines: [{ position: 1, quantity: 0.7 }] }]);
    expect(errors.textContent).toBe('Rien à créditer : ces lignes ont déjà été créditées en totalité.');
    expect(document.activeElement).toBe(errors);
    expect(navigated).toEqual([]);

    answer = new Response(JSON.stringify(statement({ id: 'cr-1', kind: 'CREDIT', totalCents: -25, corrects: 'st-1', correctsNumber: 'EU-2026-0010' }, { reason: 'Signatures de test comptées à tort' })), {
      status: 201,
      headers: { 'Content-Type': 'application/json' },
    });
    submit(button(credit, 'Établir l’avoir'));
    await settle();
    expect(navigated).toEqual(['/facturation/etats/cr-1']);

    // the credit's page: its notice, its link to the statement it corrects, « Émettre »
    server({ 'GET /billing/statements/cr-1': statement({ id: 'cr-1', kind: 'CREDIT', totalCents: -25, corrects: 'st-1', correctsNumber: 'EU-2026-0010' }, { reason: 'Signatures de test comptées à tort' }) });
    const page = await render(statementView(context(operator), { id: 'cr-1' }));
    expect(page.querySelector('h1')?.textContent).toBe('Avoir (brouillon) — Strasbourg');
    expect(page.querySelector('#etat-resultat')?.textContent).toBe('Avoir établi en brouillon (-0,25\u00a0€) sur l’état d’utilisation n° EU-2026-0010 : vérifiez-le, puis émettez-le.');
    expect(facts(page)['Avoir sur']).toBe('l’état n° EU-2026-0010');
    expect(facts(page).Motif).toBe('Signatures de test comptées à tort');
    expect(page.querySelector('dl.facts a')?.getAttribute('href')).toBe('/facturation/etats/st-1');
    expect(button(page, 'Émettre')).toBeDefined();
    expect(section(page, 'Établir un avoir')).toBeUndefined();
  });

  it('shows a statement the API does not give as the page’s error', async () => {
    server({ 'GET /billing/statements/x': problem(404, 'statement-not-found', 'État d’utilisation introuvable.') });
    await expect(statementView(context(admin), { id: 'x' })).rejects.toThrow('État d’utilisation introuvable.');
  });
});

// ---- « États d’utilisation » (commune)

describe('the commune’s statements', () => {
  it('lists the issued statements of the year, the most recent first, each leading to its page', async () => {
    const { calls } = server({
      'GET /billing/statements?year=2025': [
        summary({ id: 'a', status: 'ISSUED', number: 'EU-2025-0001', issuedOn: '2025-02-03', periodStart: '2025-01-01', periodEnd: '2025-02-01', periodLabel: 'janvier 2025', totalCents: 1000 }),
        summary({ id: 'b', status: 'ISSUED', number: 'EU-2025-0040', issuedOn: '2025-03-03', periodStart: '2025-02-01', periodEnd: '2025-03-01', periodLabel: 'février 2025', totalCents: 2000, previousYearCents: 2500 }),
      ],
    });
    const navigated: string[] = [];
    const main = await render(statementsView(context(admin, 'annee=2025', (to) => navigated.push(to))));
    expect(calls.map((c) => c.path)).toEqual(['/billing/statements?year=2025']);
    expect(main.querySelector('h1')?.textContent).toBe('États d’utilisation');
    const list = section(main, 'États émis en 2025');
    expect(list.querySelector('caption')?.textContent).toBe('2 états d’utilisation émis en 2025, le plus récent en premier');
    expect(rowsOf(list)).toEqual([
      ['février 2025 (du 01/02/2025 au 28/02/2025)', 'État d’utilisation', 'EU-2025-0040 (état d’utilisation, février 2025)', '03/03/2025', '20,00\u00a0€', '25,00\u00a0€ ; évolution : -5,00\u00a0€ (-20\u00a0%)'],
      ['janvier 2025 (du 01/01/2025 au 31/01/2025)', 'État d’utilisation', 'EU-2025-0001 (état d’utilisation, janvier 2025)', '03/02/2025', '10,00\u00a0€', '—'],
    ]);
    expect(list.querySelector('a')?.getAttribute('href')).toBe('/facturation/etats/b');
    expectAccessibleStructure(main);
    // another year
    const year = labelled(main, 'Année');
    expect(year.value).toBe('2025');
    year.value = '20';
    submit(button(main, 'Afficher'));
    expect(navigated).toEqual([]);
    expect(main.querySelector('#etats-annee-erreur')?.textContent).toBe('Indiquez une année de 2000 à 2100.');
    year.value = '2026';
    submit(button(main, 'Afficher'));
    expect(navigated).toEqual(['/facturation?annee=2026']);
  });

  it('says when no statement was issued in the year (this year by default)', async () => {
    server({ 'GET /billing/statements?year=2026': [] });
    const main = await render(statementsView(context(admin)));
    expect(section(main, 'États émis en 2026').textContent).toContain('Aucun état d’utilisation émis en 2026.');
  });
});

// ---- « Tarifs »

const TARIFFS: Tariff[] = [
  {
    service: 'e-signature',
    validFrom: '2026-01-01',
    unitPrice: 0.3,
    yearlyBaseFee: 150,
    bands: [],
    freeUnitsPerMonth: 50,
    freeMaxPopulation: 2000,
    annualCost: 120000,
    annualUnits: 400000,
    justification: 'Budget 2025 : licences et exploitation.',
  },
  {
    service: 'ged',
    validFrom: '2026-01-01',
    unitPrice: 0.12,
    bands: [
      { minPopulation: 0, maxPopulation: 2000, yearlyFee: 100 },
      { minPopulation: 2001, yearlyFee: 300 },
    ],
    annualCost: 24000,
    annualUnits: 200000,
    justification: 'Stockage objet et sauvegardes.',
  },
];

describe('tariffs page', () => {
  it('shows each service’s tariffs of the year with how the unit price is computed (commune)', async () => {
    server({ 'GET /catalog/services': CATALOG, 'GET /tariffs?year=2026': TARIFFS });
    const main = await render(tariffsView(context(admin)));
    expect(main.querySelector('h1')?.textContent).toBe('Tarifs');
    expect(main.querySelector('nav[aria-label="Coût des services"] a[aria-current]')?.textContent).toBe('Tarifs');
    const signature = section(main, 'Parapheur électronique');
    expect(signature.querySelector('caption')?.textContent).toBe('Tarifs de « Parapheur électronique » en vigueur en 2026 (1 tarif)');
    expect(rowsOf(signature)).toEqual([
      [
        'depuis le 01/01/2026',
        '0,30\u00a0€ par signature',
        '150,00\u00a0€ par an',
        '50 unités gratuites par mois (communes de 2\u00a0000 habitants au plus)',
        '120\u00a0000,00\u00a0€ ÷ 400\u00a0000 unités = 0,30\u00a0€',
        'Budget 2025 : licences et exploitation.',
      ],
    ]);
    const ged = section(main, 'Gestion documentaire');
    expect([...ged.querySelectorAll('tbody td ul li')].map((li) => li.textContent)).toEqual(['de 0 à 2\u00a0000 habitants : 100,00\u00a0€ par an', '2\u00a0001 habitants et plus : 300,00\u00a0€ par an']);
    expect(section(main, 'Nouveau tarif')).toBeUndefined();
    expectAccessibleStructure(main);
  });

  it('lets the DSI create a tariff: the unit price computed as it is typed, the refusals said', async () => {
    let answer: Response | Tariff = problem(409, 'tariff-exists', 'Un tarif de ce service commence déjà le 2027-01-01 : il ne se modifie pas.');
    const { sent } = server({ 'GET /catalog/services': CATALOG, 'GET /tariffs?year=2026': TARIFFS, 'POST /tariffs': () => answer });
    const main = await render(tariffsView(context(operator)));
    expect(main.querySelector('nav[aria-label="Coût des services"]')).toBeNull();
    const form = section(main, 'Nouveau tarif');
    const price = form.querySelector('#tarif-prix') as HTMLElement;
    expect(price.getAttribute('aria-live')).toBe('polite');
    expect(price.textContent).toBe('Prix unitaire calculé : indiquez le coût annuel et le nombre d’unités.');
    labelled<HTMLSelectElement>(form, 'Service').value = 'e-signature';
    labelled(form, 'Date d’effet').value = '2027-01-01';
    const cost = labelled(form, 'Coût annuel du service (€)');
    cost.value = '130 000,50';
    cost.dispatchEvent(new Event('input'));
    const units = labelled(form, 'Unités consommées en un an');
    units.value = '400000';
    units.dispatchEvent(new Event('input'));
    expect(price.textContent).toBe('Prix unitaire calculé : 0,325\u00a0€ (130\u00a0000,50\u00a0€ ÷ 400\u00a0000 unités).');
    labelled<HTMLTextAreaElement>(form, 'Justification').value = 'Budget 2026';
    // a band and a single fee: refused before sending
    labelled(form, 'Forfait annuel unique (€, facultatif)').value = '150';
    button(form, 'Ajouter une tranche').click();
    expect(document.activeElement?.id).toBe('tarif-tranche-1-min');
    labelled(form, 'Population minimale').value = '0';
    labelled(form, 'Forfait annuel (€)').value = '100';
    submit(button(form, 'Enregistrer le tarif'));
    await settle();
    expect(sent('POST', '/tariffs')).toHaveLength(0);
    const errors = form.querySelector('#tarif-erreurs') as HTMLElement;
    expect(errors.textContent).toContain('Forfait annuel unique (€, facultatif) : Forfait unique ou tranches de population, pas les deux');
    button(form, 'Retirer la tranche 1').click();
    expect(form.querySelector('#tarif-tranche-1-min')).toBeNull();

    submit(button(form, 'Enregistrer le tarif'));
    await settle();
    expect(sent('POST', '/tariffs').map((c) => c.body)).toEqual([{ service: 'e-signature', validFrom: '2027-01-01', annualCost: 130000.5, annualUnits: 400000, justification: 'Budget 2026', yearlyBaseFee: 150 }]);
    expect(errors.textContent).toBe('Un tarif de ce service commence déjà le 2027-01-01 : il ne se modifie pas.');
    expect(document.activeElement).toBe(errors);

    answer = new Response(
      JSON.stringify({ ...TARIFFS[0], validFrom: '2027-01-01', unitPrice: 0.325, annualCost: 130000.5, annualUnits: 400000, justification: 'Budget 2026' }),
      { status: 201, headers: { 'Content-Type': 'application/json' } },
    );
    submit(button(form, 'Enregistrer le tarif'));
    await settle();
    const status = main.querySelector('#tarif-resultat') as HTMLElement;
    expect(status.textContent).toBe(
      'Tarif de « Parapheur électronique » enregistré à partir du 01/01/2027 : prix unitaire 0,325\u00a0€ (130\u00a0000,50\u00a0€ ÷ 400\u00a0000 unités = 0,325\u00a0€).',
    );
    expect(document.activeElement).toBe(status);
    expect(labelled(form, 'Coût annuel du service (€)').value).toBe('');
    expectAccessibleStructure(main);
  });

  it('shows the problem of a tariff the server finds invalid (422)', async () => {
    server({
      'GET /catalog/services': CATALOG,
      'GET /tariffs?year=2024': [],
      'POST /tariffs': problem(422, 'invalid-tariff', 'Tarif refusé : franchise mensuelle strictement positive.'),
    });
    const main = await render(tariffsView(context(operator, 'annee=2024')));
    expect(section(main, 'Tarifs en vigueur en 2024').textContent).toContain('Aucun tarif en vigueur en 2024.');
    const form = section(main, 'Nouveau tarif');
    labelled<HTMLSelectElement>(form, 'Service').value = 'ged';
    labelled(form, 'Date d’effet').value = '2027-01-01';
    labelled(form, 'Coût annuel du service (€)').value = '1000';
    labelled(form, 'Unités consommées en un an').value = '10';
    labelled<HTMLTextAreaElement>(form, 'Justification').value = 'Test';
    submit(button(form, 'Enregistrer le tarif'));
    await settle();
    expect((form.querySelector('#tarif-erreurs') as HTMLElement).textContent).toBe('Tarif refusé : franchise mensuelle strictement positive.');
  });
});

// ---- « Coûts de référence d’une commune seule » (on the « Tarifs » page)

const cost = (overrides: Partial<StandaloneCost> = {}): StandaloneCost => ({
  service: 'e-signature',
  minPopulation: 0,
  maxPopulation: 1999,
  licence: 1500,
  hosting: 0,
  maintenance: 600,
  agentTime: 800,
  yearlyTotal: 2900,
  source: 'Exemple : parapheur en SaaS.',
  updatedBy: 'migration',
  updatedAt: '2026-01-05T09:00:00Z',
  ...overrides,
});

const COSTS: StandaloneCost[] = [
  // out of order: the smallest band comes first
  cost({ minPopulation: 10000, maxPopulation: undefined, licence: 5000, hosting: 1200.5, maintenance: 1800, agentTime: 3000, yearlyTotal: 11000.5, source: 'Exemple : sur site, 0,05 ETP.' }),
  cost(),
  cost({ minPopulation: 2000, maxPopulation: 9999, licence: 2500, hosting: 0, maintenance: 900, agentTime: 1500, yearlyTotal: 4900 }),
  cost({ service: 'ged', licence: 800, hosting: 200, maintenance: 300, agentTime: 400, yearlyTotal: 1700, source: 'Exemple : GED en SaaS.' }),
];

const COSTS_TITLE = 'Coûts de référence d’une commune seule';

describe('standalone cost references (« Tarifs » page)', () => {
  it('shows a table per service, a row per population band with its total, and how the savings are computed (commune)', async () => {
    server({ 'GET /catalog/services': CATALOG, 'GET /tariffs?year=2026': TARIFFS, 'GET /billing/standalone-costs': COSTS });
    const main = await render(tariffsView(context(admin)));
    const costs = section(main, COSTS_TITLE);
    expect(costs.textContent).toContain(
      'Économies = coût d’une commune seule (au prorata des jours d’abonnement) − coût mutualisé. Valeurs d’exemple documentées, à remplacer par les chiffres de la DSI.',
    );
    expect([...costs.querySelectorAll('h3')].map((x) => x.textContent)).toEqual(['Parapheur électronique', 'Gestion documentaire']);
    const signature = section(costs, 'Parapheur électronique');
    expect(signature.querySelector('caption')?.textContent).toBe('Coût annuel de « Parapheur électronique » pour une commune seule, par tranche de population (euros)');
    expect([...signature.querySelectorAll('thead th')].map((th) => th.textContent)).toEqual(['Population', 'Licence', 'Hébergement', 'Maintenance', 'Temps agent', 'Total annuel', 'Source']);
    expect(rowsOf(signature).map((r) => r.slice(0, 6))).toEqual([
      ['moins de 2\u00a0000 hab.', '1\u00a0500,00\u00a0€', '0,00\u00a0€', '600,00\u00a0€', '800,00\u00a0€', '2\u00a0900,00\u00a0€'],
      ['2\u00a0000 à 9\u00a0999 hab.', '2\u00a0500,00\u00a0€', '0,00\u00a0€', '900,00\u00a0€', '1\u00a0500,00\u00a0€', '4\u00a0900,00\u00a0€'],
      ['10\u00a0000 hab. et plus', '5\u00a0000,00\u00a0€', '1\u00a0200,50\u00a0€', '1\u00a0800,00\u00a0€', '3\u00a0000,00\u00a0€', '11\u00a0000,50\u00a0€'],
    ]);
    expect(rowsOf(signature)[2][6]).toContain('Exemple : sur site, 0,05 ETP.');
    expect(rowsOf(section(costs, 'Gestion documentaire'))[0][5]).toBe('1\u00a0700,00\u00a0€');
    expect(button(costs, 'Modifier')).toBeUndefined();
    expect(costs.querySelector('form')).toBeNull();
    expectAccessibleStructure(main);
  });

  it('lets the DSI edit a band: the form filled with its values, the PUT body, the confirmation and the table read again', async () => {
    let list = COSTS;
    const { sent } = server({
      'GET /catalog/services': CATALOG,
      'GET /tariffs?year=2026': TARIFFS,
      'GET /billing/standalone-costs': () => list,
      'PUT /billing/standalone-costs/e-signature/2000': (call: Call) => {
        const body = call.body as Record<string, unknown>;
        const saved = cost({ ...body, minPopulation: 2000, yearlyTotal: 5100, updatedBy: 'it.dsi', updatedAt: '2026-05-12T10:00:00Z' } as Partial<StandaloneCost>);
        list = COSTS.map((c) => (c.service === 'e-signature' && c.minPopulation === 2000 ? saved : c));
        return saved;
      },
    });
    const main = await render(tariffsView(context(operator)));
    const signature = section(section(main, COSTS_TITLE), 'Parapheur électronique');
    expect([...signature.querySelectorAll('thead th')].map((th) => th.textContent)).toContain('Action');
    const edit = button(signature.querySelectorAll('tbody tr')[1], 'Modifier');
    expect(edit.textContent).toBe('Modifier le coût de référence « 2\u00a0000 à 9\u00a0999 hab. »');
    edit.click();
    expect(edit.getAttribute('aria-expanded')).toBe('true');
    const form = signature.querySelector('form') as HTMLFormElement;
    expect(document.activeElement?.textContent).toBe('Modifier le coût de référence de « Parapheur électronique », 2\u00a0000 à 9\u00a0999 hab.');
    expect(labelled(form, 'Licence (€ par an)').value).toBe('2500');
    expect(labelled(form, 'Population maximale (facultatif)').value).toBe('9999');
    expect(labelled<HTMLTextAreaElement>(form, 'Source').value).toBe('Exemple : parapheur en SaaS.');
    expectAccessibleStructure(main);

    // checked before sending
    labelled<HTMLTextAreaElement>(form, 'Source').value = '  ';
    labelled(form, 'Hébergement (€ par an)').value = '-3';
    submit(button(form, 'Enregistrer le coût de référence'));
    await settle();
    expect(sent('PUT', '/billing/standalone-costs')).toHaveLength(0);
    const errors = form.querySelector('#cout-ref-erreurs') as HTMLElement;
    expect(errors.textContent).toContain('Hébergement (€ par an) : Indiquez un montant positif ou nul');
    expect(errors.textContent).toContain('Source : Indiquez la source des montants');

    labelled(form, 'Hébergement (€ par an)').value = '200';
    labelled(form, 'Temps agent (€ par an)').value = '1 500,00';
    labelled<HTMLTextAreaElement>(form, 'Source').value = ' Devis 2026 ';
    submit(button(form, 'Enregistrer le coût de référence'));
    await settle();
    expect(sent('PUT', '/billing/standalone-costs').map((c) => [c.path, c.body])).toEqual([
      ['/billing/standalone-costs/e-signature/2000', { maxPopulation: 9999, licence: 2500, hosting: 200, maintenance: 900, agentTime: 1500, source: 'Devis 2026' }],
    ]);
    const status = main.querySelector('#cout-ref-resultat') as HTMLElement;
    expect(status.getAttribute('role')).toBe('status');
    expect(status.textContent).toBe('Coût de référence enregistré.');
    expect(document.activeElement).toBe(status);
    expect(sent('GET', '/billing/standalone-costs')).toHaveLength(2);
    const refreshed = section(section(main, COSTS_TITLE), 'Parapheur électronique');
    expect(refreshed.querySelector('form')).toBeNull();
    expect(rowsOf(refreshed)[1].slice(0, 6)).toEqual(['2\u00a0000 à 9\u00a0999 hab.', '2\u00a0500,00\u00a0€', '200,00\u00a0€', '900,00\u00a0€', '1\u00a0500,00\u00a0€', '5\u00a0100,00\u00a0€']);
  });

  it('shows the problem of a reference the server refuses (422), and closes the form on « Annuler »', async () => {
    server({
      'GET /catalog/services': CATALOG,
      'GET /tariffs?year=2026': TARIFFS,
      'GET /billing/standalone-costs': COSTS,
      'PUT /billing/standalone-costs/ged/0': problem(422, 'invalid-standalone-cost', 'Coût de référence refusé : chevauche la tranche à partir de 2000 habitants.'),
    });
    const main = await render(tariffsView(context(operator)));
    const ged = section(section(main, COSTS_TITLE), 'Gestion documentaire');
    const edit = button(ged, 'Modifier');
    edit.click();
    const form = ged.querySelector('form') as HTMLFormElement;
    labelled(form, 'Population maximale (facultatif)').value = '5000';
    submit(button(form, 'Enregistrer le coût de référence'));
    await settle();
    const errors = form.querySelector('#cout-ref-erreurs') as HTMLElement;
    expect(errors.textContent).toBe('Coût de référence refusé : chevauche la tranche à partir de 2000 habitants.');
    expect(document.activeElement).toBe(errors);
    expect((main.querySelector('#cout-ref-resultat') as HTMLElement).textContent).toBe('');
    button(form, 'Annuler').click();
    expect(ged.querySelector('form')).toBeNull();
    expect(edit.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(edit);
  });

  it('still shows the tariffs when the references cannot be read', async () => {
    server({ 'GET /catalog/services': CATALOG, 'GET /tariffs?year=2026': TARIFFS, 'GET /billing/standalone-costs': problem(503, 'unavailable', 'Service momentanément indisponible.') });
    const main = await render(tariffsView(context(admin)));
    expect(section(main, 'Parapheur électronique').querySelector('caption')).not.toBeNull();
    expect(section(main, COSTS_TITLE).textContent).toContain('Les coûts de référence n’ont pas pu être lus : Service momentanément indisponible.');
  });
});

// ---- « Simulation budgétaire »

const SIMULATION: SimulationResult = {
  baseYear: 2025,
  targetYear: 2026,
  scenarios: [
    { name: 'Usage pur', kind: 'USAGE', totalCents: 300000 },
    { name: 'Par habitant', kind: 'PER_INHABITANT', totalCents: 300000 },
    { name: 'Mixte 50 %', kind: 'MIXED', totalCents: 300000 },
  ],
  communes: [
    {
      insee: '67482',
      name: 'Strasbourg',
      population: 291313,
      results: [
        { scenario: 'Usage pur', totalCents: 250000, services: [] },
        { scenario: 'Par habitant', totalCents: 280000, services: [] },
        { scenario: 'Mixte 50 %', totalCents: 265000, services: [] },
      ],
    },
    {
      insee: '67043',
      name: 'Bischheim',
      population: 17000,
      results: [
        { scenario: 'Usage pur', totalCents: 50000, services: [] },
        { scenario: 'Par habitant', totalCents: 20000, services: [] },
        { scenario: 'Mixte 50 %', totalCents: 35000, services: [] },
      ],
    },
  ],
  warnings: ['Aucun usage enregistré pour « Gestion documentaire » en 2025.'],
};

describe('budget simulation page', () => {
  it('sends the form’s defaults and shows the communes side by side, the totals, the warnings; exports the CSV', async () => {
    const { sent } = server({ 'GET /catalog/services': CATALOG, 'POST /billing/simulations': SIMULATION });
    const main = await render(simulationView(context(operator)));
    expect(main.querySelector('h1')?.textContent).toBe('Simulation budgétaire');
    expect(labelled(main, 'Année de référence').value).toBe('2025');
    expect(labelled(main, 'Parapheur électronique').value).toBe('0');
    expect(labelled(main, 'Gestion documentaire').value).toBe('0');
    expect([labelled(main, 'Usage pur').checked, labelled(main, 'Forfait par habitant').checked, labelled(main, 'Mixte').checked]).toEqual([true, true, true]);
    expect(labelled(main, 'Part habitants (%)').value).toBe('50');
    expectAccessibleStructure(main);
    labelled(main, 'Parapheur électronique').value = '10';
    submit(button(main, 'Simuler'));
    await settle();
    expect(sent('POST', '/billing/simulations').map((c) => c.body)).toEqual([
      {
        baseYear: 2025,
        growth: { 'e-signature': 10 },
        scenarios: [
          { name: 'Usage pur', kind: 'USAGE' },
          { name: 'Par habitant', kind: 'PER_INHABITANT' },
          { name: 'Mixte 50 %', kind: 'MIXED', inhabitantShare: 50 },
        ],
      },
    ]);
    const status = main.querySelector('#simulation-resultat') as HTMLElement;
    expect(status.textContent).toBe('Simulation pour 2026 (référence 2025) : 2 communes, 3 scénarios, 1 avertissement.');
    expect(document.activeElement).toBe(status);
    const result = section(main, 'Résultat pour 2026 (usage de 2025)');
    expect([...result.querySelectorAll('.simulation-warnings li')].map((li) => li.textContent)).toEqual(['Aucun usage enregistré pour « Gestion documentaire » en 2025.']);
    const table = result.querySelector('table') as HTMLTableElement;
    expect([...table.querySelectorAll('thead th')].map((th) => th.textContent)).toEqual([
      'Commune',
      'Population',
      'Usage pur',
      'Par habitant',
      'Écart Par habitant / Usage pur',
      'Mixte 50 %',
      'Écart Mixte 50 % / Usage pur',
    ]);
    expect(rowsOf(table)).toEqual([
      ['Bischheim (67043)', '17\u00a0000', '500,00\u00a0€', '200,00\u00a0€', '-300,00\u00a0€', '350,00\u00a0€', '-150,00\u00a0€'],
      ['Strasbourg (67482)', '291\u00a0313', '2\u00a0500,00\u00a0€', '2\u00a0800,00\u00a0€', '+300,00\u00a0€', '2\u00a0650,00\u00a0€', '+150,00\u00a0€'],
    ]);
    expect(cells(table.querySelector('tfoot tr') as Element)).toEqual(['Total', '308\u00a0313', '3\u00a0000,00\u00a0€', '3\u00a0000,00\u00a0€', '0,00\u00a0€', '3\u00a0000,00\u00a0€', '0,00\u00a0€']);
    expectAccessibleStructure(main);

    button(result, 'Exporter en CSV').click();
    expect(saved.map((s) => s.name)).toEqual(['simulation-budgetaire-2026.csv']);
    expect(saved[0].blob.type).toBe('text/csv;charset=utf-8');
    const bytes = new Uint8Array(await readBlob(saved[0].blob));
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes.slice(3)).split('\r\n')[0]).toBe('insee;commune;population;Usage pur;Par habitant;Mixte 50 %');
  });

  it('checks the form, and shows the server’s refusal', async () => {
    const { sent } = server({ 'GET /catalog/services': CATALOG, 'POST /billing/simulations': problem(422, 'no-usage', 'Aucun usage enregistré en 2019.') });
    const main = await render(simulationView(context(operator)));
    labelled(main, 'Usage pur').checked = false;
    labelled(main, 'Forfait par habitant').checked = false;
    labelled(main, 'Mixte').checked = false;
    submit(button(main, 'Simuler'));
    await settle();
    const errors = main.querySelector('#simulation-erreurs') as HTMLElement;
    expect(errors.textContent).toContain('Usage pur : Choisissez au moins un scénario.');
    expect(sent('POST', '/billing')).toHaveLength(0);
    labelled(main, 'Usage pur').checked = true;
    labelled(main, 'Année de référence').value = '2019';
    submit(button(main, 'Simuler'));
    await settle();
    expect(sent('POST', '/billing/simulations').map((c) => (c.body as { scenarios: unknown[] }).scenarios)).toEqual([[{ name: 'Usage pur', kind: 'USAGE' }]]);
    expect(errors.textContent).toBe('Aucun usage enregistré en 2019.');
  });
});

// ---- dashboards

const METROPOLE: MetropoleDashboard = {
  year: 2026,
  servicesOffered: 2,
  communesCount: 3,
  totals: { pooledCents: 1234567, standaloneCents: 2000000, savingsCents: 765433, savingsPercent: 38.27 },
  services: [
    { service: 'e-signature', name: 'Parapheur électronique', communesUsing: 3, pooledCents: 1000000, standaloneCents: 1500000, savingsCents: 500000 },
    { service: 'ged', name: 'Gestion documentaire', communesUsing: 1, pooledCents: 234567, standaloneCents: 500000, savingsCents: 265433 },
  ],
  communes: [
    { insee: '67043', name: 'Bischheim', population: 17000, pooledCents: 100000, standaloneCents: 145433, savingsCents: 45433, savingsPercent: 31.2, billedCents: 90000, services: ['e-signature'] },
    { insee: '67482', name: 'Strasbourg', population: 291313, pooledCents: 900000, standaloneCents: 1500000, savingsCents: 600000, savingsPercent: 40, billedCents: 850000, services: ['e-signature', 'ged'] },
    { insee: '67218', name: 'Illkirch-Graffenstaden', population: 27000, pooledCents: 234567, standaloneCents: 354567, savingsCents: 120000, savingsPercent: 33.8, billedCents: 200000, services: ['e-signature'] },
  ],
};

const COMMUNE: CommuneDashboard = {
  insee: '67482',
  name: 'Strasbourg',
  population: 291313,
  year: 2026,
  totals: { pooledCents: 900000, standaloneCents: 1500000, savingsCents: 600000, savingsPercent: 40 },
  billedCents: 850000,
  services: [
    {
      service: 'e-signature',
      name: 'Parapheur électronique',
      metric: 'signature',
      unitLabel: 'signatures',
      pooledCents: 700000,
      standaloneCents: 1000000,
      savingsCents: 300000,
      usage: [
        { month: '2026-01', quantity: 1200 },
        { month: '2026-02', quantity: 1500 },
      ],
    },
  ],
  trend: [
    { year: 2025, pooledCents: 800000, standaloneCents: 1400000, savingsCents: 600000 },
    { year: 2026, pooledCents: 900000, standaloneCents: 1500000, savingsCents: 600000 },
  ],
};

describe('metropolitan dashboard', () => {
  it('shows the key figures, draws the charts with their text alternative and data, ranks and lays out the communes', async () => {
    const { calls } = server({ 'GET /billing/dashboard/metropole?year=2026': METROPOLE });
    const main = await render(metropoleDashboardView(context(operator)));
    expect(calls.map((c) => c.path)).toEqual(['/billing/dashboard/metropole?year=2026']);
    expect(main.querySelector('h1')?.textContent).toBe('Tableau de bord métropolitain');
    const figures = main.querySelector('dl.key-figures') as HTMLElement;
    expect([...figures.querySelectorAll('.key-figure')].map((f) => [f.querySelector('dt')?.textContent, f.querySelector('dd')?.textContent])).toEqual([
      ['Services offerts', '2'],
      ['Communes', '3'],
      ['Coût mutualisé', '12\u00a0345,67\u00a0€'],
      ['Coût si chaque commune était seule', '20\u00a0000,00\u00a0€'],
      ['Économies', '7\u00a0654,33\u00a0€ (38,3\u00a0%)'],
    ]);

    await vi.waitFor(() => expect(charts.drawn).toHaveLength(2));
    expect(charts.drawn.map((d) => [d.canvas.id, d.title, d.labels])).toEqual([
      ['economies-graphique', 'Économies réalisées par commune en 2026', ['Strasbourg', 'Illkirch-Graffenstaden', 'Bischheim']],
      ['utilisateurs-graphique', 'Communes utilisatrices de chaque service en 2026', ['Parapheur électronique', 'Gestion documentaire']],
    ]);
    const savings = charts.drawn[0].canvas;
    expect(savings.getAttribute('role')).toBe('img');
    expect(savings.getAttribute('aria-label')).toBe(
      'Graphique en barres horizontales « Économies réalisées par commune en 2026 », 3 communes. Économies : de 454,33\u00a0€ (Bischheim) à 6\u00a0000,00\u00a0€ (Strasbourg). Les valeurs sont détaillées dans les données du graphique.',
    );
    expect((savings.parentElement as HTMLElement).style.height).toBe('14rem');
    const data = section(main, 'Économies par commune').querySelector('details') as HTMLDetailsElement;
    expect(data.querySelector('summary')?.textContent).toBe('Données du graphique');
    expect(rowsOf(data)).toEqual([
      ['Strasbourg', '6\u00a0000,00\u00a0€'],
      ['Illkirch-Graffenstaden', '1\u00a0200,00\u00a0€'],
      ['Bischheim', '454,33\u00a0€'],
    ]);
    expect(rowsOf(section(main, 'Communes utilisatrices par service').querySelector('details') as HTMLElement)).toEqual([
      ['Parapheur électronique', '3'],
      ['Gestion documentaire', '1'],
    ]);

    // the ranking: by savings first, then by any column
    const ranking = section(main, 'Classement des communes');
    const names = () => [...ranking.querySelectorAll('tbody th')].map((th) => th.textContent);
    const header = (label: string) => [...ranking.querySelectorAll('thead th')].find((th) => th.querySelector('button')?.firstChild?.textContent === label) as HTMLElement;
    expect(names()).toEqual(['Strasbourg (67482)', 'Illkirch-Graffenstaden (67218)', 'Bischheim (67043)']);
    expect(header('Économies').getAttribute('aria-sort')).toBe('descending');
    expect(rowsOf(ranking)[0]).toEqual(['Strasbourg (67482)', '291\u00a0313', '9\u00a0000,00\u00a0€', '15\u00a0000,00\u00a0€', '6\u00a0000,00\u00a0€', '40\u00a0%', '8\u00a0500,00\u00a0€']);
    const sortBy = header('Coût mutualisé').querySelector('button') as HTMLButtonElement;
    sortBy.focus();
    sortBy.click();
    expect(names()).toEqual(['Strasbourg (67482)', 'Illkirch-Graffenstaden (67218)', 'Bischheim (67043)']);
    expect(header('Coût mutualisé').getAttribute('aria-sort')).toBe('descending');
    expect(header('Économies').hasAttribute('aria-sort')).toBe(false);
    sortBy.click();
    expect(names()).toEqual(['Bischheim (67043)', 'Illkirch-Graffenstaden (67218)', 'Strasbourg (67482)']);
    expect(header('Coût mutualisé').getAttribute('aria-sort')).toBe('ascending');
    expect(ranking.querySelector('caption')?.textContent).toBe('Classement des 3 communes en 2026, trié par coût mutualisé (ordre croissant) ; cliquez sur un en-tête de colonne pour trier.');
    expect(document.activeElement).toBe(sortBy);
    (header('Commune').querySelector('button') as HTMLButtonElement).click();
    expect(names()).toEqual(['Bischheim (67043)', 'Illkirch-Graffenstaden (67218)', 'Strasbourg (67482)']);
    await vi.waitFor(() => expect(document.getElementById('annonces')?.textContent).toBe('Classement trié par Commune, ordre croissant.'));

    // the services used: a mark and its words, not a colour
    const matrix = section(main, 'Services utilisés par commune');
    expect([...matrix.querySelectorAll('thead th')].map((th) => th.textContent)).toEqual(['Commune', 'Parapheur électronique', 'Gestion documentaire']);
    expect(rowsOf(matrix)).toEqual([
      ['Bischheim (67043)', '✓abonnée', '—non abonnée'],
      ['Illkirch-Graffenstaden (67218)', '✓abonnée', '—non abonnée'],
      ['Strasbourg (67482)', '✓abonnée', '✓abonnée'],
    ]);
    expect(matrix.querySelector('td span[aria-hidden="true"]')?.textContent).toBe('✓');
    expect(matrix.querySelector('td .sr-only')?.textContent).toBe('abonnée');
    expectAccessibleStructure(main);
  });

  it('exports the CSV and the PDF (jsPDF loaded on demand, the charts as pictures)', async () => {
    server({ 'GET /billing/dashboard/metropole?year=2025': { ...METROPOLE, year: 2025 } });
    const main = await render(metropoleDashboardView(context(operator, 'annee=2025')));
    await vi.waitFor(() => expect(charts.drawn).toHaveLength(2));
    for (const d of charts.drawn) Object.assign(d.canvas, { width: 800, height: 400 });
    button(main, 'Exporter en CSV').click();
    button(main, 'Exporter en PDF').click();
    await vi.waitFor(() => expect(saved).toHaveLength(2));
    expect(saved.map((s) => s.name)).toEqual(['tableau-de-bord-metropole-2025.csv', 'tableau-de-bord-metropole-2025.pdf']);
    expect(new TextDecoder().decode(await readBlob(saved[0].blob)).split('\r\n')[1]).toBe('67482;Strasbourg;291313;9000.00;15000.00;6000.00;40;8500.00;oui;oui');
    expect(pdf.calls[0]).toBe('new {"unit":"mm","format":"a4","orientation":"portrait","compress":true}');
    expect(pdf.calls).toContain('title Tableau de bord métropolitain');
    expect(pdf.calls).toContain('text Eurométropole de Strasbourg — année 2025 — 3 communes, 2 services');
    expect(pdf.calls).toContain('text Économies : 7\u00a0654,33\u00a0€ (38,3\u00a0%)');
    expect(pdf.calls.filter((c) => c === 'image PNG')).toHaveLength(2);
    expect(pdf.calls).toContain('text Classement des communes (par économies)');
    expect(pdf.calls).toContain('text Strasbourg');
  });

  it('opens another year', async () => {
    server({ 'GET /billing/dashboard/metropole?year=2026': METROPOLE });
    const navigated: string[] = [];
    const main = await render(metropoleDashboardView(context(operator, '', (to) => navigated.push(to))));
    labelled(main, 'Année').value = '2024';
    submit(button(main, 'Afficher'));
    expect(navigated).toEqual(['/dsi/tableau-de-bord?annee=2024']);
  });
});

describe('the commune’s dashboard', () => {
  it('shows the key figures and three charts (cost by service, monthly usage, years), exports its PDF', async () => {
    server({ 'GET /billing/dashboard/commune?year=2026': COMMUNE });
    const main = await render(communeDashboardView(context(admin)));
    expect(main.querySelector('h1')?.textContent).toBe('Tableau de bord');
    expect(main.querySelector('nav[aria-label="Coût des services"] a[aria-current]')?.textContent).toBe('Tableau de bord');
    expect(main.querySelector('.lead')?.textContent).toContain('Strasbourg (67482), 291\u00a0313 habitants');
    expect([...main.querySelectorAll('.key-figure dd')].map((dd) => dd.textContent)).toEqual(['9\u00a0000,00\u00a0€', '15\u00a0000,00\u00a0€', '6\u00a0000,00\u00a0€ (40\u00a0%)', '8\u00a0500,00\u00a0€']);
    await vi.waitFor(() => expect(charts.drawn).toHaveLength(3));
    expect(charts.drawn.map((d) => d.canvas.id)).toEqual(['cout-service-graphique', 'usage-graphique', 'evolution-graphique']);
    expect(rowsOf(section(main, 'Usage mensuel par service').querySelector('details') as HTMLElement)).toEqual([
      ['janvier 2026', '1\u00a0200'],
      ['février 2026', '1\u00a0500'],
    ]);
    expect([...section(main, 'Évolution sur plusieurs années').querySelectorAll('thead th')].map((th) => th.textContent)).toEqual([
      'Année',
      'Coût mutualisé',
      'Coût si la commune était seule',
      'Économies',
    ]);
    expectAccessibleStructure(main);
    for (const d of charts.drawn) Object.assign(d.canvas, { width: 800, height: 400 });
    button(main, 'Exporter en PDF').click();
    await vi.waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0].name).toBe('tableau-de-bord-67482-2026.pdf');
    expect(pdf.calls).toContain('title Tableau de bord — Strasbourg');
    expect(pdf.calls.filter((c) => c === 'image PNG')).toHaveLength(3);
  });

  it('says when a chart has no data, its table staying', async () => {
    server({ 'GET /billing/dashboard/commune?year=2026': { ...COMMUNE, services: [], trend: [] } });
    const main = await render(communeDashboardView(context(admin)));
    await vi.waitFor(() => expect([...main.querySelectorAll('.chart-notice')].every((n) => !(n as HTMLElement).hidden)).toBe(true));
    expect(charts.drawn).toHaveLength(0);
    expect(main.querySelector('.chart-notice')?.textContent).toBe('Aucune donnée pour ce graphique.');
  });
});
