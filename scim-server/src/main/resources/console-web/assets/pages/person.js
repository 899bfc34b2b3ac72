import { h, show, table, time, errorBox } from '../dom.js';
import { get, query } from '../api.js';

// What to do when a link of the chain is broken, by explain step (see docs/audit.md, "explain").
const ADVICE = {
  1: 'Check the user in the IdP: are they assigned to the Kiro SCIM app and active? Then push them again (Okta: Provisioning → Push; Entra: Provision on demand).',
  2: 'Add the user to a group that a pool of the policy names (Pools page), or fix the group name in kiro-scim.yaml if it is a near miss.',
  3: 'The pool is full or the grant expired: raise the pool\u2019s seats in kiro-scim.yaml and reload the policy, or free a seat. The waitlist position is shown below.',
  4: 'The Identity Center user is missing or out of date: look at the Sync page for dead letters or pending work, then Retry or Reconcile now.',
  5: 'The user is not in their tier\u2019s Identity Center group: Reconcile now on the Sync page; if it persists, check the group exists and the sync is live.',
  6: 'Check in the Kiro console that the tier\u2019s Identity Center group is subscribed to the right plan (up to 24 h to propagate).',
};
const MARK = { OK: '✓', BROKEN: '✗', WARNING: '!', UNKNOWN: '?' };
const WORD = { OK: 'holds', BROKEN: 'broken', WARNING: 'needs attention', UNKNOWN: 'cannot be checked here' };

/** A person: the explain chain as a checklist, their seat and waitlist positions, seat history and audit events. */
export async function person(id) {
  const [explain, entitlement, seatEvents, events] = await Promise.all([
    get(`/admin/v1/users/${encodeURIComponent(id)}/explain`),
    get(`/admin/v1/entitlements/${encodeURIComponent(id)}`).catch(e => ({ error: e })),
    get('/admin/v1/audit' + query({ userId: id, type: 'seat.', limit: 200 })),
    get('/admin/v1/audit' + query({ userId: id, limit: 100 })),
  ]);
  const firstBroken = explain.checks.find(c => c.outcome === 'BROKEN');
  const chain = h('ol', { class: 'chain', 'data-test': 'explain-chain' }, explain.checks.map(c => {
    const broken = c === firstBroken;
    return h('li', { class: `check ${c.outcome.toLowerCase()}${broken ? ' first-broken' : ''}`, 'data-test': 'check',
      'data-outcome': c.outcome, 'data-step': c.step, 'aria-current': broken ? 'step' : null },
    h('span', { class: 'mark', 'aria-hidden': 'true' }, MARK[c.outcome] || '?'),
    h('div', {},
      h('p', { class: 'check-title' }, h('strong', {}, c.title), h('span', { class: 'visually-hidden' }, `: ${WORD[c.outcome]}`)),
      h('p', {}, c.message),
      broken ? h('p', { class: 'advice', 'data-test': 'advice' }, h('strong', {}, 'What to do: '), ADVICE[c.step] || 'See docs/audit.md.') : null));
  }));
  const verdict = h('p', { class: firstBroken ? 'verdict bad' : 'verdict', 'data-test': 'verdict' }, explain.verdict);

  let seat;
  if (entitlement.error) {
    seat = errorBox(entitlement.error);
  } else {
    const e = entitlement;
    seat = h('dl', { 'data-test': 'seat' },
      h('dt', {}, 'State'), h('dd', { 'data-test': 'seat-state' }, e.state),
      h('dt', {}, 'Tier'), h('dd', {}, e.tier || '—'),
      h('dt', {}, 'Pool'), h('dd', {}, e.pool ? h('a', { href: '#/pools/' + encodeURIComponent(e.pool) }, e.pool) : '—'),
      h('dt', {}, 'Since'), h('dd', {}, time(e.since)),
      h('dt', {}, 'Grant expires'), h('dd', {}, e.expiresAt ? time(e.expiresAt) : 'no expiry'),
      h('dt', {}, 'Waitlists'), h('dd', { 'data-test': 'waitlist' }, e.waitlist.length
        ? h('ul', {}, e.waitlist.map(w => h('li', {}, h('a', { href: '#/pools/' + encodeURIComponent(w.pool) }, w.pool), ` — position ${w.position}`)))
        : 'not waiting'));
  }

  const timeline = seatEvents.events.length
    ? h('ol', { class: 'timeline', 'data-test': 'timeline' }, seatEvents.events.map(e => h('li', {},
      time(e.at), ' ', h('strong', {}, e.type.replace('seat.', '')), ` ${e.details.tier || ''} in ${e.details.pool || '?'}`,
      e.details.reason ? ` (${e.details.reason})` : '', e.details.position ? `, position ${e.details.position}` : '')))
    : h('p', {}, 'No seat events.');

  const auditRows = events.events.map(e => [String(e.seq), time(e.at), e.type, e.actor,
    e.group ? e.group.name || e.group.id : '—', JSON.stringify(e.details)]);
  show(explain.userName || id,
    h('p', { class: 'hint' }, h('a', { href: '#/people' }, '← People'), ` · SCIM id ${explain.userId || id}`),
    h('section', { 'aria-labelledby': 'chain-title', class: 'card wide' },
      h('h2', { id: 'chain-title' }, 'Can they use Kiro?'), verdict, chain),
    h('div', { class: 'grid' },
      h('section', { 'aria-labelledby': 'seat-title', class: 'card' }, h('h2', { id: 'seat-title' }, 'Seat'), seat),
      h('section', { 'aria-labelledby': 'timeline-title', class: 'card' }, h('h2', { id: 'timeline-title' }, 'Seat history'), timeline)),
    h('section', { 'aria-labelledby': 'events-title' }, h('h2', { id: 'events-title' }, 'Audit events'),
      auditRows.length ? table('Their audit events, oldest first', ['Seq', 'When', 'Type', 'Actor', 'Group', 'Details'], auditRows)
        : h('p', {}, 'No events.'),
      h('p', {}, h('a', { href: '#/audit' + query({ userId: id }) }, 'Open in the audit log'))));
}
