import { h, show, table, time, duration, announce, errorBox } from '../dom.js';
import { get, post } from '../api.js';
import { changeButton, readOnlyNote } from '../session.js';

/** Sync: backlog and dead letters, Retry and Reconcile now, and the plan (the calls a reconcile would make). */
export async function sync() {
  const status = h('div', { id: 'sync-status' });
  const message = h('div', { id: 'sync-message', 'aria-live': 'polite' });
  const retry = h('button', changeButton({ type: 'button', id: 'retry', onclick: () => act(retry, async () => {
    const r = await post('/admin/v1/sync/retry');
    announce(`${r.requeued} dead letter${r.requeued === 1 ? '' : 's'} requeued.`);
    await watch(status);
  }) }), 'Retry dead letters');
  const reconcile = h('button', changeButton({ type: 'button', id: 'reconcile', class: 'secondary', onclick: () => act(reconcile, async () => {
    const r = await post('/admin/v1/sync/reconcile');
    announce(r.error ? `Reconcile failed: ${r.error}` : `Reconcile done: ${r.changes} changes, ${r.driftFound} drift found.`, r.error ? 'bad' : null);
    await refresh(status);
  }) }), 'Reconcile now');
  const planSlot = h('div', { id: 'plan' }, h('p', { class: 'loading' }, 'Working out the plan…'));

  async function act(button, work) {
    button.disabled = true;
    message.replaceChildren();
    try {
      await work();
    } catch (e) {
      message.replaceChildren(errorBox(e));
    } finally {
      button.disabled = false;
    }
  }

  show('Identity Center sync', status, h('p', { class: 'actions' }, retry, ' ', reconcile), readOnlyNote(), message,
    h('h2', {}, 'Plan: the calls a reconcile would make now'), planSlot);
  await refresh(status);
  try {
    const plan = await get('/admin/v1/sync/plan');
    planSlot.replaceChildren(
      h('p', {}, `Mode ${plan.mode}; worked out at `, time(plan.at), `; ${plan.readCalls} read calls.`),
      plan.calls.length ? table('Planned calls', ['Operation', 'Target', 'SCIM user'], plan.calls.map(c => [c.operation, c.target, c.scimUserId || '—']), { 'data-test': 'plan-table' })
        : h('p', { 'data-test': 'plan-empty' }, 'Nothing to do: Identity Center matches the seats.'),
      plan.drift.length ? table('Drift', ['User', 'Found', 'Repair'], plan.drift.map(d => [d.userName || d.scimUserId, d.found, d.repair])) : null,
      plan.notice ? h('p', { class: 'hint' }, plan.notice) : null);
  } catch (e) {
    planSlot.replaceChildren(errorBox(e));
  }
}


async function refresh(target) {
  const [s, pending] = await Promise.all([get('/admin/v1/sync'), get('/admin/v1/sync/pending?limit=50')]);
  target.replaceChildren(
    h('dl', { class: 'facts' },
      h('dt', {}, 'Mode'), h('dd', {}, s.mode),
      h('dt', {}, 'Pending'), h('dd', { 'data-test': 'sync-pending' }, String(s.pending)),
      h('dt', {}, 'Oldest pending'), h('dd', {}, duration(s.oldestPendingAgeSeconds)),
      h('dt', {}, 'Dead letters'), h('dd', { 'data-test': 'sync-dead', class: s.deadLetter > 0 ? 'bad' : '' }, String(s.deadLetter)),
      h('dt', {}, 'Last reconcile'), h('dd', {}, s.lastReconcile ? [time(s.lastReconcile.time), ` — ${s.lastReconcile.changes} changes, ${s.lastReconcile.driftFound} drift`] : 'not yet')),
    s.deadLetters.length
      ? table('Dead letters: work that failed for good (after its last retry, or at once when retrying cannot help)', ['User', 'Reason', 'Attempts', 'Last error', 'Failed at'],
        s.deadLetters.map(d => [h('a', { href: '#/people/' + encodeURIComponent(d.userId) }, d.userId), d.reason, String(d.attempts), d.error, time(d.failedAt)]),
        { 'data-test': 'dead-letters' })
      : h('p', { 'data-test': 'no-dead-letters' }, 'No dead letters.'),
    pending.items.length
      ? table(`Pending work, oldest first${s.pending > pending.items.length ? ` (first ${pending.items.length} of ${s.pending})` : ''}`,
        ['User', 'Reason', 'Queued', 'Attempts', 'Next attempt', 'Last error'],
        pending.items.map(p => [h('a', { href: '#/people/' + encodeURIComponent(p.userId) }, p.userName || p.userId), p.reason,
          time(p.enqueuedAt), String(p.attempts), time(p.nextAttemptAt), p.lastError || '—']), { 'data-test': 'pending-items' })
      : h('p', { 'data-test': 'no-pending' }, 'Nothing pending.'));
  return s;
}

/** After a retry: refresh every second until the backlog drains (at most a minute), so the admin sees it happen. */
async function watch(target) {
  for (let i = 0; i < 60; i++) {
    const s = await refresh(target);
    if (s.pending === 0) {
      announce(s.deadLetter === 0 ? 'The backlog has drained.' : `The backlog has drained; ${s.deadLetter} dead letters remain.`);
      return;
    }
    await new Promise(resolve => setTimeout(resolve, 1000));
  }
}
