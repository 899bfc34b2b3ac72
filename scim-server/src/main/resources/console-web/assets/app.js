import { h, show, announce, errorBox } from './dom.js';
import { api, useSession } from './api.js';
import { setSession, session } from './session.js';
import { overview } from './pages/overview.js';
import { people } from './pages/people.js';
import { person } from './pages/person.js';
import { pools } from './pages/pools.js';
import { sync } from './pages/sync.js';
import { audit } from './pages/audit.js';
import { tokens } from './pages/tokens.js';

// Hash routes: #/overview, #/people?q=ann, #/people/{id}, #/pools/{group}, #/sync, #/audit?type=seat., #/tokens
const routes = [
  [/^\/overview$/, () => overview()],
  [/^\/people$/, (m, params) => people(params)],
  [/^\/people\/(.+)$/, m => person(decodeURIComponent(m[1]))],
  [/^\/pools$/, () => pools(null)],
  [/^\/pools\/(.+)$/, m => pools(decodeURIComponent(m[1]))],
  [/^\/sync$/, () => sync()],
  [/^\/audit$/, (m, params) => audit(params)],
  [/^\/tokens$/, () => tokens()],
];

async function route() {
  if (!session() || !session().signedIn) return;
  announce('');
  const hash = location.hash.replace(/^#/, '') || '/overview';
  const [path, search] = hash.split('?');
  const params = new URLSearchParams(search || '');
  for (const link of document.querySelectorAll('#nav a')) {
    const here = path === '/' + link.dataset.page || path.startsWith('/' + link.dataset.page + '/');
    if (here) link.setAttribute('aria-current', 'page'); else link.removeAttribute('aria-current');
  }
  for (const [pattern, render] of routes) {
    const m = path.match(pattern);
    if (m) {
      try {
        await render(m, params);
      } catch (e) {
        show('Something went wrong', errorBox(e));
      }
      return;
    }
  }
  location.hash = '#/overview';
}

// Codes the single sign-on callback sends back (never free text from a URL).
const SIGN_IN_ERRORS = {
  'not-in-group': 'Your company account is in neither of the console\u2019s groups. Ask an identity admin to add you to the console\u2019s admin or read-only group.',
  'oidc-failed': 'Single sign-on did not complete. Try again; if it keeps failing, an admin can look for console.sign-in-refused in the audit log.',
  'expired': 'That sign-in link has expired or was already used. Start again.',
  'idp-unreachable': 'The company sign-in service cannot be reached right now. Try again, or sign in with a token.',
};

function signInPage(message, oidc) {
  document.getElementById('top').hidden = true;
  const input = h('input', { id: 'token', name: 'token', type: 'password', autocomplete: 'off', required: true,
    'aria-describedby': 'token-help', spellcheck: 'false' });
  const problem = h('p', { id: 'sign-in-problem', class: 'error', role: 'alert', hidden: !message }, message || '');
  const form = h('form', { class: 'card sign-in', id: 'sign-in-form', onsubmit: async event => {
    event.preventDefault();
    problem.hidden = true;
    try {
      const s = await api('POST', '/console/session', { token: input.value });
      input.value = '';
      await start(s);
    } catch (e) {
      problem.textContent = e.message;
      problem.hidden = false;
      input.focus();
    }
  } },
  h('label', { for: 'token' }, 'Admin token'),
  input,
  h('p', { id: 'token-help', class: 'hint' }, 'A token with the admin scope (kiro_…). It is exchanged for a session cookie and not kept in the browser.'),
  h('button', { type: 'submit', id: 'sign-in' }, 'Sign in'),
  problem);
  const sso = oidc ? h('p', { class: 'card sso' }, h('a', { href: '/console/oidc/login', id: 'sso', class: 'button' }, 'Sign in with your company account')) : null;
  show('Sign in to the console', sso, form);
}

async function start(s) {
  setSession(s);
  useSession(s, signOutLocally);
  document.getElementById('top').hidden = false;
  document.getElementById('who').textContent = `${s.person} · ${s.role === 'admin' ? 'admin' : 'read-only'}`;
  if (!location.hash || location.hash === '#' || location.hash === '#/') location.hash = '#/overview';
  else await route();
}

function signOutLocally(message) {
  setSession(null);
  useSession(null);
  signInPage(message, window.kiroOidc);
}

async function boot() {
  let s;
  try {
    s = await api('GET', '/console/session');
  } catch (e) {
    show('The console cannot reach the server', errorBox(e));
    return;
  }
  window.kiroOidc = !!s.oidc;
  const params = new URLSearchParams(location.search);
  if (s.signedIn) await start(s);
  else signInPage(SIGN_IN_ERRORS[params.get('error')] || null, s.oidc);
  if (params.has('error')) history.replaceState(null, '', '/console/' + location.hash);
}

document.getElementById('sign-out').addEventListener('click', async () => {
  try {
    await api('DELETE', '/console/session');
  } finally {
    signOutLocally('You are signed out.');
    announce('Signed out.');
  }
});
window.addEventListener('hashchange', route);
boot();
