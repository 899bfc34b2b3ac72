import { h, show, table, time, announce, errorBox } from '../dom.js';
import { get, query } from '../api.js';

const FIELDS = [
  ['userName', 'User name', 'text', 'ann@example.com'],
  ['userId', 'SCIM user id', 'text', ''],
  ['group', 'Group', 'text', 'Kiro-Developers'],
  ['type', 'Event type or prefix', 'text', 'seat.'],
  ['since', 'From (UTC)', 'text', '2026-10-01 or 2026-10-01T09:00:00Z'],
  ['until', 'Until (UTC)', 'text', '2026-11-01'],
];
const TYPE_HINTS = ['scim.', 'scim.user.', 'scim.membership.', 'seat.', 'seat.assigned', 'seat.waitlisted', 'seat.released',
  'idc.', 'idc.call.failed', 'token.', 'policy.', 'auth.failed', 'console.', 'console.action'];

/** Audit: the filters of GET /admin/v1/audit as a form, keyset paging, CSV of the whole filter, chain status. */
export async function audit(params) {
  const filter = {};
  for (const [name] of FIELDS) filter[name] = params.get(name) || '';
  const cursor = params.get('cursor') || '';
  const inputs = {};
  const form = h('form', { class: 'filters', id: 'audit-filter', onsubmit: event => {
    event.preventDefault();
    const next = {};
    for (const [name] of FIELDS) next[name] = inputs[name].value.trim();
    location.hash = '#/audit' + query(next);
  } },
  h('fieldset', {}, h('legend', {}, 'Filter events'),
    FIELDS.map(([name, label, type, placeholder]) => {
      inputs[name] = h('input', { id: 'f-' + name, name, type, value: filter[name], placeholder,
        list: name === 'type' ? 'type-hints' : null, autocomplete: 'off' });
      return h('div', { class: 'field' }, h('label', { for: 'f-' + name }, label), inputs[name]);
    }),
    h('datalist', { id: 'type-hints' }, TYPE_HINTS.map(t => h('option', { value: t }))),
    h('div', { class: 'field buttons' },
      h('button', { type: 'submit', id: 'audit-apply' }, 'Apply'),
      h('a', { href: '#/audit', class: 'button secondary' }, 'Clear'))));
  const download = h('button', { type: 'button', id: 'audit-csv', class: 'secondary', onclick: () => downloadCsv(filter, download) }, 'Download CSV of this filter');
  const chain = h('section', { class: 'card', 'aria-labelledby': 'chain-title', id: 'chain' },
    h('h2', { id: 'chain-title' }, 'Chain verification'), h('p', { class: 'loading' }, 'Checking…'));
  const results = h('div', { id: 'audit-results' }, h('p', { class: 'loading' }, 'Loading events…'));
  show('Audit log', form, h('p', { class: 'actions' }, download), results, chain);

  try {
    const page = await get('/admin/v1/audit' + query({ ...filter, cursor, limit: 50 }));
    const rows = page.events.map(e => [String(e.seq), time(e.at), e.type, e.actor,
      e.subject.kind === 'user' && e.subject.id ? h('a', { href: '#/people/' + encodeURIComponent(e.subject.id) }, e.subject.name || e.subject.id)
        : (e.subject.name || e.subject.id || '—'),
      e.group ? e.group.name || e.group.id : '—', JSON.stringify(e.details)]);
    results.replaceChildren(
      rows.length ? table('Events, oldest first', ['Seq', 'When', 'Type', 'Actor', 'Subject', 'Group', 'Details'], rows, { 'data-test': 'audit-table' })
        : h('p', { 'data-test': 'audit-empty' }, 'No events match.'),
      h('p', { class: 'pager' },
        cursor ? h('a', { href: '#/audit' + query(filter), class: 'button secondary' }, 'First page') : null,
        page.next ? h('a', { href: '#/audit' + query({ ...filter, cursor: page.next }), class: 'button secondary', id: 'audit-next' }, 'Next page') : null));
  } catch (e) {
    results.replaceChildren(errorBox(e));
  }
  await verify(chain, false);
}

async function verify(target, refresh) {
  try {
    const v = await get('/admin/v1/audit/verify' + (refresh ? '?refresh=true' : ''));
    target.replaceChildren(h('h2', { id: 'chain-title' }, 'Chain verification'),
      h('p', { class: v.ok ? 'ok' : 'bad', 'data-test': 'chain-status' },
        v.ok ? `Intact: ${v.verified} events verified.` : `Broken at event ${v.firstBadSeq}: ${v.problem}`),
      h('p', {}, 'Last checked ', time(v.checkedAt), '.'),
      h('button', { type: 'button', class: 'secondary', id: 'verify-now', onclick: () => verify(target, true) }, 'Check now'));
  } catch (e) {
    target.replaceChildren(errorBox(e));
  }
}

/** Every page of the filter as CSV (following X-Next-Cursor), saved as one file. */
async function downloadCsv(filter, button) {
  button.disabled = true;
  announce('Preparing the CSV…');
  try {
    const parts = [];
    let cursor = '';
    let lines = 0;
    for (let page = 0; page < 500; page++) {
      const response = await fetch('/admin/v1/audit' + query({ ...filter, cursor, limit: 1000, format: 'csv' }),
        { credentials: 'same-origin', headers: { Accept: 'text/csv' } });
      if (!response.ok) throw new Error(`the audit log answered HTTP ${response.status}`);
      let text = await response.text();
      if (page > 0) text = text.slice(text.indexOf('\n') + 1); // one header row
      parts.push(text);
      lines += text.split('\n').length - 1;
      cursor = response.headers.get('X-Next-Cursor');
      if (!cursor) break;
    }
    const url = URL.createObjectURL(new Blob(parts, { type: 'text/csv' }));
    const a = h('a', { href: url, download: `kiro-audit-${new Date().toISOString().slice(0, 10)}.csv` });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
    announce(`CSV downloaded (${Math.max(0, lines - 1)} events).`);
  } catch (e) {
    announce('The CSV could not be made: ' + e.message, 'bad');
  } finally {
    button.disabled = false;
  }
}

