// Leave requests in a real browser: an agent asks for a week of leave (« Mes congés », « Demander un congé »), sees it
// pending; their manager sees « Mes tâches (n) » in the navigation, tries to refuse without a reason (the dialog says
// it is required), then grants it; the agent sees it granted and their balance debited; the manager's team calendar
// of that month shows the absence; the commune administrator opens « Réglages des procédures » and has a bad BPMN
// variant refused with readable reasons; the agent finally cancels the leave (the days come back). axe-core checks
// every page on the way.
//
// Before the browser steps, through the API (with the tokens of the administrator and of the agent, read from their
// portal sessions): the commune is subscribed to `leave-requests`, HR validation is off, the agent's manager is the
// manager, a leave the agent left from an interrupted run is cancelled, and the agent's CA balance is set to 25 days.
//
// Environment (besides support.mjs's): LEAVE_COMMUNE (INSEE code of an ACTIVE commune used by no other browser test —
// default 67471 Souffelweyersheim), LEAVE_ADMIN (its administrator), LEAVE_AGENT (role agent) and LEAVE_MANAGER
// (roles agent and manager), people of that commune only; LEAVE_AGENT_NAME and LEAVE_MANAGER_NAME, their names as the
// procedures show them.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccessible, launch, login, pageApi, withPage } from './support.mjs';

const COMMUNE = process.env.LEAVE_COMMUNE ?? '67471';
const ADMIN = process.env.LEAVE_ADMIN ?? 'admin.souffelweyersheim';
const AGENT = process.env.LEAVE_AGENT ?? 'agent.souffelweyersheim';
const MANAGER = process.env.LEAVE_MANAGER ?? 'chef.souffelweyersheim';
const AGENT_NAME = process.env.LEAVE_AGENT_NAME ?? 'Solène Agent';
const MANAGER_NAME = process.env.LEAVE_MANAGER_NAME ?? 'Samuel Chef';

const RUN = Date.now().toString(36);

// Monday 15 to Friday 19 September 2031: five working days, no public holiday (Alsace-Moselle) in September.
const START = '2031-09-15';
const END = '2031-09-19';
const PERIOD = /Congés annuels du 15\/09\/2031 au 19\/09\/2031/;
const TITLE = 'Congés annuels du 15/09/2031 au 19/09/2031';
/** Requests from this day on are this test's: a run stopped half-way may have left one, cancelled before the run. */
const TEST_REQUESTS_FROM = '2031-01-01';

/** A BPMN 2.0 file that the platform's policy refuses (another process id, not executable). */
const BAD_BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="https://metrocloud.example.org/e2e">
  <process id="autreProcessus" name="Variante de test" isExecutable="false">
    <startEvent id="debut"/>
    <endEvent id="fin"/>
    <sequenceFlow id="f1" sourceRef="debut" targetRef="fin"/>
  </process>
</definitions>
`;

function expectStatus(reply, statuses, what) {
  assert.ok(statuses.includes(reply.status), `${what}: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply;
}

