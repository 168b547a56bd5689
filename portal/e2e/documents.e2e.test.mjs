// The GED (document management) pages in a real browser: an agent opens Documents, creates a folder, uploads a text
// file through the file input, opens the document's page and downloads it, finds it by a word of its content (text
// extraction is asynchronous: the search is retried), shares it, opens and revokes the link, moves the document to the
// trash and restores it. axe-core checks every GED page on the way.
//
// Environment (besides support.mjs's BASE_URL, KEYCLOAK_URL, PASSWORD, CHROMIUM):
//   GED_AGENT_USER  a person with the role `agent` in GED_COMMUNE only (no commune choice at login), password PASSWORD
//                   — default agent.bischheim
//   GED_COMMUNE     INSEE code of an ACTIVE commune SUBSCRIBED to the service `document-management` (its document
//                   types provisioned) — default 67043 (Bischheim, used by no other test)
// Every run works in its own folder with its own names, so runs against the same platform do not interfere.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { assertAccessible, launch, login } from './support.mjs';

const AGENT = process.env.GED_AGENT_USER ?? 'agent.bischheim';
const COMMUNE = process.env.GED_COMMUNE ?? '67043';

const RUN = Date.now().toString(36);
const FOLDER = `Commission des finances ${RUN}`;
const TITLE = `Compte rendu ${RUN}`;
const FILE_NAME = `${TITLE}.txt`;
/** Only in the file's text (not in its name or title): found once the text is extracted. */
const WORD = `zq${randomBytes(5).toString('hex')}`;
const CONTENT = `Compte rendu de la commission des finances.\nBudget primitif et mot de contrôle : ${WORD}.\n`;

