// The archive pages rendered in jsdom against a fake server: the real Api (token, JSON, problem documents) over a
// stubbed fetch that answers by method and path and records every call.
import { Api, type GedDocument, type Me } from '../api';
import type { ArchivalAgreement, ArchiveUnit, DisposalProposal, RetentionRule, UnitDetail } from '../archive';
import { archiveDisposalView, archiveDisposalsView } from './archiveDisposals';
import { archiveIntegrityView, dsiArchiveView } from './archiveIntegrity';
import { archiveReferentialView } from './archiveReferential';
import { archiveSearchView } from './archiveSearch';
import { archiveTransferView } from './archiveTransfer';
import { archiveUnitView } from './archiveUnit';
import type { ViewContext } from './context';
import { documentView } from './document';

// ---- the fake server

interface Call {
  method: string;
  path: string;
  body: unknown;
  headers: Record<string, string>;
}

type Answer = unknown | Response | ((call: Call) => unknown | Response | Promise<unknown | Response>);

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const problem = (status: number, code: string, detail: string, extra: Record<string, unknown> = {}) =>
  new Response(JSON.stringify({ type: `https://metrocloud.strasbourg.eu/problems/${code}`, title: 'Refusé', status, code, detail, ...extra }), {
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

const me = (roles: string[] = ['agent'], displayName = 'Léa Agent', operator = false): Me => ({
  subject: 's',
  username: 'u',
  displayName,
  operator,
  roles,
  commune: operator ? undefined : { insee: '67204', name: 'Hœnheim', status: 'ACTIVE' },
});

const SHA = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

const rules: RetentionRule[] = [
  { code: 'CORRESPONDANCE', label: 'Correspondance courante', duration: 'P5Y', finalAction: 'DESTROY' },
  { code: 'DELIBERATIONS', label: 'Délibérations du conseil municipal', duration: null, finalAction: 'KEEP' },
  { code: 'FACTURES', label: 'Factures et pièces comptables', duration: 'P10Y', finalAction: 'DESTROY' },
];

const agreements: ArchivalAgreement[] = [
  { identifier: 'CONV-67204-GENERALE', label: 'Convention générale', services: ['FINANCES', 'SECRETARIAT_GENERAL'], rules: ['CORRESPONDANCE', 'DELIBERATIONS'], active: true },
  { identifier: 'CONV-67204-URBA', label: 'Urbanisme', services: ['URBANISME'], rules: ['FACTURES'], active: true },
];

const unit = (overrides: Partial<ArchiveUnit> = {}): ArchiveUnit => ({
  id: 'u-1',
  reference: 'SAE-67204-2026-000001',
  title: 'Courrier au préfet',
  description: 'Demande de subvention',
  descriptionLevel: 'Item',
  startDate: '2026-01-05',
  endDate: '2026-02-01',
  originatingService: 'SECRETARIAT_GENERAL',
  keywords: ['préfet', 'subvention'],
  agreement: 'CONV-67204-GENERALE',
  ruleCode: 'CORRESPONDANCE',
  ruleLabel: 'Correspondance courante',
  retentionDuration: 'P5Y',
  finalAction: 'DESTROY',
  retentionStart: '2026-12-01',
  retentionEnd: '2031-12-01',
  accessRestrictedUntil: null,
  source: 'GED',
  sourceDocumentId: 'd-1',
  sourceDocumentVersion: 2,
  transferId: null,
  status: 'ARCHIVED',
  legalHold: false,
  legalHoldReason: null,
  totalBytes: 2048,
  archivedByName: 'Léa Agent',
  archivedAt: '2026-12-01T09:00:00Z',
  destroyedAt: null,
  ...overrides,
});

const detail = (overrides: Partial<UnitDetail> = {}, u: Partial<ArchiveUnit> = {}): UnitDetail => ({
  unit: unit(u),
  objects: [
    { id: 'o-1', unitId: 'u-1', kind: 'FILE', fileName: 'courrier.pdf', mimeType: 'application/pdf', size: 1536, sha256: SHA, storedAt: '2026-12-01T09:00:00Z', lastCheckedAt: '2026-12-02T03:00:00Z', lastCheck: 'OK' },
    { id: 'o-2', unitId: 'u-1', kind: 'VALIDATION_REPORT', fileName: 'courrier.pdf.validation.json', mimeType: 'application/json', size: 512, sha256: SHA.replace('e3', 'f4'), storedAt: '2026-12-01T09:00:00Z', lastCheck: null },
  ],
  journal: [
    { seq: 8, id: 'j-8', at: '2026-12-01T09:00:01Z', eventType: 'object.stored', unitId: 'u-1', objectId: 'o-1', actorName: 'Léa Agent', details: '{}', prevHash: 'a'.repeat(64), hash: 'b'.repeat(64) },
    { seq: 7, id: 'j-7', at: '2026-12-01T09:00:00Z', eventType: 'unit.archived', unitId: 'u-1', actorName: 'Léa Agent', details: '{}', prevHash: '0'.repeat(64), hash: 'a'.repeat(64) },
  ],
  restricted: false,
  ...overrides,
});

const proposal = (overrides: Partial<DisposalProposal> = {}): DisposalProposal => ({
  id: 'p-1',
  status: 'PENDING',
  comment: 'Correspondance de 2020',
  createdByName: 'Marie Admin',
  createdAt: '2026-12-01T10:00:00Z',
  units: [{ unitId: 'u-9', reference: 'SAE-67204-2020-000009', title: 'Courrier de 2020', ruleCode: 'CORRESPONDANCE', retentionEnd: '2025-06-01', totalBytes: 4096 }],
  ...overrides,
});

const doc: GedDocument = {
  id: 'd-1',
  title: 'Courrier au préfet',
  tags: [],
  author: 'lea',
  currentVersion: 2,
  createdAt: '2026-11-01T10:00:00Z',
  updatedAt: '2026-11-02T10:00:00Z',
  versions: [
    { id: 'v-2', number: 2, fileName: 'courrier.pdf', size: 1536, sha256: SHA, mimeType: 'application/pdf', createdBy: 'lea', createdAt: '2026-11-02T10:00:00Z', extractionStatus: 'DONE' },
  ],
};

// ---- page helpers

function context(who: Me = me(), query = ''): ViewContext & { navigated: string[] } {
  const ctx = {
    api: new Api(async () => 'jeton'),
    me: who,
    query: new URLSearchParams(query),
    navigated: [] as string[],
    refresh: () => {},
    navigate: (to: string) => ctx.navigated.push(to),
    refreshInboxCount: () => {},
    refreshTaskCount: () => {},
  };
  return ctx;
}

async function render(elements: Promise<HTMLElement[]>): Promise<HTMLElement> {
  const main = document.createElement('main');
  main.append(...(await elements));
  document.body.replaceChildren(main);
  return main;
}

const settle = async (times = 5) => {
  for (let i = 0; i < times; i++) await new Promise((r) => setTimeout(r, 0));
};
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
const button = (root: ParentNode, name: string) => [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === name || b.textContent?.startsWith(name)) as HTMLButtonElement;
/** The control whose label reads `label` (its first text). */
const labelled = <T extends HTMLElement = HTMLInputElement>(root: ParentNode, label: string) => {
  const l = [...root.querySelectorAll('label')].find((x) => x.textContent === label || x.childNodes[0]?.textContent === label);
  return (l ? document.getElementById(l.htmlFor) : null) as T;
};
const submit = (b: HTMLButtonElement) => b.closest('form')?.requestSubmit(b);
const headings = (root: ParentNode, level: string) => [...root.querySelectorAll(level)].map((x) => x.textContent);
const subnav = (root: ParentNode) => [...root.querySelectorAll('nav[aria-label="Archives électroniques"] a')].map((a) => a.textContent);

afterEach(() => vi.unstubAllGlobals());

/** Every table has a caption and column headers with a scope; every form control a label. */
function expectAccessibleStructure(main: HTMLElement): void {
  for (const table of main.querySelectorAll('table')) {
    expect(table.querySelector('caption')?.textContent?.trim()).toBeTruthy();
    for (const th of table.querySelectorAll('thead th')) expect(th.getAttribute('scope')).toBe('col');
    for (const th of table.querySelectorAll('tbody th')) expect(['row', 'rowgroup']).toContain(th.getAttribute('scope'));
  }
  for (const control of main.querySelectorAll('input, select, textarea')) {
    expect(main.querySelector(`label[for="${control.id}"]`), `label of #${control.id}`).not.toBeNull();
  }
  const levels = [...main.querySelectorAll('h1, h2, h3, h4')].map((x) => Number(x.tagName.slice(1)));
  expect(levels[0]).toBe(1);
  levels.forEach((level, i) => i > 0 && expect(level - levels[i - 1]).toBeLessThanOrEqual(1));
}

// ---- the pages

describe('archive search', () => {
  const page = (units: ArchiveUnit[], total = units.length, offset = 0) => ({ units, total, offset, limit: 20 });

  it('lists the units with their rules, and links to each unit and to the sections of the roles', async () => {
    const { sent } = server({
      'GET /archive/rules': rules,
      'GET /archive/agreements': agreements,
      'GET /archive/units': page([unit(), unit({ id: 'u-2', reference: 'SAE-67204-2026-000002', title: 'Délibération 12', ruleCode: 'DELIBERATIONS', ruleLabel: 'Délibérations', finalAction: 'KEEP', retentionEnd: null, legalHold: true })]),
    });
    const main = await render(archiveSearchView(context(me(['agent']))));
    expect(main.querySelector('h1')?.textContent).toBe('Archives');
    expect(subnav(main)).toEqual(['Rechercher', 'Verser un document', 'Référentiel']);
    expect(sent('GET', '/archive/units')[0].path).toBe('/archive/units?offset=0&limit=20');
    expect(sent('GET', '/archive/units')[0].headers.Authorization).toBe('Bearer jeton');
    const rule = labelled<HTMLSelectElement>(main, 'Règle de gestion');
    expect([...rule.options].map((o) => o.textContent)).toEqual(['Toutes les règles', 'Correspondance courante', 'Délibérations du conseil municipal', 'Factures et pièces comptables']);
    const service = labelled<HTMLSelectElement>(main, 'Service producteur');
    expect([...service.options].map((o) => o.textContent)).toEqual(['Tous les services', 'Finances', 'Secrétariat général', 'Urbanisme']);
    const table = main.querySelector('table') as HTMLTableElement;
    expect([...table.querySelectorAll('thead th')].map((th) => th.textContent)).toEqual(['Référence', 'Intitulé', 'Règle', 'Sort final', 'Fin de DUA', 'Versée le', 'Statut']);
    const rows = [...table.querySelectorAll('tbody tr')];
    expect(rows[0].querySelector('th')?.textContent).toBe('SAE-67204-2026-000001');
    expect(rows[0].querySelector('a')?.getAttribute('href')).toBe('/archives/unites/u-1');
    expect([...rows[0].querySelectorAll('td')].map((td) => td.textContent).slice(1, 4)).toEqual(['Correspondance courante', 'Destruction', '01/12/2031']);
    expect(rows[1].textContent).toContain('Conservation définitive');
    expect(rows[1].textContent).toContain('Archivée — sous gel');
    await wait(60);
    expect(main.querySelector('#archives-nombre')?.textContent).toBe('2 unités d’archives trouvées');
    expectAccessibleStructure(main);

    const admin = await render(archiveSearchView(context(me(['commune-admin']))));
    expect(subnav(admin)).toEqual(['Rechercher', 'Verser un document', 'Éliminations', 'Référentiel', 'Intégrité']);
    const archivist = await render(archiveSearchView(context(me(['archivist']))));
    expect(subnav(archivist)).toEqual(['Rechercher', 'Éliminations', 'Référentiel']);
  });

  it('searches with the criteria of the form, keeps them in the address and pages the results', async () => {
    const { sent } = server({
      'GET /archive/rules': rules,
      'GET /archive/agreements': agreements,
      'GET /archive/units': (c: Call) => (c.path.includes('q=') ? page([unit()], 45, 20) : page([])),
    });
    const main = await render(archiveSearchView(context(me(['agent']), 'page=2')));
    expect(sent('GET', '/archive/units')[0].path).toBe('/archive/units?offset=20&limit=20');
    expect(main.textContent).toContain('Les archives de la commune ne contiennent encore aucune unité.');
    labelled(main, 'Mots recherchés').value = 'préfet';
    labelled<HTMLSelectElement>(main, 'Règle de gestion').value = 'CORRESPONDANCE';
    labelled<HTMLSelectElement>(main, 'Gel').value = 'false';
    submit(button(main, 'Rechercher'));
    await settle();
    expect(sent('GET', '/archive/units')[1].path).toBe('/archive/units?q=pr%C3%A9fet&rule=CORRESPONDANCE&legalHold=false&offset=0&limit=20');
    expect(window.location.search).toBe('?q=pr%C3%A9fet&rule=CORRESPONDANCE&legalHold=false');
    const nav = main.querySelector('nav.pagination') as HTMLElement;
    expect(nav.getAttribute('aria-label')).toBe('Pages des résultats');
    expect(main.querySelector('caption')?.textContent).toBe('45 unités d’archives trouvées ; unités 21 à 21, les plus récemment versées en premier');
    expect(nav.querySelector('a[rel=next]')?.getAttribute('href')).toBe('/archives?q=pr%C3%A9fet&rule=CORRESPONDANCE&legalHold=false&page=2');
  });

  it('says when the commune is not subscribed to the archive', async () => {
    const refused = problem(403, 'service-not-subscribed', 'La commune n’est pas abonnée au service « Archivage électronique ».');
    server({ 'GET /archive/rules': () => refused.clone(), 'GET /archive/agreements': () => refused.clone(), 'GET /archive/units': () => refused.clone() });
    const main = await render(archiveSearchView(context()));
    expect(main.querySelector('h1')?.textContent).toBe('Archives');
    expect(main.querySelector('[role=alert]')?.textContent).toBe('La commune n’est pas abonnée au service « Archivage électronique ».');
    expect(main.querySelector('a[href="/catalogue"]')).not.toBeNull();
  });
});

describe('transfer from the GED', () => {
  const routes = (extra: Record<string, Answer> = {}) => ({
    'GET /archive/rules': rules,
    'GET /archive/agreements': [...agreements, { identifier: 'CONV-OLD', label: 'Ancienne', services: ['ETAT_CIVIL'], rules: [], active: false }],
    'GET /documents/d-1': doc,
    'GET /archive/transfers': [
      { id: 't-1', messageIdentifier: 'MSG-42', receivedAt: '2026-11-30T10:00:00Z', receivedByName: 'Logiciel RH', status: 'REJECTED', unitId: null, reasons: ['Règle inconnue : XYZ'] },
    ],
    ...extra,
  });

  it('prefills the document, offers the agreement’s services and rules, and opens the unit once archived', async () => {
    const { sent } = server(routes({ 'POST /archive/units': () => json(unit({ id: 'u-7', reference: 'SAE-67204-2026-000007' }), 201), 'GET /archive/units/u-7': detail({}, { id: 'u-7', reference: 'SAE-67204-2026-000007' }) }));
    const ctx = context(me(['agent']), 'document=d-1');
    const main = await render(archiveTransferView(ctx));
    expect(main.querySelector('h1')?.textContent).toBe('Verser aux archives');
    expect(sent('GET', '/documents/d-1')).toHaveLength(1);
    expect(labelled(main, 'Intitulé (facultatif)').value).toBe('Courrier au préfet');
    const documentSelect = labelled<HTMLSelectElement>(main, 'Document de la GED');
    expect(documentSelect.value).toBe('d-1');
    const agreement = labelled<HTMLSelectElement>(main, 'Convention d’archivage');
    expect(agreement.value).toBe('CONV-67204-GENERALE');
    expect([...agreement.options].map((o) => o.value)).toEqual(['CONV-67204-GENERALE', 'CONV-67204-URBA']);
    const service = labelled<HTMLSelectElement>(main, 'Service producteur');
    expect([...service.options].map((o) => [o.value, o.textContent])).toEqual([
      ['', 'Choisissez un service'],
      ['FINANCES', 'Finances'],
      ['SECRETARIAT_GENERAL', 'Secrétariat général'],
    ]);
    const rule = labelled<HTMLSelectElement>(main, 'Règle de gestion');
    expect([...rule.options].map((o) => o.textContent)).toEqual([
      'Choisissez une règle',
      'Correspondance courante — 5\u00a0ans, puis destruction',
      'Délibérations du conseil municipal — conservation définitive',
    ]);
    // another agreement, other choices
    agreement.value = 'CONV-67204-URBA';
    agreement.dispatchEvent(new Event('change'));
    expect([...rule.options].map((o) => o.value)).toEqual(['', 'FACTURES']);
    agreement.value = 'CONV-67204-GENERALE';
    agreement.dispatchEvent(new Event('change'));
    service.value = 'SECRETARIAT_GENERAL';
    rule.value = 'CORRESPONDANCE';
    rule.dispatchEvent(new Event('change'));
    expect(main.querySelector('#versement-regle-detail')?.textContent).toContain('5\u00a0ans');
    labelled(main, 'Mots-clés (facultatif)').value = 'préfet, subvention';
    expect(labelled(main, 'Départ de la durée d’utilité administrative').value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    labelled(main, 'Départ de la durée d’utilité administrative').value = '2026-12-01';
    expectAccessibleStructure(main);
    submit(button(main, 'Verser aux archives'));
    await settle();
    expect(sent('POST', '/archive/units').map((c) => c.body)).toEqual([
      {
        documentId: 'd-1',
        title: 'Courrier au préfet',
        descriptionLevel: 'Item',
        service: 'SECRETARIAT_GENERAL',
        keywords: ['préfet', 'subvention'],
        ruleCode: 'CORRESPONDANCE',
        retentionStart: '2026-12-01',
        agreement: 'CONV-67204-GENERALE',
      },
    ]);
    expect(ctx.navigated).toEqual(['/archives/unites/u-7']);
    // the unit's page says what happened, once
    const unitPage = await render(archiveUnitView(context(), { id: 'u-7' }));
    expect(unitPage.querySelector('#unite-resultat')?.textContent).toBe('Document versé aux archives : unité SAE-67204-2026-000007 (« Courrier au préfet »).');
    const again = await render(archiveUnitView(context(), { id: 'u-7' }));
    expect(again.querySelector('#unite-resultat')?.textContent).toBe('');
  });

  it('lists the choices left out before sending', async () => {
    const { sent } = server(routes());
    const main = await render(archiveTransferView(context(me(['agent']), 'document=d-1')));
    submit(button(main, 'Verser aux archives'));
    await settle();
    expect(sent('POST', '/archive/units')).toHaveLength(0);
    const summary = main.querySelector('#versement-erreurs') as HTMLElement;
    expect(summary.hidden).toBe(false);
    expect([...summary.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      'Service producteur : Choisissez le service producteur.',
      'Règle de gestion : Choisissez la règle de gestion.',
    ]);
    expect(document.activeElement).toBe(summary);
    expect(labelled(main, 'Service producteur').getAttribute('aria-invalid')).toBe('true');
  });

  it('shows the reasons of a refusal outside the agreement in an alert', async () => {
    server(
      routes({
        'POST /archive/units': () =>
          problem(422, 'outside-agreement', 'Le versement sort du cadre de la convention CONV-67204-GENERALE.', {
            reasons: ['Le service « FINANCES » ne verse pas sous la règle CORRESPONDANCE.', 'Règle non autorisée par la convention.'],
          }),
      }),
    );
    const ctx = context(me(['agent']), 'document=d-1');
    const main = await render(archiveTransferView(ctx));
    labelled<HTMLSelectElement>(main, 'Service producteur').value = 'FINANCES';
    labelled<HTMLSelectElement>(main, 'Règle de gestion').value = 'CORRESPONDANCE';
    submit(button(main, 'Verser aux archives'));
    await settle();
    const alert = main.querySelector('#versement-refus') as HTMLElement;
    expect(alert.hidden).toBe(false);
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.querySelector('p')?.textContent).toBe('Le versement sort du cadre de la convention CONV-67204-GENERALE.');
    expect([...alert.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['Le service « FINANCES » ne verse pas sous la règle CORRESPONDANCE.', 'Règle non autorisée par la convention.']);
    expect(document.activeElement).toBe(alert);
    expect(ctx.navigated).toEqual([]);
    expect(button(main, 'Verser aux archives').disabled).toBe(false);
  });

  it('finds a document in the GED when none is given, and lists the SEDA transfers', async () => {
    const { sent } = server(
      routes({
        'GET /documents': { total: 1, page: 0, size: 50, results: [{ id: 'd-1', title: 'Courrier au préfet', tags: [], author: 'lea', currentVersion: 2, fileName: 'courrier.pdf', mimeType: 'application/pdf', size: 1, extractionStatus: 'DONE', createdAt: '', updatedAt: '', rank: 1 }] },
      }),
    );
    const main = await render(archiveTransferView(context(me(['manager']))));
    expect(sent('GET', '/documents/')).toHaveLength(0);
    labelled(main, 'Chercher dans la GED').value = 'préfet';
    button(main, 'Chercher dans la GED').click();
    await settle();
    expect(sent('GET', '/documents?')[0].path).toBe('/documents?q=pr%C3%A9fet&size=50');
    expect(main.querySelector('#versement-recherche-statut')?.textContent).toBe('1 document trouvé : choisissez-le dans la liste.');
    const select = labelled<HTMLSelectElement>(main, 'Document de la GED');
    select.value = 'd-1';
    select.dispatchEvent(new Event('change'));
    expect(labelled(main, 'Intitulé (facultatif)').value).toBe('Courrier au préfet');
    const transfers = main.querySelector('[aria-label="Tableau des versements SEDA reçus"] table') as HTMLTableElement;
    expect(transfers.textContent).toContain('MSG-42');
    expect(transfers.textContent).toContain('Refusé');
    expect(transfers.textContent).toContain('Règle inconnue : XYZ');
  });
});

describe('an archive unit', () => {
  it('shows its description, rules, files with their fingerprints, downloads and journal', async () => {
    const downloads: string[] = [];
    server({
      'GET /archive/units/u-1': detail(),
      'GET /archive/units/u-1/evidence': (c: Call) => {
        downloads.push(c.path);
        return new Response('PK\u0003\u0004', { status: 200, headers: { 'Content-Type': 'application/zip', 'Content-Disposition': 'attachment; filename="preuve.zip"' } });
      },
    });
    // jsdom has no object URLs, and does not download: the saved blob and the link's click are observed instead
    const created: Blob[] = [];
    const saved: string[] = [];
    const objectUrls = { create: URL.createObjectURL, revoke: URL.revokeObjectURL };
    URL.createObjectURL = (b: Blob) => (created.push(b), 'blob:preuve');
    URL.revokeObjectURL = () => {};
    const clicks = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(this.download);
    });
    const main = await render(archiveUnitView(context(me(['agent'])), { id: 'u-1' }));
    expect(main.querySelector('h1')?.textContent).toBe('Courrier au préfet');
    expect(main.querySelector('.breadcrumb')?.textContent).toBe('Archives › SAE-67204-2026-000001');
    expect(headings(main, 'h2')).toEqual(['Description', 'Règles de gestion', 'Gel', 'Fichiers', 'Journal de l’unité']);
    const facts = main.querySelectorAll('dl.facts');
    expect(facts[0].textContent).toContain('Secrétariat général');
    expect(facts[0].textContent).toContain('du 05/01/2026 au 01/02/2026');
    expect(facts[0].textContent).toContain('préfet, subvention');
    expect(facts[0].querySelector('a')?.getAttribute('href')).toBe('/documents/d-1');
    expect(facts[1].textContent).toContain('Correspondance courante (CORRESPONDANCE)');
    expect(facts[1].textContent).toContain('5\u00a0ans');
    expect(facts[1].textContent).toContain('01/12/2031');
    expect(facts[1].textContent).toContain('Destruction');
    expect(main.textContent).toContain('L’unité pourra être proposée à l’élimination à partir du 01/12/2031.');
    // no hold form for an agent
    expect(main.querySelector('.hold-form')).toBeNull();
    const files = main.querySelector('[aria-label="Fichiers de l’unité"] table') as HTMLTableElement;
    const rows = [...files.querySelectorAll('tbody tr')];
    expect(rows[0].querySelector('th')?.textContent).toBe('courrier.pdf');
    expect([...rows[0].querySelectorAll('td')].map((td) => td.textContent).slice(0, 2)).toEqual(['Fichier', '1,5\u00a0Ko']);
    expect(rows[0].querySelector('code')?.textContent).toBe(SHA);
    expect(rows[0].textContent).toContain('Intègre (le');
    expect(rows[1].textContent).toContain('Rapport de validation des signatures');
    expect(rows[1].textContent).toContain('Jamais contrôlé');
    expect(rows[0].querySelector('button')?.getAttribute('aria-label')).toBe('Télécharger courrier.pdf (fichier)');
    const journal = main.querySelector('[aria-label="Journal de l’unité"] table') as HTMLTableElement;
    expect([...journal.querySelectorAll('tbody tr')].map((r) => [...r.children].map((c) => c.textContent))).toEqual([
      ['7', '01/12/2026 10:00', 'Unité archivée', 'Léa Agent', `${'a'.repeat(12)}…`],
      ['8', '01/12/2026 10:00', 'Fichier enregistré', 'Léa Agent', `${'b'.repeat(12)}…`],
    ]);
    expect(button(main, 'Exporter (SEDA 2.2)')).toBeDefined();
    expectAccessibleStructure(main);
    button(main, 'Télécharger le dossier de preuve').click();
    await settle();
    expect(downloads).toEqual(['/archive/units/u-1/evidence']);
    expect(await created[0].text()).toBe('PK\u0003\u0004');
    expect(saved).toEqual(['preuve.zip']);
    clicks.mockRestore();
    URL.createObjectURL = objectUrls.create;
    URL.revokeObjectURL = objectUrls.revoke;
  });

  it('shows a destroyed unit: its files listed as deleted, without any download, hold or export', async () => {
    const deletedAt = '2026-12-02T09:00:01Z';
    server({
      'GET /archive/units/u-1': detail(
        {
          objects: detail().objects.map((o) => ({ ...o, deletedAt })),
          journal: [
            ...detail().journal,
            { seq: 9, id: 'j-9', at: deletedAt, eventType: 'unit.destroyed', unitId: 'u-1', actorName: 'Paul Archiviste', details: '{}', prevHash: 'b'.repeat(64), hash: 'c'.repeat(64) },
          ],
        },
        { status: 'DESTROYED', destroyedAt: deletedAt, description: null, keywords: [] },
      ),
    });
    const main = await render(archiveUnitView(context(me(['commune-admin'], 'Marie Admin')), { id: 'u-1' }));
    expect(main.querySelector('h1')?.textContent).toBe('Courrier au préfet');
    expect(headings(main, 'h2')).toEqual(['Description', 'Règles de gestion', 'Fichiers', 'Journal de l’unité']);
    const facts = main.querySelector('dl.facts') as HTMLElement;
    const status = [...facts.querySelectorAll('dt')].find((dt) => dt.textContent === 'Statut')?.nextElementSibling;
    expect(status?.textContent).toBe('Détruite');
    expect(facts.textContent).toContain('Détruite le02/12/2026 10:00');
    expect(main.querySelector('.disposal-outlook')?.textContent).toBe('L’unité a été détruite.');
    const rows = [...main.querySelectorAll('[aria-label="Fichiers de l’unité"] tbody tr')];
    expect(rows.map((r) => r.querySelector('th')?.textContent)).toEqual(['courrier.pdf', 'courrier.pdf.validation.json']);
    for (const row of rows) {
      expect(row.lastElementChild?.textContent).toBe('Supprimé le 02/12/2026 10:00');
      expect(row.querySelector('button')).toBeNull();
    }
    // the fingerprints stay, nothing can be downloaded, exported or held any more
    expect(rows[0].querySelector('code')?.textContent).toBe(SHA);
    expect(main.querySelectorAll('button')).toHaveLength(0);
    expect(main.querySelector('.hold-form')).toBeNull();
    expect(main.querySelector('[aria-label="Journal de l’unité"]')?.textContent).toContain('Unité détruite');
    expectAccessibleStructure(main);
  });

  it('says when the files may not be communicated yet', async () => {
    server({ 'GET /archive/units/u-1': detail({ objects: [], restricted: true }, { accessRestrictedUntil: '2075-01-01' }) });
    const main = await render(archiveUnitView(context(), { id: 'u-1' }));
    expect(main.querySelector('.restricted-notice')?.textContent).toBe('Unité non communicable avant le 01/01/2075 : ses fichiers ne peuvent pas encore être consultés.');
    expect(main.querySelector('[aria-label="Fichiers de l’unité"]')).toBeNull();
    expect(main.textContent).toContain('Non communicable avant le 01/01/2075');
  });

  it('lets the administrator place a legal hold with a reason, then lift it, the focus on the outcome', async () => {
    let held = false;
    const { sent } = server({
      'GET /archive/units/u-1': () => detail({}, held ? { legalHold: true, legalHoldReason: 'Recours au tribunal administratif' } : {}),
      'PUT /archive/units/u-1/legal-hold': (c: Call) => {
        held = (c.body as { hold: boolean }).hold;
        return unit({ legalHold: held });
      },
    });
    const main = await render(archiveUnitView(context(me(['commune-admin'])), { id: 'u-1' }));
    expect(main.textContent).toContain('Aucun gel.');
    const place = button(main, 'Poser un gel');
    submit(place);
    await settle();
    expect(sent('PUT', '/archive/units')).toHaveLength(0);
    const reason = labelled<HTMLTextAreaElement>(main, 'Motif du gel');
    expect(reason.getAttribute('aria-invalid')).toBe('true');
    expect(reason.getAttribute('aria-describedby')).toBe('gel-motif-erreur gel-motif-aide');
    expect(main.querySelector('#gel-motif-erreur')?.textContent).toBe('Indiquez le motif du gel.');
    expect(document.activeElement).toBe(reason);
    reason.value = 'Recours au tribunal administratif';
    submit(place);
    await settle();
    expect(sent('PUT', '/archive/units/u-1/legal-hold').map((c) => c.body)).toEqual([{ hold: true, reason: 'Recours au tribunal administratif' }]);
    const status = main.querySelector('#unite-resultat') as HTMLElement;
    expect(status.getAttribute('role')).toBe('status');
    expect(status.textContent).toBe('L’unité SAE-67204-2026-000001 est sous gel : elle ne peut plus être éliminée.');
    expect(document.activeElement).toBe(status);
    expect(main.querySelector('.hold-state')?.textContent).toContain('motif : Recours au tribunal administratif');
    expect(main.querySelector('tbody')?.textContent).toBeTruthy();
    const lift = button(main, 'Lever le gel');
    submit(lift);
    await settle();
    expect(sent('PUT', '/archive/units/u-1/legal-hold').map((c) => c.body)).toEqual([{ hold: true, reason: 'Recours au tribunal administratif' }, { hold: false }]);
    expect(status.textContent).toBe('Le gel de l’unité SAE-67204-2026-000001 est levé.');
    expect(button(main, 'Poser un gel')).toBeDefined();
  });

  it('shows the server’s refusal of a hold in an alert', async () => {
    server({
      'GET /archive/units/u-1': detail(),
      'PUT /archive/units/u-1/legal-hold': () => problem(422, 'reason-required', 'Un gel se motive : indiquez la procédure ou la raison.'),
    });
    const main = await render(archiveUnitView(context(me(['commune-admin'])), { id: 'u-1' }));
    labelled<HTMLTextAreaElement>(main, 'Motif du gel').value = '   x';
    submit(button(main, 'Poser un gel'));
    await settle();
    const alert = main.querySelector('#gel-refus') as HTMLElement;
    expect(alert.hidden).toBe(false);
    expect(alert.textContent).toBe('Un gel se motive : indiquez la procédure ou la raison.');
    expect(document.activeElement).toBe(alert);
  });
});

describe('disposals', () => {
  const eligible = [
    unit({ id: 'u-9', reference: 'SAE-67204-2020-000009', title: 'Courrier de 2020', retentionEnd: '2025-06-01' }),
    unit({ id: 'u-10', reference: 'SAE-67204-2020-000010', title: 'Courrier de 2020 bis', retentionEnd: '2025-07-01' }),
  ];

  it('lets the administrator select eligible units and propose their destruction', async () => {
    const { sent } = server({
      'GET /archive/disposals/eligible': eligible,
      'GET /archive/disposals': [proposal({ status: 'DESTROYED', communeApprovedAt: '2026-11-01T10:00:00Z', communeApprovedByName: 'Marie Admin', authorityApprovedAt: '2026-11-02T10:00:00Z', authorityApprovedByName: 'Paul Archiviste', destroyedAt: '2026-11-02T10:00:01Z' })],
      'POST /archive/disposals': () => json(proposal({ id: 'p-2', units: [{ unitId: 'u-9', reference: 'SAE-67204-2020-000009', title: 'Courrier de 2020', ruleCode: 'CORRESPONDANCE', retentionEnd: '2025-06-01', totalBytes: 2048 }] }), 201),
    });
    const ctx = context(me(['commune-admin'], 'Marie Admin'));
    const main = await render(archiveDisposalsView(ctx));
    expect(main.querySelector('h1')?.textContent).toBe('Éliminations');
    expect(headings(main, 'h2')).toEqual(['Unités éligibles à l’élimination', 'Propositions d’élimination']);
    const box = labelled(main, 'Sélectionner SAE-67204-2020-000009');
    expect(box.type).toBe('checkbox');
    expectAccessibleStructure(main);
    submit(button(main, 'Proposer l’élimination'));
    await settle();
    expect(sent('POST', '/archive/disposals')).toHaveLength(0);
    expect(main.querySelector('#proposition-selection-erreur')?.textContent).toBe('Sélectionnez au moins une unité à proposer.');
    expect(document.activeElement).toBe(box);
    box.checked = true;
    labelled<HTMLTextAreaElement>(main, 'Commentaire (facultatif)').value = 'Correspondance échue';
    submit(button(main, 'Proposer l’élimination'));
    await settle();
    expect(sent('POST', '/archive/disposals').map((c) => c.body)).toEqual([{ unitIds: ['u-9'], comment: 'Correspondance échue' }]);
    expect(ctx.navigated).toEqual(['/archives/eliminations/p-2']);
    const proposals = main.querySelector('[aria-label="Tableau des propositions d’élimination"] table') as HTMLTableElement;
    expect(proposals.querySelector('th a')?.getAttribute('href')).toBe('/archives/eliminations/p-1');
    expect(proposals.textContent).toContain('Unités détruites');
    expect(proposals.textContent).toContain('Approuvée par Paul Archiviste le');
  });

  it('shows the eligible units without selection to the archives authority', async () => {
    server({ 'GET /archive/disposals/eligible': eligible, 'GET /archive/disposals': [] });
    const main = await render(archiveDisposalsView(context(me(['archivist'], 'Paul Archiviste'))));
    expect(main.querySelectorAll('input[type=checkbox]')).toHaveLength(0);
    expect(button(main, 'Proposer l’élimination')).toBeUndefined();
    expect(main.textContent).toContain('Aucune proposition d’élimination.');
  });

  it('lets the archives authority approve a proposal; the outcome is focused', async () => {
    const { sent } = server({
      'GET /archive/disposals/p-1': proposal({ communeApprovedAt: '2026-12-01T11:00:00Z', communeApprovedByName: 'Marie Admin' }),
      'POST /archive/disposals/p-1/approve': proposal({
        status: 'DESTROYED',
        communeApprovedAt: '2026-12-01T11:00:00Z',
        communeApprovedByName: 'Marie Admin',
        authorityApprovedAt: '2026-12-02T09:00:00Z',
        authorityApprovedByName: 'Paul Archiviste',
        destroyedAt: '2026-12-02T09:00:01Z',
      }),
    });
    const main = await render(archiveDisposalView(context(me(['archivist'], 'Paul Archiviste')), { id: 'p-1' }));
    expect(main.querySelector('h1')?.textContent).toBe("Proposition d'élimination — Proposition du 01/12/2026");
    expect(main.querySelector('.disposal-summary')?.textContent).toBe('La destruction attend encore une approbation : celle de l’autorité d’archives.');
    expect(headings(main, 'h3')).toEqual(['Approbation de l’autorité d’archives', 'Ou refuser la proposition']);
    expectAccessibleStructure(main);
    submit(button(main, 'Approuver l’élimination'));
    await settle();
    expect(sent('POST', '/archive/disposals/p-1/approve').map((c) => c.body)).toEqual([{}]);
    const status = main.querySelector('#proposition-resultat') as HTMLElement;
    expect(status.textContent).toContain('les unités ont été détruites');
    expect(document.activeElement).toBe(status);
    expect(button(main, 'Approuver l’élimination')).toBeUndefined();
    expect(button(main, 'Télécharger le certificat de destruction (PDF)')).toBeDefined();
  });

  it('requires a reason to reject, and shows a conflict in an alert', async () => {
    const { sent } = server({
      'GET /archive/disposals/p-1': proposal(),
      'POST /archive/disposals/p-1/approve': () => problem(409, 'hold-placed', 'Une unité de la proposition a été gelée entre-temps : SAE-67204-2020-000009.'),
      'POST /archive/disposals/p-1/reject': proposal({ status: 'REJECTED', rejectedByName: 'Marie Admin', rejectedAt: '2026-12-02T09:00:00Z', rejectionReason: 'Contentieux en cours' }),
    });
    const main = await render(archiveDisposalView(context(me(['commune-admin'], 'Marie Admin')), { id: 'p-1' }));
    expect(headings(main, 'h3')[0]).toBe('Approbation de la commune');
    submit(button(main, 'Approuver l’élimination'));
    await settle();
    const conflict = main.querySelector('#approbation-refus') as HTMLElement;
    expect(conflict.hidden).toBe(false);
    expect(conflict.textContent).toBe('Une unité de la proposition a été gelée entre-temps : SAE-67204-2020-000009.');
    expect(document.activeElement).toBe(conflict);
    submit(button(main, 'Refuser l’élimination'));
    await settle();
    expect(sent('POST', '/archive/disposals/p-1/reject')).toHaveLength(0);
    const reason = labelled<HTMLTextAreaElement>(main, 'Motif du refus');
    expect(reason.getAttribute('aria-invalid')).toBe('true');
    expect(main.querySelector('#refus-motif-erreur')?.textContent).toBe('Indiquez le motif du refus.');
    reason.value = 'Contentieux en cours';
    submit(button(main, 'Refuser l’élimination'));
    await settle();
    expect(sent('POST', '/archive/disposals/p-1/reject').map((c) => c.body)).toEqual([{ reason: 'Contentieux en cours' }]);
    expect(main.querySelector('#proposition-resultat')?.textContent).toBe('Vous avez refusé l’élimination : les unités restent conservées.');
    expect(main.textContent).toContain('Contentieux en cours');
    expect(main.querySelector('.action-area')).toBeNull();
  });
});

describe('referential', () => {
  it('shows the rules and agreements to everyone, without forms for an agent', async () => {
    server({ 'GET /archive/rules': rules, 'GET /archive/agreements': agreements });
    const main = await render(archiveReferentialView(context(me(['agent']))));
    expect(main.querySelector('h1')?.textContent).toBe("Référentiel d'archivage");
    expect(main.querySelectorAll('form')).toHaveLength(0);
    const ruleRows = [...main.querySelectorAll('[aria-label="Tableau des règles de gestion"] tbody tr')].map((r) => [...r.children].map((c) => c.textContent));
    expect(ruleRows).toEqual([
      ['CORRESPONDANCE', 'Correspondance courante', '5\u00a0ans', 'Destruction'],
      ['DELIBERATIONS', 'Délibérations du conseil municipal', 'Conservation définitive', 'Conservation (sans échéance)'],
      ['FACTURES', 'Factures et pièces comptables', '10\u00a0ans', 'Destruction'],
    ]);
    const agreementTable = main.querySelector('[aria-label="Tableau des conventions d’archivage"] table') as HTMLTableElement;
    expect(agreementTable.textContent).toContain('Secrétariat général');
    expect(agreementTable.textContent).toContain('Correspondance courante');
    expectAccessibleStructure(main);
  });

  it('lets the administrator add and change rules and agreements', async () => {
    let saved = [...rules];
    const { sent } = server({
      'GET /archive/rules': () => saved,
      'GET /archive/agreements': agreements,
      'PUT /archive/rules/SUBVENTIONS': (c: Call) => {
        const rule = { code: 'SUBVENTIONS', ...(c.body as object) } as RetentionRule;
        saved = [...saved, rule];
        return rule;
      },
      'PUT /archive/rules/DELIBERATIONS': (c: Call) => ({ code: 'DELIBERATIONS', ...(c.body as object) }),
      'PUT /archive/agreements/CONV-67204-GENERALE': (c: Call) => ({ identifier: 'CONV-67204-GENERALE', ...(c.body as object) }),
    });
    const main = await render(archiveReferentialView(context(me(['commune-admin']))));
    expect(headings(main, 'h3')).toEqual(['Ajouter une règle de gestion', 'Ajouter une convention d’archivage']);
    expectAccessibleStructure(main);
    labelled(main, 'Code de la règle').value = 'subventions';
    labelled(main, 'Intitulé').value = 'Dossiers de subventions';
    labelled(main, 'Durée').value = '10';
    submit(button(main, 'Enregistrer la règle'));
    await settle();
    expect(sent('PUT', '/archive/rules').map((c) => [c.path, c.body])).toEqual([['/archive/rules/SUBVENTIONS', { label: 'Dossiers de subventions', duration: 'P10Y', finalAction: 'DESTROY' }]]);
    const status = main.querySelector('#referentiel-resultat') as HTMLElement;
    expect(status.textContent).toBe('Règle « Dossiers de subventions » (SUBVENTIONS) enregistrée : 10\u00a0ans, sort final destruction.');
    expect(document.activeElement).toBe(status);
    expect(main.querySelector('[aria-label="Tableau des règles de gestion"]')?.textContent).toContain('Dossiers de subventions');

    // a rule kept forever: no duration, final action « Conservation »
    const modify = [...main.querySelectorAll('[aria-label="Tableau des règles de gestion"] button')].find((b) => b.textContent?.includes('Délibérations')) as HTMLButtonElement;
    modify.click();
    expect(main.querySelector('#regle-form-titre')?.textContent).toBe('Modifier la règle DELIBERATIONS');
    expect(document.activeElement?.id).toBe('regle-form-titre');
    expect(labelled(main, 'Conservation définitive (sans durée)').checked).toBe(true);
    expect(labelled(main, 'Durée').disabled).toBe(true);
    expect(labelled(main, 'Code de la règle').readOnly).toBe(true);
    submit(button(main, 'Enregistrer la règle'));
    await settle();
    expect(sent('PUT', '/archive/rules/DELIBERATIONS').map((c) => c.body)).toEqual([{ label: 'Délibérations du conseil municipal', duration: null, finalAction: 'KEEP' }]);

    // a rule without a duration is refused before sending
    labelled(main, 'Code de la règle').value = 'AUTRE';
    labelled(main, 'Intitulé').value = 'Autre';
    submit(button(main, 'Enregistrer la règle'));
    await settle();
    expect([...(main.querySelector('#regle-erreurs') as HTMLElement).querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      'Durée : Indiquez une durée en nombre entier (au moins 1), ou cochez « Conservation définitive ».',
    ]);

    // an agreement
    const modifyAgreement = [...main.querySelectorAll('[aria-label="Tableau des conventions d’archivage"] button')][0] as HTMLButtonElement;
    modifyAgreement.click();
    expect(labelled(main, 'Services producteurs').value).toBe('FINANCES, SECRETARIAT_GENERAL');
    labelled(main, 'Services producteurs').value = 'finances, secretariat general, urbanisme';
    (labelled(main, 'Factures et pièces comptables (10\u00a0ans)') as HTMLInputElement).checked = true;
    submit(button(main, 'Enregistrer la convention'));
    await settle();
    expect(sent('PUT', '/archive/agreements').map((c) => c.body)).toEqual([
      { label: 'Convention générale', services: ['FINANCES', 'SECRETARIAT_GENERAL', 'URBANISME'], rules: ['CORRESPONDANCE', 'DELIBERATIONS', 'FACTURES'], active: true },
    ]);
    expect(status.textContent).toBe('Convention « Convention générale » (CONV-67204-GENERALE) enregistrée.');
  });
});

describe('integrity', () => {
  const verification = { entries: 42, chainIntact: true, brokenAt: null, reason: null, seals: 3, validSeals: 3, sealProblems: [] };
  const run = { id: 'r-1', trigger: 'SCHEDULED', requestedBy: null, startedAt: '2026-12-02T02:00:00Z', finishedAt: '2026-12-02T02:01:00Z', checked: 12, intact: 11, altered: 1, missing: 0, unreachable: false };
  const alert = {
    id: 'a-1',
    tenantId: '67204',
    runId: 'r-1',
    unitId: 'u-1',
    unitReference: 'SAE-67204-2026-000001',
    unitTitle: 'Courrier au préfet',
    objectId: 'o-1',
    fileName: 'courrier.pdf',
    kind: 'ALTERED',
    detail: 'Empreinte différente',
    detectedAt: '2026-12-02T02:00:30Z',
    resolvedAt: null,
  };

  it('shows the commune the journal’s verification, the audits and the alerts', async () => {
    const { sent } = server({
      'GET /archive/journal/verification': verification,
      'GET /archive/journal/seals': [{ seq: 40, hash: 'c'.repeat(64), kind: 'DAILY', day: '2026-12-01', sealedAt: '2026-12-02T00:05:00Z', token: 'MIIB' }],
      'GET /archive/fixity-audits': [run],
      'GET /archive/alerts': [alert],
    });
    const main = await render(archiveIntegrityView(context(me(['elected-official']))));
    expect(main.querySelector('h1')?.textContent).toBe('Intégrité des archives');
    expect(sent('GET', '/archive/alerts')[0].path).toBe('/archive/alerts?open=false');
    expect(main.querySelector('.verification-chain')?.textContent).toBe('Chaîne intègre : 42 entrées vérifiées');
    expect(main.querySelector('.verification')?.textContent).toContain('Sceaux valides : 3/3');
    expect(main.querySelector('[aria-label="Tableau des audits d’intégrité"]')?.textContent).toContain('1 anomalie (1 altéré(s), 0 manquant(s))');
    const alerts = main.querySelector('[aria-label="Tableau des alertes d’intégrité"] table') as HTMLTableElement;
    expect(alerts.querySelector('a')?.getAttribute('href')).toBe('/archives/unites/u-1');
    expect(alerts.textContent).toContain('Fichier altéré');
    expect(alerts.textContent).toContain('Ouverte');
    expectAccessibleStructure(main);
  });

  it('says a broken chain and the seals’ problems', async () => {
    server({
      'GET /archive/journal/verification': { ...verification, chainIntact: false, brokenAt: 17, reason: 'empreinte recalculée différente', validSeals: 2, sealProblems: ['Sceau de l’entrée 17 : l’entrée scellée a changé.'] },
      'GET /archive/journal/seals': [],
      'GET /archive/fixity-audits': [],
      'GET /archive/alerts': [],
    });
    const main = await render(archiveIntegrityView(context(me(['commune-admin']))));
    expect(main.querySelector('.verification-chain')?.textContent).toBe('Chaîne rompue à l’entrée 17 : empreinte recalculée différente');
    expect(main.querySelector('.verification')?.classList.contains('verification-ko')).toBe(true);
    expect(main.querySelector('.verification li')?.textContent).toBe('Sceau de l’entrée 17 : l’entrée scellée a changé.');
    expect(main.textContent).toContain('Aucun audit d’intégrité n’a encore été mené.');
    expect(main.textContent).toContain('Aucune alerte');
  });

  it('gives the DSI every commune’s open alerts and the operations on a commune', async () => {
    const tenant = (insee: string, name: string) => ({ insee, name, postalCode: '67800', population: 1, status: 'ACTIVE', administratorUsername: 'a', createdAt: '', updatedAt: '' });
    let storeDown = false;
    const { sent } = server({
      'GET /tenants': [tenant('67482', 'Strasbourg'), tenant('67204', 'Hœnheim')],
      'GET /archive/alerts': [alert],
      'POST /tenants/67204/archive/fixity-audits': () => (storeDown ? problem(503, 'storage-unavailable', 'Le stockage est injoignable : l’audit s’est arrêté après 3 objets.') : { ...run, trigger: 'ON_DEMAND', requestedBy: 'DSI', altered: 0, intact: 12 }),
      'GET /tenants/67204/archive/fixity-audits': [run],
      'POST /tenants/67204/archive/journal/seals': { seq: 43, hash: 'd'.repeat(64), kind: 'ON_DEMAND', day: '2026-12-02', sealedAt: '2026-12-02T10:00:00Z', token: 'MIIB' },
      'GET /tenants/67204/archive/journal/verification': verification,
    });
    const main = await render(dsiArchiveView(context(me(['platform-operator'], 'Opérateur DSI', true))));
    expect(main.querySelector('h1')?.textContent).toBe('Intégrité des archives');
    expect(sent('GET', '/archive/alerts')[0].path).toBe('/archive/alerts?open=true');
    const alerts = main.querySelector('[aria-label="Tableau des alertes ouvertes"] table') as HTMLTableElement;
    expect([...(alerts.querySelector('tbody tr') as HTMLElement).children].map((c) => c.textContent)).toEqual([
      'Hœnheim (67204)',
      'SAE-67204-2026-000001 — Courrier au préfet',
      'courrier.pdf',
      'Fichier altéré',
      'Empreinte différente',
      '02/12/2026 03:00',
    ]);
    const commune = labelled<HTMLSelectElement>(main, 'Commune');
    expect([...commune.options].map((o) => o.textContent)).toEqual(['Choisissez une commune', 'Hœnheim (67204)', 'Strasbourg (67482)']);
    expectAccessibleStructure(main);

    button(main, 'Lancer un audit d\'intégrité').click();
    await settle();
    expect(sent('POST', '/tenants')).toHaveLength(0);
    expect(main.querySelector('#dsi-commune-erreur')?.textContent).toBe('Choisissez la commune.');
    expect(document.activeElement).toBe(commune);

    commune.value = '67204';
    commune.dispatchEvent(new Event('change'));
    button(main, 'Lancer un audit d\'intégrité').click();
    await settle();
    expect(sent('POST', '/tenants/67204/archive/fixity-audits')).toHaveLength(1);
    expect(document.activeElement?.textContent).toBe('Audit d’intégrité de Hœnheim');
    expect(main.querySelector('.operation-summary')?.textContent).toBe('Tout est intègre');
    expect(main.querySelector('#dsi-resultat')?.textContent).toContain('Audits récents de la commune');

    button(main, 'Sceller le journal').click();
    await settle();
    expect(main.querySelector('.operation-summary')?.textContent).toBe('Journal scellé à l’entrée n° 43.');

    button(main, 'Vérifier le journal').click();
    await settle();
    expect(main.querySelector('.operation-summary')?.textContent).toBe('Chaîne intègre : 42 entrées vérifiées');
    expect(main.querySelector('#dsi-resultat')?.textContent).toContain('Sceaux valides : 3/3');

    storeDown = true;
    button(main, 'Lancer un audit d\'intégrité').click();
    await settle();
    const refusal = main.querySelector('#dsi-refus') as HTMLElement;
    expect(refusal.hidden).toBe(false);
    expect(refusal.textContent).toBe('Le stockage est injoignable : l’audit s’est arrêté après 3 objets.');
    expect(document.activeElement).toBe(refusal);
    expect(main.querySelector('#dsi-resultat')?.textContent).toBe('');
  });
});

describe('the GED document page', () => {
  const routes = {
    'GET /documents/d-1': doc,
    'GET /documents/folders': [],
    'GET /documents/types': [],
    'GET /documents/d-1/shares': [],
  };

  it('offers « Archiver » to the people who may transfer it', async () => {
    server(routes);
    const main = await render(documentView(context(me(['agent'])), { id: 'd-1' }));
    const link = [...main.querySelectorAll('a')].find((a) => a.textContent?.startsWith('Archiver')) as HTMLAnchorElement;
    expect(link.getAttribute('href')).toBe('/archives/verser?document=d-1');
    expect(link.hasAttribute('data-link')).toBe(true);
    expect(link.textContent).toBe('Archiver « Courrier au préfet » dans le système d’archivage électronique');
  });

  it('does not offer it to an elected official', async () => {
    server(routes);
    const main = await render(documentView(context(me(['elected-official'])), { id: 'd-1' }));
    expect([...main.querySelectorAll('a')].some((a) => a.textContent?.startsWith('Archiver'))).toBe(false);
  });
});
