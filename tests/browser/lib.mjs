// Shared by the browser gates: the sites to check, and a Chromium that reaches nothing but files.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

// Flags that work on a headless CI machine as root; the host resolver rule makes any name
// lookup fail, so even a request that slipped past the interceptor could not leave the machine.
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-dev-shm-usage',
  '--host-resolver-rules=MAP * ~NOTFOUND',
];

// One page of each type the build writes, `[name, path?query]`, in the example site.
export const PAGE_TYPES = [
  ['home', 'index.html'],
  ['county', 'fujian/quanzhoushi/quangangqu/index.html'],
  ['township', 'fujian/quanzhoushi/quangangqu/fengweizhen/index.html'],
  ['province', 'fujian/index.html'],
  ['note', 'fujian/quanzhoushi/quangangqu/2014-09-10-tesegongzuozongshu.html'],
  ['notes', 'notes/index.html'],
  ['tags', 'tags/index.html'],
  ['tag', 'tags/huiyi.html'],
  ['quality', 'quality.html'],
  ['search', 'search.html?q=%E6%B3%89%E6%B8%AF'],
  ['404', '404.html'],
];

// Arguments are `label=dir` pairs (e.g. `zh-CN=public en=/tmp/x/public`); a bare dir is
// labelled by its folder name.
export function sitesFromArgs(argv) {
  const sites = [];
  for (const arg of argv) {
    if (arg.startsWith('--')) continue;
    const eq = arg.indexOf('=');
    const label = eq > 0 ? arg.slice(0, eq) : path.basename(path.resolve(arg));
    const dir = path.resolve(eq > 0 ? arg.slice(eq + 1) : arg);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      throw new Error(`site folder not found: ${dir}`);
    }
    sites.push({ label, dir });
  }
  if (sites.length === 0) throw new Error('usage: node SCRIPT label=site-dir [label=site-dir …]');
  return sites;
}

export function fileUrl(dir, rel) {
  return pathToFileURL(path.join(dir, rel)).href;
}

export async function launch() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: install Debian's chromium (apt-get install chromium)`);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

// A browser context whose every non-file request is aborted and recorded in `blocked`.
export async function offlineContext(browser, options = {}) {
  const context = await browser.newContext({ ...options, serviceWorkers: 'block' });
  const blocked = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:') || url.startsWith('data:')) return route.continue();
    blocked.push(url);
    return route.abort('blockedbyclient');
  });
  return { context, blocked };
}

// The pages a gate opens: `{ site, page, where }` for each page of `pages` present in each site.
// A missing optional page is skipped with a note; any other missing page is reported and
// `missing()` is called, so the gate counts it as a failure.
export function* gatePages(sites, pages, missing) {
  for (const site of sites) {
    for (const page of pages) {
      const where = `${site.label} ${page.name} (${page.path})`;
      if (existsSync(path.join(site.dir, page.path))) {
        yield { site, page, where };
      } else if (page.optional) {
        console.log(`skip  ${where}: not in this build (optional)`);
      } else {
        console.log(`FAIL  ${where}: page missing`);
        missing();
      }
    }
  }
}
