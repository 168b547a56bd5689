// The electronic archive (SAE) in a real browser: an agent stores a text file in the GED, opens it, clicks « Archiver »,
// fills the transfer form (service SECRETARIAT_GENERAL, rule CORRESPONDANCE), lands on the unit's page, sees its files
// with their SHA-256 (the one of the file sent) and downloads the evidence bundle (a ZIP); the same agent archives a
// second document whose retention has already ended (service FINANCES, rule FACTURES — 10 years, then destruction —
// counted from 2010-01-01). The commune administrator places a legal hold with a reason, lifts it, finds the first unit
// by a search and opens « Intégrité des archives » (intact chain). Then the disposal: the administrator finds the second
// unit among those eligible in « Éliminations », proposes its destruction and gives the commune's approval (the
// proposal still waits for the archives authority); the archives authority opens the proposal and approves it, the
// unit is destroyed and the destruction certificate is a PDF; back on the unit's page, the administrator sees it
// « Détruite » with its files listed as deleted and nothing to download. Last, the DSI verifies the commune's journal
// and runs a fixity audit. axe-core checks every page on the way.
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
import { assertAccessible, launch, login, pageApi, withPage } from './support.mjs';

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
// the unit proposed for destruction: its retention (FACTURES, 10 years) counted from 2010-01-01 ended in 2020
const DISPOSAL_TITLE = `Facture de fournitures ${RUN}`;
const DISPOSAL_FILE_NAME = `${DISPOSAL_TITLE}.txt`;
const DISPOSAL_CONTENT = `Facture n° ${RUN} : fournitures de bureau, exercice 2009.\n`;
const DISPOSAL_SHA256 = createHash('sha256').update(Buffer.from(DISPOSAL_CONTENT, 'utf8')).digest('hex');
const DISPOSAL_COMMENT = `Factures de 2009, DUA échue ${RUN}`;

