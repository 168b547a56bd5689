// Mission orders in a real browser: an agent asks for a mission order to Paris (« Mes ordres de mission », « Demander un
// ordre de mission ») and sees the live cost estimate (3 meals, 1 night in Paris, the train fare: 380,00 €); their
// manager accepts it in « Mes tâches »; the order goes to signature (an asynchronous step of the process: the agent's
// page is reloaded until it says so); the mayor signs it in the parapheur; the agent sees it signed and files an état
// de frais (a meal, a night with its hotel bill sent to the GED); the manager validates it; the agent sees the mission
// closed with what will be reimbursed; the commune administrator finds the signer and the budget line in « Réglages
// des procédures ». axe-core checks every page on the way.
//
// Before the browser steps, through the API (with the tokens of the administrator and of the agent, read from their
// portal sessions): the commune is subscribed to `mission-orders`, `e-signature` and `document-management`, the agent's
// manager is the manager, the mayor signs the commune's mission orders, a budget line of the departure's year exists,
// and an order the agent left pending in an interrupted run is cancelled.
//
// Environment (besides support.mjs's): MISSION_COMMUNE (INSEE code of an ACTIVE commune used by no other browser test
// — default 67389 Reichstett), MISSION_ADMIN (its administrator), MISSION_AGENT (role agent), MISSION_MANAGER (roles
// agent and manager) and MISSION_SIGNER (role elected-official), people of that commune only; MISSION_AGENT_NAME, the
// agent's name as the procedures show it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccessible, env, launch, login, pageApi, withPage } from './support.mjs';

const COMMUNE = process.env.MISSION_COMMUNE ?? '67389';
const ADMIN = process.env.MISSION_ADMIN ?? 'admin.reichstett';
const AGENT = process.env.MISSION_AGENT ?? 'agent.reichstett';
const MANAGER = process.env.MISSION_MANAGER ?? 'chef.reichstett';
const SIGNER = process.env.MISSION_SIGNER ?? 'maire.reichstett';
const AGENT_NAME = process.env.MISSION_AGENT_NAME ?? 'Rémi Agent';

const RUN = Date.now().toString(36);
const PURPOSE = `Formation CNFPT sur la commande publique (test ${RUN})`;

// Tuesday 14 October 2031, 07:00, to Wednesday 15 October, 20:00, in Paris by train: lunch and dinner on the 14th,
// lunch on the 15th, the night in between.
const DEPARTURE_DAY = '2031-10-14';
const RETURN_DAY = '2031-10-15';
const YEAR = 2031;
const TITLE = 'Ordre de mission — Paris, du 14/10/2031 au 15/10/2031';
/** The commune's budget line of this test (its committed amount grows by what each run reimburses). */
const LINE = 'DEPL-E2E';

/** A one-page PDF with a line of text, with a correct cross-reference table (as in the parapheur's browser tests). */
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

