// The electronic archive (SAE) in a real browser: an agent stores a text file in the GED, opens it, clicks « Archiver »,
// fills the transfer form (service SECRETARIAT_GENERAL, rule CORRESPONDANCE), lands on the unit's page, sees its files
// with their SHA-256 (the one of the file sent) and downloads the evidence bundle (a ZIP); the commune administrator
// places a legal hold with a reason, lifts it, finds the unit by a search and opens « Intégrité des archives » (intact
// chain); the archives authority opens « Éliminations »; the DSI verifies the commune's journal and runs a fixity audit.
// axe-core checks every page on the way.
//
// Environment (besides support.mjs's): ARCHIVE_COMMUNE (INSEE code of an ACTIVE commune subscribed to
// `document-management` and `archiving`, used by no other browser test — default 67204 Hœnheim), ARCHIVE_ADMIN
// (commune-admin), ARCHIVE_AGENT (agent), ARCHIVE_AUTHORITY (archivist: the archives authority), each a person of that
// commune only; ARCHIVE_OPERATOR (the DSI, default OPERATOR_USER or it.dsi).
// Every run uses its own names, so runs against the same platform do not interfere.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { assertAccessible, launch, login, withPage } from './support.mjs';

const COMMUNE = process.env.ARCHIVE_COMMUNE ?? '67204';
const ADMIN = process.env.ARCHIVE_ADMIN ?? 'admin.hoenheim';
const AGENT = process.env.ARCHIVE_AGENT ?? 'agent.hoenheim';
const AUTHORITY = process.env.ARCHIVE_AUTHORITY ?? 'archiviste.hoenheim';
const OPERATOR = process.env.ARCHIVE_OPERATOR ?? process.env.OPERATOR_USER ?? 'it.dsi';

const RUN = Date.now().toString(36);
const TITLE = `Courrier au préfet ${RUN}`;
const FILE_NAME = `${TITLE}.txt`;
const CONTENT = `Courrier au préfet du Bas-Rhin.\nObjet : demande de subvention, dossier ${RUN}.\n`;
const SHA256 = createHash('sha256').update(Buffer.from(CONTENT, 'utf8')).digest('hex');
const HOLD_REASON = `Recours contentieux ${RUN}`;

