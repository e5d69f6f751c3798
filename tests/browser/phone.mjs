// The phone gate (issue 17): every page type at 390 px wide from file:// must not scroll sideways
// (`document.documentElement.scrollWidth <= 390`), every chart image must fit the screen, and
// its smallest text must show at 11 px or more. Screenshots in --shots DIR.
//   node tests/browser/phone.mjs [--shots DIR] zh-CN=public en=/tmp/…/public
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CHROMIUM, CHROMIUM_ARGS, PAGE_TYPES, sitesFromArgs } from './lib.mjs';
import { chromium } from 'playwright-core';

const WIDTH = 390;

const args = process.argv.slice(2);
const si = args.indexOf('--shots');
const shots = si >= 0 ? path.resolve(args[si + 1]) : null;
const sites = sitesFromArgs(si >= 0 ? args.filter((a, i) => i !== si && i !== si + 1) : args);
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
let failures = 0;
for (const site of sites) {
  const page = await browser.newPage({ viewport: { width: WIDTH, height: 844 }, deviceScaleFactor: 1 });
  for (const [name, rel] of PAGE_TYPES) {
    const [file, query] = rel.split('?');
    const url = pathToFileURL(path.join(site.dir, file)).href + (query ? `?${query}` : '');
    await page.goto(url);
    await page.waitForLoadState('load');
    const r = await page.evaluate(() => {
      const out = { scroll: document.documentElement.scrollWidth, wide: [], small: [] };
      for (const svg of document.querySelectorAll('.chart-panels > svg')) {
        const box = svg.getBoundingClientRect();
        if (box.right > window.innerWidth + 0.5) out.wide.push(svg.querySelector('title')?.textContent);
        const scale = box.width / svg.viewBox.baseVal.width;
        for (const t of svg.querySelectorAll('text')) {
          // The size the text is set in (the stylesheet's, for the chart classes), in the
          // drawing's units.
          const size = parseFloat(getComputedStyle(t).fontSize || '0');
          if (size * scale < 11) {
            out.small.push(`${t.textContent} ${(size * scale).toFixed(1)}px`);
            break;
          }
        }
      }
      return out;
    });
    const ok = r.scroll <= WIDTH && r.wide.length === 0 && r.small.length === 0;
    if (!ok) failures++;
    console.log(
      `${ok ? 'ok  ' : 'FAIL'}  ${site.label} ${name}: scrollWidth ${r.scroll}` +
        (r.wide.length ? `; charts wider than the screen: ${r.wide.join(', ')}` : '') +
        (r.small.length ? `; chart text under 11 px: ${r.small.slice(0, 3).join(', ')}` : ''),
    );
    if (shots) {
      mkdirSync(shots, { recursive: true });
      await page.screenshot({ path: path.join(shots, `phone-${site.label}-${name}.png`), fullPage: true });
    }
  }
  await page.close();
}
await browser.close();
console.log(`phone: ${failures ? failures + ' page(s) failed' : 'every page fits 390 px'}`);
process.exit(failures ? 1 : 0);
