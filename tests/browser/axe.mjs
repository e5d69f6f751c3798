// Gate: accessibility. Runs axe-core in Chromium on the pages of pages.mjs marked `axe`, in each
// site given (`node axe.mjs zh-CN=public en=/tmp/…/public`). Fails on any serious or critical
// violation; moderate and minor ones are listed as warnings.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { PAGES, pageUrl } from './pages.mjs';
import { fileUrl, gatePages, launch, offlineContext, sitesFromArgs } from './lib.mjs';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const FAILING = new Set(['serious', 'critical']);

const sites = sitesFromArgs(process.argv.slice(2));
const browser = await launch();
let failures = 0;
let warnings = 0;
let checked = 0;
try {
  const pages = PAGES.filter((p) => p.axe);
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
    const bad = result.violations.filter((v) => FAILING.has(v.impact));
    const soft = result.violations.filter((v) => !FAILING.has(v.impact));
    console.log(
      `${bad.length ? 'FAIL' : 'ok  '}  ${where}: ${bad.length} serious/critical, ${soft.length} other`,
    );
    for (const v of result.violations) {
      const tag = FAILING.has(v.impact) ? 'error' : 'warning';
      console.log(`  ${tag}: [${v.impact}] ${v.id}: ${v.help} (${v.nodes.length} element(s))`);
      for (const n of v.nodes.slice(0, 5)) {
        console.log(`    at ${n.target.join(' ')}: ${n.html.slice(0, 160).replace(/\s+/g, ' ')}`);
        if (n.failureSummary) {
          console.log(`      ${n.failureSummary.replace(/\s*\n\s*/g, ' / ').slice(0, 300)}`);
        }
      }
    }
    failures += bad.length;
    warnings += soft.length;
  }
} finally {
  await browser.close();
}
console.log(
  `axe: ${checked} page(s) checked, ${failures} serious/critical violation(s), ${warnings} other (warnings)`,
);
process.exit(failures > 0 || checked === 0 ? 1 : 0);
