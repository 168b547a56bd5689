// The integration pages rendered in jsdom against a fake server: the real Api (token, JSON, problem documents) over a
// stubbed fetch that answers by method and path and records every call.
import { Api, type Me, type Tenant } from '../api';
import { agentTemplateCsv, type CommuneHealth, type Connector, type DeadLetter, type Exchange, type ImportReport, type OutboxMessage, type TestReport } from '../integration';
import { communesView } from './communes';
import type { ViewContext } from './context';
import { agentImportView, agentImportsView } from './integrationAgents';
import { connectorsView } from './integrationConnectors';
import { exchangesView } from './integrationExchanges';
import { dsiExchangesView } from './integrationOperator';

// ---- the fake server

interface Call {
  method: string;
  path: string;
  body: unknown;
  rawBody: string | undefined;
  /** A file sent as the body, as it is. */
  blob: Blob | undefined;
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
    const rawBody = typeof init.body === 'string' ? init.body : undefined;
    const call: Call = {
      method: init.method ?? 'GET',
      path,
      body: rawBody === undefined ? undefined : JSON.parse(rawBody),
      rawBody,
      blob: init.body instanceof Blob ? init.body : undefined,
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

const admin: Me = {
  subject: 's',
  username: 'admin.wissembourg',
  displayName: 'Claire Admin',
  operator: false,
  roles: ['commune-admin'],
  commune: { insee: '67544', name: 'Wissembourg', status: 'ACTIVE' },
};

const SECRET = 'jeton-tres-secret';

const hr = (overrides: Partial<Connector> = {}): Connector => ({
  kind: 'HR',
  transport: 'REST',
  endpoint: 'https://rh.wissembourg.fr/api',
  username: 'metrocloud',
  secretSet: true,
  scheduleMinutes: 60,
  mappings: '{"matricule":"code_agent"}',
  enabled: true,
  ...overrides,
});

const message = (overrides: Partial<OutboxMessage> = {}): OutboxMessage => ({
  id: 'm-1',
  connector: 'HR',
  flow: 'leave.approved',
  idempotencyKey: 'leave.approved:r-17',
  status: 'DEAD',
  attempts: 8,
  nextAttemptAt: null,
  lastError: 'Connexion refusée sur rh.wissembourg.fr:443',
  createdAt: '2026-12-01T09:00:00Z',
  sentAt: null,
  payload: '{"agent":"lea"}',
  ...overrides,
});

const exchange = (overrides: Partial<Exchange> = {}): Exchange => ({
  id: 'x-1',
  messageId: 'm-1',
  direction: 'OUT',
  connector: 'HR',
  flow: 'leave.approved',
  status: 'SENT',
  attempt: 1,
  at: '2026-12-02T10:00:00Z',
  durationMs: 120,
  correlationId: 'c0ffee-42',
  detail: null,
  ...overrides,
});

const SUMMARY = { PENDING: 2, SENT: 14, DEAD: 1 };

// ---- page helpers

function context(query = '', me: Me = admin): ViewContext {
  return {
    api: new Api(async () => 'jeton'),
    me,
    query: new URLSearchParams(query),
    refresh: () => {},
    navigate: () => {},
    refreshInboxCount: () => {},
    refreshTaskCount: () => {},
  };
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
/** The control whose label reads `label`. */
const labelled = <T extends HTMLElement = HTMLInputElement>(root: ParentNode, label: string) => {
  const l = [...root.querySelectorAll('label')].find((x) => x.textContent === label);
  return (l ? document.getElementById(l.htmlFor) : null) as T;
};
const submit = (b: HTMLButtonElement) => b.closest('form')?.requestSubmit(b);
const section = (root: ParentNode, title: string) => [...root.querySelectorAll('section')].find((s) => s.querySelector('h2')?.textContent === title) as HTMLElement;
const facts = (root: ParentNode) =>
  Object.fromEntries([...root.querySelectorAll('dl.facts dt')].map((dt) => [dt.textContent ?? '', dt.nextElementSibling?.textContent ?? '']));
const dialog = () => document.querySelector('dialog') as HTMLDialogElement;

beforeAll(() => {
  // jsdom has no modal dialogs
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
    this.removeAttribute('open');
  };
});

afterEach(() => vi.unstubAllGlobals());

/** Every table has a caption and column headers with a scope; every form control a label; headings in order. */
function expectAccessibleStructure(main: HTMLElement): void {
  for (const table of main.querySelectorAll('table')) {
    expect(table.querySelector('caption')?.textContent?.trim()).toBeTruthy();
    for (const th of table.querySelectorAll('thead th')) expect(th.getAttribute('scope')).toBe('col');
    for (const th of table.querySelectorAll('tbody th')) expect(th.getAttribute('scope')).toBe('row');
    for (const row of table.querySelectorAll('tbody tr')) expect(row.children).toHaveLength(table.querySelectorAll('thead th').length);
  }
  for (const control of main.querySelectorAll('input, select, textarea')) {
    expect(main.querySelector(`label[for="${control.id}"]`), `label of #${control.id}`).not.toBeNull();
  }
  const ids = [...main.querySelectorAll('[id]')].map((e) => e.id);
  expect(new Set(ids).size, 'ids are unique').toBe(ids.length);
  const levels = [...main.querySelectorAll('h1, h2, h3, h4')].map((x) => Number(x.tagName.slice(1)));
  expect(levels[0]).toBe(1);
  levels.forEach((level, i) => i > 0 && expect(level - levels[i - 1]).toBeLessThanOrEqual(1));
}

/** Nothing of the page carries the secret: neither its text nor any attribute nor a control's value. */
function expectNoSecret(main: HTMLElement, secret: string): void {
  expect(main.innerHTML).not.toContain(secret);
  expect(main.textContent).not.toContain(secret);
  for (const control of main.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea')) expect(control.value).not.toContain(secret);
}

// ---- « Connecteurs »

describe('connectors page', () => {
  it('shows the configuration of each software, « Non configuré » otherwise, and the counts with a link to the exchanges', async () => {
    const { calls } = server({ 'GET /integration/connectors': [hr()], 'GET /integration/summary': SUMMARY });
    const main = await render(connectorsView(context()));
    expect(calls.map((c) => `${c.method} ${c.path}`).sort()).toEqual(['GET /integration/connectors', 'GET /integration/summary']);
    expect(main.querySelector('h1')?.textContent).toBe('Connecteurs');
    expect([...main.querySelectorAll('h2')].map((x) => x.textContent)).toEqual(['Messages vers les logiciels', 'Logiciel RH', 'Logiciel financier']);
    expect([...main.querySelectorAll('nav[aria-label="Intégrations"] a')].map((a) => [a.textContent, a.getAttribute('aria-current')])).toEqual([
      ['Configuration des connecteurs', 'true'],
      ['Suivi des échanges', null],
      ['Import des agents (RH)', null],
    ]);

    const counts = section(main, 'Messages vers les logiciels');
    expect(facts(counts)).toEqual({ 'En attente': '2 messages', Envoyés: '14 messages', 'En échec': '1 message' });
    expect(counts.textContent).toContain('Un message a échoué définitivement');
    expect(counts.querySelector('a')?.getAttribute('href')).toBe('/connecteurs/echanges');

    const rh = section(main, 'Logiciel RH');
    expect(facts(rh)).toEqual({
      État: 'Actif',
      Transport: 'REST (HTTPS/JSON)',
      Adresse: 'https://rh.wissembourg.fr/api',
      Identifiant: 'metrocloud',
      Secret: 'Un secret est enregistré',
      Périodicité: 'Toutes les heures',
      'Correspondances de champs': '{\n  "matricule": "code_agent"\n}',
    });
    expect(labelled<HTMLSelectElement>(rh, 'Transport').value).toBe('REST');
    expect([...labelled<HTMLSelectElement>(rh, 'Transport').options].map((o) => o.textContent)).toEqual(['REST (HTTPS/JSON)', 'SFTP (fichiers CSV)']);
    expect(labelled(rh, 'Adresse du logiciel').value).toBe('https://rh.wissembourg.fr/api');
    expect(labelled(rh, 'Identifiant (facultatif)').value).toBe('metrocloud');
    const secret = labelled(rh, 'Secret : mot de passe ou jeton (facultatif)');
    expect(secret.type).toBe('password');
    expect(secret.getAttribute('autocomplete')).toBe('new-password');
    expect(secret.value).toBe('');
    expect(secret.hasAttribute('value')).toBe(false);
    const hint = document.getElementById(secret.getAttribute('aria-describedby') ?? '');
    expect(hint?.textContent).toContain('chiffré');
    expect(hint?.textContent).toContain('n’est plus jamais affiché');
    expect(hint?.textContent).toContain('Laissez ce champ vide pour conserver le secret enregistré.');
    expect(labelled(rh, 'Périodicité en minutes').value).toBe('60');
    expect(labelled<HTMLTextAreaElement>(rh, 'Correspondances de champs (JSON)').value).toBe('{\n  "matricule": "code_agent"\n}');
    expect(labelled(rh, 'Connecteur actif (les messages sont envoyés)').checked).toBe(true);
    expect(button(rh, 'Enregistrer').textContent).toBe('Enregistrer la configuration du logiciel RH');
    expect(button(rh, 'Tester la connexion').textContent).toBe('Tester la connexion au logiciel RH');
    expect(button(rh, 'Supprimer').textContent).toBe('Supprimer le connecteur du logiciel RH');

    const finance = section(main, 'Logiciel financier');
    expect(finance.querySelector('.connector-state')?.textContent).toBe('Non configuré : aucun logiciel financier n’est relié à MetroCloud.');
    expect(finance.querySelector('h3#connecteur-finance-form-titre')?.textContent).toBe('Configurer le connecteur');
    expect(labelled(finance, 'Adresse du logiciel').value).toBe('');
    expect(labelled(finance, 'Périodicité en minutes').value).toBe('60');
    expect(labelled<HTMLTextAreaElement>(finance, 'Correspondances de champs (JSON)').value).toBe('{}');
    // nothing to test or remove before it is configured
    expect(button(finance, 'Tester la connexion')).toBeUndefined();
    expect(button(finance, 'Supprimer')).toBeUndefined();
    expectAccessibleStructure(main);
  });

  it('still shows the connectors when the counts cannot be read', async () => {
    server({ 'GET /integration/connectors': [], 'GET /integration/summary': problem(503, 'unavailable', 'Indisponible') });
    const main = await render(connectorsView(context()));
    expect(section(main, 'Messages vers les logiciels').textContent).toContain('Les compteurs de messages sont momentanément indisponibles.');
    expect(main.querySelectorAll('.connector-state')).toHaveLength(2);
  });

  it('configures a connector: the request sent, the secret never shown again, the status message focused', async () => {
    let stored: Connector | null = null;
    const { sent } = server({
      'GET /integration/connectors': [],
      'GET /integration/summary': SUMMARY,
      'PUT /integration/connectors/FINANCE': (c: Call) => {
        const body = c.body as Record<string, unknown>;
        stored = {
          kind: 'FINANCE',
          transport: String(body.transport),
          endpoint: String(body.endpoint),
          username: body.username as string | undefined,
          secretSet: stored?.secretSet === true || typeof body.secret === 'string',
          scheduleMinutes: Number(body.scheduleMinutes),
          mappings: String(body.mappings),
          enabled: body.enabled === true,
        };
        return stored;
      },
    });
    const main = await render(connectorsView(context()));
    const finance = section(main, 'Logiciel financier');
    labelled<HTMLSelectElement>(finance, 'Transport').value = 'SFTP';
    labelled(finance, 'Adresse du logiciel').value = ' sftp://sftp.wissembourg.fr/depot ';
    labelled(finance, 'Identifiant (facultatif)').value = 'metrocloud';
    labelled(finance, 'Secret : mot de passe ou jeton (facultatif)').value = SECRET;
    labelled(finance, 'Périodicité en minutes').value = '30';
    labelled<HTMLTextAreaElement>(finance, 'Correspondances de champs (JSON)').value = '{\n "compte": "imputation"\n}';
    submit(button(finance, 'Enregistrer'));
    await settle();

    expect(sent('PUT', '/integration/connectors/FINANCE').map((c) => c.body)).toEqual([
      { transport: 'SFTP', endpoint: 'sftp://sftp.wissembourg.fr/depot', username: 'metrocloud', secret: SECRET, scheduleMinutes: 30, mappings: '{"compte":"imputation"}', enabled: true },
    ]);
    const status = finance.querySelector('#connecteur-finance-resultat') as HTMLElement;
    expect(status.getAttribute('role')).toBe('status');
    expect(status.textContent).toBe('Configuration du logiciel financier enregistrée. Le nouveau secret est chiffré ; il ne sera plus affiché.');
    expect(document.activeElement).toBe(status);
    expect(facts(finance).Secret).toBe('Un secret est enregistré');
    expect(facts(finance).Transport).toBe('SFTP (fichiers CSV)');
    expect(labelled(finance, 'Secret : mot de passe ou jeton (facultatif)').value).toBe('');
    expect(button(finance, 'Tester la connexion')).toBeDefined();
    expectNoSecret(main, SECRET);

    // saved again with the secret field left empty: no `secret` member, the stored one is kept
    labelled(finance, 'Périodicité en minutes').value = '1440';
    submit(button(finance, 'Enregistrer'));
    await settle();
    const second = sent('PUT', '/integration/connectors/FINANCE')[1];
    expect(second.body).toEqual({ transport: 'SFTP', endpoint: 'sftp://sftp.wissembourg.fr/depot', username: 'metrocloud', scheduleMinutes: 1440, mappings: '{"compte":"imputation"}', enabled: true });
    expect(second.rawBody).not.toContain('secret');
    expect(status.textContent).toBe('Configuration du logiciel financier enregistrée. Le secret enregistré est conservé.');
    expect(facts(finance).Périodicité).toBe('Tous les jours');
    expectAccessibleStructure(main);
  });

  it('checks the form before sending: the JSON mappings, the address and the schedule, in a focused summary', async () => {
    const { sent } = server({ 'GET /integration/connectors': [hr()], 'GET /integration/summary': SUMMARY });
    const main = await render(connectorsView(context()));
    const rh = section(main, 'Logiciel RH');
    const mappings = labelled<HTMLTextAreaElement>(rh, 'Correspondances de champs (JSON)');
    mappings.value = '{matricule: code_agent}';
    labelled(rh, 'Adresse du logiciel').value = 'sftp://rh.wissembourg.fr/api';
    labelled(rh, 'Périodicité en minutes').value = '2';
    submit(button(rh, 'Enregistrer'));
    await settle();
    expect(sent('PUT', '/integration')).toHaveLength(0);
    const summary = rh.querySelector('#connecteur-hr-erreurs') as HTMLElement;
    expect(summary.hidden).toBe(false);
    expect(summary.getAttribute('role')).toBe('alert');
    expect(document.activeElement).toBe(summary);
    expect([...summary.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual(['#connecteur-hr-adresse', '#connecteur-hr-periodicite', '#connecteur-hr-correspondances']);
    expect(summary.textContent).toContain('Correspondances de champs (JSON) : Le texte n’est pas du JSON valide');
    expect(mappings.getAttribute('aria-invalid')).toBe('true');
    expect(mappings.getAttribute('aria-describedby')?.split(' ')).toEqual(['connecteur-hr-correspondances-erreur', 'connecteur-hr-correspondances-aide']);
    expect(rh.querySelector('#connecteur-hr-correspondances-erreur')?.textContent).toMatch(/^Le texte n’est pas du JSON valide/);
    expect(rh.querySelector('#connecteur-hr-adresse-erreur')?.textContent).toBe('Adresse REST attendue : https://hôte[:port]/chemin.');

    mappings.value = '["matricule"]';
    labelled(rh, 'Adresse du logiciel').value = 'https://rh.wissembourg.fr/api';
    labelled(rh, 'Périodicité en minutes').value = '60';
    submit(button(rh, 'Enregistrer'));
    await settle();
    expect(sent('PUT', '/integration')).toHaveLength(0);
    expect(summary.querySelectorAll('li')).toHaveLength(1);
    expect(rh.querySelector('#connecteur-hr-correspondances-erreur')?.textContent).toMatch(/^Les correspondances doivent être un objet JSON/);
    expect(labelled(rh, 'Adresse du logiciel').hasAttribute('aria-invalid')).toBe(false);
    expectAccessibleStructure(main);
  });

  it('shows the server’s refusal (its detail) in the alert, and keeps what was typed', async () => {
    server({
      'GET /integration/connectors': [hr()],
      'GET /integration/summary': SUMMARY,
      'PUT /integration/connectors/HR': problem(422, 'invalid-connector', "Pas d'identifiants dans l'adresse : utilisez les champs prévus (chiffrés)."),
    });
    const main = await render(connectorsView(context()));
    const rh = section(main, 'Logiciel RH');
    labelled(rh, 'Adresse du logiciel').value = 'https://rh.wissembourg.fr/autre';
    submit(button(rh, 'Enregistrer'));
    await settle();
    const summary = rh.querySelector('#connecteur-hr-erreurs') as HTMLElement;
    expect(summary.hidden).toBe(false);
    expect(summary.textContent).toBe("Pas d'identifiants dans l'adresse : utilisez les champs prévus (chiffrés).");
    expect(document.activeElement).toBe(summary);
    expect(labelled(rh, 'Adresse du logiciel').value).toBe('https://rh.wissembourg.fr/autre');
    expect(button(rh, 'Enregistrer').disabled).toBe(false);
  });

  it('tests the connection: each step with its outcome, the failed one said in the focused status message', async () => {
    const report: TestReport = {
      ok: false,
      steps: [
        { name: 'Résolution du nom', ok: true, detail: 'rh.wissembourg.fr → 10.0.0.5' },
        { name: 'Connexion TCP', ok: true, detail: 'rh.wissembourg.fr:443 joignable' },
        { name: 'TLS', ok: true, detail: 'Certificat du serveur accepté' },
        { name: 'Authentification', ok: false, detail: 'Identifiants refusés (HTTP 401)' },
      ],
    };
    const { sent } = server({ 'GET /integration/connectors': [hr()], 'GET /integration/summary': SUMMARY, 'POST /integration/connectors/HR/test': report });
    const main = await render(connectorsView(context()));
    const rh = section(main, 'Logiciel RH');
    button(rh, 'Tester la connexion').click();
    await settle();
    expect(sent('POST', '/integration/connectors/HR/test').map((c) => c.rawBody)).toEqual(['{}']);
    const status = rh.querySelector('#connecteur-hr-resultat') as HTMLElement;
    expect(status.textContent).toBe('Échec de la connexion au logiciel RH à l’étape « Authentification » : Identifiants refusés (HTTP 401).');
    expect(document.activeElement).toBe(status);
    const steps = [...rh.querySelectorAll('ol.test-steps li')].map((li) => li.textContent);
    expect(steps).toEqual([
      'Résolution du nom : Réussie — rh.wissembourg.fr → 10.0.0.5',
      'Connexion TCP : Réussie — rh.wissembourg.fr:443 joignable',
      'TLS : Réussie — Certificat du serveur accepté',
      'Authentification : Échec — Identifiants refusés (HTTP 401)',
    ]);
    expect(rh.querySelector('.connection-test .report-summary')?.textContent).toBe('Échec à l’étape « Authentification ».');
    expect(rh.querySelector('ol.test-steps')?.getAttribute('aria-labelledby')).toBe('connecteur-hr-test-titre');
    expectAccessibleStructure(main);

    // a passing test
    vi.unstubAllGlobals();
    server({ 'POST /integration/connectors/HR/test': { ok: true, steps: report.steps.slice(0, 3).concat([{ name: 'Réponse HTTP', ok: true, detail: 'HTTP 200' }]) } });
    button(rh, 'Tester la connexion').click();
    await settle();
    expect(status.textContent).toBe('Connexion au logiciel RH réussie : toutes les étapes du test ont abouti.');
    expect([...rh.querySelectorAll('ol.test-steps li .step-outcome')].map((x) => x.textContent)).toEqual(['Réussie', 'Réussie', 'Réussie', 'Réussie']);
  });

  it('shows a refused test in the alert', async () => {
    server({ 'GET /integration/connectors': [hr()], 'GET /integration/summary': SUMMARY, 'POST /integration/connectors/HR/test': problem(404, 'connector-not-found', 'Aucun connecteur à tester.') });
    const main = await render(connectorsView(context()));
    const rh = section(main, 'Logiciel RH');
    button(rh, 'Tester la connexion').click();
    await settle();
    const summary = rh.querySelector('#connecteur-hr-erreurs') as HTMLElement;
    expect(summary.textContent).toBe('Aucun connecteur à tester.');
    expect(document.activeElement).toBe(summary);
    expect(rh.querySelector('ol.test-steps')).toBeNull();
  });

  it('removes a connector after a confirmation dialog, then says so in the focused status message', async () => {
    const { sent } = server({ 'GET /integration/connectors': [hr()], 'GET /integration/summary': SUMMARY, 'DELETE /integration/connectors/HR': { deleted: 'HR' } });
    const main = await render(connectorsView(context()));
    const rh = section(main, 'Logiciel RH');
    const remove = button(rh, 'Supprimer');
    remove.focus();
    remove.click();
    const box = dialog();
    expect(box.hasAttribute('open')).toBe(true);
    expect(box.querySelector('h2')?.textContent).toBe('Supprimer le connecteur du logiciel RH ?');
    expect(box.textContent).toContain('Les messages destinés au logiciel RH attendront');
    // cancelled: nothing sent
    button(box, 'Conserver le connecteur').click();
    expect(document.querySelector('dialog')).toBeNull();
    expect(sent('DELETE', '/integration')).toHaveLength(0);
    expect(document.activeElement).toBe(remove);

    remove.click();
    submit(button(dialog(), 'Supprimer le connecteur'));
    await settle();
    expect(sent('DELETE', '/integration/connectors/HR')).toHaveLength(1);
    expect(document.querySelector('dialog')).toBeNull();
    const status = rh.querySelector('#connecteur-hr-resultat') as HTMLElement;
    expect(status.textContent).toBe('Le connecteur du logiciel RH est supprimé : ses messages attendront une nouvelle configuration.');
    expect(document.activeElement).toBe(status);
    expect(rh.querySelector('.connector-state')?.textContent).toContain('Non configuré');
    expect(button(rh, 'Supprimer')).toBeUndefined();
  });

  it('keeps the dialog open with the server’s refusal', async () => {
    server({ 'GET /integration/connectors': [hr()], 'GET /integration/summary': SUMMARY, 'DELETE /integration/connectors/HR': problem(404, 'connector-not-found', 'Aucun connecteur RH n’est configuré pour la commune.') });
    const main = await render(connectorsView(context()));
    button(section(main, 'Logiciel RH'), 'Supprimer').click();
    submit(button(dialog(), 'Supprimer le connecteur'));
    await settle();
    expect(dialog().hasAttribute('open')).toBe(true);
    expect(dialog().querySelector('[role="alert"]')?.textContent).toBe('Aucun connecteur RH n’est configuré pour la commune.');
    button(dialog(), 'Conserver le connecteur').click();
  });
});

// ---- « Suivi des échanges »

describe('exchanges page', () => {
  const log = [
    exchange({ id: 'x-3', status: 'DEAD', attempt: 8, at: '2026-12-02T11:00:00Z', durationMs: 5003, detail: 'Connexion refusée', correlationId: null }),
    exchange({ id: 'x-2', status: 'FAILED', attempt: 7, at: '2026-12-02T10:30:00Z', durationMs: 1250, detail: 'HTTP 503' }),
    exchange({ id: 'x-1', flow: 'mission.expenses-approved', connector: 'FINANCE', at: '2026-12-02T10:00:00Z' }),
    exchange({ id: 'x-0', flow: 'payroll.closed', direction: 'IN', status: 'RECEIVED', attempt: 0, durationMs: null }),
  ];
  const pending = [message({ id: 'm-2', status: 'PENDING', flow: 'mission.signed', idempotencyKey: 'mission.signed:o-3', attempts: 2, nextAttemptAt: '2026-12-02T12:00:00Z', lastError: 'HTTP 503' })];

  it('shows the log, the dead letters and the pending messages in tables', async () => {
    const { calls } = server({
      'GET /integration/exchanges': log,
      'GET /integration/messages?status=DEAD&limit=100': [message()],
      'GET /integration/messages?status=PENDING&limit=100': pending,
    });
    const main = await render(exchangesView(context()));
    expect(calls.map((c) => c.path).sort()).toEqual(['/integration/exchanges?limit=100', '/integration/messages?status=DEAD&limit=100', '/integration/messages?status=PENDING&limit=100']);
    expect(main.querySelector('h1')?.textContent).toBe('Suivi des échanges');
    expect(main.querySelector('.breadcrumb a')?.getAttribute('href')).toBe('/connecteurs');
    expect([...main.querySelectorAll('h2')].map((x) => x.textContent)).toEqual(['Journal des échanges', 'Lettres mortes', 'En attente']);
    expect(main.querySelector('nav[aria-label="Intégrations"] a[aria-current="true"]')?.textContent).toBe('Suivi des échanges');

    const table = main.querySelector('[aria-label="Tableau du journal des échanges"] table') as HTMLTableElement;
    expect(table.querySelector('caption')?.textContent).toBe('4 échanges, les plus récents en premier');
    expect([...table.querySelectorAll('thead th')].map((th) => th.textContent)).toEqual(['Date', 'Sens', 'Connecteur', 'Flux', 'Statut', 'Tentative', 'Durée', 'Identifiant de corrélation', 'Détail']);
    const rows = [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent));
    expect(rows[0]).toEqual(['02/12/2026 12:00', 'Envoi', 'Logiciel RH', 'Congé accordé', 'Échec définitif', '8', '5\u00a0s', '—', 'Connexion refusée']);
    expect(rows[1]).toEqual(['02/12/2026 11:30', 'Envoi', 'Logiciel RH', 'Congé accordé', 'Échec (nouvel essai prévu)', '7', '1,3\u00a0s', 'c0ffee-42', 'HTTP 503']);
    expect(rows[2]).toEqual(['02/12/2026 11:00', 'Envoi', 'Logiciel financier', 'Frais de mission à rembourser', 'Envoyé', '1', '120\u00a0ms', 'c0ffee-42', '—']);
    expect(rows[3].slice(1, 6)).toEqual(['Réception', 'Logiciel RH', 'payroll.closed', 'Reçu', '—']);

    const dead = main.querySelector('[aria-label="Tableau des lettres mortes"] table') as HTMLTableElement;
    expect(dead.querySelector('caption')?.textContent).toBe('1 message en échec définitif');
    expect([...dead.querySelectorAll('thead th')].map((th) => th.textContent)).toEqual(['Flux', 'Connecteur', 'Clé d’idempotence', 'Tentatives', 'Dernière erreur', 'Créé le', 'Action']);
    expect([...dead.querySelectorAll('tbody tr')[0].children].map((c) => c.textContent)).toEqual([
      'Congé accordé',
      'Logiciel RH',
      'leave.approved:r-17',
      '8',
      'Connexion refusée sur rh.wissembourg.fr:443',
      '01/12/2026 10:00',
      'Rejouer le message Congé accordé leave.approved:r-17',
    ]);

    const waiting = main.querySelector('[aria-label="Tableau des messages en attente"] table') as HTMLTableElement;
    expect([...waiting.querySelectorAll('thead th')].map((th) => th.textContent)).toContain('Prochain essai');
    expect([...waiting.querySelectorAll('tbody tr')[0].children].map((c) => c.textContent)).toEqual([
      'Ordre de mission signé',
      'Logiciel RH',
      'mission.signed:o-3',
      '2',
      '02/12/2026 13:00',
      'HTTP 503',
      '01/12/2026 10:00',
    ]);
    expect(main.textContent).not.toContain('{"agent":"lea"}');
    expectAccessibleStructure(main);
  });

  it('says when there is nothing to show', async () => {
    server({ 'GET /integration/exchanges': [], 'GET /integration/messages': [] });
    const main = await render(exchangesView(context()));
    expect(main.querySelector('table')).toBeNull();
    expect([...main.querySelectorAll('.empty')].map((p) => p.textContent)).toEqual([
      'Aucun échange pour le moment : rien n’a encore été envoyé aux logiciels de la commune.',
      'Aucune lettre morte : aucun message n’est en échec définitif.',
      'Aucun message en attente d’envoi.',
    ]);
    expectAccessibleStructure(main);
  });

  it('filters the log by flow and status, keeps the criteria in the address and announces the count', async () => {
    const { sent } = server({
      'GET /integration/exchanges': (c: Call) => (c.path.includes('status=DEAD') ? [log[0]] : log),
      'GET /integration/messages': [],
    });
    const pushed: string[] = [];
    vi.spyOn(window.history, 'pushState').mockImplementation((_s, _t, url) => void pushed.push(String(url)));
    const main = await render(exchangesView(context('flow=leave.approved&status=bogus')));
    expect(sent('GET', '/integration/exchanges').map((c) => c.path)).toEqual(['/integration/exchanges?flow=leave.approved&limit=100']);
    const flow = labelled<HTMLSelectElement>(main, 'Flux');
    const status = labelled<HTMLSelectElement>(main, 'Statut');
    expect(flow.value).toBe('leave.approved');
    expect(status.value).toBe('');
    expect([...flow.options].map((o) => o.textContent)).toEqual(['Tous les flux', 'Congé accordé', 'Congé annulé', 'Ordre de mission signé', 'Frais de mission à rembourser']);
    expect([...status.options].map((o) => o.textContent)).toEqual(['Tous les statuts', 'Envoyé', 'Échec (nouvel essai prévu)', 'Échec définitif', 'Rejoué', 'Reçu']);
    expect(main.querySelector('form[role="search"]')?.getAttribute('aria-label')).toBe('Filtrer le journal des échanges');

    status.value = 'DEAD';
    submit(button(main, 'Filtrer'));
    await settle();
    expect(sent('GET', '/integration/exchanges').map((c) => c.path)[1]).toBe('/integration/exchanges?flow=leave.approved&status=DEAD&limit=100');
    expect(pushed).toEqual(['/connecteurs/echanges?flow=leave.approved&status=DEAD']);
    expect(main.querySelectorAll('[aria-label="Tableau du journal des échanges"] tbody tr')).toHaveLength(1);
    await wait(60);
    expect(main.querySelector('#echanges-nombre')?.textContent).toBe('1 échange');
    vi.restoreAllMocks();
  });

  it('keeps an unknown flow of the address as a choice, shown by its code', async () => {
    server({ 'GET /integration/exchanges': [], 'GET /integration/messages': [] });
    const main = await render(exchangesView(context('flow=payroll.closed')));
    const flow = labelled<HTMLSelectElement>(main, 'Flux');
    expect(flow.value).toBe('payroll.closed');
    expect(flow.selectedOptions[0].textContent).toBe('payroll.closed');
    expect(main.querySelector('.empty')?.textContent).toBe('Aucun échange ne correspond à ces filtres.');
  });

  it('replays a dead letter: the status message is focused, the lists are read again', async () => {
    let replayed = false;
    const { sent } = server({
      'GET /integration/exchanges': () => (replayed ? [exchange({ id: 'x-9', status: 'REPLAYED', attempt: 0, durationMs: null, detail: 'Rejoué par Claire Admin' }), ...log] : log),
      'GET /integration/messages?status=DEAD&limit=100': () => (replayed ? [] : [message()]),
      'GET /integration/messages?status=PENDING&limit=100': () => (replayed ? [message({ status: 'PENDING', attempts: 0, nextAttemptAt: '2026-12-02T12:00:00Z' })] : []),
      'POST /integration/messages/m-1/replay': () => {
        replayed = true;
        return message({ status: 'PENDING', attempts: 0 });
      },
    });
    const main = await render(exchangesView(context()));
    const replay = button(main, 'Rejouer');
    replay.click();
    await settle(8);
    expect(sent('POST', '/integration/messages/m-1/replay')).toHaveLength(1);
    const status = main.querySelector('#echanges-resultat') as HTMLElement;
    expect(status.getAttribute('role')).toBe('status');
    expect(status.textContent).toBe('Le message « Congé accordé » (clé leave.approved:r-17) est rejoué : il repart en file d’envoi vers le logiciel RH.');
    expect(document.activeElement).toBe(status);
    expect(sent('GET', '/integration/messages?status=DEAD')).toHaveLength(2);
    expect(sent('GET', '/integration/exchanges')).toHaveLength(2);
    expect(section(main, 'Lettres mortes').querySelector('.empty')?.textContent).toBe('Aucune lettre morte : aucun message n’est en échec définitif.');
    expect(section(main, 'En attente').querySelectorAll('tbody tr')).toHaveLength(1);
    expect(main.querySelector('[aria-label="Tableau du journal des échanges"] tbody tr')?.textContent).toContain('Rejoué');
    expectAccessibleStructure(main);
  });

  it('shows a refused replay (not dead any more) in an alert that takes the focus', async () => {
    server({
      'GET /integration/exchanges': [],
      'GET /integration/messages?status=DEAD&limit=100': [message()],
      'GET /integration/messages?status=PENDING&limit=100': [],
      'POST /integration/messages/m-1/replay': problem(409, 'not-dead', 'Seul un message en échec définitif (lettre morte) se rejoue.'),
    });
    const main = await render(exchangesView(context()));
    const replay = button(main, 'Rejouer');
    replay.click();
    await settle();
    const alert = main.querySelector('#rejeu-refus') as HTMLElement;
    expect(alert.hidden).toBe(false);
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.textContent).toBe('Seul un message en échec définitif (lettre morte) se rejoue.');
    expect(document.activeElement).toBe(alert);
    expect(replay.disabled).toBe(false);
    expect(main.querySelector('#echanges-resultat')?.textContent).toBe('');
  });
});

// ---- « Import des agents (RH) »

describe('agents’ import page', () => {
  const report = (overrides: Partial<ImportReport> = {}): ImportReport => ({
    id: 'i-1',
    source: 'UPLOAD',
    fileName: 'agents-decembre.csv',
    sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    encoding: 'UTF-8',
    receivedAt: '2026-12-02T10:00:00Z',
    by: 'admin.wissembourg',
    status: 'PARTIAL',
    lines: 3,
    applied: 1,
    unchanged: 1,
    created: 1,
    left: 0,
    errors: [{ line: 3, identifier: 'paul.kieffer', reason: 'Le courriel est obligatoire.' }],
    ...overrides,
  });
  /** The list's summaries carry no errors. */
  const listed = (r: ImportReport): ImportReport => {
    const { errors: _errors, ...rest } = r;
    return rest;
  };
  const HISTORY = [
    listed(report({ id: 'i-2', source: 'SFTP', fileName: 'export_rh.csv', status: 'APPLIED', encoding: 'ISO-8859-1', receivedAt: '2026-12-01T05:00:00Z', lines: 40, applied: 2, unchanged: 37, created: 0, left: 1 })),
    listed(report({ id: 'i-0', status: 'DUPLICATE', duplicateOf: 'i-9', receivedAt: '2026-11-30T09:30:00Z' })),
  ];

  /** The example's Blob, as the page built it (jsdom has no object URLs). */
  let templates: Blob[];
  const createObjectURL = URL.createObjectURL;
  beforeEach(() => {
    templates = [];
    URL.createObjectURL = ((blob: Blob) => {
      templates.push(blob);
      return `blob:modele-${templates.length}`;
    }) as typeof URL.createObjectURL;
  });
  afterAll(() => {
    URL.createObjectURL = createObjectURL;
  });
  const readText = (blob: Blob) =>
    new Promise<string>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.readAsText(blob);
    });
  const choose = (main: HTMLElement, file: File | null) => {
    Object.defineProperty(labelled(main, 'Fichier des agents (CSV)'), 'files', { value: file ? [file] : [], configurable: true });
  };
  const csv = () => new File([new Uint8Array([0x69, 0x64, 0x3b, 0xe9, 0x0a])], 'agents-decembre.csv', { type: '' });
  const rows = (table: Element | null) => [...(table?.querySelectorAll('tbody tr') ?? [])].map((tr) => [...tr.children].map((c) => c.textContent));

  it('explains the file, offers an example, the file form, the HR connector button and the history', async () => {
    const { calls } = server({ 'GET /integration/hr/imports': HISTORY });
    const main = await render(agentImportsView(context()));
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual(['GET /integration/hr/imports']);
    expect(main.querySelector('h1')?.textContent).toBe('Import des agents (RH)');
    expect(main.querySelector('.breadcrumb a')?.getAttribute('href')).toBe('/connecteurs');
    expect(main.querySelector('nav[aria-label="Intégrations"] a[aria-current="true"]')?.textContent).toBe('Import des agents (RH)');
    expect([...main.querySelectorAll('h2, h3')].map((x) => `${x.tagName} ${x.textContent}`)).toEqual([
      'H2 Fichier attendu',
      'H2 Importer',
      'H3 Depuis un fichier',
      'H3 Depuis le logiciel RH',
      'H2 Historique des imports',
    ]);

    const expected = section(main, 'Fichier attendu');
    expect(expected.textContent).toContain('points-virgules (« ; ») ou des virgules');
    expect(expected.textContent).toContain('UTF-8 ou ISO-8859-1 (Latin-1), est reconnu ligne par ligne');
    expect(expected.textContent).toContain('les correspondances de champs du connecteur RH les renomment');
    const columns = expected.querySelector('[aria-label="Tableau des colonnes du fichier des agents"] table') as HTMLTableElement;
    expect(columns.querySelector('caption')?.textContent).toBe('Colonnes du fichier des agents');
    expect(rows(columns).map(([name, , required]) => `${name}:${required}`)).toEqual([
      'identifiant:Oui',
      'nom:Oui',
      'prenom:Oui',
      'courriel:Oui',
      'matricule:Non',
      'service:Non',
      'responsable:Non',
      'rythme:Non',
      'solde_ca:Non',
      'solde_rtt:Non',
      'solde_cet:Non',
      'date_sortie:Non',
    ]);
    expect(rows(columns)[11][1]).toContain('JJ/MM/AAAA ou AAAA-MM-JJ');
    const template = [...expected.querySelectorAll('a')].find((a) => a.textContent === 'Télécharger un modèle') as HTMLAnchorElement;
    expect(template.getAttribute('download')).toBe('modele-agents.csv');
    expect(template.getAttribute('href')).toBe('blob:modele-1');
    expect(templates[0].type).toBe('text/csv;charset=utf-8');
    expect(await readText(templates[0])).toBe(agentTemplateCsv());

    const file = labelled(main, 'Fichier des agents (CSV)');
    expect(file.type).toBe('file');
    expect(file.getAttribute('accept')).toBe('.csv,text/csv');
    expect(document.getElementById(file.getAttribute('aria-describedby') ?? '')?.textContent).toContain('10 Mo au plus');
    expect(button(main, 'Importer').type).toBe('submit');
    expect(button(main, 'Importer depuis le logiciel RH').type).toBe('button');
    expect(main.querySelector('#agents-progression')?.getAttribute('role')).toBe('status');

    const history = main.querySelector('[aria-label="Tableau de l’historique des imports"] table') as HTMLTableElement;
    expect(history.querySelector('caption')?.textContent).toBe('2 imports, les plus récents en premier');
    expect([...history.querySelectorAll('thead th')].map((th) => th.textContent)).toEqual([
      'Date',
      'Source',
      'Fichier',
      'Statut',
      'Lignes lues',
      'Appliquées',
      'Inchangées',
      'Nouveaux agents',
      'Départs',
    ]);
    expect(rows(history)).toEqual([
      ['01/12/2026 06:00 — voir le rapport', 'Logiciel RH (SFTP)', 'export_rh.csv', 'Appliqué', '40', '2', '37', '0', '1'],
      ['30/11/2026 10:30 — voir le rapport', 'Fichier déposé', 'agents-decembre.csv', 'Déjà traité', '—', '—', '—', '—', '—'],
    ]);
    expect([...history.querySelectorAll('tbody th a')].map((a) => a.getAttribute('href'))).toEqual(['/connecteurs/agents/i-2', '/connecteurs/agents/i-0']);
    expect(main.querySelector('#agents-dernier')?.children).toHaveLength(0);
    expectAccessibleStructure(main);
  });

  it('says when there is no import yet, and still offers the form when the history cannot be read', async () => {
    server({ 'GET /integration/hr/imports': [] });
    let main = await render(agentImportsView(context()));
    expect(section(main, 'Historique des imports').querySelector('.empty')?.textContent).toBe('Aucun import pour le moment.');

    vi.unstubAllGlobals();
    server({ 'GET /integration/hr/imports': problem(503, 'unavailable', 'Historique indisponible.') });
    main = await render(agentImportsView(context()));
    expect(section(main, 'Historique des imports').querySelector('.alert')?.textContent).toBe('Historique indisponible.');
    expect(button(main, 'Importer')).toBeDefined();
  });

  it('sends the chosen file as it is, says the progress with the buttons disabled, then shows the result and the history again', async () => {
    let answer: (r: unknown) => void = () => {};
    let imported = false;
    const done = report({ errors: [{ line: 4, reason: 'Solde de congés illisible : « douze ».' }, { line: 3, identifier: 'paul.kieffer', reason: 'Le courriel est obligatoire.' }] });
    const { sent } = server({
      'GET /integration/hr/imports': () => (imported ? [listed(done), ...HISTORY] : HISTORY),
      'POST /integration/hr/imports': () =>
        new Promise((resolve) => {
          answer = (r) => {
            imported = true;
            resolve(json(r, 201));
          };
        }),
    });
    const main = await render(agentImportsView(context()));
    const file = csv();
    choose(main, file);
    submit(button(main, 'Importer'));
    await settle();

    const posts = sent('POST', '/integration/hr/imports');
    expect(posts.map((c) => c.path)).toEqual(['/integration/hr/imports?fileName=agents-decembre.csv']);
    // the file itself: its bytes untouched (ISO-8859-1 here), in text/csv
    expect(posts[0].blob).toBe(file);
    expect(posts[0].headers['Content-Type']).toBe('text/csv');
    expect(button(main, 'Importer').disabled).toBe(true);
    expect(button(main, 'Importer').getAttribute('aria-busy')).toBe('true');
    expect(button(main, 'Importer depuis le logiciel RH').disabled).toBe(true);
    expect(main.querySelector('#agents-progression')?.textContent).toBe('Import du fichier « agents-decembre.csv » en cours…');

    answer(done);
    await settle(8);
    expect(button(main, 'Importer').disabled).toBe(false);
    expect(button(main, 'Importer depuis le logiciel RH').disabled).toBe(false);
    expect(main.querySelector('#agents-progression')?.textContent).toBe('');
    const status = main.querySelector('#agents-resultat') as HTMLElement;
    expect(status.getAttribute('role')).toBe('status');
    expect(status.textContent).toBe('Import appliqué en partie : 3 lignes lues, 1 appliquée, 1 inchangée, 1 nouvel agent, aucun départ, 2 lignes refusées.');
    expect(document.activeElement).toBe(status);

    const result = section(main, 'Résultat de l’import');
    expect(result.querySelector('.report-summary')?.textContent).toBe(status.textContent);
    expect(facts(result)).toEqual({
      Statut: 'Appliqué en partie',
      Fichier: 'agents-decembre.csv',
      Source: 'Fichier déposé',
      'Reçu le': '02/12/2026 11:00',
      Par: 'admin.wissembourg',
      Encodage: 'UTF-8',
      'Lignes lues': '3',
      'Lignes appliquées': '1',
      'Lignes inchangées': '1',
      'Nouveaux agents (comptes créés)': '1',
      'Départs (comptes désactivés, certificats révoqués)': '0',
      'Lignes refusées': '2',
      'Empreinte SHA-256': done.sha256,
    });
    expect(result.querySelector('h3')?.textContent).toBe('Lignes refusées');
    const errors = result.querySelector('[aria-label="Tableau des lignes refusées"] table') as HTMLTableElement;
    expect(errors.querySelector('caption')?.textContent).toBe('2 lignes refusées, dans l’ordre du fichier (l’en-tête est la ligne 1)');
    expect([...errors.querySelectorAll('thead th')].map((th) => th.textContent)).toEqual(['Ligne', 'Agent', 'Motif']);
    expect(rows(errors)).toEqual([
      ['3', 'paul.kieffer', 'Le courriel est obligatoire.'],
      ['4', '—', 'Solde de congés illisible : « douze ».'],
    ]);

    // the history read again: the new import comes first
    expect(sent('GET', '/integration/hr/imports')).toHaveLength(2);
    const history = main.querySelector('[aria-label="Tableau de l’historique des imports"] table') as HTMLTableElement;
    expect(history.querySelector('caption')?.textContent).toBe('3 imports, les plus récents en premier');
    expect(rows(history)[0]).toEqual(['02/12/2026 11:00 — voir le rapport', 'Fichier déposé', 'agents-decembre.csv', 'Appliqué en partie', '3', '1', '1', '1', '0']);
    expectAccessibleStructure(main);
  });

  it('says « Déjà traité » for the very same file, with a link to the earlier import and nothing counted', async () => {
    server({
      'GET /integration/hr/imports': HISTORY,
      'POST /integration/hr/imports': json(report({ id: 'i-1', status: 'DUPLICATE', duplicateOf: 'i-9', errors: undefined }), 200),
    });
    const main = await render(agentImportsView(context()));
    choose(main, csv());
    submit(button(main, 'Importer'));
    await settle(8);
    expect(main.querySelector('#agents-resultat')?.textContent).toBe('Fichier déjà traité : ce fichier a déjà été importé, rien n’a été modifié.');
    const result = section(main, 'Résultat de l’import');
    expect(facts(result).Statut).toBe('Déjà traité');
    expect(Object.keys(facts(result))).not.toContain('Lignes appliquées');
    const earlier = [...result.querySelectorAll('a')].find((a) => a.textContent === 'Voir l’import d’origine');
    expect(earlier?.getAttribute('href')).toBe('/connecteurs/agents/i-9');
    expect(earlier?.hasAttribute('data-link')).toBe(true);
    expect(result.querySelector('table')).toBeNull();
    expectAccessibleStructure(main);
  });

  it('checks the file before sending: none chosen, empty, larger than 10 Mo', async () => {
    const { sent } = server({ 'GET /integration/hr/imports': [] });
    const main = await render(agentImportsView(context()));
    const summary = main.querySelector('#agents-erreurs') as HTMLElement;
    choose(main, null);
    submit(button(main, 'Importer'));
    await settle();
    expect(sent('POST', '/integration')).toHaveLength(0);
    expect(summary.hidden).toBe(false);
    expect(summary.getAttribute('role')).toBe('alert');
    expect(document.activeElement).toBe(summary);
    expect(summary.querySelector('a')?.getAttribute('href')).toBe('#agents-fichier');
    expect(summary.textContent).toContain('Fichier des agents (CSV) : Choisissez le fichier des agents (CSV).');
    expect(labelled(main, 'Fichier des agents (CSV)').getAttribute('aria-invalid')).toBe('true');

    choose(main, new File([], 'vide.csv'));
    submit(button(main, 'Importer'));
    await settle();
    expect(main.querySelector('#agents-fichier-erreur')?.textContent).toBe('Le fichier est vide.');

    const big = new File(['x'], 'enorme.csv');
    Object.defineProperty(big, 'size', { value: 10 * 1024 * 1024 + 1 });
    choose(main, big);
    submit(button(main, 'Importer'));
    await settle();
    expect(main.querySelector('#agents-fichier-erreur')?.textContent).toBe('Le fichier dépasse 10 Mo, la taille maximale d’un import.');
    expect(sent('POST', '/integration')).toHaveLength(0);
    expectAccessibleStructure(main);
  });

  it('shows a file refused as a whole (its problem’s title and detail) in the alert that takes the focus', async () => {
    let refused = false;
    const { sent } = server({
      'GET /integration/hr/imports': () => (refused ? [listed(report({ status: 'REJECTED', lines: 0, applied: 0, unchanged: 0, created: 0 }))] : []),
      'POST /integration/hr/imports': () => {
        refused = true;
        return problem(422, 'missing-columns', 'Colonnes obligatoires absentes : courriel, prenom.', 'Fichier des agents illisible');
      },
    });
    const main = await render(agentImportsView(context()));
    choose(main, csv());
    submit(button(main, 'Importer'));
    await settle(8);
    const alert = main.querySelector('#agents-refus') as HTMLElement;
    expect(alert.hidden).toBe(false);
    expect(alert.getAttribute('role')).toBe('alert');
    expect([...alert.querySelectorAll('p')].map((p) => p.textContent)).toEqual(['Fichier des agents illisible', 'Colonnes obligatoires absentes : courriel, prenom.']);
    expect(document.activeElement).toBe(alert);
    expect(button(main, 'Importer').disabled).toBe(false);
    expect(main.querySelector('#agents-progression')?.textContent).toBe('');
    expect(main.querySelector('#agents-resultat')?.textContent).toBe('');
    expect(main.querySelector('#agents-dernier')?.children).toHaveLength(0);
    // the refused file is recorded: the history, read again, shows it
    expect(sent('GET', '/integration/hr/imports')).toHaveLength(2);
    expect(rows(main.querySelector('[aria-label="Tableau de l’historique des imports"] table'))[0][3]).toBe('Refusé');
    expect(document.activeElement).toBe(alert);
  });

  it('says a file too large for the server in French, even without a problem document', async () => {
    server({ 'GET /integration/hr/imports': [], 'POST /integration/hr/imports': new Response('Request Entity Too Large', { status: 413, headers: { 'Content-Type': 'text/plain' } }) });
    const main = await render(agentImportsView(context()));
    choose(main, csv());
    submit(button(main, 'Importer'));
    await settle(8);
    expect([...main.querySelectorAll('#agents-refus p')].map((p) => p.textContent)).toEqual(['Fichier trop volumineux', 'Le fichier dépasse 10 Mo, la taille maximale d’un import.']);
  });

  it('imports from the HR software now: the pull without a body, then its result', async () => {
    const pulled = report({ id: 'i-5', source: 'REST', fileName: 'agents.csv', status: 'APPLIED', encoding: 'MIXTE', lines: 2, applied: 2, unchanged: 0, created: 0, left: 2, errors: [] });
    const { sent } = server({ 'GET /integration/hr/imports': [], 'POST /integration/hr/imports/pull': json(pulled, 201) });
    const main = await render(agentImportsView(context()));
    button(main, 'Importer depuis le logiciel RH').click();
    expect(main.querySelector('#agents-progression')?.textContent).toBe('Lecture du fichier des agents chez le logiciel RH en cours…');
    await settle(8);
    expect(sent('POST', '/integration/hr/imports/pull').map((c) => [c.rawBody, c.blob])).toEqual([[undefined, undefined]]);
    expect(main.querySelector('#agents-resultat')?.textContent).toBe('Import appliqué : 2 lignes lues, 2 appliquées, aucune inchangée, aucun nouvel agent, 2 départs, aucune ligne refusée.');
    const result = section(main, 'Résultat de l’import');
    expect(facts(result).Source).toBe('Logiciel RH (REST)');
    expect(facts(result).Encodage).toBe('Mixte : UTF-8 et ISO-8859-1 selon les lignes');
    expect(result.querySelector('.empty')?.textContent).toBe('Aucune ligne refusée.');
    expectAccessibleStructure(main);
  });

  it('shows the HR connector’s refusals: none configured, software unreachable', async () => {
    let answer = problem(422, 'no-hr-connector', 'Aucun connecteur RH actif : configurez-le dans « Connecteurs ».', 'Pas de connecteur RH');
    server({ 'GET /integration/hr/imports': [], 'POST /integration/hr/imports/pull': () => answer });
    const main = await render(agentImportsView(context()));
    const alert = main.querySelector('#agents-refus') as HTMLElement;
    button(main, 'Importer depuis le logiciel RH').click();
    await settle(8);
    expect(alert.textContent).toBe('Pas de connecteur RHAucun connecteur RH actif : configurez-le dans « Connecteurs ».');
    expect(document.activeElement).toBe(alert);

    answer = problem(502, 'counterpart-unavailable', 'Le logiciel RH ne répond pas : connexion refusée sur rh.wissembourg.fr:443.', 'Logiciel RH injoignable');
    button(main, 'Importer depuis le logiciel RH').click();
    expect(alert.hidden).toBe(true);
    await settle(8);
    expect([...alert.querySelectorAll('p')].map((p) => p.textContent)).toEqual(['Logiciel RH injoignable', 'Le logiciel RH ne répond pas : connexion refusée sur rh.wissembourg.fr:443.']);
    expect(button(main, 'Importer depuis le logiciel RH').disabled).toBe(false);
  });
});

describe('agents’ import report page', () => {
  const rows = (table: Element | null) => [...(table?.querySelectorAll('tbody tr') ?? [])].map((tr) => [...tr.children].map((c) => c.textContent));

  it('shows one import: its summary, its facts and its rejected lines', async () => {
    const { calls } = server({
      'GET /integration/hr/imports/i-1': {
        id: 'i-1',
        source: 'SFTP',
        fileName: 'export_rh.csv',
        sha256: 'ab12cd',
        encoding: 'ISO-8859-1',
        receivedAt: '2026-12-02T10:00:00Z',
        by: 'admin.wissembourg',
        status: 'REJECTED',
        lines: 1,
        applied: 0,
        unchanged: 0,
        created: 0,
        left: 0,
        errors: [{ line: 2, identifier: 'zoe.schoenberg', reason: 'Responsable inconnu : jdupont.' }],
      },
    });
    const main = await render(agentImportView(context(), { id: 'i-1' }));
    expect(calls.map((c) => c.path)).toEqual(['/integration/hr/imports/i-1']);
    expect(main.querySelector('h1')?.textContent).toBe('Import du 02/12/2026 11:00');
    expect([...main.querySelectorAll('.breadcrumb a')].map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['Connecteurs', '/connecteurs'],
      ['Import des agents (RH)', '/connecteurs/agents'],
    ]);
    expect(main.querySelector('nav[aria-label="Intégrations"] a[aria-current="true"]')?.textContent).toBe('Import des agents (RH)');
    expect(main.querySelector('.report-summary')?.textContent).toBe('Import refusé : 1 ligne lue, aucune appliquée, aucune inchangée, aucun nouvel agent, aucun départ, 1 ligne refusée.');
    expect(facts(main)).toMatchObject({ Statut: 'Refusé', Source: 'Logiciel RH (SFTP)', Encodage: 'ISO-8859-1 (Latin-1)', 'Lignes lues': '1', 'Lignes refusées': '1' });
    expect([...main.querySelectorAll('h2')].map((x) => x.textContent)).toEqual(['Lignes refusées']);
    expect(rows(main.querySelector('[aria-label="Tableau des lignes refusées"] table'))).toEqual([['2', 'zoe.schoenberg', 'Responsable inconnu : jdupont.']]);
    expectAccessibleStructure(main);
  });

  it('fails with the server’s problem when the import is unknown', async () => {
    server({ 'GET /integration/hr/imports/i-404': problem(404, 'not-found', 'Aucun import des agents ne porte cet identifiant.') });
    await expect(agentImportView(context(), { id: 'i-404' })).rejects.toThrow('Aucun import des agents ne porte cet identifiant.');
  });
});

