// minqing: tables that sort (locality pages, home page). A table marked data-sortable gets a
// button in each column header; without JavaScript it stays complete, in built order. A click
// (or Enter/Space) sorts the rows by that column, a second click reverses. The first click puts
// figures and dates largest or latest first (the leaders, the newest report), text A to Z: in
// the page's language when it is Chinese, else as zh-CN (pinyin for Chinese names, Latin as in
// English). Figures sort by value (20,800 · 13,000余 · 1.3万 · 1,800+ · 89.5%), dates as dates;
// empty cells stay last both ways, ties keep the built order. The sorted column's <th> gets
// aria-sort (style.css draws ▲/▼ from it); the buttons' hint is the table's data-sort-hint.
(function () {
  'use strict';

  var NUMBER = /^(-?\d+(?:\.\d+)?)([万萬亿億]?)(?:余|餘|多|\+)?%?$/;
  var DATE = /^(\d{4})-(\d\d)-(\d\d)$/;
  var lang = document.documentElement.lang;
  var collator = new Intl.Collator(/^zh/.test(lang) ? lang : 'zh-CN', { numeric: true });

  // A cell's text: its link's when it has one (a row header: the name, not the level).
  function text(cell) {
    var a = cell && (cell.querySelector('a') || cell);
    return a ? a.textContent.trim() : '';
  }

  // A figure or a date as a number; null when the text is neither.
  function value(s) {
    var d = DATE.exec(s);
    if (d) return +(d[1] + d[2] + d[3]);
    var m = NUMBER.exec(s.replace(/[,\s]/g, ''));
    if (!m) return null;
    return parseFloat(m[1]) * (m[2] ? (/[万萬]/.test(m[2]) ? 1e4 : 1e8) : 1);
  }

  function enhance(table) {
    var head = table.tHead;
    if (!head || !head.rows.length) return;
    var hint = table.getAttribute('data-sort-hint');
    var ths = [].slice.call(head.rows[head.rows.length - 1].cells);
    // Each body's rows in built order: the tie-breaker.
    var bodies = [].map.call(table.tBodies, function (b) {
      return { el: b, rows: [].slice.call(b.rows) };
    });

    function sort(th) {
      var col = th.cellIndex;
      var numeric = true;
      var filled = false;
      var lists = bodies.map(function (b) {
        return b.rows.map(function (row, i) {
          var s = text(row.cells[col]);
          var v = s ? value(s) : null;
          if (s) filled = true;
          if (s && v === null) numeric = false;
          return { row: row, s: s, v: v, i: i };
        });
      });
      // A column with no text at all is a figure's when its header says so.
      numeric = numeric && (filled || th.classList.contains('num'));
      var was = th.getAttribute('aria-sort');
      var desc = was ? was === 'ascending' : numeric;
      lists.forEach(function (list, n) {
        list.sort(function (a, b) {
          if (!a.s !== !b.s) return a.s ? -1 : 1;
          var c = !a.s ? 0 : numeric ? a.v - b.v : collator.compare(a.s, b.s);
          return (desc ? -c : c) || a.i - b.i;
        });
        var frag = document.createDocumentFragment();
        list.forEach(function (e) {
          frag.appendChild(e.row);
        });
        bodies[n].el.appendChild(frag);
      });
      ths.forEach(function (h) {
        if (h === th) h.setAttribute('aria-sort', desc ? 'descending' : 'ascending');
        else h.removeAttribute('aria-sort');
      });
    }

    ths.forEach(function (th) {
      var button = document.createElement('button');
      button.type = 'button';
      if (hint) button.title = hint;
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener('click', function () {
        sort(th);
      });
    });
  }

  [].forEach.call(document.querySelectorAll('table[data-sortable]'), enhance);
})();
