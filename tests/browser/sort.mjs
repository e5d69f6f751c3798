// Browser test: the tables that sort (themes/default/static/sort.js). In each site given
// (`node sort.mjs zh-CN=public en=/tmp/…/public`) it opens the home page and the locality page of
// 泉港区 from file:// in Chromium with the network blocked, and for the localities table and the
// reports table (its <details> opened first) clicks every column header twice: the first click
// must sort figures and dates from the largest down and text from A to Z (the page's language),
// the second the reverse, by value, with empty cells last both ways, ties in built order and no
// row lost; aria-sort on the sorted <th> alone, ▲/▼ drawn beside it. It checks a few orders by
// name too, the keyboard (Enter and Space on a focused header button), the tables with
// JavaScript off (complete, built order, no buttons), a table with no rows, and that no console
// error or uncaught exception happened. Any failure is printed and the exit status is 1.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileUrl, launch, offlineContext, sitesFromArgs } from './lib.mjs';

const QUANGANG = 'fujian/quanzhoushi/quangangqu/index.html';
const PAGES = [
  {
    name: 'home',
    path: 'index.html',
    tables: [
      {
        name: 'localities',
        selector: 'table:has(caption#top-table)',
        // 座谈会 (meetings): 26,000余 above 640 above 52 by value (as text 640 > 52 > 26,000余);
        // 山东省 has no figures and stays last.
        expect: [
          // By name: pinyin (an, fu, he, shan), on the English site too.
          { column: 0, first: ['安徽省', '福建省', '河北省', '山东省'], second: ['山东省', '河北省', '福建省', '安徽省'] },
          { column: 7, first: ['福建省', '安徽省', '河北省', '山东省'], second: ['河北省', '安徽省', '福建省', '山东省'] },
        ],
      },
      { name: 'reports', selector: 'details.series table', details: true },
    ],
  },
  {
    name: 'locality',
    path: QUANGANG,
    tables: [
      {
        name: 'sub-localities',
        selector: 'table:has(caption#children-table)',
        expect: [
          // 走访群众: 12,600 and 10,800.
          { column: 1, first: ['峰尾镇', '涂岭镇'], second: ['涂岭镇', '峰尾镇'] },
          // The completion rate ties (83.3% both): built order both ways.
          { column: 8, first: ['峰尾镇', '涂岭镇'], second: ['峰尾镇', '涂岭镇'] },
        ],
        keyboard: 2,
      },
      {
        name: 'reports',
        selector: 'details.series table',
        details: true,
        expect: [
          { column: 0, first: ['2014-09-10', '2014-06-18', '2014-04-28', '2014-04-20'] },
          // 征求意见建议: 13,000余 … 85, by value.
          { column: 3, first: ['2014-09-10', '2014-06-18', '2014-04-28', '2014-04-20'] },
          // 整改事项: two reports have none, last both ways in built order.
          { column: 5, first: ['2014-09-10', '2014-06-18', '2014-04-20', '2014-04-28'], second: ['2014-06-18', '2014-09-10', '2014-04-20', '2014-04-28'] },
        ],
        keyboard: 0,
      },
    ],
  },
];

// The rows of a table as the page shows them: each row's id (its row header's text, link text
// when it has a link) and each cell's text, the header cells, and what the headers look like.
function readTable(sel) {
  const table = document.querySelector(sel);
  if (!table) return null;
  const cellText = (c) => (c ? (c.querySelector('a') || c).textContent.trim() : '');
  const ths = [...table.tHead.rows[0].cells];
  return {
    rows: [...table.tBodies[0].rows].map((r) => ({ id: cellText(r.cells[0]), cells: [...r.cells].map(cellText) })),
    heads: ths.map((th) => {
      const b = th.querySelector(':scope > button');
      return {
        text: th.textContent.trim(),
        num: th.classList.contains('num'),
        sort: th.getAttribute('aria-sort'),
        button: !!b && b.type === 'button' && th.children.length === 1 && th.firstChild === b,
        title: b ? b.title : null,
        arrow: b ? getComputedStyle(b, '::after').content : null,
      };
    }),
    hint: table.dataset.sortHint,
    lang: document.documentElement.lang,
  };
}

// A figure or a date as a number; NaN for other text.
function figure(s) {
  if (/^\d{4}-\d\d-\d\d$/.test(s)) return Date.parse(s);
  const m = /^(-?[\d,]+(?:\.\d+)?)([万萬])?(?:余|餘|多|\+)?%?$/.exec(s);
  return m ? Number(m[1].replace(/,/g, '')) * (m[2] ? 1e4 : 1) : NaN;
}

