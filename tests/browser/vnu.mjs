// Gate: HTML validity. Runs the Nu Html Checker (vnu.jar from the vnu-jar package, on the
// machine's Java) over every HTML page and stylesheet of each site given
// (`node vnu.mjs zh-CN=public en=/tmp/…/public`). Fails on any error; warnings are listed, and
// info messages are counted (listed with --verbose).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sitesFromArgs } from './lib.mjs';

const require = createRequire(import.meta.url);
const VNU_JAR = path.join(path.dirname(require.resolve('vnu-jar/package.json')), 'build/dist/vnu.jar');
const JAVA = process.env.JAVA || 'java';
const verbose = process.argv.includes('--verbose');

function walk(dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(p, out);
    else if (p.endsWith('.html') || p.endsWith('.css')) out.push(p);
  }
  return out;
}

const sites = sitesFromArgs(process.argv.slice(2));
const files = [];
const labelOf = new Map();
for (const site of sites) {
  for (const f of walk(site.dir).sort()) {
    files.push(f);
    labelOf.set(f, `${site.label}: ${path.relative(site.dir, f)}`);
  }
}
if (files.length === 0) {
  console.log('vnu: no HTML files found');
  process.exit(1);
}

// HTML and CSS in separate runs: with --also-check-css, vnu reports HTML line numbers one off.
function vnu(kindFlag, list) {
  if (list.length === 0) return [];
  const run = spawnSync(
    JAVA,
    ['-Xss4m', '-jar', VNU_JAR, '--format', 'json', '--stdout', '--exit-zero-always', kindFlag, ...list],
    { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
  );
  if (run.error || run.status !== 0) {
    console.log(`vnu: could not run ${JAVA} -jar ${VNU_JAR}: ${run.error?.message ?? `exit ${run.status}`}`);
    if (run.stderr) console.log(run.stderr.slice(0, 4000));
    process.exit(1);
  }
  try {
    return JSON.parse(run.stdout).messages;
  } catch (e) {
    console.log(`vnu: unreadable output (${e.message}):\n${run.stdout.slice(0, 2000)}\n${run.stderr.slice(0, 2000)}`);
    process.exit(1);
  }
}
const messages = [
  ...vnu('--html', files.filter((f) => f.endsWith('.html'))),
  ...vnu('--css', files.filter((f) => f.endsWith('.css'))),
];

const where = (m) => {
  let file = m.url ?? '';
  try {
    file = fileURLToPath(file);
  } catch {}
  const label = labelOf.get(file) ?? file;
  return m.lastLine ? `${label}:${m.firstLine ?? m.lastLine}.${m.firstColumn ?? 1}-${m.lastLine}.${m.lastColumn ?? 1}` : label;
};
const counts = { error: 0, warning: 0, info: 0 };
for (const m of messages) {
  const kind = m.type === 'info' ? (m.subType === 'warning' ? 'warning' : 'info') : 'error';
  counts[kind]++;
  if (kind === 'info' && !verbose) continue;
  const extract = m.extract ? `\n    ${m.extract.replace(/\s+/g, ' ').trim().slice(0, 200)}` : '';
  console.log(`${where(m)}: ${kind}: ${m.message}${extract}`);
}
console.log(
  `vnu: ${files.length} file(s) checked, ${counts.error} error(s), ${counts.warning} warning(s), ${counts.info} info message(s)${counts.info && !verbose ? ' (--verbose lists them)' : ''}`,
);
process.exit(counts.error > 0 ? 1 : 0);
