// Tracker table: filters, sorting and CSV export. The page works without it (the full table is shown);
// this file is served locally, never from a CDN, and is allowed by the site's Content-Security-Policy.
(function () {
  var table = document.getElementById('tracker');
  var form = document.getElementById('tracker-filters');
  if (!table || !form) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var count = document.getElementById('tracker-count');
  Array.prototype.forEach.call(document.querySelectorAll('.app-js-only'), function (el) { el.hidden = false; });

  function value(id) { return document.getElementById(id).value; }
  function apply() {
    var team = value('f-team'), worker = value('f-worker'), route = value('f-route'), rag = value('f-rag');
    var overdue = document.getElementById('f-overdue').checked;
    var shown = 0;
    rows.forEach(function (row) {
      var d = row.dataset;
      var ok = (!team || d.team === team) && (!worker || d.worker === worker) && (!route || d.route === route) &&
        (!rag || d.rag === rag) && (!overdue || d.overdue === 'yes');
      row.hidden = !ok;
      if (ok) shown++;
    });
    count.textContent = shown + ' of ' + rows.length + ' children shown';
  }
  form.addEventListener('change', apply);

  // Sorting: each header becomes a button; aria-sort tells assistive technology the order.
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  headers.forEach(function (th, index) {
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'app-sort-button';
    button.textContent = th.textContent;
    th.textContent = '';
    th.appendChild(button);
    button.addEventListener('click', function () {
      var ascending = th.getAttribute('aria-sort') !== 'ascending';
      headers.forEach(function (h) { h.setAttribute('aria-sort', 'none'); });
      th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      rows.sort(function (a, b) {
        var x = key(a.cells[index]), y = key(b.cells[index]);
        return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
  function key(cell) {
    var s = cell.getAttribute('data-sort');
    return s === null ? cell.textContent.trim().toLowerCase() : s;
  }

  function csvCell(text) {
    var t = text.replace(/\s+/g, ' ').trim();
    // Cells starting with = + - @ are quoted with a leading apostrophe so spreadsheets do not run them.
    if (/^[=+\-@]/.test(t)) t = "'" + t;
    return /[",\n]/.test(t) || t !== text.trim() ? '"' + t.replace(/"/g, '""') + '"' : t;
  }
  document.getElementById('export-csv').addEventListener('click', function () {
    var lines = [headers.map(function (h) { return csvCell(h.textContent); }).join(',')];
    rows.forEach(function (row) {
      if (row.hidden) return;
      lines.push(Array.prototype.map.call(row.cells, function (c, i) {
        return csvCell(i === 0 ? c.querySelector('a').textContent + ' (' + row.dataset.id + ')' : c.textContent);
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
  apply();
})();
