// The parapheur in a real browser: a commune administrator defines a one-signature circuit, an agent submits a PDF
// into it, the mayor sees it in « Mon parapheur » (with the count in the navigation), signs it, downloads the signed
// PDF and has it validated on « Valider une signature » (DSS report: valid, PAdES-BASELINE-LTA). axe-core checks every
// page on the way.
//
// Environment (besides support.mjs's): PARAPHEUR_COMMUNE (INSEE code of an ACTIVE commune subscribed to
// `document-management` and `e-signature`, used by no other browser test — default 67152 Geispolsheim),
// PARAPHEUR_ADMIN, PARAPHEUR_AGENT (role agent) and PARAPHEUR_SIGNER (a person of that commune only).
// Every run uses its own names, so runs against the same platform do not interfere.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { assertAccessible, launch, login, withPage } from './support.mjs';

const COMMUNE = process.env.PARAPHEUR_COMMUNE ?? '67152';
const ADMIN = process.env.PARAPHEUR_ADMIN ?? 'admin.geispolsheim';
const AGENT = process.env.PARAPHEUR_AGENT ?? 'agent.geispolsheim';
const SIGNER = process.env.PARAPHEUR_SIGNER ?? 'maire.geispolsheim';

const RUN = Date.now().toString(36);
const CIRCUIT = `Arrêtés du maire ${RUN}`;
const TITLE = `Arrêté de voirie ${RUN}`;

/** A one-page PDF with a line of text, with a correct cross-reference table. */
function pdf(text) {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    null,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  const stream = `BT /F1 14 Tf 72 760 Td (${text}) Tj ET`;
  objects[3] = `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`;
  let out = '%PDF-1.4\n';
  const offsets = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  out += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

describe('parapheur électronique du portail', () => {
  let session;
  const found = {};

  before(async () => {
    session = await launch();
  });
  after(async () => {
    await session?.browser.close();
  });

  const mainNav = (page) => page.getByRole('navigation', { name: 'Navigation principale' });
  const parapheurNav = (page) => page.getByRole('navigation', { name: 'Parapheur électronique' });

  test("l'administrateur définit un circuit d'une signature du maire", async () => {
    const page = session.page;
    await login(page, ADMIN, COMMUNE);
    await mainNav(page).getByRole('link', { name: /^Parapheur/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Mon parapheur' }).waitFor();
    await parapheurNav(page).getByRole('link', { name: 'Circuits de signature' }).click();
    await page.getByRole('heading', { level: 1, name: 'Circuits de signature' }).waitFor();
    await assertAccessible(page, 'les circuits');

    await page.getByLabel('Nom du circuit').fill(CIRCUIT);
    const step = page.getByRole('group', { name: 'Étape n°1' });
    await step.getByLabel('Type').selectOption({ label: 'Signature' });
    await step.getByLabel('Assigné à').selectOption({ label: `Georges Maire (${SIGNER})` });
    await step.getByLabel('Qualité (facultatif)').fill('Maire');
    await assertAccessible(page, 'le formulaire de circuit');
    await page.getByRole('button', { name: 'Enregistrer le circuit' }).click();
    await page.getByRole('heading', { name: new RegExp(CIRCUIT) }).first().waitFor();
    await assertAccessible(page, 'les circuits après création');
  });

  test("l'agent soumet un PDF dans le circuit", async () => {
    await withPage(session, async (page) => {
      await login(page, AGENT, COMMUNE);
      await mainNav(page).getByRole('link', { name: /^Parapheur/ }).click();
      await parapheurNav(page).getByRole('link', { name: 'Soumettre un document' }).click();
      await page.getByRole('heading', { level: 1, name: 'Soumettre un document' }).waitFor();
      await page.getByLabel('Circuit', { exact: true }).selectOption({ label: CIRCUIT });
      await page.getByLabel('Document PDF').setInputFiles({ name: 'arrete-voirie.pdf', mimeType: 'application/pdf', buffer: pdf(`Arrete de voirie ${RUN}`) });
      await page.getByLabel('Objet').fill(TITLE);
      await assertAccessible(page, 'la soumission');
      await page.getByRole('button', { name: 'Soumettre' }).click();

      await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
      await page.getByText('En cours').first().waitFor();
      found.folder = page.url();
      await assertAccessible(page, 'le dossier soumis');
      // nothing awaits the agent: no « Signer » for them
      assert.equal(await page.getByRole('button', { name: 'Signer' }).count(), 0);
    });
  });

  test('le maire voit le document en attente, le signe, puis fait valider le PDF signé', async () => {
    await withPage(session, async (page) => {
      await login(page, SIGNER, COMMUNE);
      const link = mainNav(page).getByRole('link', { name: /^Parapheur \(\d+ documents? en attente/ });
      await link.waitFor();
      await link.click();
      await page.getByRole('heading', { level: 1, name: 'Mon parapheur' }).waitFor();
      await assertAccessible(page, 'mon parapheur');
      await page.getByRole('link', { name: TITLE }).first().click();

      await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
      assert.equal(page.url(), found.folder);
      await assertAccessible(page, 'le dossier à signer');
      await page.getByRole('button', { name: 'Signer' }).click();
      await page.getByText('Approuvé').first().waitFor({ timeout: 60_000 });
      await page.getByRole('heading', { level: 2, name: 'Historique' }).waitFor();
      await page.getByRole('cell', { name: 'Signé' }).first().waitFor();
      await assertAccessible(page, 'le dossier signé');

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: /^Télécharger le document \(version 2\)/ }).click(),
      ]);
      const signed = await readFile(await download.path());
      assert.ok(signed.subarray(0, 5).toString() === '%PDF-', 'the download is a PDF');

      await mainNav(page).getByRole('link', { name: 'Valider une signature' }).click();
      await page.getByRole('heading', { level: 1, name: 'Valider une signature' }).waitFor();
      await assertAccessible(page, 'la validation');
      await page.getByLabel('Document PDF').setInputFiles({ name: 'arrete-signe.pdf', mimeType: 'application/pdf', buffer: signed });
      await page.getByRole('button', { name: 'Valider' }).click();
      await page.getByRole('heading', { level: 2, name: 'Rapport de validation' }).waitFor({ timeout: 60_000 });
      await page.getByText('1 signature, 1 valide', { exact: true }).waitFor();
      await page.getByText('PAdES-BASELINE-LTA').first().waitFor();
      await page.getByText(/Georges Maire/).first().waitFor();
      await assertAccessible(page, 'le rapport de validation');
    });
  });
});
