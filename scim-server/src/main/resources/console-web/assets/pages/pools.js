import { h, show, table, time } from '../dom.js';
import { get } from '../api.js';
import { seatBar } from '../chart.js';

/** Pools: pick a pool; see its holders, its waitlist in queue order (with join time) and grants expiring soon. */
export async function pools(group) {
  const seats = await get('/admin/v1/seats');
  if (!seats.pools.length) {
    show('Pools', h('p', {}, 'The policy has no pools.'));
    return;
  }
  const chosen = group || seats.pools[0].group;
  const [roster, expiring] = await Promise.all([
    get('/admin/v1/pools/' + encodeURIComponent(chosen)), get('/admin/v1/pools/expiring?days=7')]);
  const picker = h('nav', { 'aria-label': 'Pools', class: 'tabs' }, h('ul', {}, seats.pools.map(p => h('li', {},
    h('a', { href: '#/pools/' + encodeURIComponent(p.group), 'aria-current': p.group === roster.pool ? 'page' : null },
      `${p.group} (${p.assigned}${p.seats === null ? '' : '/' + p.seats})`)))));
  const user = (id, name) => h('a', { href: '#/people/' + encodeURIComponent(id) }, name || id);
  const holders = roster.holders.map(x => [user(x.userId, x.userName), x.tier, time(x.since), x.expiresAt ? time(x.expiresAt) : 'no expiry']);
  const waiting = roster.waitlist.map(w => [String(w.position), user(w.userId, w.userName), time(w.joinedAt)]);
  const soon = expiring.grants.filter(g => g.pool === roster.pool).map(g => [user(g.userId, g.userName), g.tier, time(g.expiresAt)]);
  const more = (shown, total) => shown < total ? h('p', { class: 'hint' }, `Showing the first ${shown} of ${total}.`) : null;
  show(`Pool ${roster.pool}`, picker,
    h('section', { class: 'card wide' },
      h('p', {}, `Tier ${roster.tier}. `, h('span', { 'data-test': 'roster-holders' }, String(roster.holderCount)), ' seats held of ',
        roster.seats === null ? 'unlimited' : String(roster.seats), '; ', h('span', { 'data-test': 'roster-waiting' }, String(roster.waitingCount)), ' waiting.'),
      seatBar(roster.holderCount, roster.seats)),
    h('h2', {}, 'Waitlist'),
    waiting.length ? table('Waitlist in queue order: position 1 gets the next free seat', ['Position', 'User', 'Joined the group'], waiting, { 'data-test': 'waitlist-table' })
      : h('p', {}, 'Nobody is waiting.'), more(waiting.length, roster.waitingCount),
    h('h2', {}, 'Grants expiring in the next 7 days'),
    soon.length ? table('Grants expiring in the next 7 days', ['User', 'Tier', 'Expires'], soon) : h('p', {}, 'None.'),
    h('h2', {}, 'Holders'),
    holders.length ? table('Seat holders, longest first', ['User', 'Tier', 'Holds since', 'Grant expires'], holders, { 'data-test': 'holders-table' })
      : h('p', {}, 'No seats held.'), more(holders.length, roster.holderCount));
}
