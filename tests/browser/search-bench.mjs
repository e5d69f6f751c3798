// The search benchmark (issue 16's targets): opens SITE/search.html from file:// in Chromium and
// prints the bytes of every file the page loads before a query, then, for each query, the bytes of
// each file it loads and the time from typing it to the first result shown. Each query runs in a
// fresh page (nothing cached from the one before); the time is the median of RUNS runs and
// includes search.js's 60 ms pause after typing.
//   node tests/browser/search-bench.mjs SITE [--runs 10] [--json FILE] QUERY…
// --json FILE also writes the figures as JSON ({pre: {files, bytes}, queries: [{q, median, min,
// max, files, bytes, found}]}), which scripts/bench reads to check the targets.
import { chromium } from 'playwright-core';
import { statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const site = args.shift();
let runs = 10;
let json = null;
while (args[0] === '--runs' || args[0] === '--json') {
  const flag = args.shift();
  if (flag === '--runs') runs = Number(args.shift());
  else json = args.shift();
}
if (!site || !Number.isInteger(runs) || runs < 1 || args.length === 0) {
  console.error('usage: node search-bench.mjs SITE [--runs N] [--json FILE] QUERY…');
  process.exit(2);
}
const report = { pre: null, queries: [] };
const queries = args;
const size = (url) => {
  try {
    return statSync(fileURLToPath(url)).size;
  } catch {
    return 0;
  }
};
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page0 = await browser.newPage();
const before = [];
page0.on('request', (r) => before.push(r.url()));
await page0.goto(`file://${site}/search.html`);
await page0.waitForLoadState('load');
const pre = before.map((u) => [u.replace(`file://${site}/`, ''), size(u)]);
const preBytes = pre.filter(([u]) => !u.includes('search-form')).reduce((a, [, b]) => a + b, 0);
console.log(`before the first query: ${pre.length} files, ${preBytes} bytes`);
for (const [u, b] of pre) console.log(`  ${b}\t${u}`);
report.pre = { files: pre.length, bytes: preBytes };
await page0.close();
for (const q of queries) {
  const times = [];
  let files = [];
  let found = 0;
  for (let i = 0; i < runs; i++) {
    const page = await browser.newPage();
    await page.goto(`file://${site}/search.html`);
    await page.waitForLoadState('load');
    const seen = [];
    page.on('request', (r) => seen.push(r.url()));
    const hint = await page.textContent('#search-status');
    const t0 = Date.now();
    await page.fill('#search-q', q);
    // Results, or a status that says there are none (the hint is what the empty field shows).
    await page.waitForFunction(
      (hint) => document.querySelector('#search-results li') || document.getElementById('search-status').textContent !== hint,
      hint,
      { timeout: 30000 },
    );
    times.push(Date.now() - t0);
    files = seen.map((u) => [u.replace(`file://${site}/`, ''), size(u)]);
    found = await page.$$eval('#search-results li', (l) => l.length);
    await page.close();
  }
  times.sort((a, b) => a - b);
  const bytes = files.reduce((a, [, b]) => a + b, 0);
  const mid = times.length >> 1;
  const median = times.length % 2 ? times[mid] : (times[mid - 1] + times[mid]) / 2;
  console.log(`query “${q}”: median ${median} ms (min ${times[0]}, max ${times[times.length - 1]}), ${files.length} files, ${bytes} bytes, ${found} results shown`);
  for (const [u, b] of files) console.log(`  ${b}\t${u}`);
  report.queries.push({ q, median, min: times[0], max: times[times.length - 1], files: files.length, bytes, found });
}
await browser.close();
if (json) writeFileSync(json, JSON.stringify(report, null, 1));
