// The portal in a real browser: log in, subscribe, see it listed; the DSI's view of the communes; what a suspended
// commune's user sees; keyboard use. axe-core checks every page on the way.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccessible, env, launch, login, operatorApi, withPage } from './support.mjs';

const ADMIN = process.env.ADMIN_USER ?? 'admin.eckbolsheim';
const ADMIN_COMMUNE = process.env.ADMIN_COMMUNE ?? '67118';
const OPERATOR = process.env.OPERATOR_USER ?? 'it.dsi';
const OPERATED = process.env.OPERATED_COMMUNE ?? 'Wolfisheim';
const NEW_COMMUNE = { insee: process.env.NEW_COMMUNE_INSEE ?? '67130', name: process.env.NEW_COMMUNE_NAME ?? 'Erstein', admin: 'admin.erstein' };
const SHARED_USER = process.env.SHARED_USER ?? 'secretariat.e2e';
const SHARED_SECOND_COMMUNE = process.env.SHARED_SECOND_COMMUNE ?? '67551';
const SUSPENDED_ADMIN = process.env.SUSPENDED_ADMIN ?? 'admin.oberschaeffolsheim';
const SUSPENDED_COMMUNE = process.env.SUSPENDED_COMMUNE ?? '67350';

describe('portail MetroCloud', () => {
  let session;
  before(async () => {
    session = await launch();
  });
  after(async () => {
    await session?.browser.close();
  });

  test("la page d'accueil est en français, accessible et mène à la connexion", async () => {
    const { page } = session;
    await page.goto(env.baseUrl + '/');
    assert.equal(await page.getAttribute('html', 'lang'), 'fr');
    await page.getByRole('heading', { level: 1, name: 'Bienvenue sur MetroCloud' }).waitFor();
    await assertAccessible(page, "la page d'accueil");
    // Keyboard: the first Tab reaches the skip link, which moves focus to the content
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Aller au contenu');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'contenu');
  });

  test("l'administrateur d'une commune se connecte, souscrit à un service et le voit dans ses abonnements", async () => {
    await withPage(session, async (page) => {
      await login(page, ADMIN, ADMIN_COMMUNE);
      await page.getByRole('heading', { level: 1, name: /MetroCloud — Eckbolsheim/ }).waitFor();
      await assertAccessible(page, "l'accueil de l'administrateur");

      await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Catalogue des services' }).click();
      await page.getByRole('heading', { level: 1, name: 'Catalogue des services' }).waitFor();
      assert.equal(await page.title(), 'Catalogue des services — MetroCloud');
      await assertAccessible(page, 'le catalogue');

      const card = page.getByRole('article', { name: 'Ordres de mission' });
      await card.getByText('Non abonnée').waitFor();
      await card.getByRole('button', { name: 'Souscrire' }).click();
      const dialog = page.getByRole('dialog', { name: 'Souscrire à « Ordres de mission »' });
      await dialog.waitFor();
      await assertAccessible(page, "la boîte de dialogue d'abonnement");
      await dialog.getByLabel(/Référence de la délibération/).fill('DCM-2026-E2E');
      await dialog.getByRole('button', { name: 'Confirmer l’abonnement' }).click();
      await card.getByText(/En cours depuis le/).waitFor();
      await page.locator('#annonces').getByText('Abonnement à « Ordres de mission » enregistré.').waitFor();

      await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Abonnements' }).click();
      await page.getByRole('heading', { level: 1, name: 'Abonnements de Eckbolsheim' }).waitFor();
      const row = page.getByRole('row', { name: /Ordres de mission/ }).filter({ hasText: 'En cours' });
      await row.getByRole('cell', { name: 'DCM-2026-E2E' }).waitFor();
      await assertAccessible(page, 'la liste des abonnements');

      // Unsubscribe today: the service ends at once (subscribed and ended the same day: cancelled, nothing billed)
      await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Catalogue des services' }).click();
      await card.getByRole('button', { name: 'Résilier' }).click();
      const end = page.getByRole('dialog', { name: 'Résilier « Ordres de mission »' });
      await end.getByRole('button', { name: 'Confirmer la résiliation' }).click();
      await card.getByText('Non abonnée').waitFor();
      await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Abonnements' }).click();
      await page.getByRole('row', { name: /Ordres de mission/ }).getByRole('cell', { name: 'Annulé' }).first().waitFor();

      // The commune's audit trail shows what happened
      await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: "Journal d'audit" }).click();
      await page.getByRole('cell', { name: 'catalog.subscription.created' }).first().waitFor();
      await assertAccessible(page, "le journal d'audit");
    });
  });

  test("l'opérateur de la DSI voit les 33 communes et suspend puis réactive une commune", async () => {
    await withPage(session, async (page) => {
      await login(page, OPERATOR, null);
      await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Communes', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Communes membres' }).waitFor();
      await assertAccessible(page, 'la liste des communes');
      const rows = page.locator('tbody tr');
      assert.ok((await rows.count()) >= 3, 'the communes are listed');

      // which version of each procedure every commune runs
      await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Procédures des communes' }).click();
      await page.getByRole('heading', { level: 1, name: 'Procédures des communes' }).waitFor();
      const versions = page.getByRole('region', { name: 'Tableau des versions de procédures' });
      await versions.getByRole('columnheader', { name: 'Demande de congé' }).waitFor();
      assert.ok((await versions.getByText(/^Définition partagée, version \d+$/).count()) >= 1, 'the shared definitions are listed');
      await assertAccessible(page, 'les procédures des communes');
      await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Communes', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Communes membres' }).waitFor();

      await page.getByLabel('Filtrer par nom ou code INSEE').fill(OPERATED);
      // the communes' table (the page also lists the communes' connectors)
      const communes = page.getByRole('region', { name: 'Tableau des communes', exact: true });
      const row = communes.getByRole('row', { name: new RegExp(OPERATED) });
      await row.getByText('Active').waitFor();
      await row.getByRole('button', { name: `Suspendre ${OPERATED}` }).click();
      const dialog = page.getByRole('dialog', { name: `Suspendre ${OPERATED}` });
      await assertAccessible(page, 'la boîte de dialogue de suspension');
      await dialog.getByRole('button', { name: 'Suspendre la commune' }).click();
      // The reason is required: the dialog stays open until it is given
      await dialog.getByLabel(/Motif de la suspension/).fill('Convention en cours de renouvellement');
      await dialog.getByRole('button', { name: 'Suspendre la commune' }).click();
      await page.getByLabel('Filtrer par nom ou code INSEE').fill(OPERATED);
      await communes.getByRole('row', { name: new RegExp(OPERATED) }).getByText('Suspendue').waitFor();
      await communes.getByRole('row', { name: new RegExp(OPERATED) }).getByText(/Convention en cours de renouvellement/).waitFor();

      await page.getByRole('button', { name: `Réactiver ${OPERATED}` }).click();
      await page.getByLabel('Filtrer par nom ou code INSEE').fill(OPERATED);
      await communes.getByRole('row', { name: new RegExp(OPERATED) }).getByText('Active').waitFor();
    });
  });

  test("l'opérateur enregistre une nouvelle commune depuis le portail et vérifie son journal", async () => {
    await withPage(session, async (page) => {
      await login(page, OPERATOR, null);
      await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Communes', exact: true }).click();
      await page.getByRole('link', { name: 'Enregistrer une commune' }).click();
      await page.getByRole('heading', { level: 1, name: 'Enregistrer une commune' }).waitFor();
      await assertAccessible(page, "le formulaire d'enregistrement");

      // Submitting an empty form: an error summary gets the focus and links to each field
      await page.getByRole('button', { name: 'Enregistrer et créer la commune' }).click();
      const summary = page.locator('#erreurs');
      await summary.getByText(/Le formulaire contient 8 erreur/).waitFor();
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'erreurs');
      await assertAccessible(page, 'le formulaire en erreur');

      await page.getByLabel('Code INSEE').fill(NEW_COMMUNE.insee);
      await page.getByLabel('Nom de la commune').fill(NEW_COMMUNE.name);
      await page.getByLabel('Code postal').fill('67150');
      await page.getByLabel('Population légale').fill('11000');
      await page.getByLabel('Numéro de la convention de mutualisation').fill('EMS-MUT-2027-034');
      await page.getByLabel('Identifiant').fill(NEW_COMMUNE.admin);
      await page.getByLabel('Prénom').fill('Emma');
      await page.getByLabel(/^Nom \(obligatoire\)$/).fill('Administratrice');
      await page.getByLabel(/^Courriel \(obligatoire\)$/).fill('pas-un-courriel');
      await page.getByRole('button', { name: 'Enregistrer et créer la commune' }).click();
      // The server's validation comes back on the field it concerns
      await summary.getByRole('link', { name: /Courriel : / }).waitFor();
      assert.equal(await page.getByLabel(/^Courriel \(obligatoire\)$/).getAttribute('aria-invalid'), 'true');

      await page.getByLabel(/^Courriel \(obligatoire\)$/).fill('emma.admin@erstein.example.org');
      await page.getByRole('button', { name: 'Enregistrer et créer la commune' }).click();
      const success = page.locator('#succes');
      await success.getByRole('heading', { name: `${NEW_COMMUNE.name} est active sur MetroCloud` }).waitFor();
      assert.match(await success.locator('code').nth(1).textContent(), /^.{20}$/);
      await assertAccessible(page, "la confirmation d'enregistrement");

      await success.getByRole('link', { name: `Voir la fiche de ${NEW_COMMUNE.name}` }).click();
      await page.getByRole('heading', { level: 1, name: `${NEW_COMMUNE.name} (${NEW_COMMUNE.insee})` }).waitFor();
      await page.getByRole('cell', { name: 'Organisation Keycloak' }).waitFor();
      await page.getByRole('button', { name: 'Vérifier l’intégrité du journal' }).click();
      await page.getByText(/Journal intègre : \d+ entrée/).waitFor();
      await assertAccessible(page, "la fiche d'une commune");
    });
  });

  test('une secrétaire de mairie partagée entre deux communes choisit sa commune à la connexion', async () => {
    await withPage(session, async (page) => {
      await page.goto(env.baseUrl + '/');
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.locator('#username').fill(SHARED_USER);
      await page.locator('#kc-login, [type=submit]').first().click();
      await page.locator('#password, [name="kc.org"]').first().waitFor();
      if ((await page.locator('[name="kc.org"]').count()) === 0) {
        await page.locator('#password').fill(env.password);
        await page.locator('#kc-login').click();
      }
      // Keycloak offers both communes
      await page.locator(`#organization-${ADMIN_COMMUNE}`).waitFor();
      await page.locator(`#organization-${SHARED_SECOND_COMMUNE}`).click();
      await page.locator('#password').or(page.getByRole('button', { name: 'Se déconnecter' })).first().waitFor();
      if ((await page.locator('#password').count()) > 0) {
        await page.locator('#password').fill(env.password);
        await page.locator('#kc-login').click();
      }
      await page.getByRole('heading', { level: 1, name: `MetroCloud — ${OPERATED}` }).waitFor();
      await page.getByRole('banner').getByText(`— ${OPERATED}`).waitFor();
    });
  });

  test("l'utilisateur d'une commune suspendue voit pourquoi il ne peut plus travailler", async () => {
    const api = await operatorApi();
    const suspended = await api('POST', `/api/v1/tenants/${SUSPENDED_COMMUNE}/suspend`, { reason: 'Test de suspension' });
    assert.equal(suspended.status, 200);
    try {
      await withPage(session, async (page) => {
        await login(page, SUSPENDED_ADMIN, null, { waitForPortal: false });
        await page.getByRole('heading', { level: 1, name: 'Commune suspendue' }).waitFor();
        await page.getByRole('alert').getByText(/suspendu par la DSI/).waitFor();
        await assertAccessible(page, 'la page de commune suspendue');
      });
    } finally {
      assert.equal((await api('POST', `/api/v1/tenants/${SUSPENDED_COMMUNE}/resume`)).status, 200);
    }
  });

  test('aucune erreur JavaScript dans la console', () => {
    // Refused API calls are expected and shown by the pages (the browser logs them as failed resources); a script
    // error or any other console error is a defect.
    const unexpected = session.consoleErrors.filter((e) => !/Failed to load resource: the server responded with a status of (400|401|403|404|409|422)/.test(e));
    assert.deepEqual(unexpected, []);
  });
});
