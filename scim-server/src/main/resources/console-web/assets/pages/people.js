import { h, show, table, announce } from '../dom.js';
import { get, query } from '../api.js';

/**
 * People: search by the start of userName, display name, given or family name, or email (case-insensitive,
 * answered by the database through GET /admin/v1/people), 25 at a time with keyset paging.
 */
export async function people(params) {
  const q = params.get('q') || '';
  const cursor = params.get('cursor') || '';
  const input = h('input', { id: 'people-q', name: 'q', type: 'search', value: q, autocomplete: 'off',
    'aria-describedby': 'people-help' });
  const results = h('div', { id: 'people-results', 'aria-live': 'polite' });
  const form = h('form', { role: 'search', class: 'inline-form', onsubmit: event => {
    event.preventDefault();
    location.hash = '#/people' + query({ q: input.value.trim() });
  } },
  h('label', { for: 'people-q' }, 'Find a person'), input, h('button', { type: 'submit', id: 'people-search' }, 'Search'),
  h('p', { id: 'people-help', class: 'hint' }, 'Type the start of a user name, display name, first or last name, or email address.'));
  show('People', form, results);
  if (!params.has('q') && !cursor) {
    input.focus();
  }
  const started = performance.now();
  const page = await get('/admin/v1/people' + query({ q, cursor, limit: 25 }));
  const rows = page.people.map(p => [
    h('a', { href: '#/people/' + encodeURIComponent(p.id), 'data-test': 'person-link' }, p.userName),
    p.displayName || '—', p.email || '—', p.active ? 'active' : 'inactive']);
  const nav = h('p', { class: 'pager' },
    cursor ? h('a', { href: '#/people' + query({ q }), class: 'button secondary' }, 'First page') : null,
    page.next ? h('a', { href: '#/people' + query({ q, cursor: page.next }), class: 'button secondary', id: 'people-next' }, 'Next page') : null);
  results.replaceChildren(
    rows.length ? table(q ? `People matching “${q}”` : 'Everyone, by user name', ['User name', 'Display name', 'Email', 'IdP status'], rows, { 'data-test': 'people-table' })
      : h('p', { 'data-test': 'people-empty' }, q ? `Nobody’s name or email starts with “${q}”.` : 'No users have been provisioned yet.'),
    nav);
  performance.mark('kiro:people'); // first render of the results (read by the console benchmark)
  announce(`${rows.length} ${rows.length === 1 ? 'person' : 'people'} shown (${Math.round(performance.now() - started)} ms).`);
}