describe('demandes de congés du portail', () => {
  let session;

  before(async () => {
    session = await launch();
    // an interrupted run may have left the agent's request of that week: the agent cancels it first (an approved one
    // gives its days back, the balance is set afterwards)
    await withPage(session, async (page) => {
      await login(page, AGENT, COMMUNE);
      const api = await pageApi(page);
      const mine = expectStatus(await api('GET', '/api/v1/leave/requests'), [200], 'the agent’s requests').body;
      for (const r of mine.filter((x) => x.startDate >= TEST_REQUESTS_FROM && ['PENDING', 'APPROVED'].includes(x.status))) {
        expectStatus(await api('POST', `/api/v1/leave/requests/${r.id}/cancel`, { reason: 'Reprise du test de navigateur' }), [200], `cancellation of ${r.id}`);
      }
    });
    await withPage(session, async (page) => {
      await login(page, ADMIN, COMMUNE);
      const admin = await pageApi(page);
      expectStatus(await admin('POST', '/api/v1/subscriptions', { service: 'leave-requests' }), [201, 409], 'subscription to leave-requests');
      expectStatus(await admin('PUT', '/api/v1/workflow/settings', { hrValidation: false, reminderWorkingDays: 5 }), [200], 'settings');
      const agent = (username, displayName, managerUsername) =>
        admin('PUT', `/api/v1/workflow/agents/${encodeURIComponent(username)}`, { displayName, service: 'Services techniques', managerUsername, workingPattern: 'MON,TUE,WED,THU,FRI', active: true });
      expectStatus(await agent(MANAGER, MANAGER_NAME, null), [200], 'the manager');
      expectStatus(await agent(AGENT, AGENT_NAME, MANAGER), [200], 'the agent');
      expectStatus(await admin('PUT', `/api/v1/leave/balances/${encodeURIComponent(AGENT)}/CA`, { days: 25 }), [200], 'the CA balance');
    });
  });
  after(async () => {
    await session?.browser.close();
  });

  const mainNav = (page) => page.getByRole('navigation', { name: 'Navigation principale' });
  const leaveNav = (page) => page.getByRole('navigation', { name: 'Congés' });
  const balanceRow = (page) => page.getByRole('region', { name: 'Tableau de mes soldes' }).getByRole('row', { name: /^Congés annuels/ });
  const myRequest = (page, status) => page.getByRole('region', { name: 'Tableau de mes demandes de congé' }).getByRole('row', { name: PERIOD }).filter({ hasText: status });
  const days = (n) => new RegExp(`^${String(n).replace('.', ',')}\\sjours?$`);

  test("l'agent demande une semaine de congés et la voit en attente", async () => {
    await withPage(session, async (page) => {
      await login(page, AGENT, COMMUNE);
      await mainNav(page).getByRole('link', { name: 'Mes congés', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Mes congés' }).waitFor();
      await balanceRow(page).getByRole('cell', { name: days(25) }).first().waitFor();
      await assertAccessible(page, 'mes congés');

      await leaveNav(page).getByRole('link', { name: 'Demander un congé' }).click();
      await page.getByRole('heading', { level: 1, name: 'Demander un congé' }).waitFor();
      await assertAccessible(page, 'le formulaire de demande');

      // sent empty: the error summary takes the focus and links to the fields
      await page.getByRole('button', { name: 'Envoyer la demande' }).click();
      const summary = page.locator('#conge-erreurs');
      await summary.getByText(/Le formulaire contient \d+ erreurs? :/).waitFor();
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'conge-erreurs');
      await summary.getByRole('link', { name: /Date de début/ }).waitFor();
      assert.equal(await page.getByLabel('Date de début', { exact: true }).getAttribute('aria-invalid'), 'true');
      await assertAccessible(page, 'le formulaire en erreur');

      await page.getByLabel('Type de congé', { exact: true }).selectOption({ label: 'Congés annuels' });
      await page.getByText(/^Solde : 25\sjours/).waitFor();
      await page.getByLabel('Date de début', { exact: true }).fill(START);
      await page.getByLabel('Demi-journée de début', { exact: true }).selectOption({ label: 'Matin' });
      await page.getByLabel('Date de fin', { exact: true }).fill(END);
      await page.getByLabel('Demi-journée de fin', { exact: true }).selectOption({ label: 'Après-midi' });
      await page.getByLabel(/^Commentaire/).fill(`Vacances (test ${RUN})`);
      await page.getByRole('button', { name: 'Envoyer la demande' }).click();

      await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
      await page.locator('#demande-resultat').getByText(/Votre demande de congé a été envoyée/).waitFor();
      const facts = page.locator('.facts');
      await facts.getByText('En attente', { exact: true }).waitFor();
      await facts.getByText('Validation par le responsable', { exact: true }).waitFor();
      await facts.getByText(days(5)).waitFor();
      await page.getByRole('list', { name: 'Historique' }).getByText('Demande déposée').waitFor();
      await page.getByRole('button', { name: 'Annuler ma demande' }).waitFor();
      await assertAccessible(page, 'la demande envoyée');

      await mainNav(page).getByRole('link', { name: 'Mes congés', exact: true }).click();
      await myRequest(page, 'En attente').waitFor();
      await balanceRow(page).getByRole('cell', { name: days(5) }).waitFor();
    });
  });

  test('le responsable voit « Mes tâches (n) », ne peut refuser sans motif, puis accorde le congé', async () => {
    await withPage(session, async (page) => {
      await login(page, MANAGER, COMMUNE);
      const link = mainNav(page).getByRole('link', { name: /^Mes tâches \(\d+ tâches? en attente\)$/ });
      await link.waitFor();
      const waiting = Number((await link.textContent()).match(/\((\d+)/)[1]);
      assert.ok(waiting >= 1, 'at least the agent’s request awaits the manager');
      await link.click();
      await page.getByRole('heading', { level: 1, name: 'Mes tâches' }).waitFor();
      await assertAccessible(page, 'mes tâches');

      const task = page.getByRole('article', { name: PERIOD });
      await task.getByText(/Validation par le responsable/).first().waitFor();
      await task.getByRole('button', { name: /^Refuser/ }).click();
      const dialog = page.getByRole('dialog', { name: /^Refuser la demande de/ });
      await dialog.waitFor();
      await dialog.getByRole('button', { name: 'Confirmer le refus' }).click();
      await dialog.getByText('Indiquez le motif du refus.').waitFor();
      assert.equal(await dialog.getByLabel(/Motif du refus/).getAttribute('aria-invalid'), 'true');
      await assertAccessible(page, 'le refus sans motif');
      await dialog.getByRole('button', { name: 'Annuler', exact: true }).click();
      await dialog.waitFor({ state: 'detached' });

      await task.getByRole('button', { name: /^Accorder/ }).click();
      await page.locator('#taches-resultat').getByText(/^Vous avez accordé le congé de/).waitFor();
      await task.waitFor({ state: 'detached' });
      // the navigation's count follows
      const left = waiting - 1;
      await mainNav(page)
        .getByRole('link', left === 0 ? { name: 'Mes tâches', exact: true } : { name: new RegExp(`^Mes tâches \\(${left} tâches? en attente\\)$`) })
        .waitFor();
      await assertAccessible(page, 'mes tâches après la décision');
    });
  });

  test("l'agent voit son congé accordé et son solde débité", async () => {
    await withPage(session, async (page) => {
      await login(page, AGENT, COMMUNE);
      await mainNav(page).getByRole('link', { name: 'Mes congés', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Mes congés' }).waitFor();
      await balanceRow(page).getByRole('cell', { name: days(20) }).first().waitFor();
      await page.getByText(/Votre congé du 15 septembre 2031 au 19 septembre 2031 est accordé/).first().waitFor();
      await assertAccessible(page, 'mes congés après la décision');

      await myRequest(page, 'Accordée').getByRole('link', { name: PERIOD }).click();
      await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
      await page.locator('.facts').getByText('Accordée', { exact: true }).waitFor();
      await page.locator('.facts').getByText(/^Accordée par /).waitFor();
      await page.getByRole('list', { name: 'Historique' }).getByText('Congé accordé').waitFor();
      await assertAccessible(page, 'la demande accordée');
    });
  });

  test("le calendrier d'équipe du responsable montre l'absence de l'agent", async () => {
    await withPage(session, async (page) => {
      await login(page, MANAGER, COMMUNE);
      await mainNav(page).getByRole('link', { name: 'Mes congés', exact: true }).click();
      await leaveNav(page).getByRole('link', { name: 'Calendrier d’équipe' }).click();
      await page.getByRole('heading', { level: 1, name: 'Calendrier d’équipe' }).waitFor();
      await page.getByLabel('Mois affiché').fill('2031-09');
      await page.getByRole('button', { name: 'Afficher' }).click();
      await page.getByRole('heading', { level: 2, name: 'Septembre 2031', exact: true }).waitFor();

      const table = page.getByRole('table', { name: /septembre 2031/ });
      const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: AGENT_NAME, exact: true }) });
      await row.getByRole('cell', { name: 'CA', exact: true }).first().waitFor();
      assert.equal(await row.getByRole('cell', { name: 'CA', exact: true }).count(), 5, 'Monday to Friday');
      await page.getByRole('list', { name: /Liste des absences/ }).getByText(/Congés annuels du 15\/09\/2031 matin au 19\/09\/2031 après-midi/).first().waitFor();
      await assertAccessible(page, "le calendrier d'équipe");

      await page.getByRole('link', { name: /^Mois suivant/ }).click();
      await page.getByRole('heading', { level: 2, name: 'Octobre 2031', exact: true }).waitFor();
    });
  });

  test("l'administrateur ouvre les réglages des procédures et voit une variante BPMN refusée, motifs à l'appui", async () => {
    await withPage(session, async (page) => {
      await login(page, ADMIN, COMMUNE);
      await mainNav(page).getByRole('link', { name: 'Mes congés', exact: true }).click();
      await leaveNav(page).getByRole('link', { name: 'Réglages des procédures' }).click();
      await page.getByRole('heading', { level: 1, name: 'Réglages des procédures' }).waitFor();
      assert.equal(await page.getByLabel('Délai de relance (jours ouvrés)').inputValue(), '5');
      assert.equal(await page.getByLabel('Validation par le service RH après le responsable').isChecked(), false);
      const agents = page.getByRole('region', { name: 'Tableau des agents' });
      await agents.getByRole('row', { name: new RegExp(AGENT_NAME) }).getByText(MANAGER_NAME).waitFor();
      await page.getByRole('region', { name: 'Tableau des types de congés' }).getByRole('rowheader', { name: 'CA', exact: true }).waitFor();
      await page.getByRole('region', { name: 'Tableau des procédures' }).getByText(/^(Définition partagée|Variante de la commune)$/).first().waitFor();
      await assertAccessible(page, 'les réglages des procédures');

      // editing an agent fills the form and moves the focus to its title
      await agents.getByRole('button', { name: `Modifier l’agent ${AGENT_NAME}` }).click();
      await page.getByRole('heading', { level: 3, name: `Modifier l’agent ${AGENT_NAME}` }).waitFor();
      assert.equal(await page.getByLabel('Lundi', { exact: true }).inputValue(), 'FULL');
      await page.getByRole('button', { name: 'Annuler la modification' }).click();

      await page.getByLabel(/fichier BPMN 2\.0 de la variante de « Demande de congé »/i).setInputFiles({ name: 'conges-invalide.bpmn', mimeType: 'application/xml', buffer: Buffer.from(BAD_BPMN, 'utf8') });
      await page.getByRole('button', { name: 'Déployer la variante de « Demande de congé »' }).click();
      const refusal = page.locator('#definition-leaveRequest-erreur');
      await refusal.getByText(/^Le fichier BPMN a été refusé/).waitFor();
      assert.ok((await refusal.getByRole('listitem').count()) >= 1, 'the reasons are listed');
      await assertAccessible(page, 'la variante refusée');
    });
  });

  test("l'agent annule son congé accordé : les jours reviennent sur son solde", async () => {
    await withPage(session, async (page) => {
      await login(page, AGENT, COMMUNE);
      await mainNav(page).getByRole('link', { name: 'Mes congés', exact: true }).click();
      await myRequest(page, 'Accordée').getByRole('link', { name: PERIOD }).click();
      await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
      await page.getByRole('button', { name: 'Annuler ma demande' }).click();
      const dialog = page.getByRole('dialog', { name: 'Annuler votre demande de congé ?' });
      await dialog.getByLabel(/Motif de l’annulation/).fill(`Changement de planning (test ${RUN})`);
      await assertAccessible(page, "la confirmation d'annulation");
      await dialog.getByRole('button', { name: 'Confirmer l’annulation' }).click();
      await page.locator('#demande-resultat').getByText(/^Votre congé est annulé/).waitFor();
      await page.locator('.facts').getByText('Annulée', { exact: true }).waitFor();
      await page.getByRole('list', { name: 'Historique' }).getByText('Demande annulée').waitFor();
      assert.equal(await page.getByRole('button', { name: 'Annuler ma demande' }).count(), 0);

      await mainNav(page).getByRole('link', { name: 'Mes congés', exact: true }).click();
      await balanceRow(page).getByRole('cell', { name: days(25) }).first().waitFor();
    });
  });

  test('aucune erreur JavaScript dans la console', () => {
    // Refused API calls are expected and shown by the pages (the browser logs them as failed resources); a script
    // error or any other console error is a defect.
    const unexpected = session.consoleErrors.filter((e) => !/Failed to load resource: the server responded with a status of (400|401|403|404|409|422)/.test(e));
    assert.deepEqual(unexpected, []);
  });
});
