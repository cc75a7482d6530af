// The arrivals chart: one bar per five minutes, drawn in SVG to the size of
// its box, with a few labels a room can read. No names, only counts.
import { t } from '/shared/i18n.js';
import { shortClock } from '/shared/clock.js';
import { fmt } from '/shared/numbers.js';

const NS = 'http://www.w3.org/2000/svg';

function el(name, attrs, text) {
  const e = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

/** niceMax rounds a maximum up to 1, 2 or 5 times a power of ten. */
function niceMax(n) {
  if (n <= 4) return 4; // whole numbers on every line
  const p = 10 ** Math.floor(Math.log10(n));
  return [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].map((m) => m * p).find((m) => m >= n && Number.isInteger(m / 2));
}

/** drawChart replaces box's content with bars for series [{at, count}]. */
export function drawChart(box, series) {
  const w = box.clientWidth;
  const h = box.clientHeight;
  if (!w || !h) return;
  if (!series.length) {
    const p = document.createElement('p');
    p.className = 'chart-empty';
    p.textContent = t('p.noArrivals');
    box.replaceChildren(p);
    return;
  }
  const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
  const left = rem * 3.2;
  const bottom = rem * 1.9;
  const top = rem * 0.9;
  const top2 = niceMax(Math.max(...series.map((b) => b.count)));
  const svg = el('svg', { width: w, height: h, viewBox: `0 0 ${w} ${h}`, role: 'img', 'aria-label': t('p.arrivals') });
  const y = (v) => top + (h - top - bottom) * (1 - v / top2);
  for (const v of [0, top2 / 2, top2]) {
    svg.append(el('line', { x1: left, x2: w, y1: y(v), y2: y(v), class: 'grid' }));
    svg.append(el('text', { x: left - rem * 0.4, y: y(v) + rem * 0.35, class: 'ylabel' }, fmt(v)));
  }
  const step = (w - left) / series.length;
  const every = Math.max(1, Math.ceil((rem * 4.5) / step));
  series.forEach((b, i) => {
    const x = left + i * step;
    const cls = i === series.length - 1 ? 'bar now' : 'bar';
    svg.append(el('rect', { x: x + step * 0.12, y: y(b.count), width: Math.max(1, step * 0.76), height: y(0) - y(b.count), class: cls, 'data-count': b.count }));
    if ((series.length - 1 - i) % every === 0) {
      const cx = Math.min(w - rem * 1.6, Math.max(left + rem * 1.6, x + step / 2));
      svg.append(el('text', { x: cx, y: h - rem * 0.45, class: 'xlabel' }, shortClock(new Date(b.at))));
    }
  });
  box.replaceChildren(svg);
}
