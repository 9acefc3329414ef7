// DataRefresh dashboard: the page's only script (no inline script, no CDN). Text goes in with textContent only.
'use strict';
(function () {
  if (!document.getElementById('tables')) { return; }
  let csrf = '';
  const message = document.getElementById('message');
  const say = (text) => { message.textContent = text; };
  const rowsOf = (table) => Array.from(document.querySelectorAll('tr[data-table]')).filter((tr) => tr.dataset.table === table);
  const cell = (tr, field) => tr.querySelector('td[data-field="' + field + '"]');
  const number = (n) => (n === null || n === undefined) ? '' : Math.round(n).toLocaleString('en-US');

  fetch('/api/session', { credentials: 'same-origin' }).then((r) => r.json()).then((s) => { csrf = s.csrfToken; });

  const post = (url, body) => fetch(url, {
    method: 'POST', credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
    body: body === undefined ? undefined : JSON.stringify(body)
  });

  document.querySelectorAll('button.refresh').forEach((button) => {
    button.addEventListener('click', () => {
      const table = button.dataset.table;
      button.disabled = true;
      post('/api/refresh', { tables: [table] }).then((r) => r.json().then((j) => {
        if (r.status === 202) { say('Refresh of ' + table + ' started (run ' + j.runId + ')'); } else { say(j.error || ('HTTP ' + r.status)); button.disabled = false; }
      }));
    });
  });

  const signout = document.getElementById('signout');
  if (signout) { signout.addEventListener('click', () => post('/signout').then(() => { window.location.href = '/signin'; })); }

  const refreshRow = (view) => {
    rowsOf(view.table).forEach((tr) => {
      const last = view.lastRefresh;
      if (last) {
        cell(tr, 'when').textContent = last.startedAt.replace('T', ' ').replace(/\..*$/, '') + 'Z';
        cell(tr, 'status').textContent = last.status;
        cell(tr, 'duration').textContent = last.durationSeconds === null ? '' : last.durationSeconds.toFixed(1) + ' s';
        cell(tr, 'rows').textContent = number(last.rowsCopied);
        cell(tr, 'rate').textContent = number(last.rowsPerSecond);
        tr.className = (last.status === 'Succeeded') ? 'fresh' : 'stale';
      }
      cell(tr, 'now').textContent = view.running ? view.running.state : '';
      const button = tr.querySelector('button.refresh');
      if (button && !view.running) { button.disabled = false; }
    });
  };

  const events = new EventSource('/api/events');
  events.addEventListener('step-started', (e) => { const d = JSON.parse(e.data); if (d.table) { rowsOf(d.table).forEach((tr) => { cell(tr, 'now').textContent = d.step; }); } });
  events.addEventListener('rows', (e) => { const d = JSON.parse(e.data); rowsOf(d.table).forEach((tr) => { cell(tr, 'now').textContent = number(d.rows) + ' rows, ' + number(d.rowsPerSecond) + ' rows/s'; }); });
  events.addEventListener('table-finished', (e) => {
    const d = JSON.parse(e.data);
    fetch('/api/tables/' + encodeURIComponent(d.table), { credentials: 'same-origin' }).then((r) => r.json()).then((v) => {
      refreshRow(v.table);
      rowsOf(d.table).forEach((tr) => { cell(tr, 'now').textContent = 'done: ' + d.status; });
    });
  });
})();
