// One action's report: per chapter and institution, committed and present,
// split by how people were counted; the frozen credentials if taken.
import { t, apply, start, call, el, $, param, onLang, downloadLink } from './console.js';
import { dateTime } from '/shared/clock.js';
import { fmt, pct } from '/shared/numbers.js';
import './fields.js';
import './report-words.js';

const id = Number(param('id'));
const base = `/api/actions/${id}`;
let data = null;

async function main() {
  if (!(await start())) return;
  data = await call('GET', base + '/report');
  const followup = el('a', { className: 'button secondary', href: `/console/followup.html?id=${id}`, i18n: 'report.followup' });
  $('downloads').replaceChildren(downloadLink(base + '/report.csv', 'report.download'),
    downloadLink(base + '/attendance.csv', 'report.attendance'), followup);
  $('crm-downloads').replaceChildren(downloadLink(base + '/attendance.csv?format=actionnetwork', 'report.crm_an'),
    downloadLink(base + '/attendance.csv?format=van', 'report.crm_van'));
  onLang(render);
  render();
}

function render() {
  const r = data.report;
  $('title').textContent = t('report.title', { name: r.action.name });
  document.title = $('title').textContent;
  $('purged').textContent = r.purged_at ? t('report.purged', { at: dateTime(r.purged_at) }) : '';
  $('purged').classList.toggle('hidden', !r.purged_at);
  $('summary').replaceChildren(
    stat(fmt(r.total.present), r.action.goal ? t('report.present') + ' · ' + t('report.of_goal', { n: fmt(r.action.goal) }) : t('report.present')),
    stat(fmt(r.total.committed), t('report.committed')),
    stat(pct(r.total.percent), t('report.percent')),
    stat(fmt(r.total.first_time), t('report.first_time')));
  const rows = [];
  for (const ch of r.chapters) {
    rows.push(row(ch, ch.chapter.name, 'chapter'));
    for (const i of r.institutions) if (i.chapter.id === ch.chapter.id) rows.push(row(i, i.institution.name));
  }
  rows.push(row(r.total, t('report.total'), 'total'));
  $('report-body').replaceChildren(...rows);
  renderCredentials(data.credentials);
  renderNeeds(data.needs || []);
  apply();
}

function stat(value, label) {
  return el('div', { className: 'stat' }, el('b', { text: String(value) }), el('span', { text: label }));
}

function row(x, name, cls) {
  return el('tr', { className: cls || '' }, el('td', { className: 'name', text: name }),
    ...[x.committed, x.scanned, x.paper, x.walk_ins, x.headcounts, x.present].map((n) => el('td', { className: 'num', text: fmt(n) })),
    el('td', { className: 'num', text: pct(x.percent) }), el('td', { className: 'num', text: fmt(x.first_time) }));
}

function renderNeeds(needs) {
  $('needs').classList.toggle('hidden', needs.length === 0);
  $('needs-body').replaceChildren(...needs.map((n) => el('tr', {}, el('td', { className: 'name', text: n.name }),
    el('td', { className: 'num', text: fmt(n.total) }))));
}

function renderCredentials(cr) {
  $('credentials').classList.toggle('hidden', !cr);
  if (!cr) return;
  $('credentials-when').textContent = t('report.closed', { at: dateTime(cr.closed_at) });
  const rows = [];
  for (const ch of cr.chapters) {
    rows.push(el('tr', { className: 'chapter' }, el('td', { text: ch.name }),
      el('td', { className: 'num', text: fmt(ch.committed) }), el('td', { className: 'num', text: fmt(ch.delegation) })));
    for (const i of ch.institutions) {
      rows.push(el('tr', {}, el('td', { className: 'name', text: i.name }),
        el('td', { className: 'num', text: fmt(i.committed) }), el('td', { className: 'num', text: fmt(i.delegation) })));
    }
  }
  rows.push(el('tr', { className: 'total' }, el('td', { text: t('report.total') }),
    el('td', { className: 'num', text: fmt(cr.committed) }), el('td', { className: 'num', text: fmt(cr.delegation) })));
  $('credentials-body').replaceChildren(...rows);
}

main();
