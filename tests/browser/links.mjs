// Gate: links. Every href/src/srcset (and SVG xlink:href, CSS url()) in every HTML page of each
// site given (`node links.mjs zh-CN=public en=/tmp/…/public`) must resolve to a file inside that
// site's folder, and a #fragment must name an id on the target page.
//
// Broken: a target file that does not exist, a link to a folder (file:// shows no index.html),
// an absolute path (`/x`: the disk's root under file://), a path that climbs out of the site, a
// fragment with no such id, and any resource (src, stylesheet, CSS url()) from an outside
// address — the site must fetch nothing from outside. Outside *links* (`<a href="https://…">`,
// mailto:) are allowed and listed, since following them is the reader's choice.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { sitesFromArgs } from './lib.mjs';

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
function decodeEntities(s) {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, e) => {
    if (e[0] === '#') {
      const n = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return String.fromCodePoint(n);
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

function walk(dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

function lineOf(text, index) {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

// Start tags with their attributes, outside comments and the raw text of script/style.
const TAG = /<!--[\s\S]*?-->|<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>|<([a-zA-Z][a-zA-Z0-9:-]*)((?:\s+[^\s"'>\/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g;
const ATTR = /([^\s"'>\/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
const CSS_URL = /url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)/g;

function parse(text) {
  const refs = [];
  const ids = new Set();
  for (const m of text.matchAll(TAG)) {
    if (m[1]) {
      // <style> content: its url()s are resources too.
      if (m[1].toLowerCase() === 'style') {
        for (const u of m[0].matchAll(CSS_URL)) {
          refs.push({ tag: 'style', attr: 'url()', value: u[1] ?? u[2] ?? u[3], index: m.index, resource: true });
        }
      }
      if (m[1].toLowerCase() === 'script') {
        const src = /\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(m[0].slice(0, m[0].indexOf('>') + 1));
        if (src) refs.push({ tag: 'script', attr: 'src', value: decodeEntities(src[1] ?? src[2] ?? src[3]), index: m.index, resource: true });
      }
      continue;
    }
    if (!m[2]) continue;
    const tag = m[2].toLowerCase();
    const attrs = {};
    for (const a of (m[3] ?? '').matchAll(ATTR)) {
      attrs[a[1].toLowerCase()] = decodeEntities(a[2] ?? a[3] ?? a[4] ?? '');
    }
    if (attrs.id) ids.add(attrs.id);
    if (tag === 'a' && attrs.name) ids.add(attrs.name);
    const rel = (attrs.rel ?? '').toLowerCase().split(/\s+/);
    for (const attr of ['href', 'src', 'xlink:href', 'poster', 'data', 'action', 'formaction']) {
      if (!(attr in attrs)) continue;
      // A link the reader follows vs. a resource the page itself loads.
      const navigation = (tag === 'a' || tag === 'area' || tag === 'form' || tag === 'button' || tag === 'input')
        || (tag === 'link' && !rel.some((r) => ['stylesheet', 'icon', 'preload', 'modulepreload', 'prefetch', 'manifest', 'apple-touch-icon'].includes(r)));
      refs.push({ tag, attr, value: attrs[attr], index: m.index, resource: !navigation });
    }
    for (const attr of ['srcset', 'imagesrcset']) {
      if (!(attr in attrs)) continue;
      for (const part of attrs[attr].split(',')) {
        const url = part.trim().split(/\s+/)[0];
        if (url) refs.push({ tag, attr, value: url, index: m.index, resource: true });
      }
    }
    if ('style' in attrs) {
      for (const u of attrs.style.matchAll(CSS_URL)) {
        refs.push({ tag, attr: 'style url()', value: u[1] ?? u[2] ?? u[3], index: m.index, resource: true });
      }
    }
  }
  return { refs, ids };
}

const sites = sitesFromArgs(process.argv.slice(2));
let broken = 0;
let checkedRefs = 0;
let pages = 0;
const outside = new Map();

for (const site of sites) {
  const root = path.resolve(site.dir);
  const files = walk(root);
  const htmlFiles = files.filter((f) => f.endsWith('.html'));
  const cssFiles = files.filter((f) => f.endsWith('.css'));
  const parsed = new Map();
  const getParsed = (file) => {
    if (!parsed.has(file)) parsed.set(file, parse(readFileSync(file, 'utf8')));
    return parsed.get(file);
  };
  const report = (file, text, ref, why) => {
    broken++;
    const line = text == null ? '' : `:${lineOf(text, ref.index)}`;
    console.log(`${site.label}: ${path.relative(root, file)}${line}: broken <${ref.tag} ${ref.attr}="${ref.value}">: ${why}`);
  };

  const check = (file, text, ref) => {
    checkedRefs++;
    const value = ref.value.trim();
    if (value === '') return report(file, text, ref, 'empty address');
    const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(value)?.[1]?.toLowerCase();
    if (scheme === 'data') return;
    if (scheme === 'javascript') return report(file, text, ref, 'javascript: address');
    if (scheme || value.startsWith('//')) {
      if (ref.resource || !['http', 'https', 'mailto', 'tel'].includes(scheme)) {
        return report(file, text, ref, 'loads from outside the site (nothing may be fetched from outside)');
      }
      outside.set(value, (outside.get(value) ?? 0) + 1);
      return;
    }
    if (value.startsWith('/')) return report(file, text, ref, 'absolute path (under file:// this is the disk root); links must be relative');
    const hash = value.indexOf('#');
    const beforeHash = hash >= 0 ? value.slice(0, hash) : value;
    const fragment = hash >= 0 ? value.slice(hash + 1) : null;
    const pathPart = beforeHash.split('?')[0];
    let decoded;
    try {
      decoded = decodeURIComponent(pathPart);
    } catch {
      return report(file, text, ref, 'bad percent-encoding');
    }
    const target = pathPart === '' ? file : path.resolve(path.dirname(file), decoded);
    if (target !== root && !target.startsWith(root + path.sep)) {
      return report(file, text, ref, 'points outside the site folder');
    }
    if (!existsSync(target)) return report(file, text, ref, `no such file: ${path.relative(root, target)}`);
    if (statSync(target).isDirectory()) return report(file, text, ref, 'points to a folder (file:// does not open its index.html)');
    if (fragment !== null && fragment !== '' && target.endsWith('.html')) {
      let id;
      try {
        id = decodeURIComponent(fragment);
      } catch {
        id = fragment;
      }
      if (!getParsed(target).ids.has(id)) {
        return report(file, text, ref, `no id="${id}" in ${path.relative(root, target)}`);
      }
    }
  };

  for (const file of htmlFiles) {
    const text = readFileSync(file, 'utf8');
    const { refs, ids } = parse(text);
    parsed.set(file, { refs, ids });
    pages++;
    for (const ref of refs) check(file, text, ref);
  }
  for (const file of cssFiles) {
    const text = readFileSync(file, 'utf8');
    for (const u of text.matchAll(CSS_URL)) {
      check(file, text, { tag: 'css', attr: 'url()', value: u[1] ?? u[2] ?? u[3], index: u.index, resource: true });
    }
  }
}

for (const [url, n] of outside) console.log(`warning: outside link (not followed): ${url} (${n}×)`);
console.log(`links: ${pages} page(s), ${checkedRefs} reference(s) checked, ${broken} broken, ${outside.size} outside link(s)`);
process.exit(broken > 0 || pages === 0 ? 1 : 0);
