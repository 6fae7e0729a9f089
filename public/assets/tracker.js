// Tracker table: filters kept in the address (a view can be shared and survives a reload), sorting with
// aria-sort and a live count, a message when no child matches, and CSV export of the shown rows. The page
// works without it (the full table, worst first); this file is served locally, never from a CDN, and is
// allowed by the site's Content-Security-Policy.
(function () {
  var table = document.getElementById('tracker');
  var form = document.getElementById('tracker-filters');
  if (!table || !form) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var count = document.getElementById('tracker-count');
  var none = document.getElementById('tracker-none');
  Array.prototype.forEach.call(document.querySelectorAll('.app-js-only'), function (el) { el.hidden = false; });

  var FILTERS = ['team', 'worker', 'route', 'rag'];
  function field(name) { return form.elements[name]; }

  // The address holds the view: ?team=...&rag=red&overdue=yes&sort=3&dir=descending
  function readAddress() {
    var params = new URLSearchParams(window.location.search);
    FILTERS.forEach(function (name) {
      var value = params.get(name) || '';
      var select = field(name);
      // Only a value the list offers: an old or edited link never hides every row in silence.
      select.value = Array.prototype.some.call(select.options, function (o) { return o.value === value; }) ? value : '';
    });
    field('overdue').checked = params.get('overdue') === 'yes';
    return { sort: params.get('sort'), dir: params.get('dir') };
  }
  var sortState = { col: null, dir: null };
  function writeAddress() {
    var params = new URLSearchParams();
    FILTERS.forEach(function (name) { if (field(name).value) params.set(name, field(name).value); });
    if (field('overdue').checked) params.set('overdue', 'yes');
    if (sortState.col !== null) { params.set('sort', String(sortState.col)); params.set('dir', sortState.dir); }
    var query = params.toString();
    try {
      window.history.replaceState(null, '', window.location.pathname + (query ? '?' + query : '') + window.location.hash);
    } catch (e) {
      // Some browsers refuse to change the address of a page opened from disk: the filters still work.
    }
  }

  function apply() {
    var want = {};
    FILTERS.forEach(function (name) { want[name] = field(name).value; });
    var overdue = field('overdue').checked;
    var shown = 0;
    rows.forEach(function (row) {
      var d = row.dataset;
      var ok = (!want.team || d.team === want.team) && (!want.worker || d.worker === want.worker) && (!want.route || d.route === want.route) &&
        (!want.rag || d.rag === want.rag) && (!overdue || d.overdue === 'yes');
      row.hidden = !ok;
      if (ok) shown++;
    });
    count.textContent = shown + ' of ' + rows.length + ' children shown';
    none.hidden = shown !== 0;
  }
  form.addEventListener('change', function () { apply(); writeAddress(); });
  function clear(event) {
    if (event) event.preventDefault();
    form.reset();
    apply();
    writeAddress();
  }
  document.getElementById('clear-filters').addEventListener('click', clear);
  document.getElementById('tracker-none-clear').addEventListener('click', clear);

  // Sorting: each header becomes a button; aria-sort tells assistive technology the order.
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  function sortBy(index, dir) {
    var th = headers[index];
    headers.forEach(function (h) { h.setAttribute('aria-sort', 'none'); });
    th.setAttribute('aria-sort', dir);
    var sign = dir === 'ascending' ? 1 : -1;
    rows.sort(function (a, b) {
      var x = key(a.cells[index]), y = key(b.cells[index]);
      // An empty cell ("–") goes to the bottom whichever the direction; ties keep the worst-first order.
      if (x === '' || y === '') return (x === '' ? 1 : 0) - (y === '' ? 1 : 0) || (a.dataset.order < b.dataset.order ? -1 : 1);
      return x.localeCompare(y, 'en', { numeric: true, sensitivity: 'base' }) * sign || (a.dataset.order < b.dataset.order ? -1 : 1);
    });
    rows.forEach(function (row) { body.appendChild(row); });
    sortState = { col: index, dir: dir };
  }
  headers.forEach(function (th, index) {
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'app-sort-button';
    button.textContent = th.textContent;
    // Printed, the heading is this plain text: Chromium repeats a table's header row on every printed page
    // only when it holds no form control, so the button is left off the paper (app.scss).
    var label = document.createElement('span');
    label.className = 'app-print-label';
    label.textContent = th.textContent;
    th.textContent = '';
    th.appendChild(button);
    th.appendChild(label);
    button.addEventListener('click', function () {
      sortBy(index, th.getAttribute('aria-sort') === 'ascending' ? 'descending' : 'ascending');
      writeAddress();
    });
  });
  function key(cell) {
    // The cell's sort value (an ISO date, a padded number); else its words, "–" counting as empty.
    var s = cell.getAttribute('data-sort-value');
    if (s !== null) return s;
    var text = cell.textContent.trim();
    return text === '–' ? '' : text;
  }

  function csvCell(text) {
    var t = text.replace(/\s+/g, ' ').trim();
    // Cells starting with = + - @ are quoted with a leading apostrophe so spreadsheets do not run them.
    if (/^[=+\-@]/.test(t)) t = "'" + t;
    return /[",\n]/.test(t) || t !== text.trim() ? '"' + t.replace(/"/g, '""') + '"' : t;
  }
  document.getElementById('export-csv').addEventListener('click', function () {
    var lines = [headers.map(function (h) { return csvCell(h.querySelector('button').textContent); }).join(',')];
    rows.forEach(function (row) {
      if (row.hidden) return;
      lines.push(Array.prototype.map.call(row.cells, function (c, i) {
        return csvCell(i === 0 ? c.querySelector('a').textContent + ' (' + row.dataset.id + ')' : c.innerText);
      }).join(','));
    });
    var blob = new Blob(['\ufeff' + lines.join('\r\n') + '\r\n'], { type: 'text/csv;charset=utf-8' });
    var link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = 'permanency-tracker.csv';
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 0);
  });

  var initial = readAddress();
  var col = Number(initial.sort);
  if (initial.sort !== null && col >= 0 && col < headers.length) sortBy(col, initial.dir === 'descending' ? 'descending' : 'ascending');
  apply();
})();