// ---- the DSI: « Connecteurs des communes » on the communes' page, « Messages en échec des communes »

const operatorMe: Me = { subject: 'o', username: 'it.dsi', displayName: 'Dominique Exploitant', operator: true, roles: ['platform-operator'] };

const tenant = (insee: string, name: string): Tenant => ({
  insee,
  name,
  postalCode: '67000',
  population: 5000,
  status: 'ACTIVE',
  administratorUsername: `admin.${name.toLowerCase()}`,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
});

const TENANTS = [tenant('67544', 'Wissembourg'), tenant('67520', 'Wasselonne'), tenant('67118', 'Eckbolsheim'), tenant('67043', 'Bischheim')];

const health = (commune: string, overrides: Partial<CommuneHealth> = {}): CommuneHealth => ({
  commune,
  health: 'OK',
  connectors: [{ kind: 'HR', transport: 'REST', endpoint: 'https://rh.example.org', enabled: true }],
  pending: 0,
  retrying: 0,
  dead: 0,
  sentLast30Days: 4,
  lastExchangeAt: '2026-12-02T10:00:00Z',
  lastExchangeStatus: 'SENT',
  lastSuccessAt: '2026-12-02T10:00:00Z',
  ...overrides,
});

const deadLetter = (overrides: Partial<DeadLetter> = {}): DeadLetter => ({
  commune: '67520',
  id: 'd-1',
  connector: 'HR',
  flow: 'leave.approved',
  idempotencyKey: 'leave.approved:r-17',
  attempts: 8,
  lastError: 'Connexion refusée sur rh.wasselonne.fr:22',
  createdAt: '2026-12-01T09:00:00Z',
  ...overrides,
});

