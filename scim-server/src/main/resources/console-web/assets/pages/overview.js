import { h, show, time, duration, money, errorBox } from '../dom.js';
import { get } from '../api.js';
import { lineChart, seatBar } from '../chart.js';

/** Overview: a card per tier and per pool (from GET /admin/v1/seats), sync health, and 90 days of seat use. */
export async function overview() {
  const [seats, expiring, syncStatus] = await Promise.all([
    get('/admin/v1/seats'), get('/admin/v1/pools/expiring?days=7'), get('/admin/v1/sync')]);
  const expiringByPool = {};
  for (const g of expiring.grants) expiringByPool[g.pool] = (expiringByPool[g.pool] || 0) + 1;

  const total = h('section', { class: 'card total', 'aria-labelledby': 'cost-title' },
    h('h2', { id: 'cost-title' }, 'This month'),
    h('p', { class: 'big', 'data-test': 'total-cost' }, money(seats.monthlyCostUsd)),
    h('p', { class: 'hint' }, 'Monthly cost (USD) of the seats assigned now, at the policy\u2019s tier prices (monthlyCostUsd of GET /admin/v1/seats).'));

  const tiers = seats.tiers.map(t => h('section', { class: 'card', 'data-test': 'tier-card', 'data-tier': t.tier, 'aria-label': `Tier ${t.tier}` },
    h('h3', {}, t.tier),
    h('dl', {},
      h('dt', {}, 'Seats assigned'), h('dd', { 'data-test': 'tier-assigned' }, String(t.assigned)),
      h('dt', {}, 'Monthly cost (USD)'), h('dd', { 'data-test': 'tier-cost' }, money(t.monthlyCostUsd)))));

  const pools = seats.pools.map(p => h('section', { class: 'card', 'data-test': 'pool-card', 'data-pool': p.group, 'aria-label': `Pool ${p.group}` },
    h('h3', {}, h('a', { href: '#/pools/' + encodeURIComponent(p.group) }, p.group)),
    h('p', { class: 'hint' }, `Tier ${p.tier}`),
    seatBar(p.assigned, p.seats),
    h('dl', {},
      h('dt', {}, 'Seats used'), h('dd', {}, h('span', { 'data-test': 'pool-assigned' }, String(p.assigned)), ' of ',
        h('span', { 'data-test': 'pool-seats' }, p.seats === null ? 'unlimited' : String(p.seats))),
      h('dt', {}, 'Waitlist'), h('dd', { 'data-test': 'pool-waitlisted' }, String(p.waitlisted)),
      h('dt', {}, 'Grants expiring in 7 days'), h('dd', { 'data-test': 'pool-expiring' }, String(expiringByPool[p.group] || 0)))));

  const s = syncStatus;
  const syncCard = h('section', { class: 'card', 'aria-labelledby': 'sync-title', 'data-test': 'sync-card' },
    h('h2', { id: 'sync-title' }, h('a', { href: '#/sync' }, 'Identity Center sync')),
    h('dl', {},
      h('dt', {}, 'Mode'), h('dd', { 'data-test': 'sync-mode' }, s.mode === 'plan-only' ? 'plan-only (no calls to AWS)' : s.mode),
      h('dt', {}, 'Pending'), h('dd', { 'data-test': 'sync-pending' }, String(s.pending)),
      h('dt', {}, 'Oldest pending'), h('dd', {}, duration(s.oldestPendingAgeSeconds)),
      h('dt', {}, 'Dead letters'), h('dd', { 'data-test': 'sync-dead', class: s.deadLetter > 0 ? 'bad' : '' }, String(s.deadLetter)),
      h('dt', {}, 'Last reconcile'), h('dd', {}, s.lastReconcile ? time(s.lastReconcile.time) : 'not yet'),
      h('dt', {}, 'Drift found'), h('dd', {}, s.lastReconcile ? String(s.lastReconcile.driftFound) : '—')));

  const chartSlot = h('div', { id: 'chart-slot', class: 'wide' }, h('p', { class: 'loading' }, 'Loading 90 days of seat use…'));
  show('Overview',
    h('div', { class: 'grid' }, total, syncCard),
    h('h2', {}, 'Tiers'), h('div', { class: 'grid' }, tiers),
    h('h2', {}, 'Pools'), h('div', { class: 'grid' }, pools),
    h('h2', {}, 'Seat use'), chartSlot);
  performance.mark('kiro:overview'); // first render: the cards (read by the console benchmark)
  // The chart comes after the first render: the cards must not wait for the audit log to be replayed.
  try {
    const history = await get('/admin/v1/seats/history?days=90');
    chartSlot.replaceChildren(lineChart('Seats held per pool, last 90 days (end of each UTC day)', history.days, history.pools));
    performance.mark('kiro:overview-chart');
  } catch (e) {
    chartSlot.replaceChildren(errorBox(e));
  }
}
