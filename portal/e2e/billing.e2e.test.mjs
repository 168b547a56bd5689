// The cost-recovery billing and the dashboards in a real browser, on the data PortalBrowserIT sets up (or the demo's). The DSI (platform operator) opens
// « Tableau de bord métropolitain »: the key figures, the two charts drawn (their canvases hold painted pixels of
// several colours, and a screenshot of each differs from a blank area of the same size), their text alternative and
// their data table, the ranking sorted by another column, the services × communes matrix, the CSV (with its byte
// order mark) and PDF exports; then « Tarifs » (a table per service, the « Nouveau tarif » form, the standalone cost
// references: a band of « Connecteur ressources humaines » saved again unchanged), « Facturation » (a
// monthly run of the previous month for one demo commune: its outcome table; the run's statements; a statement's page
// and its PDF) and « Simulation budgétaire » (submitted with its defaults: a table of every commune, 33 at least). Then
// the administrator of Strasbourg opens « Tableau de bord » (charts drawn, PDF export named after the commune and the
// year), « États d’utilisation » and the tariffs. axe-core checks every page on the way; no script error is allowed.
//
// Environment (besides support.mjs's): OPERATOR_USER (the DSI, default it.dsi); BILLING_COMMUNE (INSEE code of the
// commune whose administrator opens its dashboard — default 67482 Strasbourg) and BILLING_ADMIN (its commune-admin,
// default admin.strasbourg); BILLING_RUN_COMMUNE (the commune billed by the DSI's monthly run — default
// BILLING_COMMUNE: the run only computes drafts, or leaves an issued statement as it is).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { assertAccessible, launch, login, withPage } from './support.mjs';

const OPERATOR = process.env.OPERATOR_USER ?? 'it.dsi';
const COMMUNE = process.env.BILLING_COMMUNE ?? '67482';
const ADMIN = process.env.BILLING_ADMIN ?? 'admin.strasbourg';
const RUN_COMMUNE = process.env.BILLING_RUN_COMMUNE ?? COMMUNE;

/** The first day of the previous month in Europe/Paris, as an ISO date (the period a monthly run bills). */
function previousMonthStart(now = new Date()) {
  const [year, month] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit' })
    .format(now)
    .split('-')
    .map(Number);
  return month === 1 ? `${year - 1}-12-01` : `${year}-${String(month - 1).padStart(2, '0')}-01`;
}

const RESULTS = /^(Calculé|Déjà émis|Non facturé|Rien à facturer)/;

