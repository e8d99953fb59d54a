// hf-page: filters and sorting over the tables, which are complete without
// this script.  Filters live in the URL fragment (#arch=X&org=Y&status=Z&q=T
// &sort=COLUMN&desc=1) so that a filtered view can be shared.  Text goes
// into the page only through textContent, values and new Option(), never
// as markup.
(function () {
  'use strict';
  var models = document.getElementById('models');
  var form = document.getElementById('filters');
  var gapTable = document.getElementById('gap-table');
  var keys = ['q', 'arch', 'org', 'status'];

  function rowsOf(table) {
    return Array.prototype.slice.call(table.tBodies[0].rows);
  }

  // What column col of row sorts by: data-v as a number, else the text.
  function keyOf(row, col) {
    var c = row.cells[col], v = c ? c.getAttribute('data-v') : null;
    return v !== null ? parseFloat(v) : (c ? c.textContent : '');
  }

  // list (of anything) in the order of key(item), ties as they were.
  function sortedBy(list, key, desc) {
    var keyed = list.map(function (x, i) { return { x: x, i: i, k: key(x) }; });
    keyed.sort(function (a, b) {
      var c = a.k < b.k ? -1 : a.k > b.k ? 1 : 0;
      return (desc ? -c : c) || a.i - b.i;
    });
    return keyed.map(function (e) { return e.x; });
  }

  function markSort(table, col, desc) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, i) {
      if (i === col) th.setAttribute('aria-sort', desc ? 'descending' : 'ascending');
      else th.removeAttribute('aria-sort');
    });
  }

  // Only the rows given stay in the table: detached ones cost no style
  // or layout, which is what makes a filter of 10,000 rows quick.
  function show(table, rows) {
    var frag = document.createDocumentFragment();
    rows.forEach(function (r) { frag.appendChild(r); });
    table.tBodies[0].replaceChildren(frag);
  }

  // Header buttons; onSort(col, desc) decides what a click does.
  function sortable(table, onSort) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, i) {
      var b = document.createElement('button');
      b.type = 'button';
      b.textContent = th.textContent;
      th.textContent = '';
      th.appendChild(b);
      b.addEventListener('click', function () {
        onSort(i, th.getAttribute('aria-sort') === 'ascending');
      });
    });
  }

  if (gapTable) sortable(gapTable, function (col, desc) {
    show(gapTable, sortedBy(rowsOf(gapTable), function (r) { return keyOf(r, col); }, desc));
    markSort(gapTable, col, desc);
  });
  if (!models || !form) return;

  var rows = rowsOf(models);
  var heads = Array.prototype.map.call(models.tHead.rows[0].cells, function (th) {
    return th.textContent.trim().toLowerCase();
  });
  var cols = { arch: 0, org: 1, status: 3 };
  var hay = [], vals = { arch: [], org: [], status: [] };
  rows.forEach(function (r) {
    hay.push(r.textContent.toLowerCase());
    vals.arch.push(r.cells[0].textContent);
    vals.org.push(r.cells[1].textContent);
    vals.status.push(r.cells[3].textContent);
  });
  Object.keys(cols).forEach(function (k) {
    var sel = form.elements[k];
    Array.from(new Set(vals[k])).filter(Boolean).sort().forEach(function (v) {
      sel.add(new Option(v, v));
    });
  });
  var shownOut = document.getElementById('shown');
  var order = rows.map(function (r, i) { return i; }); // indexes, as sorted
  var lastSort = '/';

  function params() {
    var h = location.hash.slice(1);
    return new URLSearchParams(h.indexOf('=') < 0 ? '' : h);
  }

  // A value the list lacks (from a shared link) still shows as chosen.
  function choose(sel, v) {
    if (v && !Array.prototype.some.call(sel.options, function (o) { return o.value === v; }))
      sel.add(new Option(v, v));
    sel.value = v;
  }

  function apply() {
    var t0 = performance.now(), p = params();
    var q = (p.get('q') || '').toLowerCase();
    var want = { arch: p.get('arch') || '', org: p.get('org') || '', status: p.get('status') || '' };
    var col = heads.indexOf(p.get('sort')), desc = p.get('desc') === '1';
    if (form.elements.q.value !== (p.get('q') || '')) form.elements.q.value = p.get('q') || '';
    Object.keys(cols).forEach(function (k) { choose(form.elements[k], want[k]); });
    if (col < 0 && lastSort !== '/') {
      order.sort(function (a, b) { return a - b; }); // the page's own order
      markSort(models, -1, false);
      lastSort = '/';
    } else if (col >= 0 && p.get('sort') + '/' + desc !== lastSort) {
      order = sortedBy(order, function (i) { return keyOf(rows[i], col); }, desc);
      markSort(models, col, desc);
      lastSort = p.get('sort') + '/' + desc;
    }
    var pass = order.filter(function (i) {
      return (!q || hay[i].indexOf(q) >= 0) &&
        (!want.arch || vals.arch[i] === want.arch) &&
        (!want.org || vals.org[i] === want.org) &&
        (!want.status || vals.status[i] === want.status);
    });
    show(models, pass.map(function (i) { return rows[i]; }));
    shownOut.textContent = pass.length + ' of ' + rows.length + ' models';
    void models.offsetHeight; // the layout counts in the time
    document.body.setAttribute('data-filter-ms', (performance.now() - t0).toFixed(1));
    document.body.setAttribute('data-shown', String(pass.length));
  }

  function go(p) {
    var h = p.toString();
    try {
      history.replaceState(null, '', h ? '#' + h : location.pathname + location.search);
    } catch (e) {
      location.hash = h;
      return;
    }
    apply();
  }

  form.addEventListener('input', function () {
    var p = params();
    keys.forEach(function (k) {
      var v = form.elements[k].value;
      if (v) p.set(k, v); else p.delete(k);
    });
    go(p);
  });
  form.addEventListener('submit', function (e) { e.preventDefault(); });
  sortable(models, function (col, desc) {
    var p = params();
    p.set('sort', heads[col]);
    if (desc) p.set('desc', '1'); else p.delete('desc');
    go(p);
  });
  // A plain anchor (#gaps) is not a filter.
  window.addEventListener('hashchange', function () {
    if (!location.hash || location.hash.indexOf('=') >= 0) apply();
  });
  form.hidden = false;
  void models.offsetHeight; // lay the page out first: apply() times a filter
  apply();
})();
