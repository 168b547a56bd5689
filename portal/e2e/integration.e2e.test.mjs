// The connectors to the commune's software in a real browser: the commune administrator opens « Connecteurs »,
// configures the HR connector (REST, the test HR server's address, its user and secret), saves it (status message
// focused, « Un secret est enregistré », the secret field empty again, the secret nowhere in the page nor in the API's
// answer), tests the connection and sees every step succeed; then types a wrong secret, saves, tests and sees the
// « Authentification » step fail; restores the right secret (the test passes again); last, opens « Suivi des échanges »
// and sees its three sections with their tables (or their empty notices), and filters the log. A JSON mappings text
// that is not JSON is refused before anything is sent. Then « Import des agents (RH) »: a CSV file made by the test (a
// newcomer with accents in UTF-8, a line without e-mail) is uploaded — 1 line applied, line 3 refused —, the same file
// again is « Déjà traité » and leads to the first import's report. Last, the DSI (platform operator) finds the
// commune, its HR connector now configured, in « Connecteurs des communes » of its communes' page, then opens « Messages
// en échec des communes » and filters it by the commune (the lists may be empty: no health is assumed). axe-core checks
// every state of the pages.
//
// Before the browser steps, through the API (with the administrator's token, read from the portal session): an HR
// connector left by an earlier run is removed, so that the page starts with « Non configuré ».
//
// Environment (besides support.mjs's): INTEGRATION_COMMUNE (INSEE code of an ACTIVE commune used by no other browser
// test — default 67544 Wissembourg), INTEGRATION_ADMIN (its commune-admin, default admin.wissembourg),
// INTEGRATION_HR_URL (base URL of the test HR server started by the Java side, which accepts HTTP Basic authentication
// of metrocloud-e2e / e2e-secret — default http://127.0.0.1:9399/rh); OPERATOR_USER (the DSI, default it.dsi).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccessible, launch, login, pageApi, withPage } from './support.mjs';

const COMMUNE = process.env.INTEGRATION_COMMUNE ?? '67544';
const ADMIN = process.env.INTEGRATION_ADMIN ?? 'admin.wissembourg';
const HR_URL = process.env.INTEGRATION_HR_URL ?? 'http://127.0.0.1:9399/rh';
const HR_USER = 'metrocloud-e2e';
const HR_SECRET = 'e2e-secret';
const WRONG_SECRET = 'mauvais';
const MAPPINGS = '{"matricule": "code_agent"}';
const OPERATOR = process.env.OPERATOR_USER ?? 'it.dsi';
/** A commune's health, in words (the badge's icon is hidden from screen readers). */
const HEALTH = /(Aucun connecteur|Opérationnel|Nouvelles tentatives en cours|Injoignable|Messages en échec)$/;

/** A connection test may wait for a few 5-second timeouts of the server. */
const TEST_TIMEOUT = 60_000;