/** The communes' page's own calls. */
const COMMUNES_ROUTES = { 'GET /tenants': TENANTS, 'GET /subscriptions': [], 'GET /catalog/services': [] };

/** A cell's text as read (the health badge's icon is hidden from screen readers). */
const readText = (el: Element) => {
  const copy = el.cloneNode(true) as Element;
  copy.querySelectorAll('[aria-hidden="true"]').forEach((x) => x.remove());
  return copy.textContent ?? '';
};

describe('communes’ page: « Connecteurs des communes »', () => {
  const communes = [
    health('67043', { health: 'NONE', connectors: [], pending: 1, lastExchangeAt: undefined, lastExchangeStatus: undefined, lastSuccessAt: undefined }),
    health('67544', {
      health: 'DOWN',
      connectors: [{ kind: 'FINANCE', transport: 'REST', endpoint: 'https://fin', enabled: true }, { kind: 'HR', transport: 'SFTP', endpoint: 'sftp://rh', enabled: true }],
      pending: 3,
      retrying: 3,
      lastExchangeAt: '2026-12-02T11:00:00Z',
      lastExchangeStatus: 'FAILED',
      lastSuccessAt: '2026-12-01T09:30:00Z',
      lastError: 'Connexion refusée',
    }),
    health('67118'),
    health('67520', { health: 'DEAD_LETTERS', connectors: [{ kind: 'HR', transport: 'REST', endpoint: 'https://rh', enabled: false }], dead: 2, lastExchangeStatus: 'DEAD', lastSuccessAt: '2026-11-28T08:00:00Z', lastError: 'HTTP 503' }),
    health('67999', { health: 'RETRYING', pending: 2, retrying: 1 }),
  ];

  it('shows every commune’s connectors, the problems first, with the health in words and a link to the dead letters', async () => {
    const { calls } = server({ ...COMMUNES_ROUTES, 'GET /integration/operator/communes': communes });
    const main = await render(communesView(context('', operatorMe)));
    expect(calls.map((c) => c.path)).toContain('/integration/operator/communes');
    expect(main.querySelector('h1')?.textContent).toBe('Communes membres');
    const part = section(main, 'Connecteurs des communes');
    expect(part.getAttribute('aria-labelledby')).toBe('connecteurs-communes-titre');
    const table = part.querySelector('[role="region"][aria-label="Tableau des connecteurs des communes"] table') as HTMLTableElement;
    expect(table.querySelector('caption')?.textContent).toBe('Santé des connecteurs : 5 communes, dont 3 en difficulté, les communes en difficulté en premier');
    expect([...table.querySelectorAll('thead th')].map((th) => th.textContent)).toEqual(['Commune', 'Santé', 'Connecteurs', 'En attente', 'En échec', 'Dernier échange', 'Dernière erreur']);
    const rows = [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map(readText));
    expect(rows.map((r) => [r[0], r[1]])).toEqual([
      ['Wasselonne (67520)', 'Messages en échec'],
      ['Wissembourg (67544)', 'Injoignable'],
      ['67999', 'Nouvelles tentatives en cours'],
      ['Eckbolsheim (67118)', 'Opérationnel'],
      ['Bischheim (67043)', 'Aucun connecteur'],
    ]);
    expect(rows[0]).toEqual(['Wasselonne (67520)', 'Messages en échec', 'RH (REST, désactivé)', '0', '2', '02/12/2026 11:00 — Échec définitif (Dernier succès le 28/11/2026 09:00)', 'HTTP 503']);
    expect(rows[1]).toEqual(['Wissembourg (67544)', 'Injoignable', 'RH (SFTP), Finances (REST)', '3 dont 3 en nouvelle tentative', '0', '02/12/2026 12:00 — Échec (nouvel essai prévu) (Dernier succès le 01/12/2026 10:30)', 'Connexion refusée']);
    expect(rows[3]).toEqual(['Eckbolsheim (67118)', 'Opérationnel', 'RH (REST)', '0', '0', '02/12/2026 11:00 — Envoyé', '—']);
    expect(rows[4]).toEqual(['Bischheim (67043)', 'Aucun connecteur', 'Aucun', '1', '0', 'Aucun échange', '—']);
    // the words say the health; the icon repeats it and is hidden from screen readers
    const badge = table.querySelector('tbody tr .health') as HTMLElement;
    expect(badge.className).toBe('status health health-dead-letters');
    expect(badge.querySelector('.health-icon')?.getAttribute('aria-hidden')).toBe('true');
    expect(badge.querySelector('.health-icon')?.textContent).toBe('✖');
    expect(readText(badge)).toBe('Messages en échec');
    expect([...table.querySelectorAll('tbody tr')].map((tr) => tr.classList.contains('anomaly-row'))).toEqual([true, true, false, false, false]);
    const link = [...part.querySelectorAll('a')].find((a) => a.textContent === 'Voir les messages en échec') as HTMLAnchorElement;
    expect(link.getAttribute('href')).toBe('/dsi/echanges');
    expect(link.hasAttribute('data-link')).toBe(true);
    expect(link.parentElement?.textContent).toBe('2 messages ont échoué définitivement et attendent une intervention. Voir les messages en échec');
    // the communes' own table is still there
    expect(main.querySelectorAll('[aria-label="Tableau des communes"] tbody tr')).toHaveLength(4);
    expectAccessibleStructure(main);
  });

  it('offers no link to the dead letters when there is none', async () => {
    server({ ...COMMUNES_ROUTES, 'GET /integration/operator/communes': [health('67118')] });
    const main = await render(communesView(context('', operatorMe)));
    const part = section(main, 'Connecteurs des communes');
    expect(part.querySelectorAll('tbody tr')).toHaveLength(1);
    expect(part.querySelector('caption')?.textContent).toBe('Santé des connecteurs : 1 commune, dont 0 en difficulté, les communes en difficulté en premier');
    expect([...part.querySelectorAll('a')].map((a) => a.textContent)).not.toContain('Voir les messages en échec');
  });

  it('says when no commune has a connector', async () => {
    server({ ...COMMUNES_ROUTES, 'GET /integration/operator/communes': [] });
    const main = await render(communesView(context('', operatorMe)));
    const part = section(main, 'Connecteurs des communes');
    expect(part.querySelector('table')).toBeNull();
    expect(part.querySelector('.empty')?.textContent).toBe('Aucune commune n’a encore de connecteur ni de message vers ses logiciels.');
    expectAccessibleStructure(main);
  });

  it('shows a refusal in its section without breaking the rest of the page', async () => {
    server({ ...COMMUNES_ROUTES, 'GET /integration/operator/communes': problem(503, 'unavailable', 'Le service des connecteurs est momentanément indisponible.', 'Indisponible') });
    const main = await render(communesView(context('', operatorMe)));
    expect(main.querySelector('h1')?.textContent).toBe('Communes membres');
    expect(main.querySelectorAll('[aria-label="Tableau des communes"] tbody tr')).toHaveLength(4);
    const part = section(main, 'Connecteurs des communes');
    expect(part.querySelector('table')).toBeNull();
    const alert = part.querySelector('#connecteurs-communes-erreur') as HTMLElement;
    expect(alert.hidden).toBe(false);
    expect(alert.classList.contains('alert-error')).toBe(true);
    expect(alert.textContent).toBe('La santé des connecteurs des communes n’a pas pu être lue.Le service des connecteurs est momentanément indisponible.');
    expectAccessibleStructure(main);
  });

  it('writes the server’s texts as text, never as markup', async () => {
    server({ ...COMMUNES_ROUTES, 'GET /integration/operator/communes': [health('67118', { health: 'DOWN', lastExchangeStatus: 'FAILED', lastError: '<img src=x onerror=alert(1)>' })] });
    const main = await render(communesView(context('', operatorMe)));
    expect(main.querySelector('img')).toBeNull();
    expect(section(main, 'Connecteurs des communes').querySelector('.exchange-detail')?.textContent).toBe('<img src=x onerror=alert(1)>');
  });
});

