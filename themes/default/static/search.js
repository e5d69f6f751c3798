// minqing search: searches window.MINQING_SEARCH (search-index.js, loaded before this file with
// <script src>, since browsers refuse fetch and XHR on file://) and lists the results on
// search.html.
// The index format and the way text is split into terms are described in src/render/search.rs;
// normalize(), isCjk() and isWord() here must split text exactly as the Rust side does.
// Results are built as DOM nodes with textContent only: no text from the index is parsed as HTML.
(function () {
  'use strict';

  var MAX_RESULTS = 50;
  var SNIPPET_BEFORE = 24;
  var SNIPPET_LENGTH = 110;
  // Varint digits: the first 32 end a number, the next 32 say more digits follow.
  var DIGITS = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_';
  var CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\u{20000}-\u{3ffff}]/u;
  var WORD = /[\p{Alphabetic}\p{N}]/u;

  var box = document.getElementById('search');
  var form = document.getElementById('search-form');
  var input = document.getElementById('search-q');
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  if (!box || !form || !input || !status || !list) return;
  var text = box.dataset;
  var root = text.root || '';

  var index = window.MINQING_SEARCH;
  if (!index || index.v !== 1) {
    status.textContent = text.unavailable;
    return;
  }

  var DIGIT_VALUE = {};
  for (var d = 0; d < DIGITS.length; d++) DIGIT_VALUE[DIGITS[d]] = d;
  var terms = index.terms ? index.terms.split(' ') : [];
  var encoded = index.postings ? index.postings.split(' ') : [];
  var termIndex = new Map();
  terms.forEach(function (t, i) {
    termIndex.set(t, i);
  });
  var notes = index.notes;
  var places = index.places;
  var decoded = new Map();
  var byChar = new Map();

  function isCjk(c) {
    return CJK.test(c);
  }
  function isWord(c) {
    return !isCjk(c) && WORD.test(c);
  }

  // Lowercase, with full-width ASCII folded to ASCII, character by character (as in Rust).
  function normalize(s) {
    var out = '';
    for (var c of s) {
      var code = c.codePointAt(0);
      if (code >= 0xff01 && code <= 0xff5e) c = String.fromCharCode(code - 0xfee0);
      out += c.toLowerCase();
    }
    return out;
  }

  // The postings of term number i: document id → how often the term occurs there (1–4).
  function postingsAt(i) {
    var cached = decoded.get(i);
    if (cached) return cached;
    var map = new Map();
    var s = encoded[i] || '';
    var prev = -1;
    var value = 0;
    for (var k = 0; k < s.length; k++) {
      var v = DIGIT_VALUE[s[k]];
      value = value * 32 + (v & 31);
      if (v < 32) {
        var id = prev + 1 + Math.floor(value / 4);
        map.set(id, (value % 4) + 1);
        prev = id;
        value = 0;
      }
    }
    decoded.set(i, map);
    return map;
  }

  function postingsOf(term) {
    var i = termIndex.get(term);
    return i === undefined ? new Map() : postingsAt(i);
  }

  // Adds every posting of `from` into `into`, summing the counts.
  function addAll(into, from) {
    from.forEach(function (n, id) {
      into.set(id, (into.get(id) || 0) + n);
    });
  }

  // The query as units: runs of CJK characters and words, each matched on its own.
  function units(query) {
    var chars = Array.from(normalize(query));
    var out = [];
    var seen = new Set();
    var i = 0;
    while (i < chars.length) {
      var cjk = isCjk(chars[i]);
      if (!cjk && !isWord(chars[i])) {
        i++;
        continue;
      }
      var j = i + 1;
      while (j < chars.length && (cjk ? isCjk(chars[j]) : isWord(chars[j]))) j++;
      var run = chars.slice(i, j);
      var t = run.join('');
      if (!seen.has(t)) {
        seen.add(t);
        out.push({ cjk: cjk, text: t, chars: run });
      }
      i = j;
    }
    return out;
  }

  // Documents that contain a unit: id → number of hits.
  function match(unit) {
    if (unit.cjk && unit.chars.length > 1) {
      // Every bigram of the run; a document's hits are those of its rarest bigram.
      var result = null;
      for (var k = 0; k + 1 < unit.chars.length; k++) {
        var p = postingsOf(unit.chars[k] + unit.chars[k + 1]);
        if (result === null) {
          result = new Map(p);
        } else {
          result.forEach(function (n, id) {
            var m = p.get(id);
            if (m === undefined) result.delete(id);
            else if (m < n) result.set(id, m);
          });
        }
        if (result.size === 0) break;
      }
      return result;
    }
    var out = new Map();
    if (unit.cjk) {
      // One character: every indexed bigram (or lone character) that contains it.
      var c = unit.text;
      var found = byChar.get(c);
      if (!found) {
        found = [];
        terms.forEach(function (t, i) {
          if (t.indexOf(c) >= 0 && isCjk(String.fromCodePoint(t.codePointAt(0)))) found.push(i);
        });
        byChar.set(c, found);
      }
      found.forEach(function (i) {
        addAll(out, postingsAt(i));
      });
      return out;
    }
    // A word: every indexed word it begins (so "deci" finds "decisions").
    terms.forEach(function (t, i) {
      if (t.lastIndexOf(unit.text, 0) === 0) addAll(out, postingsAt(i));
    });
    return out;
  }

  function doc(id) {
    if (id < notes.length) {
      var n = notes[id];
      var place = n[2] >= 0 ? places[n[2]] : null;
      var path = n[3].charAt(0) === '/' || !place ? n[3].replace(/^\//, '') : place[2] + '/' + n[3];
      return { id: id, note: true, title: n[0], date: n[1], place: n[2], path: path, tags: n[4], text: n[5] };
    }
    var pi = id - notes.length;
    var p = places[pi];
    return { id: id, note: false, title: p[0], date: '', place: pi, path: p[2] + '/index.html', tags: [], text: '' };
  }

  function search(query) {
    var us = units(query);
    if (us.length === 0) return null;
    var sets = us.map(match);
    sets.sort(function (a, b) {
      return a.size - b.size;
    });
    var results = [];
    sets[0].forEach(function (n, id) {
      var hits = n;
      for (var k = 1; k < sets.length; k++) {
        var m = sets[k].get(id);
        if (m === undefined) return;
        hits += m;
      }
      var dd = doc(id);
      var title = normalize(dd.title);
      var inTitle = 0;
      us.forEach(function (u) {
        if (title.indexOf(u.text) >= 0) inTitle++;
      });
      dd.inTitle = inTitle;
      dd.hits = hits;
      results.push(dd);
    });
    // Title hits first, then the number of hits, then the newest; a locality's page is always
    // current, so it counts as newer than any note.
    results.sort(function (a, b) {
      return (
        b.inTitle - a.inTitle ||
        b.hits - a.hits ||
        (a.note === b.note ? (a.date < b.date ? 1 : a.date > b.date ? -1 : 0) : a.note ? 1 : -1) ||
        a.id - b.id
      );
    });
    return { units: us, results: results };
  }

  function escapeRegExp(s) {
    return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }

  // A pattern that finds the query's words and runs in text (and, for a run, its bigrams).
  function highlighter(us) {
    var needles = [];
    us.forEach(function (u) {
      needles.push(u.text);
      if (u.cjk && u.chars.length > 2) {
        for (var k = 0; k + 1 < u.chars.length; k++) needles.push(u.chars[k] + u.chars[k + 1]);
      }
    });
    needles.sort(function (a, b) {
      return b.length - a.length;
    });
    return new RegExp(needles.map(escapeRegExp).join('|'), 'giu');
  }

  // Appends `s` to `parent` as text, with every match of `re` in a <mark>.
  function appendMarked(parent, s, re) {
    var last = 0;
    re.lastIndex = 0;
    var m;
    while ((m = re.exec(s)) !== null) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      if (m.index > last) parent.appendChild(document.createTextNode(s.slice(last, m.index)));
      var mark = document.createElement('mark');
      mark.textContent = m[0];
      parent.appendChild(mark);
      last = m.index + m[0].length;
    }
    if (last < s.length) parent.appendChild(document.createTextNode(s.slice(last)));
  }

  // The part of a note's stored text around its first hit.
  function snippet(s, re) {
    re.lastIndex = 0;
    var m = re.exec(s);
    var start = m ? Math.max(0, m.index - SNIPPET_BEFORE) : 0;
    // Never start or end between the two halves of a surrogate pair.
    if (start > 0 && /[\udc00-\udfff]/.test(s.charAt(start))) start--;
    var end = Math.min(s.length, start + SNIPPET_LENGTH);
    if (end < s.length && /[\udc00-\udfff]/.test(s.charAt(end))) end++;
    var out = s.slice(start, end);
    if (start > 0) out = '…' + out;
    if (end < s.length && out.slice(-1) !== '…') out += '…';
    return out;
  }

  function placeChain(pi) {
    var names = [];
    for (var p = places[pi][1]; p >= 0; p = places[p][1]) names.unshift(places[p][0]);
    return names.join(' › ');
  }

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, key) {
      return key in values ? String(values[key]) : all;
    });
  }

  function render(query) {
    list.textContent = '';
    var found = search(query);
    if (!found) {
      status.textContent = text.hint;
      return;
    }
    var results = found.results;
    if (results.length === 0) {
      status.textContent = format(text.none, { q: query.trim() });
      return;
    }
    var shown = results.slice(0, MAX_RESULTS);
    if (results.length === 1) status.textContent = text.resultOne;
    else if (results.length > shown.length) {
      status.textContent = format(text.resultsTop, { n: results.length, shown: shown.length });
    } else status.textContent = format(text.results, { n: results.length });
    var re = highlighter(found.units);
    var frag = document.createDocumentFragment();
    shown.forEach(function (r) {
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.className = 'search-title';
      a.href = root + r.path;
      appendMarked(a, r.title, re);
      li.appendChild(a);
      var meta = document.createElement('div');
      meta.className = 'search-meta';
      if (r.note) {
        var time = document.createElement('time');
        time.dateTime = r.date;
        time.textContent = r.date;
        meta.appendChild(time);
        if (r.place >= 0) {
          meta.appendChild(document.createTextNode(' · '));
          var pl = document.createElement('a');
          pl.href = root + places[r.place][2] + '/index.html';
          pl.textContent = places[r.place][0];
          meta.appendChild(pl);
        }
        r.tags.forEach(function (t) {
          meta.appendChild(document.createTextNode(' '));
          var tag = document.createElement('span');
          tag.className = 'search-tag';
          tag.textContent = index.tags[t];
          meta.appendChild(tag);
        });
      } else {
        var chain = placeChain(r.place);
        meta.appendChild(document.createTextNode(text.locality + (chain ? ' · ' : '')));
        appendMarked(meta, chain, re);
      }
      li.appendChild(meta);
      if (r.text) {
        var p = document.createElement('p');
        p.className = 'search-snippet';
        appendMarked(p, snippet(r.text, re), re);
        li.appendChild(p);
      }
      frag.appendChild(li);
    });
    list.appendChild(frag);
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
