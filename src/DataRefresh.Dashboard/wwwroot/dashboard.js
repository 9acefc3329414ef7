// DataRefresh dashboard: the pages' only script (no inline script, no CDN). Text goes in with textContent only;
// the only HTML taken in is the server's own page (re-fetched and parsed, to swap rows and sections after a run).
'use strict';
(function () {
  const main = document.querySelector('main[data-page]');
  if (!main) { return; }
  const operator = main.dataset.operator === 'true';
  let csrf = '';
  const $ = (id) => document.getElementById(id);
  const message = $('message');
  const say = (text) => { if (message) { message.textContent = text; } };
  const number = (n) => (n === null || n === undefined) ? '' : Math.round(n).toLocaleString('en-US');
  const rowsOf = (table) => Array.from(document.querySelectorAll('#tables tr[data-table]')).filter((tr) => tr.dataset.table === table);
  const cell = (tr, field) => tr.querySelector('[data-field="' + field + '"]');
  const el = (tag, text, cls) => { const e = document.createElement(tag); if (text !== undefined && text !== null) { e.textContent = String(text); } if (cls) { e.className = cls; } return e; };
  const session = fetch('/api/session', { credentials: 'same-origin' }).then((r) => r.json()).then((s) => { csrf = s.csrfToken; });
  const getJson = (url) => fetch(url, { credentials: 'same-origin' }).then((r) => r.json().then((j) => ({ status: r.status, body: j })));
  const post = (url, body) => session.then(() => fetch(url, {
    method: 'POST', credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
    body: body === undefined ? undefined : JSON.stringify(body)
  }));

  const signout = $('signout');
  if (signout) { signout.addEventListener('click', () => post('/signout').then(() => { window.location.href = '/signin'; })); }

  // Re-read this page from the server and swap in its table rows and sections (after a run or a comparison).
  let resyncTimer = 0;
  const resync = () => {
    window.clearTimeout(resyncTimer);
    resyncTimer = window.setTimeout(() => {
      fetch(window.location.href, { credentials: 'same-origin' }).then((r) => r.text()).then((html) => {
        const fresh = new DOMParser().parseFromString(html, 'text/html');
        fresh.querySelectorAll('#tables tr[data-table]').forEach((tr) => {
          rowsOf(tr.dataset.table).forEach((old) => {
            const picked = old.querySelector('input.pick');
            const was = picked ? picked.checked : false;
            old.replaceWith(document.importNode(tr, true));
            const now = rowsOf(tr.dataset.table)[0];
            const box = now && now.querySelector('input.pick');
            if (box) { box.checked = was; }
          });
        });
        ['plan-now', 'comparison', 'history'].forEach((id) => {
          const section = fresh.getElementById(id);
          if (section && $(id)) { $(id).replaceWith(document.importNode(section, true)); }
        });
        pickChanged();
      });
    }, 250);
  };

  // Selection (overview): Refresh selected / Compare selected.
  const picked = () => Array.from(document.querySelectorAll('input.pick:checked')).map((b) => b.dataset.table);
  const pickChanged = () => {
    const n = picked().length;
    ['refresh-selected', 'compare-selected'].forEach((id) => { if ($(id)) { $(id).disabled = n === 0; } });
  };
  const pickAll = $('pick-all');
  if (pickAll) { pickAll.addEventListener('change', () => { document.querySelectorAll('input.pick').forEach((b) => { b.checked = pickAll.checked; }); pickChanged(); }); }
  document.addEventListener('change', (e) => { if (e.target.matches && e.target.matches('input.pick')) { pickChanged(); } });

  // The plan / confirm / progress panel.
  const panel = $('panel');
  const title = $('panel-title');
  const body = $('panel-body');
  const confirm = $('confirm');
  const cancel = $('cancel');
  const close = $('close');
  const methodLabel = $('method-label');
  let onConfirm = null;
  let watching = null;
  const open = (text, confirmText) => {
    panel.hidden = false;
    title.textContent = text;
    body.replaceChildren();
    confirm.hidden = false; cancel.hidden = false; close.hidden = true; methodLabel.hidden = true;
    confirm.disabled = true;
    confirm.textContent = confirmText;
    panel.scrollIntoView({ block: 'nearest' });
  };
  const finish = () => { confirm.hidden = true; cancel.hidden = true; close.hidden = false; onConfirm = null; };
  if (panel) {
    cancel.addEventListener('click', () => { panel.hidden = true; onConfirm = null; say('Nothing was started.'); });
    close.addEventListener('click', () => { panel.hidden = true; });
    confirm.addEventListener('click', () => { if (onConfirm) { confirm.disabled = true; const go = onConfirm; onConfirm = null; go(); } });
  }

  const planTable = (plans) => {
    const t = el('table', null, 'plan');
    t.id = 'plan-rows';
    const head = el('tr');
    ['Table', 'Action', 'Reason', 'Estimated rows', 'Warnings'].forEach((h) => head.appendChild(el('th', h)));
    t.appendChild(el('thead')).appendChild(head);
    const tb = t.appendChild(el('tbody'));
    plans.forEach((p) => {
      const tr = el('tr', null, p.blocked ? 'stale' : '');
      tr.dataset.table = p.table;
      tr.appendChild(el('th', p.table));
      tr.appendChild(el('td', p.blocked ? 'blocked' : p.action));
      tr.appendChild(el('td', p.reason));
      tr.appendChild(el('td', number(p.estimatedRows), 'num'));
      const w = el('td');
      (p.warnings || []).forEach((x) => w.appendChild(el('div', x, 'warning')));
      tr.appendChild(w);
      tb.appendChild(tr);
    });
    return t;
  };

  const progressList = (tables) => {
    const ul = el('ul', null, 'progress');
    ul.id = 'progress';
    tables.forEach((t) => { const li = el('li'); li.dataset.table = t; li.appendChild(el('strong', t)); li.appendChild(el('span', ' waiting', 'state')); ul.appendChild(li); });
    return ul;
  };
  const progressOf = (table) => Array.from(document.querySelectorAll('#progress li')).filter((li) => li.dataset.table === table)[0];
  const setProgress = (table, text) => { const li = progressOf(table); if (li) { li.querySelector('.state').textContent = ' ' + text; } };

  // The run may have moved on (or ended) before the panel started to follow it: its status from the API first.
  const runFinished = (runId, cancelled) => {
    if (watching !== runId) { return; }
    watching = null;
    body.appendChild(el('p', cancelled ? 'Run cancelled.' : 'Run finished.', 'done'));
    close.hidden = false;
    say('Run ' + runId + (cancelled ? ' was cancelled' : ' finished'));
    resync();
  };
  const syncRun = (runId) => getJson('/api/runs/' + encodeURIComponent(runId)).then((r) => {
    if (r.status !== 200 || watching !== runId) { return; }
    r.body.tables.forEach((t) => {
      if (t.status) { setProgress(t.table, 'done: ' + t.status + ' (' + number(t.rows) + ' rows' + (t.error ? '; ' + t.error : '') + ')'); } else if (t.step) { setProgress(t.table, t.step); }
    });
    if (r.body.finished) { runFinished(runId, false); }
  });

  const refresh = (tables) => {
    open('Refresh ' + tables.join(', ') + ': plan', 'Confirm refresh');
    body.appendChild(el('p', 'Planning (reads both catalogs, changes nothing)…'));
    getJson('/api/plan?' + tables.map((t) => 'table=' + encodeURIComponent(t)).join('&')).then((r) => {
      body.replaceChildren();
      if (r.status !== 200) { body.appendChild(el('p', r.body.error || ('HTTP ' + r.status), 'error')); finish(); return; }
      const plan = r.body;
      body.appendChild(planTable(plan.plans));
      const runnable = plan.plans.filter((p) => !p.blocked).length;
      body.appendChild(el('p', runnable === 0 ? 'Every table is blocked: nothing would run.'
        : 'This will change UAT: ' + runnable + ' table(s), about ' + number(plan.estimatedRows) + ' rows. Production is only read.', runnable === 0 ? 'error' : 'confirm-text'));
      confirm.disabled = runnable === 0;
      onConfirm = () => {
        post('/api/refresh', { tables: tables, planId: plan.planId }).then((resp) => resp.json().then((j) => {
          if (resp.status !== 202) { body.appendChild(el('p', j.error || ('HTTP ' + resp.status), 'error')); finish(); return; }
          title.textContent = 'Refresh run ' + j.runId;
          const link = el('a', 'run ' + j.runId);
          link.href = '/runs/' + encodeURIComponent(j.runId);
          const p = el('p', 'Started: ');
          p.appendChild(link);
          p.id = 'run-state';
          p.dataset.run = j.runId;
          body.replaceChildren(p, progressList(plan.plans.filter((x) => !x.blocked).map((x) => x.table)));
          watching = j.runId;
          finish();
          close.hidden = true;
          say('Refresh of ' + tables.join(', ') + ' started (run ' + j.runId + ')');
          syncRun(j.runId);
        }));
      };
    });
  };

  const compare = (tables) => {
    open('Compare ' + tables.join(', '), 'Confirm comparison');
    methodLabel.hidden = false;
    body.appendChild(el('p', 'Reads both sides and writes nothing. Count: exact row counts; Checksum: proves equality or finds the differing key ranges; Rows: also names the differing rows.'));
    confirm.disabled = false;
    onConfirm = () => {
      const method = $('method').value;
      methodLabel.hidden = true;
      post('/api/compare', { tables: tables, method: method }).then((resp) => resp.json().then((j) => {
        if (resp.status !== 202) { body.appendChild(el('p', j.error || ('HTTP ' + resp.status), 'error')); finish(); return; }
        title.textContent = 'Comparison ' + j.compareId + ' (' + method + ')';
        body.replaceChildren(progressList(tables));
        tables.forEach((t) => setProgress(t, 'comparing…'));
        finish();
        close.hidden = true;
        const poll = () => getJson('/api/compare/' + encodeURIComponent(j.compareId)).then((r) => {
          if (!r.body.finished) { window.setTimeout(poll, 1000); return; }
          close.hidden = false;
          if (r.body.error) { body.appendChild(el('p', r.body.error, 'error')); }
          (r.body.results || []).forEach((c) => setProgress(c.table, c.status + ' (production ' + number(c.sourceRows) + ', UAT ' + number(c.targetRows) + ' rows' + (c.differentRows ? ', ' + c.differentRows + ' different' : '') + ')'));
          body.appendChild(el('p', 'done', 'done'));
          resync();
        });
        poll();
      }));
    };
  };

  document.addEventListener('click', (e) => {
    const target = e.target;
    if (!(target instanceof HTMLElement) || !target.matches('button')) { return; }
    if (target.matches('button.refresh') && operator) { refresh([target.dataset.table]); }
    if (target.matches('button.compare') && operator) { compare([target.dataset.table]); }
    if (target.id === 'refresh-selected') { refresh(picked()); }
    if (target.id === 'compare-selected') { compare(picked()); }
    if (target.matches('button.max')) {
      target.disabled = true;
      getJson('/api/tables/' + encodeURIComponent(target.dataset.table) + '/incremental').then((r) => {
        if (r.status !== 200) { say(r.body.error || ('HTTP ' + r.status)); target.disabled = false; return; }
        resync();
      });
    }
  });

  // Live progress: every run's events; the panel follows the run it started.
  if (document.getElementById('tables') || document.getElementById('run')) {
    const events = new EventSource('/api/events');
    const now = (table, text) => { rowsOf(table).forEach((tr) => { const c = cell(tr, 'now'); if (c) { c.textContent = text; } }); };
    events.addEventListener('step-started', (e) => {
      const d = JSON.parse(e.data);
      if (!d.table) { return; }
      now(d.table, d.step);
      if (d.runId === watching) { setProgress(d.table, d.step); }
    });
    events.addEventListener('rows', (e) => {
      const d = JSON.parse(e.data);
      const text = number(d.rows) + (d.estimatedRows ? ' of ~' + number(d.estimatedRows) : '') + ' rows, ' + number(d.rowsPerSecond) + ' rows/s';
      now(d.table, text);
      if (d.runId === watching) { setProgress(d.table, text); }
    });
    events.addEventListener('table-finished', (e) => {
      const d = JSON.parse(e.data);
      now(d.table, 'done: ' + d.status);
      if (d.runId === watching) { setProgress(d.table, 'done: ' + d.status + ' (' + number(d.rows) + ' rows' + (d.error ? '; ' + d.error : '') + ')'); }
      resync();
    });
    events.addEventListener('run-finished', (e) => {
      const d = JSON.parse(e.data);
      runFinished(d.runId, d.cancelled);
      const run = $('run');
      if (run && run.dataset.run === d.runId) { window.location.reload(); }
      resync();
    });
  }

  // Data preview (table page): a page of rows per side, in key order; "Next page" follows the server's cursor.
  document.querySelectorAll('.side[data-side]').forEach((side) => {
    const head = side.querySelector('thead');
    const rows = side.querySelector('tbody');
    const more = side.querySelector('button.more');
    const note = side.querySelector('[data-field="note"]');
    let next = null;
    const load = () => {
      const url = '/api/tables/' + encodeURIComponent(side.dataset.table) + '/rows?side=' + side.dataset.side + '&limit=20' + (next ? '&after=' + encodeURIComponent(next) : '');
      getJson(url).then((r) => {
        if (r.status !== 200) { note.textContent = r.body.error || ('HTTP ' + r.status); more.hidden = true; return; }
        const page = r.body;
        const tr = el('tr');
        page.columns.forEach((c) => tr.appendChild(el('th', c)));
        head.replaceChildren(tr);
        rows.replaceChildren();
        page.rows.forEach((values) => { const row = el('tr'); values.forEach((v) => row.appendChild(el('td', v === null ? 'NULL' : v, v === null ? 'null' : ''))); rows.appendChild(row); });
        note.textContent = (page.note || '') + (page.rows.length === 0 ? ' No rows.' : '');
        next = page.next;
        more.hidden = !next;
      });
    };
    more.addEventListener('click', load);
    load();
  });
})();
