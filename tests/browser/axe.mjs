// Gate: accessibility. Runs axe-core in Chromium on the pages of pages.mjs marked `axe` and on
// one page of every page type (lib.mjs's PAGE_TYPES), in each site given
// (`node axe.mjs zh-CN=public en=/tmp/…/public`). Fails on any violation, whatever its impact.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { PAGES, pageUrl } from './pages.mjs';
import {
  PAGE_TYPES,
  fileUrl,
  gatePages,
  launch,
  offlineContext,
  sitesFromArgs,
} from './lib.mjs';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const sites = sitesFromArgs(process.argv.slice(2));
const browser = await launch();
let failures = 0;
let checked = 0;
try {
  const pages = PAGES.filter((p) => p.axe);
  for (const [name, at] of PAGE_TYPES) {
    const [file, query] = at.split('?q=');
    if (!pages.some((p) => p.path === file)) {
      pages.push({ name, path: file, query: query && decodeURIComponent(query) });
    }
  }
  for (const { site, page: p, where } of gatePages(sites, pages, () => failures++)) {
    const { context } = await offlineContext(browser);
    const page = await context.newPage();
    await page.goto(pageUrl(fileUrl(site.dir, p.path), p), { waitUntil: 'load' });
    // Open every <details> (chart data, report series) so that their tables are checked too.
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
    await page.addScriptTag({ content: AXE_SOURCE });
    const result = await page.evaluate(() =>
      // Everything axe checks by default (WCAG 2.x A/AA and best practices).
      window.axe.run(document, { resultTypes: ['violations'] }),
    );
    await context.close();
    checked++;
    const bad = result.violations;
    console.log(`${bad.length ? 'FAIL' : 'ok  '}  ${where}: ${bad.length} violation(s)`);
    for (const v of bad) {
      console.log(`  error: [${v.impact}] ${v.id}: ${v.help} (${v.nodes.length} element(s))`);
      for (const n of v.nodes.slice(0, 5)) {
        console.log(`    at ${n.target.join(' ')}: ${n.html.slice(0, 160).replace(/\s+/g, ' ')}`);
        if (n.failureSummary) {
          console.log(`      ${n.failureSummary.replace(/\s*\n\s*/g, ' / ').slice(0, 300)}`);
        }
      }
    }
    failures += bad.length;
  }
} finally {
  await browser.close();
}
console.log(`axe: ${checked} page(s) checked, ${failures} violation(s) of any impact`);
process.exit(failures > 0 || checked === 0 ? 1 : 0);
