// Chinese text is marked as Chinese (issue 17): on every page type, every text node with a Han
// character, in HTML and in the charts' SVG (and the search page's results once a query has
// run), sits inside an element whose `lang` is zh-*. On an English build that means the
// content's names, figures' labels and notes carry lang="zh-CN" (or zh-TW) on their element;
// on a Chinese build it holds by <html lang>. Attributes (aria-label, placeholder) cannot carry
// a language of their own and are not checked.
//   node tests/browser/lang.mjs zh-CN=public en=/tmp/…/public
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PAGE_TYPES, launch, sitesFromArgs } from './lib.mjs';

const sites = sitesFromArgs(process.argv.slice(2));
const browser = await launch();
let failures = 0;
for (const site of sites) {
  const page = await browser.newPage();
  for (const [name, rel] of PAGE_TYPES) {
    const [file, query] = rel.split('?');
    await page.goto(pathToFileURL(path.join(site.dir, file)).href + (query ? `?${query}` : ''));
    await page.waitForLoadState('load');
    if (query) await page.waitForSelector('#search-results li', { timeout: 5000 }).catch(() => {});
    const r = await page.evaluate(() => {
      const han = /\p{Script=Han}/u;
      const walker = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_TEXT);
      const out = { han: 0, unmarked: [] };
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement;
        if (!el || !han.test(n.data) || el.closest('script, style')) continue;
        out.han++;
        const lang = el.closest('[lang]')?.getAttribute('lang') || '';
        if (!lang.startsWith('zh')) {
          out.unmarked.push(`<${el.localName}${el.className?.baseVal ?? el.className ? ` class="${el.className?.baseVal ?? el.className}"` : ''}> ${n.data.trim().slice(0, 24)} (lang="${lang}")`);
        }
      }
      return out;
    });
    const ok = r.unmarked.length === 0;
    if (!ok) failures++;
    console.log(
      `${ok ? 'ok  ' : 'FAIL'}  ${site.label} ${name}: ${r.han} Chinese text(s)` +
        (ok ? ', each inside a zh element' : `, ${r.unmarked.length} not marked: ${r.unmarked.slice(0, 6).join('; ')}`),
    );
  }
  await page.close();
}
await browser.close();
console.log(`lang: ${failures ? failures + ' page(s) with Chinese text not marked as Chinese' : 'every Chinese text is marked zh'}`);
process.exit(failures ? 1 : 0);
