// History: per chapter or institution, commitment against delegation at
// every action, as a table and a small chart of the row chosen.
import { iso, add, t, apply, start, call, el, $, onLang, downloadLink } from './console.js';
import { monthYear } from '/shared/clock.js';
import { fmt, pct } from '/shared/numbers.js';
import { barChart } from './chart.js';

add({
  'history.title': 'Historial',
  'history.help': 'Lo comprometido y lo que se trajo en cada acción. Toque una fila para ver su gráfica.',
  'history.by.chapter': 'Por capítulo',
  'history.by.institution': 'Por institución',
  'history.network': 'Toda la red',
  'history.committed': 'Comprometidos',
  'history.present': 'Presentes',
  'history.name': 'Nombre',
  'history.cell': '{present} de {committed}',
  'history.empty': 'Todavía no hay acciones.',
  'history.first': '{n} por primera vez',
}, {
  'history.title': 'History',
  'history.help': 'What was committed and what was brought at each action. Tap a row to see its chart.',
  'history.by.chapter': 'By chapter',
  'history.by.institution': 'By institution',
  'history.network': 'Whole network',
  'history.committed': 'Committed',
  'history.present': 'Present',
  'history.name': 'Name',
  'history.cell': '{present} of {committed}',
  'history.empty': 'No actions yet.',
  'history.first': '{n} for the first time',
});

let h = null;
let by = 'chapter';
let chosen = null; // the series key shown in the chart

async function main() {
  if (!(await start())) return;
  h = await call('GET', '/api/history');
  onLang(render);
  render();
}

function series() {
  const total = { ...h.total, key: 'total', name: t('history.network') };
  const list = (by === 'chapter' ? h.chapters : h.institutions).map((s) => ({ ...s, key: by + s.id,
    name: by === 'chapter' ? s.name : `${iso(s.name)} (${iso(s.chapter.name)})` }));
  return [total, ...list];
}

function render() {
  apply();
  $('by').replaceChildren(...['chapter', 'institution'].map((b) => {
    const button = el('button', { type: 'button', className: 'secondary small', text: t('history.by.' + b), 'aria-pressed': String(by === b) });
    button.addEventListener('click', () => { by = b; chosen = null; render(); });
    return button;
  }));
  const csv = downloadLink('/api/history.csv' + (by === 'institution' ? '?by=institution' : ''));
  csv.classList.add('small');
  $('downloads').replaceChildren(csv);
  const all = series();
  if (!all.some((s) => s.key === chosen)) chosen = all[0].key;
  renderTable(all);
  renderChart(all.find((s) => s.key === chosen));
}

function renderTable(all) {
  $('history-head').replaceChildren(el('tr', {}, el('th', { text: t('history.name') }),
    ...h.actions.map((a) => el('th', { className: 'num' }, a.name, el('br'), el('span', { className: 'muted', text: monthYear(a.date) })))));
  if (h.actions.length === 0) {
    $('history-body').replaceChildren(el('tr', {}, el('td', { text: t('history.empty') })));
    return;
  }
  $('history-body').replaceChildren(...all.map((s) => {
    const tr = el('tr', { className: 'selectable' + (s.key === 'total' ? ' total' : ''), tabIndex: 0, 'aria-selected': String(s.key === chosen) },
      el('td', { className: 'name', text: s.name }),
      ...s.points.map(cell));
    const pick = () => { chosen = s.key; render(); };
    tr.addEventListener('click', pick);
    tr.addEventListener('keydown', (ev) => { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); pick(); } });
    return tr;
  }));
}

/** cell is one action's numbers for one row: "38 de 40" over "95 %", and its first-timers. */
function cell(p) {
  return el('td', { className: 'num' }, t('history.cell', { present: fmt(p.present), committed: fmt(p.committed) }),
    el('br'), el('span', { className: 'muted', text: pct(p.percent) }),
    p.first_time ? el('span', { className: 'first' }, el('br'), t('history.first', { n: fmt(p.first_time) })) : null);
}

function renderChart(s) {
  $('chart-title').textContent = s.name;
  $('chart').replaceChildren(barChart(s.points, h.actions.map((a) => monthYear(a.date)), s.name));
}

main();
