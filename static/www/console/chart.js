// A small bar chart in plain SVG: for each action, the commitment and the
// delegation side by side. Built with DOM calls, text with textContent.
import { fmt } from '/shared/numbers.js';

const NS = 'http://www.w3.org/2000/svg';

function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * barChart draws points ([{committed, present}]) over labels (one per
 * action); title names the chart for screen readers.
 */
export function barChart(points, labels, title) {
  const slot = 72, bar = 26, top = 18, bottom = 40, left = 12;
  const width = left + Math.max(points.length, 4) * slot + 8;
  const height = 220;
  const max = Math.max(1, ...points.map((p) => Math.max(p.committed, p.present)));
  const y = (v) => top + (height - top - bottom) * (1 - v / max);
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, width, height, class: 'chart', role: 'img', 'aria-label': title });
  root.append(svg('title', {}, title));
  root.append(svg('line', { x1: left, x2: width - 4, y1: y(0), y2: y(0), class: 'axis' }));
  points.forEach((p, i) => {
    const x = left + i * slot + (slot - 2 * bar) / 2;
    for (const [k, dx] of [['committed', 0], ['present', bar]]) {
      const h = Math.max(0, y(0) - y(p[k]));
      root.append(svg('rect', { x: x + dx, y: y(p[k]), width: bar - 2, height: h, class: k, rx: 2 }));
      root.append(svg('text', { x: x + dx + bar / 2 - 1, y: y(p[k]) - 4, 'text-anchor': 'middle', class: 'value' }, fmt(p[k])));
    }
    const label = labels[i].length > 12 ? labels[i].slice(0, 11) + '…' : labels[i];
    root.append(svg('text', { x: x + bar, y: height - bottom + 16, 'text-anchor': 'middle' }, label));
  });
  return root;
}
