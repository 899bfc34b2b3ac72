import { h, svg } from './dom.js';

const COLOURS = ['#1f4fbf', '#b3261e', '#1b7f3b', '#8a4b00', '#6a1b9a', '#00697a'];

/**
 * A line chart of daily series as inline SVG (no library), with a legend and, for screen readers and exact numbers,
 * the same data as a table inside <details>.
 * @param days   ['2026-09-03', …]
 * @param series {name: [n, …]} (one value per day)
 */
export function lineChart(title, days, series) {
  const names = Object.keys(series);
  const width = 720, height = 220, left = 44, right = 12, top = 12, bottom = 28;
  const max = Math.max(1, ...names.flatMap(n => series[n]));
  const x = i => left + (days.length <= 1 ? 0 : (i * (width - left - right)) / (days.length - 1));
  const y = v => top + (height - top - bottom) * (1 - v / max);
  const grid = [0, 0.5, 1].map(f => {
    const v = Math.round(max * f);
    return svg('g', {}, svg('line', { x1: left, x2: width - right, y1: y(v), y2: y(v), class: 'grid' }),
      svg('text', { x: left - 6, y: y(v) + 4, 'text-anchor': 'end', class: 'axis' }, String(v)));
  });
  const labels = days.length ? [0, Math.floor((days.length - 1) / 2), days.length - 1].map(i =>
    svg('text', { x: x(i), y: height - 8, 'text-anchor': i === 0 ? 'start' : i === days.length - 1 ? 'end' : 'middle', class: 'axis' }, days[i])) : [];
  const lines = names.map((n, k) => svg('polyline', {
    points: series[n].map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' '),
    fill: 'none', stroke: COLOURS[k % COLOURS.length], 'stroke-width': 2.5,
  }));
  const last = names.map(n => `${n} ${series[n][series[n].length - 1] ?? 0}`).join(', ');
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img',
    'aria-label': `${title}. Latest: ${last || 'no seats'}.` }, grid, labels, lines);
  const legend = h('ul', { class: 'legend' }, names.map((n, k) => h('li', {},
    svg('svg', { width: 14, height: 14, 'aria-hidden': 'true' }, svg('rect', { width: 14, height: 14, fill: COLOURS[k % COLOURS.length] })), ' ', n)));
  const rows = days.map((d, i) => h('tr', {}, h('th', { scope: 'row' }, d), names.map(n => h('td', {}, String(series[n][i])))));
  const data = h('details', {}, h('summary', {}, 'Show the numbers'),
    h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': title + ' data' },
      h('table', {}, h('caption', {}, title), h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Day'), names.map(n => h('th', { scope: 'col' }, n)))),
        h('tbody', {}, rows))));
  return h('figure', { class: 'card wide' }, h('figcaption', {}, title), names.length ? [chart, legend] : h('p', {}, 'No seat events in this period.'), data);
}

/** Seats used against the cap as a horizontal bar (an SVG with a text equivalent). */
export function seatBar(used, cap) {
  const share = cap ? Math.min(1, used / cap) : 0;
  const label = cap === null || cap === undefined ? `${used} seats used (no cap)` : `${used} of ${cap} seats used`;
  return svg('svg', { viewBox: '0 0 100 8', preserveAspectRatio: 'none', class: 'bar' + (cap && used >= cap ? ' full' : ''), role: 'img', 'aria-label': label },
    svg('rect', { x: 0, y: 0, width: 100, height: 8, class: 'bar-bg' }),
    svg('rect', { x: 0, y: 0, width: (share * 100).toFixed(2), height: 8, class: 'bar-fg' }));
}
