import { h, show, table, time, announce, errorBox } from '../dom.js';
import { get, post, del, ApiError } from '../api.js';
import { changeButton, readOnlyNote } from '../session.js';

/** Tokens: list, create (secret shown once, with a copy button), rotate and revoke. */
export async function tokens() {
  const list = await get('/admin/v1/tokens');
  const message = h('div', { id: 'token-message', 'aria-live': 'polite' });
  const secretSlot = h('div', { id: 'secret-slot' });
  const name = h('input', { id: 'token-name', name: 'name', required: true, autocomplete: 'off', pattern: '[A-Za-z0-9._-]{1,64}',
    'aria-describedby': 'token-name-help' });
  const scope = h('select', { id: 'token-scope', name: 'scope' }, h('option', { value: 'scim' }, 'scim — for the IdP'),
    h('option', { value: 'admin' }, 'admin — for people and scripts'));
  const form = h('form', { class: 'card inline-form', id: 'token-form', onsubmit: async event => {
    event.preventDefault();
    message.replaceChildren();
    try {
      const created = await post('/admin/v1/tokens', { name: name.value.trim(), scope: scope.value });
      name.value = '';
      await tokens();
      showSecret(created, 'created');
    } catch (e) {
      message.replaceChildren(errorBox(e));
    }
  } },
  h('h2', {}, 'Create a token'),
  h('div', { class: 'field' }, h('label', { for: 'token-name' }, 'Name'), name,
    h('p', { id: 'token-name-help', class: 'hint' }, 'e.g. okta or entra: letters, digits, dot, dash, underscore.')),
  h('div', { class: 'field' }, h('label', { for: 'token-scope' }, 'Scope'), scope),
  h('div', { class: 'field buttons' }, h('button', changeButton({ type: 'submit', id: 'token-create' }), 'Create')));

  const rows = list.tokens.map(t => [
    h('span', { 'data-test': 'token-name' }, t.name), t.scope, time(t.created),
    t.expires ? time(t.expires) : (t.expires === null ? 'never' : '—'),
    t.lastUsed ? time(t.lastUsed) : '—',
    h('span', { class: 'row-actions' },
      h('button', changeButton({ type: 'button', class: 'secondary', 'data-test': 'rotate', 'aria-label': `Rotate ${t.name}`,
        onclick: () => rotate(t.name) }), 'Rotate'), ' ',
      h('button', changeButton({ type: 'button', class: 'danger', 'data-test': 'revoke', 'aria-label': `Revoke ${t.name}`,
        onclick: () => revoke(t.name) }), 'Revoke'))]);
  show('Tokens', readOnlyNote(), secretSlot, message,
    rows.length ? table('Tokens (secrets are never shown again after creation)', ['Name', 'Scope', 'Created', 'Expires', 'Last used', 'Actions'], rows, { 'data-test': 'tokens-table' })
      : h('p', {}, 'No tokens yet.'),
    form);

  async function revoke(tokenName) {
    if (!window.confirm(`Revoke the token “${tokenName}”? Clients using it are refused at once.`)) return;
    try {
      await del('/admin/v1/tokens/' + encodeURIComponent(tokenName));
      await tokens();
      announce(`Token ${tokenName} revoked.`);
    } catch (e) {
      message.replaceChildren(errorBox(e));
    }
  }

  async function rotate(tokenName) {
    try {
      const rotated = await post('/admin/v1/tokens/' + encodeURIComponent(tokenName) + '/rotate', { grace: 'PT24H' });
      await tokens();
      showSecret(rotated, 'rotated (the old secret keeps working for 24 hours)');
    } catch (e) {
      if (e instanceof ApiError && (e.status === 404 || e.status === 405)) {
        message.replaceChildren(errorBox(new Error(`Rotation is not available for “${tokenName}” on this server: ${e.message}. Create a new token and revoke the old one instead.`)));
      } else {
        message.replaceChildren(errorBox(e));
      }
    }
  }
}

/** The secret, once: a read-only field, a copy button, and a warning that it will not be shown again. */
function showSecret(created, what) {
  const field = h('input', { id: 'new-secret', readonly: true, value: created.token, 'aria-describedby': 'secret-help', spellcheck: 'false' });
  const copy = h('button', { type: 'button', id: 'copy-secret', onclick: async () => {
    try {
      await navigator.clipboard.writeText(field.value);
    } catch (e) {
      field.select();
      document.execCommand('copy');
    }
    announce('Copied to the clipboard.');
  } }, 'Copy');
  const slot = document.getElementById('secret-slot');
  slot.replaceChildren(h('section', { class: 'card secret', role: 'alert', 'aria-labelledby': 'secret-title' },
    h('h2', { id: 'secret-title' }, `Token ${created.name} ${what}`),
    h('label', { for: 'new-secret' }, 'Secret'), h('div', { class: 'copy-row' }, field, copy),
    h('p', { id: 'secret-help', class: 'hint' }, 'Copy it now: it is shown only this once. Only its hash is stored.'),
    h('button', { type: 'button', class: 'secondary', onclick: () => slot.replaceChildren() }, 'I have copied it')));
  field.focus();
  field.select();
}
