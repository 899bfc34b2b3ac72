// The admin API, called with the session cookie (set HttpOnly by the server) and, on every state-changing
// request, the session's CSRF token in X-CSRF-Token.

let csrfToken = null;
let onSignedOut = () => {};

export function useSession(session, signedOutHandler) {
  csrfToken = session ? session.csrfToken : null;
  if (signedOutHandler) onSignedOut = signedOutHandler;
}

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export async function api(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const response = await fetch(path, {
    method, headers, credentials: 'same-origin', cache: 'no-store',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
  if (response.status === 401 && path.startsWith('/admin/')) {
    onSignedOut('Your session ended. Sign in again.');
  }
  if (!response.ok) {
    const message = (json && (json.message || json.detail)) || `${method} ${path} failed with HTTP ${response.status}`;
    throw new ApiError(response.status, message);
  }
  return json;
}

export const get = path => api('GET', path);
export const post = (path, body) => api('POST', path, body);
export const del = path => api('DELETE', path);

/** Builds a query string from the non-empty entries of `params`. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== '') q.set(k, v);
  const s = q.toString();
  return s ? '?' + s : '';
}
