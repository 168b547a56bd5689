import { launch, login } from './e2e/support.mjs';
const { browser } = await launch();
for (const [user, commune, paths] of [['admin.strasbourg', '67482', ['/', '/catalogue', '/abonnements', '/journal']], ['dsi.operateur', null, ['/communes']], ['secretariat.kolbsheim-osthoffen', '67361', ['/']]]) {
  const ctx = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  page.setDefaultTimeout(15000);
  await login(page, user, commune);
  for (const p of paths) {
    await page.goto(process.env.BASE_URL + p);
    await page.waitForTimeout(1200);
    await page.screenshot({ path: `/tmp/shots/${user}${p.replace(/\//g, '_')}.png`, fullPage: true });
  }
  await ctx.close();
}
await browser.close();