describe('gestion documentaire (GED) du portail', () => {
  let session;
  let page;
  /** Addresses found on the way, for the next steps. */
  const found = {};

  before(async () => {
    session = await launch();
    page = session.page;
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await login(page, AGENT, COMMUNE);
  });
  after(async () => {
    await session?.browser.close();
  });

  const mainNav = () => page.getByRole('navigation', { name: 'Navigation principale' });
  const gedNav = () => page.getByRole('navigation', { name: 'Gestion documentaire' });
  const documentList = () => page.getByRole('region', { name: 'Liste des documents' });
  const focusedTag = () => page.evaluate(() => document.activeElement?.tagName);

  test("l'agent ouvre la bibliothèque et crée un dossier", async () => {
    await mainNav().getByRole('link', { name: 'Documents' }).click();
    await page.getByRole('heading', { level: 1, name: 'Bibliothèque de documents' }).waitFor();
    assert.equal(await page.title(), 'Bibliothèque de documents — MetroCloud');
    assert.equal(await focusedTag(), 'H1', 'focus moves to the title on a route change');
    assert.equal(await mainNav().getByRole('link', { name: 'Documents' }).getAttribute('aria-current'), 'page');
    await page.getByText(/^Espace de stockage utilisé : .+ (sur .+|\(sans quota\))$/).waitFor();
    await assertAccessible(page, 'la bibliothèque');

    await page.getByRole('button', { name: 'Créer un dossier', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Créer un dossier' });
    await dialog.getByLabel(/Nom du dossier/).fill(FOLDER);
    await assertAccessible(page, 'la création de dossier');
    await dialog.getByRole('button', { name: 'Créer le dossier' }).click();

    await page.getByRole('heading', { level: 2, name: FOLDER }).waitFor();
    const current = page.getByRole('navigation', { name: 'Dossiers' }).getByRole('link', { name: FOLDER });
    assert.equal(await current.getAttribute('aria-current'), 'page');
    await page.getByText('Ce dossier ne contient aucun document.').waitFor();
    await page.locator('#annonces').getByText(`Dossier « ${FOLDER} » créé.`).waitFor();
    found.folder = page.url();
    await assertAccessible(page, 'un dossier vide');
  });

  test('il dépose un fichier avec le bouton « Choisir des fichiers » et le voit listé', async () => {
    await page.getByLabel('Type de document (facultatif)').selectOption({ label: 'Rapport' });
    await page.getByLabel('Étiquettes (facultatif)').fill('finances, commission');
    await page.getByLabel('Choisir des fichiers', { exact: true }).setInputFiles({ name: FILE_NAME, mimeType: 'text/plain', buffer: Buffer.from(CONTENT, 'utf8') });

    const line = page.getByRole('list', { name: 'Fichiers envoyés' }).getByRole('listitem').filter({ hasText: FILE_NAME });
    await line.getByRole('link', { name: TITLE }).waitFor();
    await line.getByText('100 %').waitFor();
    assert.equal(await line.getByRole('progressbar', { name: `Envoi de ${FILE_NAME}` }).getAttribute('value'), '100');
    await page.locator('#envoi-statut').getByText(`« ${FILE_NAME} » enregistré.`).waitFor();

    const row = documentList().getByRole('row', { name: new RegExp(TITLE) });
    await row.getByRole('cell', { name: 'Rapport' }).waitFor();
    await row.getByRole('cell', { name: /octets$/ }).waitFor();
    await assertAccessible(page, 'la bibliothèque après un envoi');
  });

  test("un dossier qui n'est pas vide ne peut pas être supprimé : le refus du serveur est affiché", async () => {
    await page.getByRole('button', { name: 'Supprimer le dossier' }).click();
    const dialog = page.getByRole('dialog', { name: `Supprimer le dossier « ${FOLDER} » ?` });
    await dialog.getByRole('button', { name: 'Supprimer le dossier' }).click();
    await dialog.getByRole('alert').getByText(/n'est pas vide|n’est pas vide/).waitFor();
    await assertAccessible(page, 'le refus de suppression du dossier');
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  test('il ouvre la page du document et télécharge la version courante', async () => {
    await documentList().getByRole('link', { name: TITLE }).click();
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    assert.equal(await focusedTag(), 'H1');
    found.document = page.url();
    await page.getByText('finances, commission').waitFor();
    const versions = page.getByRole('region', { name: 'Versions du document' });
    await versions.getByRole('cell', { name: FILE_NAME, exact: true }).waitFor();
    await versions.getByText(/^(Texte extrait|Extraction en cours)$/).waitFor();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: `Télécharger la version courante de « ${TITLE} »` }).click(),
    ]);
    assert.equal(download.suggestedFilename(), FILE_NAME);
    assert.equal(await readFile(await download.path(), 'utf8'), CONTENT);
    await assertAccessible(page, 'la page du document');
  });

  test('il retrouve le document par un mot de son contenu, une fois le texte extrait', async () => {
    await gedNav().getByRole('link', { name: 'Recherche' }).click();
    await page.getByRole('heading', { level: 1, name: 'Rechercher des documents' }).waitFor();
    await assertAccessible(page, 'la page de recherche');
    const words = page.getByLabel('Mots recherchés');
    const search = page.getByRole('search', { name: 'Rechercher des documents' }).getByRole('button', { name: 'Rechercher' });
    const count = page.locator('#resultats-nombre');

    await words.fill(`${WORD}absent`);
    await search.click();
    await count.getByText('Aucun document ne correspond à votre recherche.').waitFor();
    assert.match(page.url(), /\/documents\/recherche\?q=/);

    await words.fill(WORD);
    const hit = page.getByRole('article', { name: TITLE });
    const deadline = Date.now() + 25_000;
    for (;;) {
      await search.click();
      if (await hit.waitFor({ timeout: 2_000 }).then(() => true, () => false)) break;
      assert.ok(Date.now() < deadline, `« ${WORD} » not found in 25 s: is the text extraction running?`);
    }
    await count.getByText('1 document trouvé').waitFor();
    await hit.locator('mark', { hasText: WORD }).waitFor();
    await assertAccessible(page, 'les résultats de recherche');
  });

  test('il crée un lien de partage, le copie et l’ouvre', async () => {
    await page.getByRole('article', { name: TITLE }).getByRole('link', { name: TITLE }).click();
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await page.getByLabel(/Durée de validité/).fill('3');
    await page.getByRole('button', { name: 'Créer un lien de partage' }).click();

    const field = page.getByLabel('Lien de partage', { exact: true });
    await field.waitFor();
    const url = await field.inputValue();
    assert.ok(url.startsWith(`${new URL(page.url()).origin}/documents/partage/`), url);
    assert.equal(await field.getAttribute('readonly'), '');
    await page.getByText(/Seuls les agents de .+ connectés à MetroCloud peuvent ouvrir ce lien, jusqu’au \d{2}\/\d{2}\/\d{4}/).waitFor();
    await page.getByRole('button', { name: 'Copier le lien' }).click();
    await page.locator('#annonces').getByText(/Lien copié dans le presse-papiers|Copie automatique impossible/).waitFor();
    const shares = page.getByRole('region', { name: 'Liens de partage du document' });
    await shares.getByRole('cell', { name: 'Actif' }).first().waitFor();
    await assertAccessible(page, 'le partage du document');
    found.share = url;

    await page.goto(url);
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await page.getByText('Document partagé avec vous').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Télécharger le document' }).click()]);
    assert.equal(download.suggestedFilename(), FILE_NAME);
    await assertAccessible(page, 'la page du document partagé');
  });

  test('un lien révoqué ne s’ouvre plus', async () => {
    await page.goto(found.document);
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    const shares = page.getByRole('region', { name: 'Liens de partage du document' });
    await shares.getByRole('button', { name: /^Révoquer le lien créé le/ }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Révoquer ce lien de partage ?' });
    await dialog.getByRole('button', { name: 'Révoquer le lien' }).click();
    await shares.getByRole('cell', { name: /^Révoqué le/ }).first().waitFor();

    await page.goto(found.share);
    await page.getByRole('heading', { level: 1, name: 'Lien de partage indisponible' }).waitFor();
    await page.getByRole('alert').getByText('Ce lien de partage n’existe pas, a expiré ou a été révoqué.').waitFor();
    await assertAccessible(page, 'la page d’un lien de partage révoqué');
  });

  test('il met le document à la corbeille puis le restaure', async () => {
    await page.goto(found.document);
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await page.getByRole('button', { name: 'Mettre à la corbeille' }).click();
    const dialog = page.getByRole('dialog', { name: `Mettre « ${TITLE} » à la corbeille ?` });
    await assertAccessible(page, 'la confirmation de mise à la corbeille');
    await dialog.getByRole('button', { name: 'Mettre à la corbeille' }).click();
    await page.getByRole('heading', { level: 2, name: FOLDER }).waitFor();
    await page.getByText('Ce dossier ne contient aucun document.').waitFor();

    await gedNav().getByRole('link', { name: 'Corbeille' }).click();
    await page.getByRole('heading', { level: 1, name: 'Corbeille' }).waitFor();
    await page.getByText(/conservés 30 jours/).waitFor();
    await assertAccessible(page, 'la corbeille');
    const row = page.getByRole('row', { name: new RegExp(TITLE) });
    await row.getByRole('button', { name: `Restaurer « ${TITLE} »` }).click();
    await page.locator('#annonces').getByText(`« ${TITLE} » a été restauré.`).waitFor();
    await row.waitFor({ state: 'detached' });

    await page.goto(found.folder);
    await documentList().getByRole('link', { name: TITLE }).waitFor();
  });

  test('aucune erreur JavaScript dans la console', () => {
    // Refusals shown by the pages (the non-empty folder's 409, the revoked link's 404) are logged by the browser as
    // failed resources; a script error or any other console error is a defect.
    const unexpected = session.consoleErrors.filter((e) => !/Failed to load resource: the server responded with a status of (400|401|403|404|409|410|413|422)/.test(e));
    assert.deepEqual(unexpected, []);
  });
});
