// Browser-test support: a real Chromium (Debian package) driven by playwright-core, real Keycloak login pages, the
// real platform. Environment: BASE_URL, KEYCLOAK_URL, PASSWORD, CHROMIUM, AUTOMATION_SECRET (set by PortalBrowserIT).
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import assert from 'node:assert/strict';

export const env = {
  baseUrl: process.env.BASE_URL ?? 'http://127.0.0.1:9280',
  keycloakUrl: process.env.KEYCLOAK_URL ?? 'http://127.0.0.1:8280',
  password: process.env.PASSWORD ?? 'MetroCloud-2026!',
  chromium: process.env.CHROMIUM ?? '/usr/bin/chromium',
  automationSecret: process.env.AUTOMATION_SECRET ?? 'dev-automation-secret',
};

export async function launch() {
  const browser = await chromium.launch({
    executablePath: env.chromium,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  const context = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const consoleErrors = [];
  collectErrors(page, consoleErrors);
  return { browser, page, consoleErrors };
}

function collectErrors(page, errors) {
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${page.url()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`${page.url()}: ${e}`));
}

/**
 * Runs `action` with a fresh page in its own browser context (own cookies: own Keycloak session); the page's console
 * errors are collected in the session's.
 */
export async function withPage(session, action) {
  const context = await session.browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  collectErrors(page, session.consoleErrors);
  try {
    return await action(page);
  } finally {
    await context.close();
  }
}

/**
 * Logs in through the portal's button and Keycloak's pages (identity-first: user name, then password). If Keycloak asks
 * which commune (a person of several communes), chooses `commune` (INSEE code); the choice may come before or after
 * the password.
 */
export async function login(page, username, commune, { waitForPortal = true } = {}) {
  await page.goto(env.baseUrl + '/');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL((url) => url.toString().startsWith(env.keycloakUrl));
  await page.locator('#username').fill(username);
  let passwordSent = false;
  if ((await page.locator('#password').count()) === 0) {
    await page.locator('#kc-login, [type=submit]').first().click();
  }
  // Identity-first login: the password page and the commune choice come in either order
  for (let step = 0; step < 4; step++) {
    const back = page.waitForURL((url) => url.toString().startsWith(env.baseUrl), { timeout: 20_000 }).then(() => 'back');
    const next = page.locator('#password, [name="kc.org"]').first().waitFor({ timeout: 20_000 }).then(() => 'form');
    if ((await Promise.race([back, next])) === 'back') break;
    if ((await page.locator('[name="kc.org"]').count()) > 0) {
      if (!commune) throw new Error('Keycloak asks to choose a commune and none was given');
      await page.locator(`#organization-${commune}`).click();
    } else if (!passwordSent) {
      await page.locator('#password').fill(env.password);
      await page.locator('#kc-login').click();
      passwordSent = true;
    } else {
      throw new Error(`Login of ${username} refused by Keycloak`);
    }
    await page.waitForLoadState('domcontentloaded');
  }
  await page.waitForURL((url) => url.toString().startsWith(env.baseUrl) && !url.pathname.startsWith('/connexion'));
  if (waitForPortal) await page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
}

/** axe-core on the current page: no serious or critical violation of WCAG 2.1 A/AA. */
export async function assertAccessible(page, what) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const blocking = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = blocking
    .map((v) => `${v.impact} ${v.id}: ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`)
    .join('\n');
  assert.equal(blocking.length, 0, `axe-core on ${what}:\n${report}`);
  return results;
}

/** The platform operator's API, as the DSI automation does. */
export async function operatorApi() {
  const response = await fetch(`${env.keycloakUrl}/realms/metrocloud/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: 'metrocloud-automation',
      client_secret: env.automationSecret,
    }),
  });
  assert.equal(response.status, 200, 'automation token');
  const { access_token: token } = await response.json();
  return async (method, path, body) => {
    const r = await fetch(env.baseUrl + path, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: r.status, body: r.status === 204 ? null : await r.json() };
  };
}

/**
 * The API as the person logged in on `page` (the portal keeps the access token in sessionStorage): the set-up a test
 * needs before its browser steps, with the same rights as that person in their commune.
 */
export async function pageApi(page) {
  const token = await page.evaluate(() => {
    for (let i = 0; i < sessionStorage.length; i++) {
      const key = sessionStorage.key(i);
      if (key && key.startsWith('oidc.user:')) return JSON.parse(sessionStorage.getItem(key) ?? '{}').access_token ?? null;
    }
    return null;
  });
  assert.ok(token, 'the portal holds an access token');
  return async (method, path, body) => {
    const r = await fetch(env.baseUrl + path, {
      method,
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json, application/problem+json', 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = r.status === 204 ? '' : await r.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = text;
    }
    return { status: r.status, body: json };
  };
}
