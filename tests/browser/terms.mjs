// The browser's tokenizer (themes/default/static/search-terms.js) over texts given on stdin as
// JSON {fold: "濟济…", shards: N, texts: [...]}: prints, for each text, its normalized form, its
// terms in order and the shard of each term, as JSON. tests/integration/search.rs compares them
// with the Rust indexer's.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
const T = require('../../themes/default/static/search-terms.js');
const input = JSON.parse(readFileSync(0, 'utf8'));
const fold = T.foldMap(input.fold);
const out = input.texts.map((text) => {
  const norm = T.normalize(text, fold);
  const terms = T.terms(norm);
  return { norm, terms, shards: terms.map((t) => T.shardOf(t, input.shards)) };
});
process.stdout.write(JSON.stringify(out));