function expectStatus(reply, statuses, what) {
  assert.ok(statuses.includes(reply.status), `${what}: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply;
}

describe('ordres de mission du portail', () => {
  let session;
  const found = {};

  before(async () => {
    session = await launch();
    await withPage(session, async (page) => {
      await login(page, ADMIN, COMMUNE);
      const admin = await pageApi(page);
      for (const service of ['mission-orders', 'e-signature', 'document-management']) {
        expectStatus(await admin('POST', '/api/v1/subscriptions', { service }), [201, 409], `subscription to ${service}`);
      }
      expectStatus(
        await admin('PUT', `/api/v1/workflow/agents/${encodeURIComponent(AGENT)}`, {
          displayName: AGENT_NAME,
          service: 'Services techniques',
          managerUsername: MANAGER,
          workingPattern: 'MON,TUE,WED,THU,FRI',
          active: true,
        }),
        [200],
        'the agent and their manager',
      );
      expectStatus(await admin('PUT', '/api/v1/missions/settings', { signerUsername: SIGNER, signerLabel: 'Maire' }), [200], 'the signer');
      expectStatus(
        await admin('PUT', `/api/v1/missions/budget-lines/${LINE}/${YEAR}`, { label: 'Formations et déplacements', service: 'Ressources humaines', amount: 100000 }),
        [200],
        'the budget line',
      );
    });
    // an interrupted run may have left the agent's order pending: withdrawn first
    await withPage(session, async (page) => {
      await login(page, AGENT, COMMUNE);
      const api = await pageApi(page);
      const mine = expectStatus(await api('GET', '/api/v1/missions'), [200], 'the agent’s orders').body;
      for (const m of mine.filter((x) => x.status === 'PENDING')) {
        expectStatus(await api('POST', `/api/v1/missions/${m.id}/cancel`, { reason: 'Reprise du test de navigateur' }), [200, 409], `cancellation of ${m.id}`);
      }
    });
  });
  after(async () => {
    await session?.browser.close();
  });

  const mainNav = (page) => page.getByRole('navigation', { name: 'Navigation principale' });
  const missionNav = (page) => page.getByRole('navigation', { name: 'Ordres de mission' });
  const facts = (page) => page.locator('.facts').first();
  const myOrder = (page) => page.getByRole('region', { name: 'Tableau de mes ordres de mission' }).getByRole('row').filter({ hasText: RUN });
  const myTask = (page) => page.getByRole('article').filter({ hasText: RUN });

  /** Opens the agent's order of this run from « Mes ordres de mission », once it shows `status`. */
  async function openMyOrder(page, status) {
    await mainNav(page).getByRole('link', { name: 'Mes ordres de mission', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Mes ordres de mission' }).waitFor();
    await myOrder(page).getByRole('cell', { name: status, exact: true }).waitFor();
    await myOrder(page).getByRole('link', { name: /^Paris/ }).click();
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await facts(page).getByText(status, { exact: true }).waitFor();
  }

  /** Reloads the order's page until its status reads `status` (a step of the process runs asynchronously). */
  async function waitForStatus(page, status, timeoutMs) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
      await facts(page).waitFor();
      if ((await facts(page).getByText(status, { exact: true }).count()) > 0) return;
      assert.equal(await facts(page).getByText('Refusé', { exact: true }).count(), 0, `the order was refused: ${await facts(page).textContent()}`);
      assert.ok(Date.now() < deadline, `the order never reached « ${status} »: ${await facts(page).textContent()}`);
      await page.waitForTimeout(2_000);
      await page.reload();
    }
  }

  test("l'agent demande un ordre de mission et voit l'estimation de ses frais en direct", async () => {
    await withPage(session, async (page) => {
      await login(page, AGENT, COMMUNE);
      await mainNav(page).getByRole('link', { name: 'Mes ordres de mission', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Mes ordres de mission' }).waitFor();
      await assertAccessible(page, 'mes ordres de mission');

      await missionNav(page).getByRole('link', { name: 'Demander un ordre de mission' }).click();
      await page.getByRole('heading', { level: 1, name: 'Demander un ordre de mission' }).waitFor();
      const estimate = page.locator('#mission-estimation');
      await estimate.getByText(/^L’estimation s’affiche dès que les dates et heures/).waitFor();
      await assertAccessible(page, 'le formulaire de demande');

      // sent empty: the error summary takes the focus and links to the fields
      await page.getByRole('button', { name: 'Envoyer la demande' }).click();
      const summary = page.locator('#mission-erreurs');
      await summary.getByText(/Le formulaire contient \d+ erreurs? :/).waitFor();
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'mission-erreurs');
      await summary.getByRole('link', { name: /Destination/ }).waitFor();
      assert.equal(await page.getByLabel('Destination', { exact: true }).getAttribute('aria-invalid'), 'true');
      await assertAccessible(page, 'le formulaire en erreur');

      await page.getByLabel('Objet de la mission', { exact: true }).fill(PURPOSE);
      await page.getByLabel('Destination', { exact: true }).fill('Paris');
      await page.getByLabel('La mission a lieu à Paris').check();
      await page.getByLabel('Date de départ', { exact: true }).fill(DEPARTURE_DAY);
      await page.getByLabel('Heure de départ', { exact: true }).fill('07:00');
      await page.getByLabel('Date de retour', { exact: true }).fill(RETURN_DAY);
      await page.getByLabel('Heure de retour', { exact: true }).fill('20:00');
      await page.getByLabel('Moyen de transport', { exact: true }).selectOption({ label: 'Train' });
      await estimate.getByText('Indiquez le tarif estimé du trajet pour voir l’estimation.').waitFor();
      await page.getByLabel('Tarif estimé du trajet (€)', { exact: true }).fill('180');

      // the live estimate, in a polite live region: 3 meals, 1 night in Paris, the fare
      assert.equal(await estimate.getAttribute('aria-live'), 'polite');
      await estimate.getByText(/^Total estimé : 380,00\s€$/).waitFor();
      await estimate.getByText(/^Repas : 3 × 20,00\s€ = 60,00\s€$/).waitFor();
      await estimate.getByText(/^Nuitées : 1 × 140,00\s€ = 140,00\s€$/).waitFor();
      await estimate.getByText(/^Transport : 180,00\s€$/).waitFor();
      // the budget lines of the departure's year
      await page.getByLabel('Ligne budgétaire', { exact: true }).selectOption({ value: LINE });
      await assertAccessible(page, 'le formulaire avec son estimation');

      await page.getByRole('button', { name: 'Envoyer la demande' }).click();
      await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
      await page.locator('#mission-resultat').getByText(/^Votre demande d’ordre de mission a été envoyée/).waitFor();
      await facts(page).getByText('En attente de validation', { exact: true }).waitFor();
      await facts(page).getByText('Validation par le responsable', { exact: true }).waitFor();
      await facts(page).getByText(PURPOSE).waitFor();
      await page.getByRole('list', { name: 'Estimation des frais' }).getByText(/^Total estimé : 380,00\s€$/).waitFor();
      await page.getByRole('list', { name: 'Historique' }).getByText('Ordre de mission demandé').waitFor();
      await page.getByRole('button', { name: 'Annuler ma demande' }).waitFor();
      found.order = page.url();
      await assertAccessible(page, 'la demande envoyée');

      await mainNav(page).getByRole('link', { name: 'Mes ordres de mission', exact: true }).click();
      await myOrder(page).getByRole('cell', { name: 'En attente de validation', exact: true }).waitFor();
      await myOrder(page).getByRole('cell', { name: /^380,00\s€$/ }).waitFor();
    });
  });

  test("le responsable accorde l'ordre de mission dans « Mes tâches »", async () => {
    await withPage(session, async (page) => {
      await login(page, MANAGER, COMMUNE);
      await mainNav(page).getByRole('link', { name: /^Mes tâches/ }).click();
      await page.getByRole('heading', { level: 1, name: 'Mes tâches' }).waitFor();
      const task = myTask(page);
      await task.getByRole('heading', { level: 2, name: `${AGENT_NAME} — Ordre de mission : Paris, du 14/10/2031 au 15/10/2031` }).waitFor();
      await task.getByText(/^380,00\s€$/).waitFor();
      await assertAccessible(page, 'mes tâches avec un ordre de mission');

      await task.getByRole('button', { name: /^Accorder/ }).click();
      await page.locator('#taches-resultat').getByText(/^Vous avez accordé l’ordre de mission de/).waitFor();
      await task.waitFor({ state: 'detached' });
      await assertAccessible(page, 'mes tâches après la décision');
    });
  });

  test("l'ordre part à la signature et le maire le signe dans son parapheur", async () => {
    await withPage(session, async (page) => {
      await login(page, AGENT, COMMUNE);
      await page.goto(found.order);
      // the PDF is made, kept in the GED and sent to the mayor's parapheur by an asynchronous step
      await waitForStatus(page, 'À la signature', 60_000);
      await page.getByText('L’ordre de mission est à la signature dans le parapheur du signataire de la commune.').waitFor();
      await page.getByRole('link', { name: 'Ordre de mission à signer (PDF, dans la GED)' }).waitFor();
      await page.getByRole('list', { name: 'Historique' }).getByText('Crédits réservés').waitFor();
      await page.getByRole('list', { name: 'Historique' }).getByText('Envoyé à la signature').waitFor();
      assert.equal(await page.getByRole('button', { name: 'Annuler ma demande' }).count(), 0);
      await assertAccessible(page, "l'ordre à la signature");
      const api = await pageApi(page);
      const id = new URL(found.order).pathname.split('/').pop();
      const order = expectStatus(await api('GET', `/api/v1/missions/${id}`), [200], 'the order').body;
      assert.ok(order.folderId, 'the order is in a parapheur folder');
      assert.match(order.commitmentRef ?? '', /\S/, 'the estimate is reserved on the budget line');
      found.folder = `${env.baseUrl}/parapheur/dossiers/${order.folderId}`;
    });

    await withPage(session, async (page) => {
      await login(page, SIGNER, COMMUNE);
      await page.goto(found.folder);
      await page.getByRole('heading', { level: 1, name: /^Ordre de mission — / }).waitFor();
      await assertAccessible(page, "l'ordre de mission dans le parapheur du maire");
      await page.getByRole('button', { name: 'Signer' }).click();
      await page.getByText('Approuvé').first().waitFor({ timeout: 60_000 });
      await assertAccessible(page, "l'ordre de mission signé dans le parapheur");
    });
  });

  test("l'agent voit son ordre signé et dépose son état de frais avec un justificatif", async () => {
    await withPage(session, async (page) => {
      await login(page, AGENT, COMMUNE);
      await openMyOrder(page, 'Signé');
      await page.getByRole('link', { name: 'Ordre de mission signé (PDF, dans la GED)' }).waitFor();
      await page.getByRole('list', { name: 'Historique' }).getByText('Ordre de mission signé').waitFor();
      const expenses = page.getByRole('region', { name: 'État de frais', exact: true });
      await expenses.getByRole('group', { name: 'Ligne n°1' }).waitFor();
      await assertAccessible(page, "l'ordre signé et son état de frais");

      const meal = expenses.getByRole('group', { name: 'Ligne n°1' });
      await meal.getByLabel('Nature').selectOption({ label: 'Repas' });
      await meal.getByLabel('Jour').fill(DEPARTURE_DAY);
      await meal.getByLabel('Montant (€)').fill('18,50');
      await meal.getByLabel('Libellé').fill('Déjeuner');

      // a new line takes the focus
      await expenses.getByRole('button', { name: 'Ajouter une ligne' }).click();
      const night = expenses.getByRole('group', { name: 'Ligne n°2' });
      await night.waitFor();
      assert.equal(await page.evaluate(() => document.activeElement?.closest('fieldset')?.querySelector('legend')?.textContent), 'Ligne n°2');
      await night.getByLabel('Nature').selectOption({ label: 'Nuitée' });
      await night.getByLabel('Jour').fill(DEPARTURE_DAY);
      await night.getByLabel('Montant (€)').fill('150');
      await night.getByLabel('Libellé').fill('Hôtel');

      // without its receipt, the night is refused by the form
      await expenses.getByRole('button', { name: 'Déposer l’état de frais' }).click();
      await page.locator('#frais-erreurs').getByText(/Joignez le justificatif de la ligne n°2/).waitFor();
      await assertAccessible(page, "l'état de frais en erreur");

      await night.getByLabel('Justificatif').setInputFiles({ name: 'facture-hotel.pdf', mimeType: 'application/pdf', buffer: pdf(`Facture hotel ${RUN}`) });
      await night.getByText(/^Justificatif enregistré dans la GED : « facture-hotel\.pdf »/).waitFor();
      await expenses.getByRole('button', { name: 'Déposer l’état de frais' }).click();

      await page.locator('#mission-resultat').getByText(/^Votre état de frais a été déposé : 168,50\s€ déclarés, 158,50\s€ remboursables/).waitFor();
      await facts(page).getByText('État de frais déposé', { exact: true }).waitFor();
      const table = page.getByRole('region', { name: 'Tableau de l’état de frais' });
      await table.getByRole('row', { name: /Nuitée/ }).getByText('Plafonné au taux de la nuitée.').waitFor();
      await page.getByText(/^Total déclaré : 168,50\s€ — Total remboursable : 158,50\s€$/).waitFor();
      await assertAccessible(page, "l'état de frais déposé");
    });
  });

  test("le responsable valide l'état de frais", async () => {
    await withPage(session, async (page) => {
      await login(page, MANAGER, COMMUNE);
      await mainNav(page).getByRole('link', { name: /^Mes tâches/ }).click();
      await page.getByRole('heading', { level: 1, name: 'Mes tâches' }).waitFor();
      const task = myTask(page);
      await task.getByRole('heading', { level: 2, name: `${AGENT_NAME} — État de frais : Paris, du 14/10/2031 au 15/10/2031` }).waitFor();
      await task.getByText(/^168,50\s€$/).waitFor();
      await task.getByText(/^158,50\s€$/).waitFor();
      await assertAccessible(page, 'mes tâches avec un état de frais');

      await task.getByRole('button', { name: /^Valider/ }).click();
      await page.locator('#taches-resultat').getByText(/^Vous avez validé l’état de frais de .+ : 158,50\s€ lui seront remboursés\.$/).waitFor();
      await task.waitFor({ state: 'detached' });
    });
  });

  test("l'agent voit sa mission close et ce qui lui sera remboursé", async () => {
    await withPage(session, async (page) => {
      await login(page, AGENT, COMMUNE);
      await openMyOrder(page, 'Clos');
      await page.getByText(/^La mission est close : 158,50\s€ vous seront remboursés\.$/).waitFor();
      await page.getByText(/Total remboursable : 158,50\s€/).waitFor();
      await page.getByRole('list', { name: 'Historique' }).getByText('Mission close').waitFor();
      assert.equal(await page.getByRole('button', { name: 'Déposer l’état de frais' }).count(), 0);
      await assertAccessible(page, 'la mission close');
    });
  });

  test("l'administrateur retrouve le signataire et la ligne budgétaire dans les réglages des procédures", async () => {
    await withPage(session, async (page) => {
      await login(page, ADMIN, COMMUNE);
      await mainNav(page).getByRole('link', { name: 'Mes ordres de mission', exact: true }).click();
      await missionNav(page).getByRole('link', { name: 'Réglages des procédures' }).click();
      await page.getByRole('heading', { level: 1, name: 'Réglages des procédures' }).waitFor();
      const section = page.getByRole('region', { name: 'Ordres de mission', exact: true });
      await section.getByRole('heading', { level: 3, name: 'Signataire et taux' }).waitFor();
      assert.equal(await section.getByLabel('Signataire des ordres de mission').inputValue(), SIGNER);
      assert.equal(await section.getByLabel('Qualité du signataire').inputValue(), 'Maire');
      await section.getByRole('region', { name: 'Tableau des indemnités kilométriques' }).waitFor();

      await section.getByLabel('Exercice', { exact: true }).fill(String(YEAR));
      await section.getByRole('button', { name: /^Afficher/ }).click();
      const lines = section.getByRole('region', { name: 'Tableau des lignes budgétaires' });
      await lines.getByRole('rowheader', { name: LINE, exact: true }).waitFor();
      await assertAccessible(page, 'les réglages des ordres de mission');

      await section.getByRole('button', { name: 'Enregistrer le signataire et les taux' }).click();
      await page.locator('#missions-statut').getByText(/^Réglages des ordres de mission enregistrés : signataire .+ \(Maire\)/).waitFor();
    });
  });

  test('aucune erreur JavaScript dans la console', () => {
    // Refused API calls are expected and shown by the pages (the browser logs them as failed resources); a script
    // error or any other console error is a defect.
    const unexpected = session.consoleErrors.filter((e) => !/Failed to load resource: the server responded with a status of (400|401|403|404|409|422)/.test(e));
    assert.deepEqual(unexpected, []);
  });
});
