// A leader's page: who they are, how to reach them, and every action that
// concerns them — present (and how), absent where their institution
// committed, and their first action.
import { iso, add, t, apply, start, call, el, $, param, onLang } from './console.js';
import { clock, longDate } from '/shared/clock.js';
import { fmt } from '/shared/numbers.js';
import './fields.js';

add({
  'leaderpage.actions': 'Sus acciones',
  'leaderpage.date': 'Fecha',
  'leaderpage.action': 'Acción',
  'leaderpage.status': 'Asistencia',
  'leaderpage.committed': 'Compromiso de su institución',
  'leaderpage.present': 'Presente',
  'leaderpage.absent': 'No vino',
  'leaderpage.purged': 'No se sabe (datos borrados)',
  'leaderpage.first': 'primera vez',
  'leaderpage.how.scan': 'escaneado',
  'leaderpage.how.paper': 'hoja en papel',
  'leaderpage.how.console': 'consola',
  'leaderpage.how.walk_in': 'sin gafete',
  'leaderpage.came': 'Vino a',
  'leaderpage.missed': 'No vino a',
  'leaderpage.since': 'Primera acción',
  'leaderpage.no_consent': 'No aceptó que le contacten: no aparece en las listas para llamar ni en los archivos para el CRM.',
  'leaderpage.walk_in': 'Llegó sin gafete',
  'leaderpage.crm': 'En el CRM: {id}',
  'leaderpage.call': 'Llamar',
  'leaderpage.none': 'Todavía ninguna acción.',
}, {
  'leaderpage.actions': 'Their actions',
  'leaderpage.date': 'Date',
  'leaderpage.action': 'Action',
  'leaderpage.status': 'Attendance',
  'leaderpage.committed': 'Their institution\'s commitment',
  'leaderpage.present': 'Present',
  'leaderpage.absent': 'Did not come',
  'leaderpage.purged': 'Not known (data deleted)',
  'leaderpage.first': 'first time',
  'leaderpage.how.scan': 'scanned',
  'leaderpage.how.paper': 'paper sheet',
  'leaderpage.how.console': 'console',
  'leaderpage.how.walk_in': 'walk-in',
  'leaderpage.came': 'Came to',
  'leaderpage.missed': 'Missed',
  'leaderpage.since': 'First action',
  'leaderpage.no_consent': 'Did not agree to be contacted: not on the lists to call nor in the files for the CRM.',
  'leaderpage.walk_in': 'Came without a badge',
  'leaderpage.crm': 'In the CRM: {id}',
  'leaderpage.call': 'Call',
  'leaderpage.none': 'No action yet.',
});

const id = Number(param('id'));
let data = null;

async function main() {
  if (!(await start())) return;
  data = await call('GET', `/api/leaders/${id}/history`);
  onLang(render);
  render();
}

function render() {
  const l = data.leader;
  $('title').textContent = l.name;
  document.title = l.name + ' · Presente';
  $('where').textContent = `${iso(l.institution.name)} · ${iso(l.chapter.name)} · ${t('lang.' + l.language)}`
    + (l.walk_in ? ' · ' + t('leaderpage.walk_in') : '') + (l.external_id ? ' · ' + t('leaderpage.crm', { id: l.external_id }) : '');
  $('contact').replaceChildren(
    l.phone ? el('a', { className: 'button', href: 'tel:' + l.phone.replace(/[^\d+]/g, ''), text: `${t('leaderpage.call')} ${l.phone}` }) : '',
    l.email ? el('a', { className: 'button secondary', href: 'mailto:' + l.email, text: l.email }) : '');
  $('consent').textContent = t('leaderpage.no_consent');
  $('consent').classList.toggle('hidden', l.consent);
  const came = data.actions.filter((a) => a.status === 'present');
  const first = came.find((a) => a.first_time);
  $('summary').replaceChildren(
    stat(fmt(came.length), t('leaderpage.came')),
    stat(fmt(data.actions.filter((a) => a.status === 'absent').length), t('leaderpage.missed')),
    first ? stat(longDate(first.action.date), t('leaderpage.since')) : '');
  $('actions').replaceChildren(...(data.actions.length ? data.actions.map(row)
    : [el('tr', {}, el('td', { text: t('leaderpage.none') }))]));
  apply();
}

function stat(value, label) {
  return el('div', { className: 'stat' }, el('b', { text: String(value) }), el('span', { text: label }));
}

function row(a) {
  return el('tr', { className: 'attended-' + a.status },
    el('td', { text: longDate(a.action.date) }),
    el('td', { className: 'name' }, el('a', { href: `/console/report.html?id=${a.action.id}`, text: a.action.name })),
    el('td', { text: status(a) }),
    el('td', { className: 'num', text: a.committed ? fmt(a.committed) : '—', 'data-label': t('leaderpage.committed') }));
}

/** status says how they were counted: "Presente · escaneado 10:32 · Puerta norte · primera vez". */
function status(a) {
  if (a.status !== 'present') return t('leaderpage.' + a.status);
  const parts = [t('leaderpage.present')];
  if (a.source) parts.push(t('leaderpage.how.' + a.source) + (a.at ? ' ' + clock(a.at) : ''));
  if (a.door) parts.push(a.door);
  if (a.institution && a.institution.id !== data.leader.institution.id) parts.push(a.institution.name);
  if (a.first_time) parts.push(t('leaderpage.first'));
  return parts.join(' · ');
}

main();
