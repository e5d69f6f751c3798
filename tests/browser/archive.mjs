// Gate: the offline archive. Unzips a `minqing archive` zip, opens its index.html from file://
// in Chromium with every network request blocked, follows links home → a locality → a note,
// runs a Chinese and an English search, and fails on any console error, failed request or
// missing hit. Usage: node archive.mjs SITE.zip
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileUrl, launch, offlineContext } from './lib.mjs';

const zip = process.argv[2];
if (!zip) throw new Error('usage: node archive.mjs SITE.zip');
const into = mkdtempSync(path.join(os.tmpdir(), 'minqing-archive-'));
// Python's zipfile is on every machine this runs on; Node has no unzip of its own.
execFileSync('python3', ['-m', 'zipfile', '-e', path.resolve(zip), into]);
const tops = readdirSync(into);
if (tops.length !== 1) throw new Error(`the archive should hold one top folder, not ${tops.join(', ')}`);
const site = path.join(into, tops[0]);

const browser = await launch();
const problems = [];
let steps = 0;
try {
  const { context, blocked } = await offlineContext(browser, { viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on('console', (m) => m.type() === 'error' && problems.push(`console error: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`uncaught exception: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`failed request: ${r.url()}`));

  const step = async (what, action, expectH1) => {
    await action();
    await page.waitForLoadState('load');
    const h1 = (await page.locator('h1').first().textContent())?.trim() ?? '';
    const ok = h1.includes(expectH1);
    console.log(`${ok ? 'ok  ' : 'FAIL'}  ${what}: “${h1}” (${path.relative(site, new URL(page.url()).pathname)})`);
    if (!ok) problems.push(`${what}: expected an <h1> with ${expectH1}, got “${h1}”`);
    steps++;
  };
  await step('home', () => page.goto(fileUrl(site, 'index.html')), '进展');
  await step('home → locality', () => page.locator('a[href$="fujian/index.html"]').first().click(), '福建省');
  await step('locality → sub-locality', () => page.locator('a[href$="quanzhoushi/index.html"]').first().click(), '泉州市');
  await step('→ county', () => page.locator('a[href$="quangangqu/index.html"]').first().click(), '泉港区');
  await step('county → note', () => page.locator('.note-list li > a').first().click(), '泉港区');

  for (const [query, expect] of [['泉港', '泉港'], ['rectification', '泉港区推进教育实践活动特色工作综述']]) {
    const opened = await page.goto(`${fileUrl(site, 'search.html')}?q=${encodeURIComponent(query)}`).catch((e) => e);
    if (opened instanceof Error) {
      problems.push(`search page: ${opened.message.split('\n')[0]}`);
      break;
    }
    const hits = page.locator('#search-results li');
    await hits.first().waitFor({ timeout: 5000 }).catch(() => {});
    const texts = await hits.allTextContents();
    const ok = texts.some((t) => t.includes(expect));
    console.log(`${ok ? 'ok  ' : 'FAIL'}  search “${query}”: ${texts.length} hit(s)${ok ? '' : `, none with ${expect}`}`);
    if (!ok) problems.push(`search “${query}” found nothing with ${expect}`);
    steps++;
  }
  for (const url of blocked) problems.push(`blocked outside request: ${url}`);
  await context.close();
} finally {
  await browser.close();
}
for (const p of problems) console.log(`  error: ${p}`);
console.log(`archive: ${steps} step(s), ${problems.length} problem(s)`);
process.exit(problems.length ? 1 : 0);
