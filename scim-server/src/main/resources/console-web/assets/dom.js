// Building the page without innerHTML: every value from the API becomes a text node, so nothing it contains can
// run as markup (and the Content-Security-Policy forbids inline scripts and styles anyway).

/** h('a', {href: '#/x', class: 'y'}, 'text', child) → element. `on*` attributes become listeners. */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.className = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

/** The same for SVG elements (the chart and the seat bars). */
export function svg(tag, attrs, ...children) {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value !== null && value !== undefined) el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** A table with a caption; `rows` are arrays of cells (strings or nodes). Wrapped so it scrolls on a phone. */
export function table(caption, headers, rows, attrs) {
  const t = h('table', attrs || {},
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, headers.map(x => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, rows.map(r => h('tr', {}, r.map(c => h('td', {}, c))))));
  return h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': caption }, t);
}

/** An ISO instant as local date and time, in a <time> element that keeps the exact value. */
export function time(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return h('time', { datetime: iso, title: iso }, d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }));
}

export function duration(seconds) {
  if (seconds === null || seconds === undefined) return '—';
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172800) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86400)} days`;
}

export function money(n) {
  return Number(n).toLocaleString(undefined, { style: 'currency', currency: 'USD', maximumFractionDigits: 2 });
}

/** Replaces the main region's content and moves focus to its heading, so screen readers announce the new page. */
export function show(title, ...content) {
  const main = document.getElementById('main');
  const heading = h('h1', { tabindex: '-1', id: 'page-title' }, title);
  main.replaceChildren(heading, ...content.flat().filter(Boolean));
  document.title = `${title} · Kiro SCIM Bridge`;
  heading.focus();
}

/** A message in the polite live region (and visible at the bottom of the page). */
export function announce(text, kind) {
  const s = document.getElementById('status');
  s.className = 'status' + (kind ? ' ' + kind : '');
  s.textContent = text;
}

export function errorBox(error) {
  return h('p', { class: 'error', role: 'alert' }, error && error.message ? error.message : String(error));
}