describe('DSI page « Messages en échec des communes »', () => {
  const letters = [
    deadLetter(),
    deadLetter({ id: 'd-2', commune: '67544', connector: 'FINANCE', flow: 'mission.expenses-approved', idempotencyKey: 'mission.expenses-approved:o-3', attempts: 10, lastError: undefined, createdAt: '2026-11-30T09:00:00Z' }),
  ];

  it('lists the dead letters of every commune with « Rejouer », and a filter by commune', async () => {
    const { calls } = server({ 'GET /tenants': TENANTS, 'GET /integration/operator/dead-letters': letters });
    const main = await render(dsiExchangesView(context('', operatorMe)));
    expect(calls.map((c) => `${c.method} ${c.path}`).sort()).toEqual(['GET /integration/operator/dead-letters?limit=200', 'GET /tenants']);
    expect(main.querySelector('h1')?.textContent).toBe('Messages en échec des communes');
    expect([...main.querySelectorAll('h2')].map((x) => x.textContent)).toEqual(['Messages en échec définitif']);
    expect(main.querySelector('a[href="/communes"]')?.hasAttribute('data-link')).toBe(true);

    const commune = labelled<HTMLSelectElement>(main, 'Commune');
    expect(commune.value).toBe('');
    expect([...commune.options].map((o) => [o.value, o.textContent])).toEqual([
      ['', 'Toutes les communes'],
      ['67043', 'Bischheim (67043)'],
      ['67118', 'Eckbolsheim (67118)'],
      ['67520', 'Wasselonne (67520)'],
      ['67544', 'Wissembourg (67544)'],
    ]);
    expect(main.querySelector('form[role="search"]')?.getAttribute('aria-label')).toBe('Filtrer les messages en échec');

    const table = main.querySelector('[aria-label="Tableau des messages en échec des communes"] table') as HTMLTableElement;
    expect(table.querySelector('caption')?.textContent).toBe('2 messages en échec, les plus récents en premier');
    expect([...table.querySelectorAll('thead th')].map((th) => th.textContent)).toEqual(['Commune', 'Connecteur', 'Flux', 'Clé d’idempotence', 'Tentatives', 'Erreur', 'Créé le', 'Action']);
    const rows = [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent));
    expect(rows).toEqual([
      [
        'Wasselonne (67520)',
        'Logiciel RH',
        'Congé accordé',
        'leave.approved:r-17',
        '8',
        'Connexion refusée sur rh.wasselonne.fr:22',
        '01/12/2026 10:00',
        'Rejouer le message « Congé accordé » de Wasselonne (clé leave.approved:r-17)',
      ],
      [
        'Wissembourg (67544)',
        'Logiciel financier',
        'Frais de mission à rembourser',
        'mission.expenses-approved:o-3',
        '10',
        '—',
        '30/11/2026 10:00',
        'Rejouer le message « Frais de mission à rembourser » de Wissembourg (clé mission.expenses-approved:o-3)',
      ],
    ]);
    // the visible name starts the accessible one
    expect(table.querySelector('button')?.firstChild?.textContent).toBe('Rejouer');
    expectAccessibleStructure(main);
  });

  it('filters by commune, keeps it in the address and announces the count', async () => {
    const { sent } = server({
      'GET /tenants': TENANTS,
      'GET /integration/operator/dead-letters': (c: Call) => (c.path.includes('commune=67544') ? [letters[1]] : c.path.includes('commune=') ? [] : letters),
    });
    const pushed: string[] = [];
    vi.spyOn(window.history, 'pushState').mockImplementation((_s, _t, url) => void pushed.push(String(url)));
    const main = await render(dsiExchangesView(context('commune=67520', operatorMe)));
    const commune = labelled<HTMLSelectElement>(main, 'Commune');
    expect(commune.value).toBe('67520');
    expect(sent('GET', '/integration/operator/dead-letters').map((c) => c.path)).toEqual(['/integration/operator/dead-letters?commune=67520&limit=200']);
    expect(main.querySelector('.empty')?.textContent).toBe('Aucun message en échec pour Wasselonne : tous ses messages ont été envoyés ou sont en cours d’envoi.');

    commune.value = '67544';
    submit(button(main, 'Filtrer'));
    await settle();
    expect(sent('GET', '/integration/operator/dead-letters').map((c) => c.path)[1]).toBe('/integration/operator/dead-letters?commune=67544&limit=200');
    expect(pushed).toEqual(['/dsi/echanges?commune=67544']);
    expect(main.querySelectorAll('[aria-label="Tableau des messages en échec des communes"] tbody tr')).toHaveLength(1);
    await wait(60);
    const count = main.querySelector('#dsi-echecs-nombre') as HTMLElement;
    expect(count.getAttribute('role')).toBe('status');
    expect(count.textContent).toBe('1 message en échec');

    commune.value = '';
    submit(button(main, 'Filtrer'));
    await settle();
    expect(pushed[1]).toBe('/dsi/echanges');
    expect(sent('GET', '/integration/operator/dead-letters').map((c) => c.path)[2]).toBe('/integration/operator/dead-letters?limit=200');
    vi.restoreAllMocks();
  });

  it('ignores a malformed commune of the address and says when there is nothing to replay', async () => {
    const { sent } = server({ 'GET /tenants': TENANTS, 'GET /integration/operator/dead-letters': [] });
    const main = await render(dsiExchangesView(context('commune=%3Cscript%3E', operatorMe)));
    expect(sent('GET', '/integration/operator/dead-letters').map((c) => c.path)).toEqual(['/integration/operator/dead-letters?limit=200']);
    expect(labelled<HTMLSelectElement>(main, 'Commune').value).toBe('');
    expect(main.querySelector('table')).toBeNull();
    expect(main.querySelector('.empty')?.textContent).toBe('Aucun message en échec : tous les messages des communes ont été envoyés ou sont en cours d’envoi.');
    expectAccessibleStructure(main);
  });

  it('replays a dead letter: the row leaves the list, the outcome is said in the status message, which takes the focus', async () => {
    let replayed = false;
    const { sent } = server({
      'GET /tenants': TENANTS,
      'GET /integration/operator/dead-letters': () => (replayed ? [letters[1]] : letters),
      'POST /integration/operator/communes/67520/messages/d-1/replay': () => {
        replayed = true;
        return message({ id: 'd-1', status: 'PENDING', attempts: 0 });
      },
    });
    const main = await render(dsiExchangesView(context('', operatorMe)));
    const replay = button(main, 'Rejouer');
    replay.click();
    expect(replay.disabled).toBe(true);
    expect(replay.getAttribute('aria-busy')).toBe('true');
    await settle(8);
    const posts = sent('POST', '/integration/operator/communes/');
    expect(posts.map((c) => c.path)).toEqual(['/integration/operator/communes/67520/messages/d-1/replay']);
    expect(posts[0].rawBody).toBeUndefined();
    const status = main.querySelector('#dsi-rejeu-resultat') as HTMLElement;
    expect(status.getAttribute('role')).toBe('status');
    expect(status.textContent).toBe('Le message « Congé accordé » de Wasselonne (clé leave.approved:r-17) est rejoué : il repart en file d’envoi vers le logiciel RH.');
    expect(document.activeElement).toBe(status);
    expect(sent('GET', '/integration/operator/dead-letters')).toHaveLength(2);
    const rows = [...main.querySelectorAll('[aria-label="Tableau des messages en échec des communes"] tbody tr')];
    expect(rows.map((r) => r.getAttribute('data-id'))).toEqual(['d-2']);
    expect(main.querySelector('caption')?.textContent).toBe('1 message en échec');
    expect((main.querySelector('#dsi-rejeu-refus') as HTMLElement).hidden).toBe(true);
    expectAccessibleStructure(main);
  });

  it('removes the row even when the list cannot be read again', async () => {
    let replayed = false;
    server({
      'GET /tenants': TENANTS,
      'GET /integration/operator/dead-letters': () => (replayed ? problem(503, 'unavailable', 'Indisponible') : letters),
      'POST /integration/operator/communes/67544/messages/d-2/replay': () => {
        replayed = true;
        return message({ id: 'd-2', status: 'PENDING' });
      },
    });
    const main = await render(dsiExchangesView(context('', operatorMe)));
    [...main.querySelectorAll('button')].find((b) => b.textContent?.includes('Wissembourg'))?.click();
    await settle(8);
    expect([...main.querySelectorAll('tbody tr')].map((r) => r.getAttribute('data-id'))).toEqual(['d-1']);
    expect(main.querySelector('#dsi-rejeu-resultat')?.textContent).toContain('de Wissembourg');
  });

  it('shows a refused replay (not dead any more) in an alert that takes the focus, and drops the stale row', async () => {
    server({
      'GET /tenants': TENANTS,
      'GET /integration/operator/dead-letters': letters,
      'POST /integration/operator/communes/67520/messages/d-1/replay': problem(409, 'not-dead', 'Seul un message en échec définitif (lettre morte) se rejoue.'),
    });
    const main = await render(dsiExchangesView(context('', operatorMe)));
    button(main, 'Rejouer').click();
    await settle();
    const alert = main.querySelector('#dsi-rejeu-refus') as HTMLElement;
    expect(alert.hidden).toBe(false);
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.textContent).toBe('Seul un message en échec définitif (lettre morte) se rejoue.');
    expect(document.activeElement).toBe(alert);
    expect([...main.querySelectorAll('tbody tr')].map((r) => r.getAttribute('data-id'))).toEqual(['d-2']);
    expect(main.querySelector('#dsi-rejeu-resultat')?.textContent).toBe('');
  });

  it('keeps the row of a replay refused for another reason, its button usable again', async () => {
    server({
      'GET /tenants': TENANTS,
      'GET /integration/operator/dead-letters': letters,
      'POST /integration/operator/communes/67520/messages/d-1/replay': problem(503, 'unavailable', 'Service momentanément indisponible.'),
    });
    const main = await render(dsiExchangesView(context('', operatorMe)));
    const replay = button(main, 'Rejouer');
    replay.click();
    await settle();
    expect(main.querySelector('#dsi-rejeu-refus')?.textContent).toBe('Service momentanément indisponible.');
    expect(main.querySelectorAll('tbody tr')).toHaveLength(2);
    expect(replay.disabled).toBe(false);
    expect(replay.hasAttribute('aria-busy')).toBe(false);
  });

  it('shows why the list could not be read, the filter still offered', async () => {
    server({ 'GET /tenants': TENANTS, 'GET /integration/operator/dead-letters': problem(403, 'forbidden', 'Réservé à la DSI.') });
    const main = await render(dsiExchangesView(context('', operatorMe)));
    expect(main.querySelector('h1')?.textContent).toBe('Messages en échec des communes');
    expect(main.querySelector('#dsi-echecs .alert-error')?.textContent).toBe('Réservé à la DSI.');
    expect(labelled<HTMLSelectElement>(main, 'Commune')).not.toBeNull();
  });
});
