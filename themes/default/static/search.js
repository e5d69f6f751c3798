// minqing search on search.html. The index is split into small script files that are loaded
// when a query needs them (src/render/search.rs describes them): search-index.js (loaded with
// the page) says how many shards there are; a query loads the shards of its terms
// (search/t/<n>.js), then the records of the results it shows (search/d/<n>.js), and, for a
// Chinese query, the Traditional → Simplified table (search/fold.js). Each file calls
// MINQING_SEARCH_LOAD: script tags work on file://, where fetch and XHR do not.
// Splitting text into terms is search-terms.js's, shared with node for the tokenizer test.
// Results are built as DOM nodes with textContent only: no text from the index is parsed as HTML.
(function () {
  'use strict';

  var MAX_RESULTS = 50;
  var SNIPPET_BEFORE = 24;
  var SNIPPET_LENGTH = 110;
  var DIGITS = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_';

  var box = document.getElementById('search');
  var form = document.getElementById('search-form');
  var input = document.getElementById('search-q');
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  if (!box || !form || !input || !status || !list) return;
  var text = box.dataset;
  var root = text.root || '';
  // On a page in another language, the content's Chinese is marked with its lang (as the
  // pages' own texts are): data-content-lang says which, and only texts with Han get it.
  var contentLang = text.contentLang;
  var HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[\ud840-\ud8bf][\udc00-\udfff]/;
  function marked(el, s) {
    if (contentLang && HAN.test(s)) el.lang = contentLang;
    return el;
  }
  var T = window.MinqingTerms;
  var index = window.MINQING_SEARCH;
  if (!T || !index || index.v !== 2) {
    status.textContent = text.unavailable;
    return;
  }

  var DIGIT_VALUE = {};
  for (var d = 0; d < DIGITS.length; d++) DIGIT_VALUE[DIGITS[d]] = d;

  // Loaded files by kind and number: a promise of their data.
  var files = { t: new Map(), d: new Map(), f: new Map() };
  var waiting = { t: new Map(), d: new Map(), f: new Map() };
  window.MINQING_SEARCH_LOAD = function (kind, n, data) {
    var done = waiting[kind] && waiting[kind].get(n);
    if (done) done(data);
  };
  function load(kind, n) {
    var known = files[kind].get(n);
    if (known) return known;
    var p = new Promise(function (resolve, reject) {
      waiting[kind].set(n, resolve);
      var s = document.createElement('script');
      s.src = root + (kind === 'f' ? 'search/fold.js' : 'search/' + kind + '/' + n + '.js');
      s.onerror = function () {
        files[kind].delete(n);
        reject(new Error(s.src));
      };
      document.head.appendChild(s);
    });
    files[kind].set(n, p);
    return p;
  }

  // A shard as maps: term → encoded postings, and its sorted terms (for prefixes).
  var shards = new Map();
  function shard(n) {
    var known = shards.get(n);
    if (known) return Promise.resolve(known);
    return load('t', n).then(function (data) {
      var terms = data.terms ? data.terms.split(' ') : [];
      var lists = data.postings ? data.postings.split(' ') : [];
      var map = new Map();
      terms.forEach(function (t, i) {
        map.set(t, lists[i]);
      });
      var s = { terms: terms, lists: map, decoded: new Map() };
      shards.set(n, s);
      return s;
    });
  }

  // Postings as two arrays in id order: ids, and for each how often the term occurs there (1–4)
  // plus 8 when it is in the title. Sorted arrays intersect and merge by walking them, without
  // an object per document: a common term of a national site has 100,000 of them.
  function sorted(ids, n, len) {
    return { ids: ids, n: n, len: len };
  }
  var EMPTY = sorted(new Int32Array(0), new Uint8Array(0), 0);
  function decode(s) {
    var ids = new Int32Array(s.length);
    var n = new Uint8Array(s.length);
    var len = 0;
    var prev = -1;
    var value = 0;
    for (var k = 0; k < s.length; k++) {
      var v = DIGIT_VALUE[s[k]];
      value = value * 32 + (v & 31);
      if (v < 32) {
        var id = prev + 1 + Math.floor(value / 8);
        ids[len] = id;
        n[len] = (value % 4) + 1 + (value & 4 ? 8 : 0);
        len++;
        prev = id;
        value = 0;
      }
    }
    return sorted(ids, n, len);
  }
  function postings(s, term) {
    var known = s.decoded.get(term);
    if (known) return known;
    var enc = s.lists.get(term);
    var p = enc === undefined ? EMPTY : decode(enc);
    s.decoded.set(term, p);
    return p;
  }
  // The documents of either: counts summed (at most 7 kept), in the title if either says so.
  function union(a, b) {
    var ids = new Int32Array(a.len + b.len);
    var n = new Uint8Array(a.len + b.len);
    var i = 0;
    var j = 0;
    var len = 0;
    while (i < a.len || j < b.len) {
      if (j >= b.len || (i < a.len && a.ids[i] < b.ids[j])) {
        ids[len] = a.ids[i];
        n[len++] = a.n[i++];
      } else if (i >= a.len || b.ids[j] < a.ids[i]) {
        ids[len] = b.ids[j];
        n[len++] = b.n[j++];
      } else {
        ids[len] = a.ids[i];
        n[len++] = Math.min(7, (a.n[i] & 7) + (b.n[j] & 7)) | ((a.n[i] | b.n[j]) & 8);
        i++;
        j++;
      }
    }
    return sorted(ids, n, len);
  }
  // The documents in both: a document's hits are those of its rarer term, in the title if both
  // are.
  function both(a, b) {
    var size = Math.min(a.len, b.len);
    var ids = new Int32Array(size);
    var n = new Uint8Array(size);
    var i = 0;
    var j = 0;
    var len = 0;
    while (i < a.len && j < b.len) {
      if (a.ids[i] < b.ids[j]) i++;
      else if (b.ids[j] < a.ids[i]) j++;
      else {
        ids[len] = a.ids[i];
        n[len++] = Math.min(a.n[i] & 7, b.n[j] & 7) | (a.n[i] & b.n[j] & 8);
        i++;
        j++;
      }
    }
    return sorted(ids, n, len);
  }
  // For each id of `of` (sorted), whether `p` holds it.
  function within(of, p) {
    var out = new Uint8Array(of.length);
    var j = 0;
    for (var i = 0; i < of.length; i++) {
      while (j < p.len && p.ids[j] < of[i]) j++;
      out[i] = j < p.len && p.ids[j] === of[i] ? 1 : 0;
    }
    return out;
  }

  var fold = null;
  function folding(query) {
    if (fold || !Array.from(query).some(T.isCjk)) return Promise.resolve();
    return load('f', 0).then(function (pairs) {
      fold = T.foldMap(pairs);
    });
  }

  // The query's units: runs of CJK characters and words. A run is matched by its parts — the
  // bigrams that cover it without overlap (落实整改 → 落实, 整改), so that its words may stand
  // apart in the text — and ranked higher when every bigram of it occurs (the phrase itself).
  function units(norm) {
    var chars = Array.from(norm);
    var out = [];
    var seen = new Set();
    var i = 0;
    while (i < chars.length) {
      var cjk = T.isCjk(chars[i]);
      if (!cjk && !T.isWord(chars[i])) {
        i++;
        continue;
      }
      var j = i + 1;
      while (j < chars.length && (cjk ? T.isCjk(chars[j]) : T.isWord(chars[j]))) j++;
      var run = chars.slice(i, j);
      var t = run.join('');
      if (!seen.has(t)) {
        seen.add(t);
        var u = { cjk: cjk, text: t, chars: run, parts: [], phrase: [] };
        if (cjk && run.length > 1) {
          for (var k = 0; k + 1 < run.length; k++) u.phrase.push(run[k] + run[k + 1]);
          for (var p = 0; p + 1 < run.length; p += 2) u.parts.push(run[p] + run[p + 1]);
          if (run.length % 2 === 1) u.parts.push(run[run.length - 2] + run[run.length - 1]);
        }
        out.push(u);
      }
      i = j;
    }
    return out;
  }

  // The shards a query reads: those of its parts, phrase bigrams, words and whole-name forms.
  function needed(us, whole) {
    var terms = ['=' + whole];
    us.forEach(function (u) {
      if (u.cjk && u.chars.length > 1) terms = terms.concat(u.phrase);
      else terms.push(u.text);
    });
    var set = new Set();
    terms.forEach(function (t) {
      set.add(T.shardOf(t, index.shards));
    });
    return Array.from(set);
  }

  // Documents that contain a unit.
  function match(u, s) {
    if (u.cjk && u.chars.length > 1) {
      var result = null;
      u.parts.forEach(function (b) {
        var p = postings(s(b), b);
        result = result === null ? p : both(result, p);
      });
      return result;
    }
    var out = EMPTY;
    var sh = s(u.text);
    if (u.cjk) {
      // One character: the lone character and every bigram it begins.
      sh.terms.forEach(function (t) {
        if (t === u.text || (t.length > u.text.length && t.lastIndexOf(u.text, 0) === 0 && T.isCjk(t.slice(u.text.length)))) {
          out = union(out, postings(sh, t));
        }
      });
      return out;
    }
    if (Array.from(u.text).length < 2) return postings(sh, u.text);
    // A word: every indexed word it begins (so "deci" finds "decisions", "jin" finds "jining").
    sh.terms.forEach(function (t) {
      if (t.lastIndexOf(u.text, 0) === 0) out = union(out, postings(sh, t));
    });
    return out;
  }

  function search(query) {
    return folding(query).then(function () {
      var norm = T.normalize(query, fold);
      var us = units(norm);
      if (us.length === 0) return null;
      var whole = us
        .map(function (u) {
          return u.text;
        })
        .join('');
      return Promise.all(needed(us, whole).map(shard)).then(function () {
        var of = function (term) {
          return shards.get(T.shardOf(term, index.shards));
        };
        var sets = us.map(function (u) {
          return match(u, of);
        });
        // Every unit must occur: intersect, keeping each document's hits and title hits.
        sets.sort(function (a, b) {
          return a.len - b.len;
        });
        var ids = sets[0].ids.slice(0, sets[0].len);
        var hits = new Uint16Array(ids.length);
        var titles = new Uint8Array(ids.length);
        for (var k = 0; k < ids.length; k++) {
          hits[k] = sets[0].n[k] & 7;
          titles[k] = sets[0].n[k] >> 3;
        }
        for (var m = 1; m < sets.length && ids.length > 0; m++) {
          var p = sets[m];
          var keep = 0;
          var j = 0;
          for (var i = 0; i < ids.length; i++) {
            while (j < p.len && p.ids[j] < ids[i]) j++;
            if (j < p.len && p.ids[j] === ids[i]) {
              ids[keep] = ids[i];
              hits[keep] = hits[i] + (p.n[j] & 7);
              titles[keep] = titles[i] + (p.n[j] >> 3);
              keep++;
            }
          }
          ids = ids.subarray(0, keep);
        }
        var exact = within(ids, postings(of('=' + whole), '=' + whole));
        var phrase = new Uint8Array(ids.length).fill(1);
        us.forEach(function (u) {
          if (u.phrase.length <= u.parts.length) return;
          var r = null;
          u.phrase.forEach(function (b) {
            var q = postings(of(b), b);
            r = r === null ? q : both(r, q);
          });
          var has = within(ids, r);
          for (var i = 0; i < ids.length; i++) phrase[i] &= has[i];
        });
        // A locality whose name is the query first, then the phrase itself before its parts
        // apart, title and name hits before body hits, more hits, localities (always current)
        // before notes, and notes newest first (their ids go from newest to oldest): one number
        // per result, sorted as numbers.
        var keys = new Float64Array(ids.length);
        for (var x = 0; x < ids.length; x++) {
          var score =
            exact[x] * 2097152 +
            phrase[x] * 1048576 +
            Math.min(titles[x], 15) * 65536 +
            Math.min(hits[x], 255) * 256 +
            (ids[x] >= index.notes ? 128 : 0);
          keys[x] = score * 4194304 + (4194303 - ids[x]);
        }
        keys.sort();
        var results = { length: ids.length };
        var shown = [];
        for (var y = keys.length - 1; y >= 0 && shown.length < MAX_RESULTS; y--) {
          shown.push({ id: 4194303 - (keys[y] % 4194304) });
        }
        var wanted = new Set(
          shown.map(function (r) {
            return Math.floor(r.id / index.per);
          })
        );
        return Promise.all(
          Array.from(wanted).map(function (n) {
            return load('d', n).then(function (records) {
              return [n, records];
            });
          })
        ).then(function (loaded) {
          var byFile = new Map(loaded);
          shown.forEach(function (r) {
            r.record = byFile.get(Math.floor(r.id / index.per))[r.id % index.per];
          });
          return { units: us, results: results, shown: shown };
        });
      });
    });
  }

  // The spans of `s` (as [start, end) in UTF-16 units) where the query's words and runs (and a
  // run's bigrams) occur, compared as the index compares: folded and in lower case.
  function hits(s, us) {
    var needles = [];
    us.forEach(function (u) {
      needles.push(u.text);
      u.phrase.forEach(function (b) {
        needles.push(b);
      });
    });
    needles.sort(function (a, b) {
      return b.length - a.length;
    });
    // The folded text, character by character, with where each character starts in `s`.
    var folded = '';
    var starts = [];
    var at = 0;
    for (var c of s) {
      var f = T.normalChar(c, fold);
      if (Array.from(f).length !== 1 || f.length !== c.length) f = c;
      for (var k = 0; k < f.length; k++) starts.push(at + k);
      folded += f;
      at += c.length;
    }
    starts.push(at);
    var spans = [];
    var i = 0;
    while (i < folded.length) {
      var found = null;
      for (var n = 0; n < needles.length; n++) {
        if (needles[n] && folded.startsWith(needles[n], i)) {
          found = needles[n];
          break;
        }
      }
      if (found) {
        spans.push([starts[i], starts[i + found.length]]);
        i += found.length;
      } else i++;
    }
    return spans;
  }

  // Appends `s` to `parent` as text, with every hit in a <mark>.
  function appendMarked(parent, s, us) {
    var last = 0;
    hits(s, us).forEach(function (span) {
      if (span[0] > last) parent.appendChild(document.createTextNode(s.slice(last, span[0])));
      var mark = document.createElement('mark');
      mark.textContent = s.slice(span[0], span[1]);
      parent.appendChild(mark);
      last = span[1];
    });
    if (last < s.length) parent.appendChild(document.createTextNode(s.slice(last)));
  }

  // The part of a note's stored text around its first hit.
  function snippet(s, us) {
    var first = hits(s, us)[0];
    var start = first ? Math.max(0, first[0] - SNIPPET_BEFORE) : 0;
    // Never start or end between the two halves of a surrogate pair.
    if (start > 0 && /[\udc00-\udfff]/.test(s.charAt(start))) start--;
    var end = Math.min(s.length, start + SNIPPET_LENGTH);
    if (end < s.length && /[\udc00-\udfff]/.test(s.charAt(end))) end++;
    var out = s.slice(start, end);
    if (start > 0) out = '…' + out;
    if (end < s.length && out.slice(-1) !== '…') out += '…';
    return out;
  }

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, key) {
      return key in values ? String(values[key]) : all;
    });
  }

  function show(query, found) {
    list.textContent = '';
    if (!found) {
      status.textContent = text.hint;
      return;
    }
    var results = found.results;
    if (results.length === 0) {
      status.textContent = format(text.none, { q: query.trim() });
      return;
    }
    var shown = found.shown;
    if (results.length === 1) status.textContent = text.resultOne;
    else if (results.length > shown.length) {
      status.textContent = format(text.resultsTop, { n: results.length, shown: shown.length });
    } else status.textContent = format(text.results, { n: results.length });
    var us = found.units;
    var frag = document.createDocumentFragment();
    shown.forEach(function (r) {
      var rec = r.record;
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.className = 'search-title';
      a.href = root + rec[2 + (rec[0] === 'n' ? 1 : 0)];
      appendMarked(marked(a, rec[1]), rec[1], us);
      li.appendChild(a);
      var meta = document.createElement('div');
      meta.className = 'search-meta';
      if (rec[0] === 'n') {
        var time = document.createElement('time');
        time.dateTime = rec[2];
        time.textContent = rec[2];
        meta.appendChild(time);
        if (rec[4]) {
          meta.appendChild(document.createTextNode(' · '));
          var pl = document.createElement('a');
          pl.href = root + rec[5];
          pl.textContent = rec[4];
          meta.appendChild(marked(pl, rec[4]));
        }
        rec[6].forEach(function (t) {
          meta.appendChild(document.createTextNode(' '));
          var tag = document.createElement('span');
          tag.className = 'search-tag';
          tag.textContent = t;
          meta.appendChild(marked(tag, t));
        });
      } else {
        meta.appendChild(document.createTextNode(text.locality + (rec[3] ? ' · ' : '')));
        var above = marked(document.createElement('span'), rec[3]);
        appendMarked(above, rec[3], us);
        meta.appendChild(above);
      }
      li.appendChild(meta);
      if (rec[0] === 'n' && rec[7]) {
        var p = document.createElement('p');
        p.className = 'search-snippet';
        var cut = snippet(rec[7], us);
        appendMarked(marked(p, cut), cut, us);
        li.appendChild(p);
      }
      frag.appendChild(li);
    });
    list.appendChild(frag);
  }

  // Only the latest query's results are shown, however the files arrive.
  var asked = 0;
  function render(query) {
    var mine = ++asked;
    search(query).then(
      function (found) {
        if (mine === asked) show(query, found);
      },
      function () {
        if (mine === asked) status.textContent = text.unavailable;
      }
    );
  }

  // Keeps the address in step with the query so that a search can be linked or bookmarked.
  function remember(query) {
    try {
      var url = new URL(window.location.href);
      if (query) url.searchParams.set('q', query);
      else url.searchParams.delete('q');
      window.history.replaceState(null, '', url.href);
    } catch (e) {
      // Some browsers refuse history changes on file://; the search works without it.
    }
  }

  var pending = 0;
  input.addEventListener('input', function () {
    window.clearTimeout(pending);
    pending = window.setTimeout(function () {
      render(input.value);
      remember(input.value);
    }, 60);
  });
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    window.clearTimeout(pending);
    render(input.value);
    remember(input.value);
  });

  var initial = new URLSearchParams(window.location.search).get('q') || '';
  input.value = initial;
  render(initial);
  if (!initial) input.focus();
})();
