// minqing search: how text becomes terms, and which shard file holds a term. The twin of
// normalize(), each_term(), shard_key() and shard_of() in src/render/search.rs, which a test
// (tests/integration/search.rs, through tests/browser/terms.mjs) holds to the same output.
// Loaded by search.html before search.js; node loads it as a module.
(function (global) {
  'use strict';

  var CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\u{20000}-\u{3ffff}]/u;
  var WORD = /[\p{Alphabetic}\p{N}]/u;

  function isCjk(c) {
    return CJK.test(c);
  }
  function isWord(c) {
    return !isCjk(c) && WORD.test(c);
  }

  // The fold pairs of search/fold.js ("濟济寧宁…": each Traditional character and its
  // Simplified form) as a map.
  function foldMap(pairs) {
    var map = new Map();
    var chars = Array.from(pairs || '');
    for (var i = 0; i + 1 < chars.length; i += 2) map.set(chars[i], chars[i + 1]);
    return map;
  }

  // One character as the index holds it: full-width ASCII as ASCII, lower case, Traditional as
  // Simplified. Returns a string (lower case may be longer than one character, as in Rust).
  function normalChar(c, fold) {
    var code = c.codePointAt(0);
    if (code >= 0xff01 && code <= 0xff5e) c = String.fromCharCode(code - 0xfee0);
    if (isCjk(c)) return (fold && fold.get(c)) || c;
    return c.toLowerCase();
  }

  function normalize(s, fold) {
    var out = '';
    for (var c of s) out += normalChar(c, fold);
    return out;
  }

  // Every term of normalized text, in order, repeats included: the bigrams of a run of CJK
  // characters (or the character alone), and words of letters and digits.
  function terms(norm) {
    var chars = Array.from(norm);
    var out = [];
    var i = 0;
    while (i < chars.length) {
      var c = chars[i];
      if (isCjk(c)) {
        var j = i + 1;
        while (j < chars.length && isCjk(chars[j])) j++;
        if (j - i === 1) out.push(c);
        for (var k = i; k + 1 < j; k++) out.push(chars[k] + chars[k + 1]);
        i = j;
      } else if (isWord(c)) {
        var w = i + 1;
        while (w < chars.length && isWord(chars[w])) w++;
        out.push(chars.slice(i, w).join(''));
        i = w;
      } else {
        i++;
      }
    }
    return out;
  }

  // What a term is filed under: its first character if Chinese, else its first two.
  function shardKey(term) {
    var chars = Array.from(term);
    if (chars.length === 0) return '';
    if (isCjk(chars[0])) return chars[0];
    return chars.slice(0, 2).join('');
  }

  var encoder = typeof TextEncoder === 'function' ? new TextEncoder() : null;

  // FNV-1a of the key's UTF-8 bytes, among `shards` (a power of two).
  function shardOf(term, shards) {
    var bytes = encoder.encode(shardKey(term));
    var h = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) {
      h ^= bytes[i];
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h & (shards - 1);
  }

  var api = {
    isCjk: isCjk,
    isWord: isWord,
    foldMap: foldMap,
    normalChar: normalChar,
    normalize: normalize,
    terms: terms,
    shardKey: shardKey,
    shardOf: shardOf,
  };
  if (typeof module === 'object' && module.exports) module.exports = api;
  else global.MinqingTerms = api;
})(this);