// Problems with `rows` as the order of column `col` sorted `dir`, given the built order.
function orderProblems(rows, built, col, dir, numeric, lang) {
  const out = [];
  const at = new Map(built.map((r, i) => [r.id, i]));
  if (rows.length !== built.length || rows.some((r) => !at.has(r.id)) || new Set(rows.map((r) => r.id)).size !== rows.length) {
    out.push(`rows lost or duplicated: [${rows.map((r) => r.id)}] from [${built.map((r) => r.id)}]`);
    return out;
  }
  const compare = (a, b) =>
    numeric ? figure(a) - figure(b) : a.localeCompare(b, /^zh/.test(lang) ? lang : 'zh-CN', { numeric: true });
  for (let i = 1; i < rows.length; i++) {
    const a = rows[i - 1].cells[col];
    const b = rows[i].cells[col];
    const where = `rows ${i} and ${i + 1} (${rows[i - 1].id}: “${a}”, ${rows[i].id}: “${b}”)`;
    if (!a && b) {
      out.push(`${where}: an empty cell above a filled one`);
      continue;
    }
    const c = !a ? 0 : dir === 'descending' ? compare(b, a) : compare(a, b);
    if (c > 0) out.push(`${where}: not ${dir}${numeric ? ' by value' : ''}`);
    if (c === 0 && at.get(rows[i - 1].id) > at.get(rows[i].id)) out.push(`${where}: a tie out of built order`);
  }
  return out;
}

const ids = (t) => t.rows.map((r) => r.id).join(', ');

async function checkTable(page, spec, problems, done) {
  const t0 = await page.evaluate(readTable, spec.selector);
  if (!t0) {
    problems.push(`${spec.name}: no table ${spec.selector}`);
    return null;
  }
  const name = spec.name;
  if (t0.rows.length === 0) problems.push(`${name}: no rows`);
  if (!t0.hint) problems.push(`${name}: no data-sort-hint on the table`);
  t0.heads.forEach((h, i) => {
    if (!h.button) problems.push(`${name}: header ${i + 1} “${h.text}” has no <button type=button> holding its content`);
    else if (h.title !== t0.hint) problems.push(`${name}: header ${i + 1}'s button hint is “${h.title}”, not “${t0.hint}”`);
    if (h.sort) problems.push(`${name}: header ${i + 1} has aria-sort=${h.sort} before any click`);
  });
  if (spec.details) {
    await page.locator(spec.selector).locator('xpath=ancestor::details').locator('summary').click();
  }
  const header = (col) => page.locator(spec.selector).locator('thead th').nth(col).locator('button');
  const firstDir = [];
  const expects = new Map((spec.expect ?? []).map((e) => [e.column, e]));
  for (let col = 0; col < t0.heads.length; col++) {
    const h = t0.heads[col];
    const filled = t0.rows.map((r) => r.cells[col]).filter(Boolean);
    const numeric = filled.every((s) => !Number.isNaN(figure(s)));
    if (h.num && !numeric) {
      problems.push(`${name}: column “${h.text}” is marked .num but holds text that is no figure: ${filled.filter((s) => Number.isNaN(figure(s)))}`);
    }
    const dirs = numeric ? ['descending', 'ascending'] : ['ascending', 'descending'];
    firstDir[col] = dirs[0];
    for (const [n, dir] of dirs.entries()) {
      await header(col).click();
      const t = await page.evaluate(readTable, spec.selector);
      const label = `${name}: “${h.text}” click ${n + 1}`;
      const sorts = t.heads.map((x, i) => [i, x.sort]).filter(([, s]) => s);
      if (sorts.length !== 1 || sorts[0][0] !== col || sorts[0][1] !== dir) {
        problems.push(`${label}: aria-sort should be ${dir} on this header alone, is ${JSON.stringify(sorts)}`);
      }
      const arrow = dir === 'ascending' ? '▲' : '▼';
      if (!t.heads[col].arrow?.includes(arrow)) problems.push(`${label}: no ${arrow} beside the header (::after is ${t.heads[col].arrow})`);
      for (const p of orderProblems(t.rows, t0.rows, col, dir, numeric, t0.lang)) problems.push(`${label} (${dir}): ${p}`);
      const want = expects.get(col)?.[n === 0 ? 'first' : 'second'];
      if (want && ids(t) !== want.join(', ')) problems.push(`${label}: rows [${ids(t)}], expected [${want.join(', ')}]`);
    }
  }
  done.push(`${name}: ${t0.heads.length} columns × 2 clicks, ${t0.rows.length} rows, aria-sort and ▲/▼ right`);
  if (spec.keyboard !== undefined) {
    const col = spec.keyboard;
    const b = header(col);
    await b.focus();
    // Enter sorts as a first click would (or reverses, were the column still sorted), Space
    // reverses that.
    const was = (await page.evaluate(readTable, spec.selector)).heads[col].sort;
    const states = [];
    for (const key of ['Enter', 'Space']) {
      await page.keyboard.press(key);
      states.push((await page.evaluate(readTable, spec.selector)).heads[col].sort);
      const focused = await b.evaluate((el) => el === document.activeElement);
      if (!focused) problems.push(`${name}: the header button lost focus after ${key}`);
    }
    const flip = (d) => (d === 'ascending' ? 'descending' : 'ascending');
    const first = was ? flip(was) : firstDir[col];
    if (states[0] !== first || states[1] !== flip(first)) {
      problems.push(`${name}: from ${was}, Enter then Space on “${t0.heads[col].text}” gave aria-sort ${states.join(' then ')}`);
    } else done.push(`${name}: keyboard: Enter → ${states[0]}, Space → ${states[1]} on “${t0.heads[col].text}”`);
  }
  return t0;
}