describe('archivage électronique (SAE) du portail', () => {
  let session;
  /** Addresses found on the way, for the next steps. */
  const found = {};

  before(async () => {
    session = await launch();
  });
  after(async () => {
    await session?.browser.close();
  });

  const mainNav = (page) => page.getByRole('navigation', { name: 'Navigation principale' });
  const archiveNav = (page) => page.getByRole('navigation', { name: 'Archives électroniques' });
  const focusedTag = (page) => page.evaluate(() => document.activeElement?.tagName);

  test("l'agent dépose un document dans la GED, l'archive et consulte l'unité d'archives", async () => {
    const page = session.page;
    await login(page, AGENT, COMMUNE);

    // the document, stored in the GED through its upload button
    await mainNav(page).getByRole('link', { name: 'Documents' }).click();
    await page.getByRole('heading', { level: 1, name: 'Bibliothèque de documents' }).waitFor();
    await page.getByLabel('Choisir des fichiers', { exact: true }).setInputFiles({ name: FILE_NAME, mimeType: 'text/plain', buffer: Buffer.from(CONTENT, 'utf8') });
    const sent = page.getByRole('list', { name: 'Fichiers envoyés' }).getByRole('listitem').filter({ hasText: FILE_NAME });
    await sent.getByRole('link', { name: TITLE }).click();
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    found.document = page.url();
    await assertAccessible(page, 'la page du document');

    // « Archiver » opens the transfer form with the document chosen
    await page.getByRole('link', { name: /^Archiver/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Verser aux archives' }).waitFor();
    assert.equal(await focusedTag(page), 'H1', 'focus moves to the title on a route change');
    assert.match(page.url(), /\/archives\/verser\?document=/);
    assert.equal(await mainNav(page).getByRole('link', { name: 'Archives' }).getAttribute('aria-current'), 'page');
    const documentChoice = page.getByLabel('Document de la GED', { exact: true });
    assert.equal(await documentChoice.inputValue(), new URL(found.document).pathname.split('/').pop());
    assert.equal(await page.getByLabel('Intitulé (facultatif)').inputValue(), TITLE);
    await assertAccessible(page, 'le formulaire de versement');

    // a missing choice is listed before anything is sent
    await page.getByRole('button', { name: 'Verser aux archives' }).click();
    await page.locator('#versement-erreurs').getByRole('link', { name: /Service producteur/ }).waitFor();
    await assertAccessible(page, 'le formulaire de versement avec ses erreurs');

    await page.getByLabel('Service producteur', { exact: true }).selectOption('SECRETARIAT_GENERAL');
    await page.getByLabel('Règle de gestion', { exact: true }).selectOption('CORRESPONDANCE');
    await page.getByLabel('Mots-clés (facultatif)').fill(`préfet, subvention, ${RUN}`);
    await page.getByRole('button', { name: 'Verser aux archives' }).click();

    // the unit's page
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor({ timeout: 60_000 });
    assert.match(page.url(), /\/archives\/unites\/[0-9a-f-]{36}$/);
    found.unit = page.url();
    await page.locator('#unite-resultat').getByText(/^Document versé aux archives : unité .+/).waitFor();
    await page.getByText('Secrétariat général').first().waitFor();
    await page.getByText('Correspondance courante (CORRESPONDANCE)').waitFor();
    const files = page.getByRole('region', { name: 'Fichiers de l’unité' });
    const fileRow = files.getByRole('row', { name: new RegExp(FILE_NAME.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) });
    await fileRow.getByRole('cell', { name: 'Fichier', exact: true }).waitFor();
    assert.equal(await fileRow.locator('code').textContent(), SHA256, 'the SHA-256 shown is the one of the file sent');
    const journal = page.getByRole('region', { name: 'Journal de l’unité' });
    await journal.getByRole('cell', { name: 'Unité archivée' }).first().waitFor();
    await assertAccessible(page, "la page de l'unité d'archives");

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Télécharger le dossier de preuve' }).click()]);
    const bundle = await readFile(await download.path());
    assert.equal(bundle.subarray(0, 2).toString('latin1'), 'PK', 'the evidence bundle is a ZIP');

    // the archived file itself, unchanged
    const [file] = await Promise.all([page.waitForEvent('download'), fileRow.getByRole('button', { name: new RegExp(`^Télécharger ${FILE_NAME.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) }).click()]);
    assert.equal(await readFile(await file.path(), 'utf8'), CONTENT);
    // the consultation is journalled
    await page.reload();
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await journal.getByRole('cell', { name: 'Fichier consulté' }).first().waitFor();
  });

  test("l'administrateur pose un gel motivé puis le lève, retrouve l'unité et voit le journal intègre", async () => {
    await withPage(session, async (page) => {
      await login(page, ADMIN, COMMUNE);
      await page.goto(found.unit);
      await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
      await page.getByText('Aucun gel.', { exact: false }).waitFor();

      // the reason is required
      await page.getByRole('button', { name: 'Poser un gel' }).click();
      await page.getByText('Indiquez le motif du gel.').waitFor();
      assert.equal(await page.getByLabel('Motif du gel').getAttribute('aria-invalid'), 'true');
      await assertAccessible(page, "le gel de l'unité sans motif");

      await page.getByLabel('Motif du gel').fill(HOLD_REASON);
      await page.getByRole('button', { name: 'Poser un gel' }).click();
      const status = page.locator('#unite-resultat');
      await status.getByText(/est sous gel : elle ne peut plus être éliminée\.$/).waitFor();
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'unite-resultat', 'focus moves to the outcome');
      await page.getByText(`motif : ${HOLD_REASON}`).waitFor();
      const journal = page.getByRole('region', { name: 'Journal de l’unité' });
      await journal.getByRole('cell', { name: 'Gel posé' }).waitFor();
      await assertAccessible(page, "l'unité sous gel");

      await page.getByLabel('Motif de la levée (facultatif)').fill(`Fin du recours ${RUN}`);
      await page.getByRole('button', { name: 'Lever le gel' }).click();
      await status.getByText(/Le gel de l’unité .+ est levé\./).waitFor();
      await journal.getByRole('cell', { name: 'Gel levé' }).waitFor();
      await page.getByRole('button', { name: 'Poser un gel' }).waitFor();
      await assertAccessible(page, "l'unité après la levée du gel");

      // the archive's search finds it
      await mainNav(page).getByRole('link', { name: 'Archives' }).click();
      await page.getByRole('heading', { level: 1, name: 'Archives' }).waitFor();
      await assertAccessible(page, 'la recherche dans les archives');
      await page.getByLabel('Mots recherchés').fill(RUN);
      await page.getByRole('search', { name: 'Rechercher dans les archives' }).getByRole('button', { name: 'Rechercher' }).click();
      const results = page.getByRole('region', { name: 'Unités d’archives trouvées' });
      await results.getByRole('link', { name: TITLE }).waitFor();
      assert.match(page.url(), new RegExp(`/archives\\?q=${RUN}`));
      await page.locator('#archives-nombre').getByText(/unités? d’archives trouvées?/).waitFor();
      await assertAccessible(page, 'les résultats de la recherche dans les archives');

      await archiveNav(page).getByRole('link', { name: 'Référentiel' }).click();
      await page.getByRole('heading', { level: 1, name: "Référentiel d'archivage" }).waitFor();
      await page.getByRole('region', { name: 'Tableau des règles de gestion' }).getByRole('rowheader', { name: 'CORRESPONDANCE' }).waitFor();
      await assertAccessible(page, 'le référentiel');

      await archiveNav(page).getByRole('link', { name: 'Éliminations' }).click();
      await page.getByRole('heading', { level: 1, name: 'Éliminations' }).waitFor();
      await assertAccessible(page, 'les éliminations (administrateur)');

      await archiveNav(page).getByRole('link', { name: 'Intégrité' }).click();
      await page.getByRole('heading', { level: 1, name: 'Intégrité des archives' }).waitFor();
      await page.getByText(/^Chaîne intègre/).waitFor();
      await assertAccessible(page, "l'intégrité des archives");
    });
  });

  test("l'autorité d'archives consulte les éliminations", async () => {
    await withPage(session, async (page) => {
      await login(page, AUTHORITY, COMMUNE);
      await mainNav(page).getByRole('link', { name: 'Archives' }).click();
      await page.getByRole('heading', { level: 1, name: 'Archives' }).waitFor();
      assert.equal(await archiveNav(page).getByRole('link', { name: 'Verser un document' }).count(), 0);
      await archiveNav(page).getByRole('link', { name: 'Éliminations' }).click();
      await page.getByRole('heading', { level: 1, name: 'Éliminations' }).waitFor();
      await page.getByRole('heading', { level: 2, name: 'Propositions d’élimination' }).waitFor();
      assert.equal(await page.getByRole('button', { name: 'Proposer l’élimination' }).count(), 0, 'only the administrator proposes');
      await assertAccessible(page, "les éliminations (autorité d'archives)");
    });
  });

  test('la DSI vérifie le journal de la commune et lance un audit d’intégrité', async () => {
    await withPage(session, async (page) => {
      await login(page, OPERATOR);
      await mainNav(page).getByRole('link', { name: 'Intégrité des archives' }).click();
      await page.getByRole('heading', { level: 1, name: 'Intégrité des archives' }).waitFor();
      await assertAccessible(page, "l'intégrité des archives (DSI)");
      await page.getByLabel('Commune', { exact: true }).selectOption(COMMUNE);

      await page.getByRole('button', { name: 'Vérifier le journal' }).click();
      await page.getByRole('heading', { level: 3, name: /^Vérification du journal de / }).waitFor();
      await page.locator('#dsi-resultat .operation-summary').getByText(/^Chaîne intègre/).waitFor();
      assert.equal(await focusedTag(page), 'H3', 'focus moves to the result');

      await page.getByRole('button', { name: "Lancer un audit d'intégrité" }).click();
      await page.getByRole('heading', { level: 3, name: /^Audit d’intégrité de / }).waitFor({ timeout: 120_000 });
      await page.locator('#dsi-resultat .operation-summary').getByText(/^(Tout est intègre|\d+ anomalies?)/).waitFor();
      await assertAccessible(page, "le résultat de l'audit (DSI)");
    });
  });

  test('aucune erreur JavaScript dans la console', () => {
    // The refusals shown by the pages (the form's 422 …) are logged by the browser as failed resources; a script error
    // or any other console error is a defect.
    const unexpected = session.consoleErrors.filter((e) => !/Failed to load resource: the server responded with a status of (400|401|403|404|409|422|503)/.test(e));
    assert.deepEqual(unexpected, []);
  });
});
