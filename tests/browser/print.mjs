// The print gate (issue 17): a locality page printed from Chromium (`--print-to-pdf`, A4) is
// its briefing. For the example's 泉港区 and for generated counties with 3 townships and with 30
// villages, it checks the page count, that every sub-locality row and every key figure is in the
// PDF's text (pdftotext), and that no page but the last is under a third full (pdftoppm, the
// lowest inked row above the footer). Pages it looked at are left as PNGs in --shots DIR.
//   node tests/browser/print.mjs --minqing target/release/minqing --example public [--shots DIR]
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CHROMIUM } from './lib.mjs';

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const minqing = path.resolve(opt('--minqing') || 'target/release/minqing');
const example = path.resolve(opt('--example') || 'public');
const shots = opt('--shots') ? path.resolve(opt('--shots')) : null;
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const work = mkdtempSync(path.join(os.tmpdir(), 'minqing-print-'));
let failures = 0;
const fail = (msg) => {
  failures++;
  console.log(`FAIL  ${msg}`);
};

// A generated site: the example's site.yaml, a county with N sub-localities reporting twice.
function generated(name, n, kind) {
  const content = path.join(work, `${name}-content`);
  const county = path.join(content, `${name}县`);
  mkdirSync(county, { recursive: true });
  copyFileSync(path.join(root, 'content/site.yaml'), path.join(content, 'site.yaml'));
  writeFileSync(
    path.join(county, 'locality.yaml'),
    `name: ${name}县\nlevel: 县\nreports:\n  - {date: 2014-06-18, meetings_held: 12}\n  - {date: 2014-09-10, meetings_held: 30}\n`,
  );
  for (let i = 1; i <= n; i++) {
    const child = `${kind === '镇' ? '第' + i : '新' + String(i).padStart(2, '0')}${kind}`;
    const dir = path.join(county, child);
    mkdirSync(dir);
    const v = (base) => base + i * 7;
    writeFileSync(
      path.join(dir, 'locality.yaml'),
      `name: ${child}\nlevel: ${kind}\nreports:\n` +
        `  - {date: 2014-06-18, households_visited: ${v(300)}, opinions_collected: ${v(40)}, rectifications_planned: ${v(10)}, rectifications_completed: ${i % 9}}\n` +
        `  - {date: 2014-09-10, households_visited: ${v(520)}, opinions_collected: ${v(90)}, rectifications_planned: ${v(12)}, rectifications_completed: ${v(4)}, supervision_visits: ${i % 5}}\n`,
    );
  }
  const out = path.join(work, `${name}-public`);
  execFileSync(minqing, ['build', '--content', content, '--out', out], { stdio: 'pipe' });
  const page = readdirSync(out).find((d) => d.endsWith('xian'));
  return path.join(out, page, 'index.html');
}

// The text the page shows as key figures and sub-localities, read from its HTML.
function expectations(html) {
  const figures = (html.split('<ul class="cards">')[1] || '').split('</ul>')[0];
  const cards = [...figures.matchAll(/<b>([^<]+)</g)].map((m) => m[1]);
  const table = html.split('id="sub-localities"')[1] || '';
  const rows = [...table.matchAll(/<th scope="row"><a [^>]*>([^<]+)<\/a>/g)].map((m) => m[1]);
  return { cards, rows };
}

// Each page's fill: the lowest row with ink above the bottom margin (where the footer is), as
// a share of the page's content height. From a greyscale PGM of the page at 30 dpi.
function fills(pdf, base) {
  execFileSync('pdftoppm', ['-r', '30', '-gray', pdf, base]);
  const files = readdirSync(path.dirname(base))
    .filter((f) => f.startsWith(path.basename(base)) && f.endsWith('.pgm'))
    .sort();
  return files.map((f) => {
    const buf = readFileSync(path.join(path.dirname(base), f));
    // P5\n<w> <h>\n255\n<data>
    const header = buf.subarray(0, 40).toString('latin1').split(/\s+/);
    const [w, h] = [Number(header[1]), Number(header[2])];
    const data = buf.subarray(buf.length - w * h);
    const mm = h / 297;
    const top = Math.round(14 * mm);
    const bottom = h - Math.round(16 * mm);
    let last = top;
    for (let y = top; y < bottom; y++) {
      for (let x = 0; x < w; x++) {
        if (data[y * w + x] < 200) {
          last = y;
          break;
        }
      }
    }
    return (last - top) / (bottom - top);
  });
}

function check(label, page, maxPages) {
  const pdf = path.join(work, `${label}.pdf`);
  execFileSync(CHROMIUM, [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    `--user-data-dir=${path.join(work, `profile-${label}`)}`,
    '--no-pdf-header-footer',
    `--print-to-pdf=${pdf}`,
    `file://${page}`,
  ], { stdio: 'pipe' });
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  const pages = text.split('\f').filter((p) => p.trim()).length;
  const { cards, rows } = expectations(readFileSync(page, 'utf8'));
  const flat = text.replace(/\s+/g, '');
  const missing = [...cards, ...rows].filter((t) => !flat.includes(t.replace(/\s+/g, '')));
  const fill = fills(pdf, path.join(work, label));
  const thin = fill.slice(0, -1).map((f, i) => [i + 1, f]).filter(([, f]) => f < 1 / 3);
  const ok = pages <= maxPages && missing.length === 0 && thin.length === 0 && cards.length > 0 && rows.length > 0;
  console.log(
    `${ok ? 'ok  ' : 'FAIL'}  ${label}: ${pages} page(s) (at most ${maxPages}), ${cards.length} key figures and ${rows.length} sub-localities in the text` +
      `, pages filled ${fill.map((f) => Math.round(f * 100) + '%').join(' ')}`,
  );
  if (pages > maxPages) fail(`${label}: ${pages} pages, more than ${maxPages}`);
  if (missing.length) fail(`${label}: not in the PDF's text: ${missing.join(', ')}`);
  if (thin.length) fail(`${label}: pages under a third full before the last: ${thin.map(([p]) => p).join(', ')}`);
  if (!cards.length || !rows.length) fail(`${label}: no key figures or no sub-localities found on the page`);
  if (shots) {
    mkdirSync(shots, { recursive: true });
    execFileSync('pdftoppm', ['-r', '60', '-png', pdf, path.join(shots, `print-${label}`)]);
  }
}

try {
  check('quangangqu', path.join(example, 'fujian/quanzhoushi/quangangqu/index.html'), 2);
  check('county-3-townships', generated('三镇', 3, '镇'), 2);
  check('county-30-villages', generated('卅村', 30, '村'), 3);
} finally {
  rmSync(work, { recursive: true, force: true });
}
console.log(`print: ${failures ? failures + ' failure(s)' : 'all briefings print well'}`);
process.exit(failures ? 1 : 0);
