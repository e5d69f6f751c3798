// Gate: browser smoke. Opens the pages of pages.mjs marked `smoke` from file:// in Chromium with
// the network blocked (every non-file request is aborted, every host name fails to resolve), in
// each site given (`node smoke.mjs --shots DIR zh-CN=public en=/tmp/…/public`; `--pages FILE`
// takes the pages of another site, a fixture's). A page fails on a
// console error, an uncaught exception, a failed or blocked request, or a missing stylesheet.
// A full-page screenshot of each page is written to DIR (default target/ci-screenshots).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { fileUrl, gatePages, launch, offlineContext, sitesFromArgs } from './lib.mjs';

const argv = process.argv.slice(2);
let shots = 'target/ci-screenshots';
const shotsAt = argv.indexOf('--shots');
if (shotsAt >= 0) shots = argv.splice(shotsAt, 2)[1];
// Another site's page list (a fixture's), instead of the example site's pages.mjs.
let pagesFile = new URL('./pages.mjs', import.meta.url).href;
const pagesAt = argv.indexOf('--pages');
if (pagesAt >= 0) pagesFile = pathToFileURL(path.resolve(argv.splice(pagesAt, 2)[1])).href;
const { PAGES, pageUrl } = await import(pagesFile);
shots = path.resolve(shots);
mkdirSync(shots, { recursive: true });

const sites = sitesFromArgs(argv);

// Runs a page's `searches` (pages.mjs): the first as loaded from `?q=` when it is the page's own
// query, the others typed into the search field. Each must list a result containing `expect`,
// with the hit in a <mark> when `mark` is set, and a result count in the page's language.
async function runSearches(page, p, problems) {
  const done = [];
  const lang = await page.evaluate(() => document.documentElement.lang);
  const countText = lang.startsWith('zh') ? /[结結]果/ : /\bresults?\b/;
  const results = page.locator('#search-results li');
  for (const [i, s] of p.searches.entries()) {
    if (i > 0 || s.q !== p.query) {
      await page.fill('#search-q', '');
      await page.waitForFunction(() => !document.querySelector('#search-results li'), null, { timeout: 5000 })
        .catch(() => problems.push(`search: clearing the field did not clear the results`));
      await page.fill('#search-q', s.q);
    }
    const found = await page
      .waitForFunction(
        (expect) => [...document.querySelectorAll('#search-results li')].some((li) => li.textContent.includes(expect)),
        s.expect,
        { timeout: 5000 },
      )
      .then(() => true)
      .catch(() => false);
    const n = await results.count();
    if (!found) problems.push(`search “${s.q}”: ${n} result(s), none containing “${s.expect}”`);
    if (s.mark && (await page.locator('#search-results mark').count()) === 0) {
      problems.push(`search “${s.q}”: no hit highlighted in a <mark>`);
    }
    const status = ((await page.locator('#search-status').textContent()) ?? '').trim();
    if (!countText.test(status)) problems.push(`search “${s.q}”: the result count reads “${status}”`);
    done.push(`search “${s.q}”: ${n} result(s), “${status}”`);
  }
  return done;
}
const browser = await launch();
let failed = 0;
let checked = 0;
try {
  const pages = PAGES.filter((p) => p.smoke);
  for (const { site, page: p, where } of gatePages(sites, pages, () => failed++)) {
    const { context, blocked } = await offlineContext(browser, {
      viewport: { width: 1280, height: 900 },
    });
    const page = await context.newPage();
    const problems = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
    });
    page.on('pageerror', (err) => problems.push(`uncaught exception: ${err.message}`));
    page.on('requestfailed', (req) => {
      problems.push(`failed request: ${req.url()} (${req.failure()?.errorText ?? 'failed'})`);
    });
    page.on('response', (res) => {
      if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
    });
    const response = await page.goto(pageUrl(fileUrl(site.dir, p.path), p), { waitUntil: 'load' });
    if (!response) problems.push('no response for the page itself');
    // Give late requests (lazy images, fonts, scripts' fetches) a moment to show up.
    await page.waitForLoadState('networkidle', { timeout: 5000 }).catch(() => {});
    const styled = await page.evaluate(() => {
      const sheets = [...document.styleSheets];
      return sheets.length > 0 && sheets.every((s) => {
        try {
          return s.cssRules.length > 0;
        } catch {
          return true; // unreadable from file://, but loaded
        }
      });
    });
    if (!styled) problems.push('stylesheet missing or empty');
    const h1 = (await page.locator('h1').first().textContent().catch(() => null))?.trim();
    if (!h1) problems.push('no <h1> on the page');
    for (const url of blocked) {
      if (!problems.some((m) => m.includes(url))) problems.push(`blocked outside request: ${url}`);
    }
    const shot = path.join(shots, `${site.label}-${p.name}.png`);
    await page.screenshot({ path: shot, fullPage: true });
    const searched = [];
    if (p.searches) searched.push(...(await runSearches(page, p, problems)));
    await context.close();
    checked++;
    console.log(`${problems.length ? 'FAIL' : 'ok  '}  ${where}: “${h1 ?? ''}” → ${path.relative(process.cwd(), shot)}`);
    for (const m of searched) console.log(`      ${m}`);
    for (const m of problems) console.log(`  error: ${m}`);
    if (problems.length) failed++;
  }
} finally {
  await browser.close();
}
console.log(`smoke: ${checked} page(s) opened, ${failed} failed; screenshots in ${shots}`);
process.exit(failed > 0 || checked === 0 ? 1 : 0);