const sites = sitesFromArgs(process.argv.slice(2));
const browser = await launch();
let failed = 0;
let checked = 0;
try {
  for (const site of sites) {
    for (const p of PAGES) {
      const where = `${site.label} ${p.name} (${p.path})`;
      const problems = [];
      const done = [];
      const { context, blocked } = await offlineContext(browser, { viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      page.on('console', (m) => m.type() === 'error' && problems.push(`console error: ${m.text()}`));
      page.on('pageerror', (e) => problems.push(`uncaught exception: ${e.message}`));
      page.on('requestfailed', (r) => problems.push(`failed request: ${r.url()}`));
      const built = [];
      try {
        await page.goto(fileUrl(site.dir, p.path), { waitUntil: 'load' });
        for (const spec of p.tables) built.push(await checkTable(page, spec, problems, done));
      } catch (e) {
        problems.push(`stopped: ${e.message.split('\n')[0]}`);
      }
      await context.close();
      for (const url of blocked) problems.push(`blocked outside request: ${url}`);

      // JavaScript off: the same rows in built order, and no buttons.
      const off = await browser.newContext({ javaScriptEnabled: false });
      const plain = await off.newPage();
      await plain.goto(fileUrl(site.dir, p.path), { waitUntil: 'load' });
      for (const [i, spec] of p.tables.entries()) {
        const t = await plain.evaluate(readTable, spec.selector);
        if (!t || !built[i]) continue;
        if (ids(t) !== ids(built[i])) problems.push(`${spec.name} without JavaScript: rows [${ids(t)}], with it before a click [${ids(built[i])}]`);
        if (t.heads.some((h) => h.button)) problems.push(`${spec.name} without JavaScript: buttons in the headers`);
        if (t.rows.length === 0) problems.push(`${spec.name} without JavaScript: no rows`);
      }
      done.push('without JavaScript: complete, in built order');
      await off.close();

      checked++;
      console.log(`${problems.length ? 'FAIL' : 'ok  '}  ${where}`);
      for (const m of done) console.log(`      ${m}`);
      for (const m of problems) console.log(`  error: ${m}`);
      if (problems.length) failed++;
    }

    // A sortable table with no rows: its header still sorts, nothing breaks.
    const where = `${site.label} empty table`;
    const problems = [];
    const context = await browser.newContext();
    const page = await context.newPage();
    page.on('console', (m) => m.type() === 'error' && problems.push(`console error: ${m.text()}`));
    page.on('pageerror', (e) => problems.push(`uncaught exception: ${e.message}`));
    await page.setContent('<table data-sortable><thead><tr><th>A</th><th class="num">B</th></tr></thead><tbody></tbody></table><table data-sortable><thead><tr><th>C</th></tr></thead></table>');
    await page.addScriptTag({ content: readFileSync(path.join(site.dir, 'static/sort.js'), 'utf8') });
    try {
      // Per table, only the header clicked last keeps aria-sort: A's goes when B is clicked.
      const after = [];
      for (const th of await page.locator('th button').all()) {
        await th.click();
        after.push(await page.evaluate(() => [...document.querySelectorAll('th')].map((h) => h.getAttribute('aria-sort') ?? '-').join(' ')));
      }
      const want = ['ascending - -', '- descending -', '- descending ascending'];
      if (after.join(', ') !== want.join(', ')) problems.push(`aria-sort of A B C after clicking A, B, C: ${after.join(', ')}; expected ${want.join(', ')}`);
    } catch (e) {
      problems.push(`stopped: ${e.message.split('\n')[0]}`);
    }
    await context.close();
    checked++;
    console.log(`${problems.length ? 'FAIL' : 'ok  '}  ${where}: headers of tables with no rows sort without error`);
    for (const m of problems) console.log(`  error: ${m}`);
    if (problems.length) failed++;
  }
} finally {
  await browser.close();
}
console.log(`sort: ${checked} check(s), ${failed} failed`);
process.exit(failed > 0 || checked === 0 ? 1 : 0);