const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

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
  const focusedId = (page) => page.evaluate(() => document.activeElement?.id);
  /** The value (`dd`) of a fact (`dt` reading exactly `term`) of the page's fact lists. */
  const fact = (page, term) =>
    page
      .locator('dl.facts > dt')
      .filter({ hasText: new RegExp(`^${escapeRe(term)}$`) })
      .locator('xpath=following-sibling::dd[1]');
  const proposalHeading = (page) => page.getByRole('heading', { level: 1, name: /^Proposition d.élimination — Proposition du \d{2}\/\d{2}\/\d{4}$/ });

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

  test("l'agent archive un second document dont la durée d'utilité administrative est échue", async () => {
    await withPage(session, async (page) => {
      await login(page, AGENT, COMMUNE);
      await mainNav(page).getByRole('link', { name: 'Documents' }).click();
      await page.getByRole('heading', { level: 1, name: 'Bibliothèque de documents' }).waitFor();
      await page.getByLabel('Choisir des fichiers', { exact: true }).setInputFiles({ name: DISPOSAL_FILE_NAME, mimeType: 'text/plain', buffer: Buffer.from(DISPOSAL_CONTENT, 'utf8') });
      const sent = page.getByRole('list', { name: 'Fichiers envoyés' }).getByRole('listitem').filter({ hasText: DISPOSAL_FILE_NAME });
      await sent.getByRole('link', { name: DISPOSAL_TITLE }).click();
      await page.getByRole('heading', { level: 1, name: DISPOSAL_TITLE }).waitFor();
      const documentId = new URL(page.url()).pathname.split('/').pop();

      await page.getByRole('link', { name: /^Archiver/ }).click();
      await page.getByRole('heading', { level: 1, name: 'Verser aux archives' }).waitFor();
      assert.equal(await page.getByLabel('Document de la GED', { exact: true }).inputValue(), documentId);
      assert.equal(await page.getByLabel('Intitulé (facultatif)').inputValue(), DISPOSAL_TITLE);
      await page.getByLabel('Service producteur', { exact: true }).selectOption('FINANCES');
      await page.getByLabel('Règle de gestion', { exact: true }).selectOption('FACTURES');
      await page.locator('#versement-regle-detail').getByText(/^Durée d’utilité administrative : 10\s+ans à compter du départ indiqué ci-dessous ; à son terme : destruction/).waitFor();
      const retentionStart = page.getByLabel('Départ de la durée d’utilité administrative', { exact: true });
      await retentionStart.fill('2010-01-01');
      assert.equal(await retentionStart.inputValue(), '2010-01-01');
      await assertAccessible(page, 'le formulaire de versement (règle FACTURES, départ en 2010)');
      await page.getByRole('button', { name: 'Verser aux archives' }).click();

      await page.getByRole('heading', { level: 1, name: DISPOSAL_TITLE }).waitFor({ timeout: 60_000 });
      assert.match(page.url(), /\/archives\/unites\/[0-9a-f-]{36}$/);
      found.disposalUnit = page.url();
      await page.locator('#unite-resultat').getByText(/^Document versé aux archives : unité .+/).waitFor();
      assert.equal((await fact(page, 'Service producteur').textContent())?.trim(), 'Finances');
      assert.equal((await fact(page, 'Règle').textContent())?.trim(), 'Factures et pièces comptables (FACTURES)');
      assert.equal((await fact(page, 'Départ de la durée').textContent())?.trim(), '01/01/2010');
      assert.equal((await fact(page, 'Fin de la durée').textContent())?.trim(), '01/01/2020');
      assert.equal((await fact(page, 'Sort final').textContent())?.trim(), 'Destruction');
      assert.equal((await fact(page, 'Statut').textContent())?.trim(), 'Archivée');
      await page.getByText('Durée d’utilité administrative échue : l’unité peut être proposée à l’élimination.', { exact: true }).waitFor();
      const fileRow = page.getByRole('region', { name: 'Fichiers de l’unité' }).getByRole('row', { name: new RegExp(escapeRe(DISPOSAL_FILE_NAME)) });
      assert.equal(await fileRow.locator('code').textContent(), DISPOSAL_SHA256, 'the SHA-256 shown is the one of the file sent');
      await fileRow.getByRole('button', { name: new RegExp(`^Télécharger ${escapeRe(DISPOSAL_FILE_NAME)}`) }).waitFor();
      await assertAccessible(page, "l'unité d'archives dont la DUA est échue");
    });
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

  test("l'administrateur propose l'élimination de l'unité échue et donne l'approbation de la commune", async () => {
    assert.ok(found.disposalUnit, 'the unit to destroy was archived');
    await withPage(session, async (page) => {
      await login(page, ADMIN, COMMUNE);
      await mainNav(page).getByRole('link', { name: 'Archives' }).click();
      await page.getByRole('heading', { level: 1, name: 'Archives' }).waitFor();
      await archiveNav(page).getByRole('link', { name: 'Éliminations' }).click();
      await page.getByRole('heading', { level: 1, name: 'Éliminations' }).waitFor();
      const eligible = page.getByRole('region', { name: 'Tableau des unités éligibles à l’élimination', exact: true });
      const row = eligible.getByRole('row').filter({ has: page.getByRole('link', { name: DISPOSAL_TITLE, exact: true }) });
      await row.waitFor();
      await row.getByText('Échue le 01/01/2020', { exact: true }).waitFor();
      assert.equal(await row.getByRole('link', { name: DISPOSAL_TITLE, exact: true }).getAttribute('href'), new URL(found.disposalUnit).pathname);

      // nothing selected: said before anything is sent
      await page.getByRole('button', { name: 'Proposer l’élimination' }).click();
      await page.getByText('Sélectionnez au moins une unité à proposer.', { exact: true }).waitFor();
      await assertAccessible(page, 'les unités éligibles sans sélection');

      await row.getByRole('checkbox').check();
      await page.getByLabel('Commentaire (facultatif)', { exact: true }).fill(DISPOSAL_COMMENT);
      await page.getByRole('button', { name: 'Proposer l’élimination' }).click();

      // the proposal's page
      await proposalHeading(page).waitFor({ timeout: 60_000 });
      assert.match(page.url(), /\/archives\/eliminations\/[0-9a-f-]{36}$/);
      found.disposal = page.url();
      await page
        .locator('#proposition-resultat')
        .getByText(/^Élimination proposée pour 1 unité, .+\. Elle attend l’approbation de la commune et celle de l’autorité d’archives\.$/)
        .waitFor();
      assert.equal((await fact(page, 'Statut').textContent())?.trim(), 'En attente des approbations');
      assert.equal((await fact(page, 'Commentaire').textContent())?.trim(), DISPOSAL_COMMENT);
      assert.equal((await fact(page, 'Approbation de la commune').textContent())?.trim(), 'En attente');
      await page.getByText('La destruction attend deux approbations : celle de la commune et celle de l’autorité d’archives.', { exact: true }).waitFor();
      const proposed = page.getByRole('region', { name: 'Unités proposées à l’élimination', exact: true });
      await proposed.getByRole('link', { name: DISPOSAL_TITLE, exact: true }).waitFor();
      await page.getByRole('heading', { level: 3, name: 'Approbation de la commune', exact: true }).waitFor();
      await assertAccessible(page, "la proposition d'élimination (administrateur)");

      // the commune's approval: the proposal then waits for the archives authority
      await page.getByRole('button', { name: 'Approuver l’élimination' }).click();
      await page.locator('#proposition-resultat').getByText('Vous avez approuvé l’élimination. Elle attend encore l’autre approbation.', { exact: true }).waitFor();
      assert.equal(await focusedId(page), 'proposition-resultat', 'focus moves to the outcome');
      await page.getByText('La destruction attend encore une approbation : celle de l’autorité d’archives.', { exact: true }).waitFor();
      assert.equal((await fact(page, 'Statut').textContent())?.trim(), 'En attente des approbations');
      assert.match((await fact(page, 'Approbation de la commune').textContent())?.trim() ?? '', /^Approuvée par .+ le /);
      assert.equal((await fact(page, 'Approbation de l’autorité d’archives').textContent())?.trim(), 'En attente');
      assert.equal(await page.getByRole('button', { name: 'Approuver l’élimination' }).count(), 0, 'the administrator approves once');
      assert.equal(await page.getByRole('button', { name: 'Télécharger le certificat de destruction (PDF)' }).count(), 0);
      await assertAccessible(page, "la proposition d'élimination approuvée par la commune");

      const api = await pageApi(page);
      const { status, body } = await api('GET', `/api/v1/archive/disposals/${found.disposal.split('/').pop()}`);
      assert.equal(status, 200);
      assert.equal(body.status, 'PENDING', 'the proposal waits for the archives authority');
      assert.ok(body.communeApprovedAt, 'the commune approved');
      assert.ok(!body.authorityApprovedAt, 'the archives authority has not approved yet');
      assert.ok(!body.destroyedAt);
    });
  });

  test("l'autorité d'archives approuve l'élimination : l'unité est détruite et le certificat est un PDF", async () => {
    assert.ok(found.disposal, 'the proposal was made');
    await withPage(session, async (page) => {
      await login(page, AUTHORITY, COMMUNE);
      await mainNav(page).getByRole('link', { name: 'Archives' }).click();
      await page.getByRole('heading', { level: 1, name: 'Archives' }).waitFor();
      assert.equal(await archiveNav(page).getByRole('link', { name: 'Verser un document' }).count(), 0);
      await archiveNav(page).getByRole('link', { name: 'Éliminations' }).click();
      await page.getByRole('heading', { level: 1, name: 'Éliminations' }).waitFor();
      await page.getByRole('heading', { level: 2, name: 'Propositions d’élimination' }).waitFor();
      assert.equal(await page.getByRole('button', { name: 'Proposer l’élimination' }).count(), 0, 'only the administrator proposes');
      const path = new URL(found.disposal).pathname;
      const proposals = page.getByRole('region', { name: 'Tableau des propositions d’élimination', exact: true });
      const row = proposals.getByRole('row').filter({ has: page.locator(`a[href="${path}"]`) });
      await row.getByText('En attente des approbations', { exact: true }).waitFor();
      await row.getByText(/^Approuvée par .+ le /).waitFor();
      await assertAccessible(page, "les éliminations (autorité d'archives)");

      await row.locator(`a[href="${path}"]`).click();
      await proposalHeading(page).waitFor();
      assert.equal(new URL(page.url()).pathname, path);
      await page.getByText('La destruction attend encore une approbation : celle de l’autorité d’archives.', { exact: true }).waitFor();
      await page.getByRole('heading', { level: 3, name: 'Approbation de l’autorité d’archives', exact: true }).waitFor();
      await page.getByRole('region', { name: 'Unités proposées à l’élimination', exact: true }).getByRole('link', { name: DISPOSAL_TITLE, exact: true }).waitFor();
      await assertAccessible(page, "la proposition d'élimination (autorité d'archives)");

      // the second approval destroys the unit
      await page.getByRole('button', { name: 'Approuver l’élimination' }).click();
      await page
        .locator('#proposition-resultat')
        .getByText('Vous avez approuvé l’élimination : les deux approbations sont réunies, les unités ont été détruites. Le certificat de destruction est disponible.', { exact: true })
        .waitFor({ timeout: 60_000 });
      assert.equal(await focusedId(page), 'proposition-resultat', 'focus moves to the outcome');
      assert.equal((await fact(page, 'Statut').textContent())?.trim(), 'Unités détruites');
      assert.match((await fact(page, 'Approbation de l’autorité d’archives').textContent())?.trim() ?? '', /^Approuvée par .+ le /);
      await fact(page, 'Unités détruites le').waitFor();
      await page.getByText('Les unités de la proposition ont été détruites ; le certificat de destruction est disponible.', { exact: true }).waitFor();
      assert.equal(await page.getByRole('heading', { name: 'Votre décision' }).count(), 0, 'nothing left to decide');
      await assertAccessible(page, "la proposition d'élimination exécutée");

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Télécharger le certificat de destruction (PDF)' }).click()]);
      const certificate = await readFile(await download.path());
      assert.equal(certificate.subarray(0, 4).toString('latin1'), '%PDF', 'the destruction certificate is a PDF');
    });
  });

  test("l'administrateur voit l'unité détruite, sans fichier à télécharger", async () => {
    assert.ok(found.disposalUnit, 'the unit to destroy was archived');
    await withPage(session, async (page) => {
      await login(page, ADMIN, COMMUNE);
      await page.goto(found.disposalUnit);
      await page.getByRole('heading', { level: 1, name: DISPOSAL_TITLE }).waitFor();
      assert.equal((await fact(page, 'Statut').textContent())?.trim(), 'Détruite');
      await fact(page, 'Détruite le').waitFor();
      await page.getByText('L’unité a été détruite.', { exact: true }).waitFor();
      const fileRow = page.getByRole('region', { name: 'Fichiers de l’unité' }).getByRole('row', { name: new RegExp(escapeRe(DISPOSAL_FILE_NAME)) });
      await fileRow.getByText(/^Supprimé le /).waitFor();
      assert.equal(await fileRow.locator('code').textContent(), DISPOSAL_SHA256, 'the fingerprint of the destroyed file stays');
      // nothing to download any more: neither the files, nor the evidence bundle or the SEDA export; no hold either
      assert.equal(await page.getByRole('button', { name: /^Télécharger/ }).count(), 0);
      assert.equal(await page.getByRole('button', { name: 'Exporter (SEDA 2.2)' }).count(), 0);
      assert.equal(await page.getByRole('button', { name: 'Poser un gel' }).count(), 0);
      await page.getByRole('region', { name: 'Journal de l’unité' }).getByRole('cell', { name: 'Unité détruite', exact: true }).waitFor();
      await assertAccessible(page, "l'unité d'archives détruite");

      // and the server refuses the content of a destroyed file
      const api = await pageApi(page);
      const unitId = new URL(found.disposalUnit).pathname.split('/').pop();
      const { status, body } = await api('GET', `/api/v1/archive/units/${unitId}`);
      assert.equal(status, 200);
      assert.equal(body.unit.status, 'DESTROYED');
      const file = body.objects.find((o) => o.fileName === DISPOSAL_FILE_NAME);
      assert.ok(file?.deletedAt, 'the file is marked deleted');
      const content = await api('GET', `/api/v1/archive/units/${unitId}/objects/${file.id}/content`);
      assert.equal(content.status, 404);
      assert.equal(content.body?.code, 'object-destroyed');
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