describe('connecteurs du portail', () => {
  let session;

  before(async () => {
    session = await launch();
  });
  after(async () => {
    await session?.browser.close();
  });

  const mainNav = (page) => page.getByRole('navigation', { name: 'Navigation principale' });
  const integrationNav = (page) => page.getByRole('navigation', { name: 'Intégrations' });
  const hrSection = (page) => page.getByRole('region', { name: 'Logiciel RH', exact: true });
  const field = (page, label) => hrSection(page).getByLabel(label, { exact: true });
  const secretField = (page) => field(page, 'Secret : mot de passe ou jeton (facultatif)');
  const hrStatus = (page) => page.locator('#connecteur-hr-resultat');
  const focusedId = (page) => page.evaluate(() => document.activeElement?.id);
  const focusedTag = (page) => page.evaluate(() => document.activeElement?.tagName);
  /** The value (`dd`) of the HR connector's fact reading exactly `term`. */
  const fact = (page, term) =>
    hrSection(page)
      .locator('dl.facts > dt')
      .filter({ hasText: new RegExp(`^${term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) })
      .locator('xpath=following-sibling::dd[1]');
  /** The value (`dd`) of the fact reading exactly `term`, in `scope`. */
  const factIn = (scope, term) =>
    scope
      .locator('dl.facts > dt')
      .filter({ hasText: new RegExp(`^${term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) })
      .locator('xpath=following-sibling::dd[1]');
  const factText = async (scope, term) => (await factIn(scope, term).textContent())?.trim();
  /** Whether a control of the page holds `text` (a password field's value is not in the page's HTML). */
  const anyControlHolds = (page, text) =>
    page.evaluate((t) => [...document.querySelectorAll('input, textarea')].some((c) => c.value.includes(t)), text);

  /** « Enregistrer », then the status message of the save, focused; the secret field is empty again. */
  async function save(page) {
    await hrSection(page).getByRole('button', { name: /^Enregistrer/ }).click();
    await hrStatus(page).getByText(/^Configuration du logiciel RH enregistrée/).waitFor();
    assert.equal(await focusedId(page), 'connecteur-hr-resultat', 'focus moves to the outcome');
    assert.equal(await secretField(page).inputValue(), '', 'the secret field is empty again');
    await hrSection(page).getByText('Un secret est enregistré', { exact: true }).waitFor();
  }

  /** « Tester la connexion »: the steps as listed, [name, outcome, text of the item]. */
  async function testConnection(page, outcome) {
    await hrSection(page).getByRole('button', { name: /^Tester la connexion/ }).click();
    await hrStatus(page).getByText(outcome).waitFor({ timeout: TEST_TIMEOUT });
    assert.equal(await focusedId(page), 'connecteur-hr-resultat', 'focus moves to the outcome');
    const items = hrSection(page).getByRole('list', { name: 'Résultat du test de connexion' }).getByRole('listitem');
    const steps = [];
    for (const item of await items.all()) {
      steps.push([(await item.locator('.step-name').textContent())?.trim(), (await item.locator('.step-outcome').textContent())?.trim(), (await item.textContent())?.trim()]);
    }
    return steps;
  }

  test("l'administrateur configure le connecteur RH ; le secret n'est plus jamais affiché", async () => {
    const page = session.page;
    await login(page, ADMIN, COMMUNE);

    // a connector left by an earlier run is removed, so that the page starts from « Non configuré »
    const api = await pageApi(page);
    const left = await api('DELETE', '/api/v1/integration/connectors/HR');
    assert.ok([200, 204, 404].includes(left.status), `removal of an earlier HR connector: ${left.status}`);

    await mainNav(page).getByRole('link', { name: 'Connecteurs', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Connecteurs' }).waitFor();
    assert.equal(await focusedTag(page), 'H1', 'focus moves to the title on a route change');
    assert.equal(await mainNav(page).getByRole('link', { name: 'Connecteurs', exact: true }).getAttribute('aria-current'), 'page');
    await page.getByRole('heading', { level: 2, name: 'Messages vers les logiciels' }).waitFor();
    assert.equal(await page.getByRole('link', { name: 'Voir le suivi des échanges' }).getAttribute('href'), '/connecteurs/echanges');
    await hrSection(page).getByText('Non configuré', { exact: true }).waitFor();
    await page.getByRole('region', { name: 'Logiciel financier', exact: true }).waitFor();
    assert.equal(await hrSection(page).getByRole('button', { name: /^Tester la connexion/ }).count(), 0, 'nothing to test before it is configured');
    await assertAccessible(page, 'la page des connecteurs');

    await field(page, 'Transport').selectOption('REST');
    await field(page, 'Adresse du logiciel').fill(HR_URL);
    await field(page, 'Identifiant (facultatif)').fill(HR_USER);
    assert.equal(await secretField(page).getAttribute('type'), 'password');
    assert.equal(await secretField(page).getAttribute('autocomplete'), 'new-password');
    await secretField(page).fill(HR_SECRET);
    await field(page, 'Périodicité en minutes').fill('60');
    assert.equal(await field(page, 'Connecteur actif (les messages sont envoyés)').isChecked(), true);

    // mappings that are not JSON: refused before anything is sent, the summary focused
    const mappings = field(page, 'Correspondances de champs (JSON)');
    await mappings.fill('{matricule: code_agent}');
    await hrSection(page).getByRole('button', { name: /^Enregistrer/ }).click();
    await page.locator('#connecteur-hr-erreurs').getByRole('link', { name: /^Correspondances de champs \(JSON\) : Le texte n’est pas du JSON valide/ }).waitFor();
    assert.equal(await focusedId(page), 'connecteur-hr-erreurs', 'focus moves to the error summary');
    assert.equal(await mappings.getAttribute('aria-invalid'), 'true');
    await hrSection(page).getByText('Non configuré', { exact: true }).waitFor();
    await assertAccessible(page, 'le connecteur RH avec des correspondances invalides');

    await mappings.fill(MAPPINGS);
    await save(page);
    await hrStatus(page).getByText('Configuration du logiciel RH enregistrée. Le nouveau secret est chiffré ; il ne sera plus affiché.', { exact: true }).waitFor();
    assert.equal(await page.locator('#connecteur-hr-erreurs').isHidden(), true);
    assert.equal((await fact(page, 'Adresse').textContent())?.trim(), HR_URL);
    assert.equal((await fact(page, 'Identifiant').textContent())?.trim(), HR_USER);
    assert.equal((await fact(page, 'Transport').textContent())?.trim(), 'REST (HTTPS/JSON)');
    assert.equal((await fact(page, 'Secret').textContent())?.trim(), 'Un secret est enregistré');
    assert.equal((await fact(page, 'État').textContent())?.trim(), 'Actif');
    assert.equal(await field(page, 'Adresse du logiciel').inputValue(), HR_URL);
    assert.equal(JSON.parse(await mappings.inputValue()).matricule, 'code_agent');
    // the secret is nowhere: neither in the page nor in its controls nor in the API's answer
    assert.ok(!(await page.content()).includes(HR_SECRET), 'the secret is not in the page');
    assert.equal(await anyControlHolds(page, HR_SECRET), false, 'no control holds the secret');
    const stored = await api('GET', '/api/v1/integration/connectors/HR');
    assert.equal(stored.status, 200);
    assert.equal(stored.body.secretSet, true);
    assert.equal(stored.body.username, HR_USER);
    assert.equal(stored.body.endpoint, HR_URL);
    assert.ok(!('secret' in stored.body), 'the API never returns the secret');
    assert.ok(!JSON.stringify(stored.body).includes(HR_SECRET), 'the API never returns the secret');
    await assertAccessible(page, 'le connecteur RH enregistré');
  });

  test('le test de connexion réussit à chaque étape', async () => {
    const page = session.page;
    const steps = await testConnection(page, 'Connexion au logiciel RH réussie : toutes les étapes du test ont abouti.');
    const names = steps.map(([name]) => name);
    for (const expected of ['Résolution du nom', 'Connexion TCP', 'Réponse HTTP']) assert.ok(names.includes(expected), `step « ${expected} » in ${names.join(', ')}`);
    for (const [name, outcome, text] of steps) assert.equal(outcome, 'Réussie', `step « ${name} »: ${text}`);
    await hrSection(page).getByText('Toutes les étapes ont abouti.', { exact: true }).waitFor();
    await assertAccessible(page, 'le test de connexion réussi');
  });

  test("un mauvais secret fait échouer l'étape « Authentification »", async () => {
    const page = session.page;
    await secretField(page).fill(WRONG_SECRET);
    await save(page);
    assert.equal(await anyControlHolds(page, WRONG_SECRET), false, 'no control holds the secret');
    // the address and the other settings are kept
    assert.equal((await fact(page, 'Adresse').textContent())?.trim(), HR_URL);
    assert.equal((await fact(page, 'Identifiant').textContent())?.trim(), HR_USER);

    const steps = await testConnection(page, /^Échec de la connexion au logiciel RH à l’étape « Authentification »/);
    const failed = steps.filter(([, outcome]) => outcome === 'Échec');
    assert.deepEqual(
      failed.map(([name]) => name),
      ['Authentification'],
      `only « Authentification » fails: ${steps.map(([, , text]) => text).join(' | ')}`,
    );
    assert.equal(steps.at(-1)?.[0], 'Authentification', 'the test stops at the failed step');
    for (const [name, outcome] of steps.slice(0, -1)) assert.equal(outcome, 'Réussie', `step « ${name} » before the authentication`);
    await hrSection(page).getByText('Échec à l’étape « Authentification ».', { exact: true }).waitFor();
    await assertAccessible(page, "le test de connexion en échec à l'authentification");
  });

  test('le bon secret est rétabli', async () => {
    const page = session.page;
    await secretField(page).fill(HR_SECRET);
    await save(page);
    const steps = await testConnection(page, 'Connexion au logiciel RH réussie : toutes les étapes du test ont abouti.');
    for (const [name, outcome] of steps) assert.equal(outcome, 'Réussie', `step « ${name} »`);
    const api = await pageApi(page);
    const stored = await api('GET', '/api/v1/integration/connectors/HR');
    assert.equal(stored.body.secretSet, true);
    assert.equal(stored.body.enabled, true);
  });

  test("l'administrateur suit les échanges : journal, lettres mortes, messages en attente", async () => {
    const page = session.page;
    await integrationNav(page).getByRole('link', { name: 'Suivi des échanges', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Suivi des échanges' }).waitFor();
    assert.equal(await focusedTag(page), 'H1', 'focus moves to the title on a route change');
    assert.equal(new URL(page.url()).pathname, '/connecteurs/echanges');
    assert.equal(await mainNav(page).getByRole('link', { name: 'Connecteurs', exact: true }).getAttribute('aria-current'), 'page');
    assert.equal(await integrationNav(page).getByRole('link', { name: 'Suivi des échanges', exact: true }).getAttribute('aria-current'), 'true');

    const sections = [
      ['Journal des échanges', 'Tableau du journal des échanges', ['Date', 'Sens', 'Connecteur', 'Flux', 'Statut', 'Tentative', 'Durée', 'Identifiant de corrélation', 'Détail']],
      ['Lettres mortes', 'Tableau des lettres mortes', ['Flux', 'Connecteur', 'Clé d’idempotence', 'Tentatives', 'Dernière erreur', 'Créé le', 'Action']],
      ['En attente', 'Tableau des messages en attente', ['Flux', 'Connecteur', 'Clé d’idempotence', 'Tentatives', 'Prochain essai', 'Dernière erreur', 'Créé le']],
    ];
    for (const [title, tableName, headers] of sections) {
      const part = page.getByRole('region', { name: title, exact: true });
      await part.getByRole('heading', { level: 2, name: title, exact: true }).waitFor();
      const table = part.getByRole('region', { name: tableName, exact: true });
      const tables = await table.count();
      const empty = await part.locator('.empty').count();
      assert.equal(tables + empty, 1, `« ${title} »: a table or its empty notice`);
      if (tables === 1) {
        assert.ok((await table.locator('caption').textContent())?.trim(), `« ${title} »: the table has a caption`);
        assert.deepEqual((await table.getByRole('columnheader').allTextContents()).map((t) => t.trim()), headers);
        assert.ok((await table.getByRole('rowheader').count()) > 0, `« ${title} »: rows have a header`);
      }
    }
    await assertAccessible(page, 'le suivi des échanges');

    // the log filtered by status: the criteria in the address, the count announced
    await page.getByLabel('Statut', { exact: true }).selectOption('SENT');
    await page.getByRole('search', { name: 'Filtrer le journal des échanges' }).getByRole('button', { name: 'Filtrer' }).click();
    await page.waitForURL((url) => url.pathname === '/connecteurs/echanges' && url.searchParams.get('status') === 'SENT');
    await page.locator('#echanges-nombre').getByText(/échange/).waitFor();
    const log = page.getByRole('region', { name: 'Tableau du journal des échanges', exact: true });
    if ((await log.count()) === 1) {
      for (const status of await log.locator('tbody tr td:nth-child(5)').allTextContents()) assert.equal(status.trim(), 'Envoyé');
    }
    await assertAccessible(page, 'le suivi des échanges filtré');

    // the address keeps the criteria on a reload
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Suivi des échanges' }).waitFor();
    assert.equal(await page.getByLabel('Statut', { exact: true }).inputValue(), 'SENT');
  });

  test("l'administrateur importe le fichier des agents ; le même fichier une seconde fois est « Déjà traité »", async () => {
    const page = session.page;
    const stamp = Date.now();
    const login = `e2e.import.${stamp}`;
    const withoutEmail = `e2e.sanscourriel.${stamp}`;
    const fileName = `agents-e2e-${stamp}.csv`;
    // UTF-8, accents in the names; line 3 (the header is line 1) has no e-mail
    const csv = Buffer.from(
      [
        'identifiant;nom;prenom;courriel;service;solde_ca',
        `${login};Schœnberg;Zoé;${login}@wasselonne.example.org;Ressources humaines;25,5`,
        `${withoutEmail};Sans;Courriel;;Ressources humaines;10`,
        '',
      ].join('\n'),
      'utf8',
    );
    const file = { name: fileName, mimeType: 'text/csv', buffer: csv };

    await mainNav(page).getByRole('link', { name: 'Connecteurs', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Connecteurs' }).waitFor();
    await integrationNav(page).getByRole('link', { name: 'Import des agents (RH)', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Import des agents (RH)' }).waitFor();
    assert.equal(await focusedTag(page), 'H1', 'focus moves to the title on a route change');
    assert.equal(new URL(page.url()).pathname, '/connecteurs/agents');
    assert.equal(await mainNav(page).getByRole('link', { name: 'Connecteurs', exact: true }).getAttribute('aria-current'), 'page');
    assert.equal(await integrationNav(page).getByRole('link', { name: 'Import des agents (RH)', exact: true }).getAttribute('aria-current'), 'true');
    const columns = page.getByRole('region', { name: 'Tableau des colonnes du fichier des agents', exact: true });
    assert.deepEqual((await columns.getByRole('columnheader').allTextContents()).map((t) => t.trim()), ['Colonne', 'Contenu', 'Obligatoire']);
    const template = page.getByRole('link', { name: 'Télécharger un modèle', exact: true });
    assert.equal(await template.getAttribute('download'), 'modele-agents.csv');
    assert.match((await template.getAttribute('href')) ?? '', /^blob:/);
    await assertAccessible(page, "la page d'import des agents");

    // the file: 1 line applied (a newcomer: an account created), line 3 refused
    const fileField = page.getByLabel('Fichier des agents (CSV)', { exact: true });
    const importButton = page.getByRole('button', { name: 'Importer', exact: true });
    await fileField.setInputFiles(file);
    await importButton.click();
    await page.locator('#agents-resultat').getByText(/^Import appliqué en partie/).waitFor({ timeout: TEST_TIMEOUT });
    assert.equal(await focusedId(page), 'agents-resultat', 'focus moves to the outcome');
    assert.equal(await importButton.isEnabled(), true);
    const result = page.getByRole('region', { name: 'Résultat de l’import', exact: true });
    assert.equal(await factText(result, 'Statut'), 'Appliqué en partie');
    assert.equal(await factText(result, 'Fichier'), fileName);
    assert.equal(await factText(result, 'Source'), 'Fichier déposé');
    assert.equal(await factText(result, 'Encodage'), 'UTF-8');
    assert.equal(await factText(result, 'Lignes lues'), '2');
    assert.equal(await factText(result, 'Lignes appliquées'), '1');
    assert.equal(await factText(result, 'Nouveaux agents (comptes créés)'), '1');
    assert.equal(await factText(result, 'Lignes refusées'), '1');
    const errors = result.getByRole('region', { name: 'Tableau des lignes refusées', exact: true });
    assert.ok((await errors.locator('caption').textContent())?.trim(), 'the table of the refused lines has a caption');
    assert.deepEqual((await errors.getByRole('columnheader').allTextContents()).map((t) => t.trim()), ['Ligne', 'Agent', 'Motif']);
    assert.deepEqual((await errors.getByRole('rowheader').allTextContents()).map((t) => t.trim()), ['3'], 'line 3 is refused');
    const refused = errors.locator('tbody tr').first().locator('td');
    assert.equal((await refused.nth(0).textContent())?.trim(), withoutEmail);
    assert.ok((await refused.nth(1).textContent())?.trim(), 'the reason of the refusal is given');
    await assertAccessible(page, "le résultat de l'import des agents");

    // the history shows it first, with a link to its report
    const history = page.getByRole('region', { name: 'Tableau de l’historique des imports', exact: true });
    const first = history.locator('tbody tr').first();
    await first.getByText(fileName, { exact: true }).waitFor();
    assert.equal((await first.locator('td').nth(2).textContent())?.trim(), 'Appliqué en partie');
    const reportHref = await first.getByRole('link').getAttribute('href');
    assert.match(reportHref ?? '', /^\/connecteurs\/agents\/[0-9a-f-]{36}$/);

    // the very same file again: nothing applied, « Déjà traité » with a link to the first import
    await fileField.setInputFiles(file);
    await importButton.click();
    await page.locator('#agents-resultat').getByText(/^Fichier déjà traité/).waitFor({ timeout: TEST_TIMEOUT });
    assert.equal(await focusedId(page), 'agents-resultat', 'focus moves to the outcome');
    assert.equal(await factText(result, 'Statut'), 'Déjà traité');
    const earlier = result.getByRole('link', { name: 'Voir l’import d’origine', exact: true });
    assert.equal(await earlier.getAttribute('href'), reportHref);
    await assertAccessible(page, "l'import d'un fichier déjà traité");

    // the first import's report: the same summary and refused line
    await earlier.click();
    await page.getByRole('heading', { level: 1, name: /^Import du / }).waitFor();
    assert.equal(new URL(page.url()).pathname, reportHref);
    assert.equal(await focusedTag(page), 'H1', 'focus moves to the title on a route change');
    const main = page.locator('main');
    assert.equal(await factText(main, 'Statut'), 'Appliqué en partie');
    assert.equal(await factText(main, 'Lignes appliquées'), '1');
    const reportErrors = page.getByRole('region', { name: 'Tableau des lignes refusées', exact: true });
    assert.deepEqual((await reportErrors.getByRole('rowheader').allTextContents()).map((t) => t.trim()), ['3']);
    await assertAccessible(page, "le rapport d'un import des agents");
  });

  test('la DSI voit les connecteurs de la commune parmi ceux des communes, puis les messages en échec', async () => {
    await withPage(session, async (page) => {
      await login(page, OPERATOR);
      // « Connecteurs des communes » on the communes' page: the commune is there (its HR connector was configured above)
      await mainNav(page).getByRole('link', { name: 'Communes', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Communes membres' }).waitFor();
      const part = page.getByRole('region', { name: 'Connecteurs des communes', exact: true });
      await part.getByRole('heading', { level: 2, name: 'Connecteurs des communes', exact: true }).waitFor();
      const table = part.getByRole('region', { name: 'Tableau des connecteurs des communes', exact: true });
      await table.waitFor();
      assert.match((await table.locator('caption').textContent())?.trim() ?? '', /^Santé des connecteurs : /);
      assert.deepEqual((await table.getByRole('columnheader').allTextContents()).map((t) => t.trim()), [
        'Commune',
        'Santé',
        'Connecteurs',
        'En attente',
        'En échec',
        'Dernier échange',
        'Dernière erreur',
      ]);
      const row = table.locator('tbody tr').filter({ has: page.getByRole('rowheader', { name: new RegExp(`\\(${COMMUNE}\\)$`) }) });
      assert.equal(await row.count(), 1, `the commune ${COMMUNE} is listed once`);
      const cells = row.locator('td');
      assert.match((await cells.nth(0).textContent())?.trim() ?? '', HEALTH, 'the health is said in words');
      assert.match((await cells.nth(1).textContent())?.trim() ?? '', /RH \(REST\)/, 'the HR connector is listed');
      // the link to the dead letters only when there are some
      const link = part.getByRole('link', { name: 'Voir les messages en échec', exact: true });
      if ((await link.count()) > 0) assert.equal(await link.getAttribute('href'), '/dsi/echanges');
      await assertAccessible(page, 'les connecteurs des communes (DSI)');

      // « Messages en échec des communes »: all communes, then the commune only (the list may be empty)
      await mainNav(page).getByRole('link', { name: 'Messages en échec des communes', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Messages en échec des communes' }).waitFor();
      assert.equal(new URL(page.url()).pathname, '/dsi/echanges');
      assert.equal(await focusedTag(page), 'H1', 'focus moves to the title on a route change');
      assert.equal(await mainNav(page).getByRole('link', { name: 'Messages en échec des communes', exact: true }).getAttribute('aria-current'), 'page');
      const filter = page.getByRole('search', { name: 'Filtrer les messages en échec', exact: true });
      const commune = filter.getByLabel('Commune', { exact: true });
      assert.equal(await commune.inputValue(), '');
      assert.equal((await commune.locator('option').first().textContent())?.trim(), 'Toutes les communes');
      const deadLetters = () => page.getByRole('region', { name: 'Tableau des messages en échec des communes', exact: true });
      const listed = async () => {
        const tables = await deadLetters().count();
        const empty = await page.locator('#dsi-echecs .empty').count();
        assert.equal(tables + empty, 1, 'a table or its empty notice');
        return tables === 1;
      };
      if (await listed()) {
        assert.deepEqual((await deadLetters().getByRole('columnheader').allTextContents()).map((t) => t.trim()), [
          'Commune',
          'Connecteur',
          'Flux',
          'Clé d’idempotence',
          'Tentatives',
          'Erreur',
          'Créé le',
          'Action',
        ]);
        assert.ok((await deadLetters().locator('caption').textContent())?.trim(), 'the table has a caption');
      }
      await assertAccessible(page, 'les messages en échec des communes');

      await commune.selectOption(COMMUNE);
      await filter.getByRole('button', { name: 'Filtrer', exact: true }).click();
      await page.waitForURL((url) => url.pathname === '/dsi/echanges' && url.searchParams.get('commune') === COMMUNE);
      await page.locator('#dsi-echecs-nombre').getByText(/message/).waitFor();
      if (await listed()) {
        for (const name of await deadLetters().getByRole('rowheader').allTextContents()) assert.match(name.trim(), new RegExp(`\\(${COMMUNE}\\)$`));
      }
      await assertAccessible(page, 'les messages en échec d’une commune');
    });
  });

  test('aucune erreur JavaScript dans la console', () => {
    // The refusals shown by the pages (an earlier connector absent: 404 …) are logged by the browser as failed
    // resources; a script error or any other console error is a defect.
    const unexpected = session.consoleErrors.filter((e) => !/Failed to load resource: the server responded with a status of (400|401|403|404|409|422|503)/.test(e));
    assert.deepEqual(unexpected, []);
  });
});