describe('facturation et tableaux de bord du portail', () => {
  let session;

  before(async () => {
    session = await launch();
  });
  after(async () => {
    await session?.browser.close();
  });

  const mainNav = (page) => page.getByRole('navigation', { name: 'Navigation principale' });
  const focusedTag = (page) => page.evaluate(() => document.activeElement?.tagName);
  const region = (page, name) => page.getByRole('region', { name, exact: true });

  /** Waits until the canvas has been drawn, then measures it: its painted pixels and how many colours they have. */
  async function paintedPixels(page, canvasId) {
    const measure = (id) => {
      const canvas = document.getElementById(id);
      if (!(canvas instanceof HTMLCanvasElement) || canvas.width === 0 || canvas.height === 0) return { opaque: 0, colours: 0 };
      const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      let opaque = 0;
      const colours = new Set();
      for (let i = 0; i < data.length; i += 4) {
        if (data[i + 3] === 0) continue;
        opaque++;
        if (colours.size < 256) colours.add(`${data[i]},${data[i + 1]},${data[i + 2]},${data[i + 3]}`);
      }
      return { opaque, colours: colours.size, width: canvas.width, height: canvas.height };
    };
    await page.waitForFunction((id) => {
      const canvas = document.getElementById(id);
      if (!(canvas instanceof HTMLCanvasElement) || canvas.width === 0) return false;
      const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) return true;
      return false;
    }, canvasId);
    return page.evaluate(measure, canvasId);
  }

  /**
   * The chart is drawn: its canvas has painted pixels of several colours (bars, axes, labels), and a screenshot of it
   * is much larger than the screenshot of a blank area of the same size (a PNG of a single colour compresses to little).
   */
  async function assertChartDrawn(page, canvasId, what) {
    const pixels = await paintedPixels(page, canvasId);
    assert.ok(pixels.opaque > 500, `${what}: painted pixels (${JSON.stringify(pixels)})`);
    assert.ok(pixels.colours > 4, `${what}: several colours (${JSON.stringify(pixels)})`);
    const canvas = page.locator(`#${canvasId}`);
    assert.equal(await canvas.getAttribute('role'), 'img', `${what}: an image for assistive technologies`);
    assert.match((await canvas.getAttribute('aria-label')) ?? '', /^Graphique en (barres|barres horizontales|courbes) « .+ »/, `${what}: its text alternative`);
    const shot = await canvas.screenshot();
    const box = await canvas.boundingBox();
    assert.ok(box && box.width > 50 && box.height > 50, `${what}: a visible chart`);
    await page.evaluate(({ width, height }) => {
      const blank = document.createElement('div');
      blank.id = 'e2e-vide';
      Object.assign(blank.style, { position: 'fixed', left: '0', top: '0', width: `${width}px`, height: `${height}px`, background: '#ffffff', zIndex: '10000' });
      document.body.append(blank);
    }, box);
    const blank = await page.locator('#e2e-vide').screenshot();
    await page.evaluate(() => document.getElementById('e2e-vide')?.remove());
    assert.ok(shot.length > blank.length * 2 && shot.length - blank.length > 2000, `${what}: the screenshot (${shot.length} bytes) is not blank (${blank.length} bytes)`);
  }

  /** « Données du graphique »: the chart's values as a table, with a caption and column headers. */
  async function assertChartData(scope, what) {
    const details = scope.locator('details.chart-data').first();
    await details.locator('summary').getByText('Données du graphique', { exact: true }).click();
    const table = details.locator('table');
    await table.waitFor();
    assert.ok((await table.locator('caption').textContent())?.trim(), `${what}: the data table has a caption`);
    assert.ok((await table.locator('tbody tr').count()) > 0, `${what}: the data table has rows`);
  }

  /** Clicks an export or download button (its name, or the start of it): the file downloaded, with its name and bytes. */
  async function download(page, name) {
    const button = typeof name === 'string' ? page.getByRole('button', { name, exact: true }) : page.getByRole('button', { name });
    const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
    return { name: file.suggestedFilename(), bytes: await readFile(await file.path()) };
  }

  test('la DSI ouvre le tableau de bord métropolitain : graphiques dessinés, classement, matrice, exports', async () => {
    const page = session.page;
    await login(page, OPERATOR);
    await mainNav(page).getByRole('link', { name: 'Tableau de bord métropolitain', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Tableau de bord métropolitain' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/dsi/tableau-de-bord');
    assert.equal(await focusedTag(page), 'H1', 'focus moves to the title on a route change');
    assert.equal(await mainNav(page).getByRole('link', { name: 'Tableau de bord métropolitain', exact: true }).getAttribute('aria-current'), 'page');
    const year = await page.getByLabel('Année', { exact: true }).inputValue();
    assert.match(year, /^\d{4}$/);

    // the key figures
    const figures = page.locator('dl.key-figures');
    assert.deepEqual((await figures.locator('dt').allTextContents()).map((t) => t.trim()), [
      'Services offerts',
      'Communes',
      'Coût mutualisé',
      'Coût si chaque commune était seule',
      'Économies',
    ]);
    assert.match((await figures.locator('dd').nth(4).textContent())?.trim() ?? '', /€ \(-?[\d,]+\s%\)$/, 'the savings in euros and percent');

    // the charts, drawn, with their text alternative and their data
    await assertChartDrawn(page, 'economies-graphique', 'les économies par commune');
    await assertChartDrawn(page, 'utilisateurs-graphique', 'les communes utilisatrices par service');
    await assertChartData(page.getByRole('region', { name: 'Économies par commune', exact: true }), 'les économies par commune');
    await assertChartData(page.getByRole('region', { name: 'Communes utilisatrices par service', exact: true }), 'les communes utilisatrices');

    // the ranking, sorted by savings, then by the pooled cost
    const ranking = region(page, 'Tableau du classement des communes');
    await ranking.waitFor();
    // the sort mark (▼, ▲, ↕) is hidden from assistive technologies: the button is named by its column
    const sortHeader = (label) => ranking.locator('thead th').filter({ has: page.getByRole('button', { name: label, exact: true }) });
    assert.equal(await sortHeader('Économies').getAttribute('aria-sort'), 'descending');
    const communes = await ranking.locator('tbody tr').count();
    assert.ok(communes > 0, 'communes are ranked');
    await sortHeader('Coût mutualisé').getByRole('button').click();
    assert.equal(await sortHeader('Coût mutualisé').getAttribute('aria-sort'), 'descending');
    await sortHeader('Coût mutualisé').getByRole('button').click();
    assert.equal(await sortHeader('Coût mutualisé').getAttribute('aria-sort'), 'ascending');
    await page.locator('#annonces').getByText('Classement trié par Coût mutualisé, ordre croissant.').waitFor();
    assert.match((await ranking.locator('caption').textContent()) ?? '', /trié par coût mutualisé \(ordre croissant\)/);

    // the services used by each commune: words for assistive technologies, not a colour
    const matrix = region(page, 'Tableau des services utilisés par commune');
    assert.equal(await matrix.locator('tbody tr').count(), communes);
    const marks = await matrix.locator('tbody td .sr-only').allTextContents();
    assert.ok(marks.length > 0 && marks.every((m) => m === 'abonnée' || m === 'non abonnée'), 'each cell says « abonnée » or « non abonnée »');
    await assertAccessible(page, 'le tableau de bord métropolitain');

    // the exports
    const csv = await download(page, 'Exporter en CSV');
    assert.equal(csv.name, `tableau-de-bord-metropole-${year}.csv`);
    assert.deepEqual([...csv.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with a byte order mark');
    assert.match(csv.bytes.subarray(3).toString('utf8').split('\r\n')[0], /^insee;commune;population;coût mutualisé \(€\);/);
    const pdf = await download(page, 'Exporter en PDF');
    assert.equal(pdf.name, `tableau-de-bord-metropole-${year}.pdf`);
    assert.equal(pdf.bytes.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.ok(pdf.bytes.length > 5000, 'the PDF holds the charts');
  });

  test('la DSI consulte les tarifs', async () => {
    const page = session.page;
    await mainNav(page).getByRole('link', { name: 'Tarifs', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Tarifs' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/dsi/tarifs');
    assert.equal(await focusedTag(page), 'H1');
    const year = await page.getByLabel('Année', { exact: true }).inputValue();
    await page.getByRole('heading', { level: 2, name: `Tarifs en vigueur en ${year}` }).waitFor();
    const tables = page.locator('.tariff-service table');
    if ((await tables.count()) > 0) {
      assert.match((await tables.first().locator('caption').textContent())?.trim() ?? '', /^Tarifs de « .+ » en vigueur en \d{4}/);
      assert.deepEqual((await tables.first().locator('thead th').allTextContents()).map((t) => t.trim()), [
        'Validité',
        'Prix unitaire',
        'Forfait annuel',
        'Unités gratuites',
        'Calcul du prix unitaire',
        'Justification',
      ]);
    } else {
      await page.getByText(`Aucun tarif en vigueur en ${year}.`, { exact: true }).waitFor();
    }
    const form = page.getByRole('region', { name: 'Nouveau tarif', exact: true });
    await form.getByRole('heading', { level: 2, name: 'Nouveau tarif' }).waitFor();
    await form.getByLabel('Coût annuel du service (€)', { exact: true }).fill('120000');
    await form.getByLabel('Unités consommées en un an', { exact: true }).fill('400000');
    await page.locator('#tarif-prix').getByText('Prix unitaire calculé : 0,30 € (120 000,00 € ÷ 400 000 unités).').waitFor();
    await assertAccessible(page, 'les tarifs (DSI)');

    // the standalone cost references: a table per service; the first band of the HR connector saved again unchanged
    // (other tests depend on these figures)
    const costs = region(page, 'Coûts de référence d’une commune seule');
    await costs.getByRole('heading', { level: 2, name: 'Coûts de référence d’une commune seule' }).waitFor();
    await costs.getByText(/^Économies = coût d’une commune seule \(au prorata des jours d’abonnement\) − coût mutualisé\./).waitFor();
    assert.ok((await costs.locator('table').count()) > 0, 'a table per service');
    assert.match((await costs.locator('table caption').first().textContent())?.trim() ?? '', /^Coût annuel de « .+ » pour une commune seule, par tranche de population \(euros\)$/);
    const hr = region(page, 'Coûts de référence de Connecteur ressources humaines');
    assert.equal((await hr.locator('caption').textContent())?.trim(), 'Coût annuel de « Connecteur ressources humaines » pour une commune seule, par tranche de population (euros)');
    assert.deepEqual((await hr.locator('thead th').allTextContents()).map((t) => t.trim()), [
      'Population',
      'Licence',
      'Hébergement',
      'Maintenance',
      'Temps agent',
      'Total annuel',
      'Source',
      'Action',
    ]);
    const firstBand = hr.locator('tbody tr').first();
    const band = (await firstBand.locator('th').textContent())?.trim() ?? '';
    assert.match(band, /hab\./, 'the band in words');
    const total = (await firstBand.locator('td').nth(4).textContent())?.trim();
    await firstBand.getByRole('button', { name: /^Modifier/ }).click();
    const costForm = page.getByRole('form', { name: /^Modifier le coût de référence de « Connecteur ressources humaines », / });
    await costForm.waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'cout-ref-modification-titre', 'focus moves to the form');
    assert.ok((await costForm.getByLabel('Source', { exact: true }).inputValue()).trim(), 'the source is filled');
    await assertAccessible(page, 'la modification d’un coût de référence');
    await costForm.getByRole('button', { name: 'Enregistrer le coût de référence', exact: true }).click();
    await page.locator('#cout-ref-resultat').getByText('Coût de référence enregistré.', { exact: true }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'cout-ref-resultat', 'focus moves to the confirmation');
    assert.equal(await costForm.count(), 0, 'the form is closed');
    assert.equal((await hr.locator('tbody tr').first().locator('td').nth(4).textContent())?.trim(), total, 'the figures are unchanged');
    await assertAccessible(page, 'les tarifs et coûts de référence (DSI)');
  });

  test('la DSI calcule la facturation mensuelle du mois précédent pour une commune', async () => {
    const page = session.page;
    await mainNav(page).getByRole('link', { name: 'Facturation', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Facturation' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/dsi/facturation');
    assert.equal(await focusedTag(page), 'H1');
    await assertAccessible(page, 'la facturation (DSI)');

    await page.getByLabel('Fréquence', { exact: true }).selectOption('MONTHLY');
    await page.getByLabel('Début de période', { exact: true }).fill(previousMonthStart());
    await page.getByLabel('Communes (facultatif)', { exact: true }).fill(RUN_COMMUNE);
    await page.getByRole('button', { name: 'Calculer les états', exact: true }).click();
    const status = page.locator('#facturation-resultat');
    await status.getByText(/^Facturation « .+ » calculée : /).waitFor({ timeout: 60_000 });
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'facturation-resultat', 'focus moves to the outcome');
    const outcome = region(page, 'Tableau du résultat du calcul');
    await outcome.waitFor();
    assert.deepEqual((await outcome.locator('thead th').allTextContents()).map((t) => t.trim()), ['Commune', 'Résultat', 'État', 'Total']);
    const rows = outcome.locator('tbody tr');
    assert.equal(await rows.count(), 1, 'one commune billed');
    assert.match((await rows.first().locator('th').textContent())?.trim() ?? '', new RegExp(`\\(${RUN_COMMUNE}\\)$`));
    assert.match((await rows.first().locator('td').first().textContent())?.trim() ?? '', RESULTS);
    assert.match((await outcome.locator('tfoot').textContent())?.trim() ?? '', /^Total des états/);
    const label = ((await page.locator('#facturation-calcul-titre').textContent()) ?? '').replace(/^Résultat du calcul : /, '').trim();
    assert.ok(label, 'the period has a French label');
    await assertAccessible(page, 'le résultat de la facturation');

    // the run's statements
    const runs = region(page, 'Tableau des facturations');
    const runRow = runs.locator('tbody tr').filter({ has: page.getByRole('rowheader', { name: label, exact: true }) }).first();
    await runRow.getByRole('button', { name: /^Voir les états/ }).click();
    const heading = page.getByRole('heading', { level: 3, name: `États de la facturation « ${label} »` });
    await heading.waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'facturation-etats-titre', 'focus moves to the statements');
    await assertAccessible(page, 'les états d’une facturation');

    // a statement of the commune, if the run computed one (or found it issued)
    const link = outcome.locator('tbody a').first();
    if ((await link.count()) > 0) {
      await link.click();
      await page.getByRole('heading', { level: 1, name: /^(État d’utilisation|Avoir) / }).waitFor();
      assert.match(new URL(page.url()).pathname, /^\/facturation\/etats\/[0-9a-f-]+$/);
      assert.equal(await mainNav(page).getByRole('link', { name: 'Facturation', exact: true }).getAttribute('aria-current'), 'page');
      const lines = region(page, 'Tableau des lignes de l’état');
      if ((await lines.count()) > 0) assert.equal(await lines.locator('thead th').first().textContent(), 'N°');
      const pdf = await download(page, /^Télécharger le PDF/);
      assert.match(pdf.name, /\.pdf$/);
      assert.equal(pdf.bytes.subarray(0, 5).toString('latin1'), '%PDF-');
      await assertAccessible(page, 'un état d’utilisation (DSI)');
    }
  });

  test('la DSI simule le budget avec les valeurs par défaut', async () => {
    const page = session.page;
    await mainNav(page).getByRole('link', { name: 'Simulation budgétaire', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Simulation budgétaire' }).waitFor();
    assert.equal(await focusedTag(page), 'H1');
    const baseYear = Number(await page.getByLabel('Année de référence', { exact: true }).inputValue());
    assert.equal(baseYear, new Date().getFullYear() - 1, 'last year by default');
    for (const label of ['Usage pur', 'Forfait par habitant', 'Mixte']) assert.equal(await page.getByLabel(label, { exact: true }).isChecked(), true, label);
    assert.equal(await page.getByLabel('Part habitants (%)', { exact: true }).inputValue(), '50');
    await assertAccessible(page, 'la simulation budgétaire');

    await page.getByRole('button', { name: 'Simuler', exact: true }).click();
    await page.locator('#simulation-resultat').getByText(/^Simulation pour \d{4} \(référence \d{4}\) : /).waitFor({ timeout: 60_000 });
    const table = region(page, 'Tableau de la simulation par commune');
    await table.waitFor();
    const headers = (await table.locator('thead th').allTextContents()).map((t) => t.trim());
    for (const name of ['Commune', 'Population', 'Usage pur', 'Par habitant', 'Mixte 50 %']) assert.ok(headers.includes(name), `column « ${name} » in ${headers.join(', ')}`);
    assert.ok(headers.includes('Écart Par habitant / Usage pur'), 'the difference with the first scenario');
    const communes = await table.locator('tbody tr').count();
    assert.ok(communes >= 1, `every active commune (${communes})`);
    assert.match((await table.locator('tfoot th').first().textContent())?.trim() ?? '', /^Total/);
    await assertAccessible(page, 'le résultat de la simulation');
    const csv = await download(page, 'Exporter en CSV');
    assert.match(csv.name, /^simulation-budgetaire-\d{4}\.csv$/);
    assert.deepEqual([...csv.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const lines = csv.bytes.subarray(3).toString('utf8').trim().split('\r\n');
    assert.equal(lines[0], 'insee;commune;population;Usage pur;Par habitant;Mixte 50 %');
    assert.equal(lines.length - 1, communes);
    assert.match(lines[1], /^[0-9AB]{5};[^;]+;\d+;-?\d+\.\d{2};-?\d+\.\d{2};-?\d+\.\d{2}$/);
  });

  test("l'administrateur de la commune consulte son tableau de bord, ses états d'utilisation et les tarifs", async () => {
    await withPage(session, async (page) => {
      await login(page, ADMIN, COMMUNE);
      await mainNav(page).getByRole('link', { name: 'Tableau de bord', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Tableau de bord' }).waitFor();
      assert.equal(new URL(page.url()).pathname, '/tableau-de-bord');
      assert.equal(await focusedTag(page), 'H1');
      const year = await page.getByLabel('Année', { exact: true }).inputValue();
      assert.match((await page.locator('.lead').first().textContent()) ?? '', new RegExp(`\\(${COMMUNE}\\)`));
      assert.deepEqual((await page.locator('dl.key-figures dt').allTextContents()).map((t) => t.trim()), [
        'Coût mutualisé',
        'Coût si la commune était seule',
        'Économies',
        'Montant facturé',
      ]);
      // each chart drawn, or saying it has no data (its table still there)
      let drawn = 0;
      for (const [id, what] of [
        ['cout-service', 'le coût par service'],
        ['usage', 'l’usage mensuel'],
        ['evolution', 'l’évolution sur plusieurs années'],
      ]) {
        const notice = page.locator(`#${id} .chart-notice`);
        await page.waitForFunction(
          (blockId) => {
            const block = document.getElementById(blockId);
            const canvas = block?.querySelector('canvas');
            const noticeEl = block?.querySelector('.chart-notice');
            return (canvas && canvas.width > 0) || (noticeEl && !noticeEl.hidden);
          },
          id,
        );
        if (await notice.isVisible()) continue;
        await assertChartDrawn(page, `${id}-graphique`, what);
        drawn++;
      }
      assert.ok(drawn >= 1, 'the demo commune has at least one chart');
      await assertChartData(page.getByRole('region', { name: 'Coût par service', exact: true }), 'le coût par service');
      await assertAccessible(page, 'le tableau de bord de la commune');
      const pdf = await download(page, 'Exporter en PDF');
      assert.equal(pdf.name, `tableau-de-bord-${COMMUNE}-${year}.pdf`);
      assert.equal(pdf.bytes.subarray(0, 5).toString('latin1'), '%PDF-');
      const csv = await download(page, 'Exporter en CSV');
      assert.equal(csv.name, `tableau-de-bord-${COMMUNE}-${year}.csv`);

      // « États d’utilisation »: the issued statements of the year, or none
      await mainNav(page).getByRole('link', { name: 'États d’utilisation', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'États d’utilisation' }).waitFor();
      assert.equal(new URL(page.url()).pathname, '/facturation');
      const list = region(page, 'Tableau des états d’utilisation');
      const empty = page.getByText(/^Aucun état d’utilisation émis en \d{4}\.$/);
      await list.or(empty).first().waitFor();
      if ((await list.count()) > 0) {
        assert.deepEqual((await list.locator('thead th').allTextContents()).map((t) => t.trim()), ['Période', 'Document', 'Numéro', 'Émis le', 'Montant', 'Même période l’an dernier']);
      }
      await assertAccessible(page, 'les états d’utilisation de la commune');
      if ((await list.count()) > 0) {
        await list.locator('tbody a').first().click();
        await page.getByRole('heading', { level: 1, name: /^(État d’utilisation|Avoir) n° / }).waitFor();
        assert.equal(await mainNav(page).getByRole('link', { name: 'États d’utilisation', exact: true }).getAttribute('aria-current'), 'page');
        assert.equal(await page.getByRole('button', { name: /^Émettre/ }).count(), 0, 'a commune does not issue');
        assert.equal(await page.getByRole('heading', { name: 'Établir un avoir' }).count(), 0, 'a commune does not credit');
        await assertAccessible(page, 'un état d’utilisation de la commune');
      }

      // the tariffs, read only
      const costsNav = page.getByRole('navigation', { name: 'Coût des services' });
      await costsNav.getByRole('link', { name: 'Tarifs', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Tarifs' }).waitFor();
      assert.equal(new URL(page.url()).pathname, '/tarifs');
      assert.equal(await costsNav.getByRole('link', { name: 'Tarifs', exact: true }).getAttribute('aria-current'), 'true');
      assert.equal(await mainNav(page).getByRole('link', { name: 'États d’utilisation', exact: true }).getAttribute('aria-current'), 'page');
      assert.equal(await page.getByRole('heading', { name: 'Nouveau tarif' }).count(), 0, 'only the DSI creates tariffs');
      const costs = region(page, 'Coûts de référence d’une commune seule');
      await costs.getByRole('heading', { level: 2, name: 'Coûts de référence d’une commune seule' }).waitFor();
      assert.ok((await costs.locator('table caption').count()) > 0, 'the references are read');
      assert.equal(await page.getByRole('button', { name: /^Modifier/ }).count(), 0, 'only the DSI edits the references');
      await assertAccessible(page, 'les tarifs (commune)');
    });
  });

  test('aucune erreur JavaScript dans la console', () => {
    // the refusals a page shows are logged by the browser as failed resources; a script error or any other console
    // error (a blocked style or script of the security policy …) is a defect
    const unexpected = session.consoleErrors.filter((e) => !/Failed to load resource: the server responded with a status of (400|401|403|404|409|422|503)/.test(e));
    assert.deepEqual(unexpected, []);
  });
});
