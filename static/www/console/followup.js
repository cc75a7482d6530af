// Follow-up: per committed institution, the leaders on its roster who did
// not come, with their phone, for the one-to-ones after the action.
import { iso, add, t, apply, start, call, el, $, param, onLang, downloadLink } from './console.js';
import { dateTime } from '/shared/clock.js';
import './report-words.js';

add({
  'followup.title': 'Seguimiento: {name}',
  'followup.help': 'Para las conversaciones uno a uno después de la acción: los líderes de la lista de cada institución comprometida que no vinieron.',
  'followup.came': '{present} presentes de {committed} comprometidos · {missing} de {roster} en la lista de líderes no vinieron',
  'followup.none': 'Ninguna institución tiene compromiso en esta acción.',
  'followup.all_came': 'Vinieron todos los de la lista de líderes.',
  'followup.download': 'Lista de seguimiento (CSV)',
  'followup.print': 'Imprimir',
  'followup.purged': 'Los datos personales de esta acción se borraron el {at}: ya no se sabe quién vino.',
}, {
  'followup.title': 'Follow-up: {name}',
  'followup.help': 'For the one-to-ones after the action: the leaders on the roster of each committed institution who did not come.',
  'followup.came': '{present} present of {committed} committed · {missing} of {roster} on the roster did not come',
  'followup.none': 'No institution has a commitment to this action.',
  'followup.all_came': 'Everyone on the roster came.',
  'followup.download': 'Follow-up list (CSV)',
  'followup.print': 'Print',
  'followup.purged': 'This action\'s personal data was deleted on {at}: who came is no longer known.',
});

const id = Number(param('id'));
const base = `/api/actions/${id}`;
let data = null;

async function main() {
  if (!(await start())) return;
  data = await call('GET', base + '/followup');
  const link = downloadLink(base + '/followup.csv', 'followup.download');
  link.id = 'download';
  const print = el('button', { type: 'button', className: 'secondary', i18n: 'followup.print' });
  print.addEventListener('click', () => window.print());
  $('downloads').replaceChildren(link, print);
  onLang(render);
  render();
}

function render() {
  $('title').textContent = t('followup.title', { name: data.action.name });
  document.title = $('title').textContent;
  $('purged').textContent = data.purged_at ? t('followup.purged', { at: dateTime(data.purged_at) }) : '';
  $('purged').classList.toggle('hidden', !data.purged_at);
  $('downloads').classList.toggle('hidden', !!data.purged_at);
  const box = $('followup');
  if (!data.purged_at && data.institutions.length === 0) {
    box.replaceChildren(el('p', { className: 'muted', text: t('followup.none') }));
  } else {
    box.replaceChildren(...data.institutions.map(institution));
  }
  apply();
}

function institution(i) {
  const head = el('h3', {}, el('span', { text: `${iso(i.institution.name)} · ${iso(i.chapter.name)}` }),
    el('small', { text: t('followup.came', { present: i.present, committed: i.committed, missing: i.missing.length, roster: i.roster }) }));
  if (i.missing.length === 0) return el('section', { className: 'card' }, head, el('p', { className: 'ok-text', text: t('followup.all_came') }));
  const items = i.missing.map((l) => el('li', {},
    el('span', { className: 'name', text: l.name }),
    el('span', { className: 'contact' },
      l.phone ? el('a', { className: 'tel', href: 'tel:' + l.phone.replace(/[^\d+]/g, ''), text: l.phone }) : null,
      l.email ? el('span', { className: 'email', text: l.email }) : null,
      el('span', { className: 'muted', text: t('lang.' + l.language) }))));
  return el('section', { className: 'card' }, head, el('ul', { className: 'people' }, items));
}

main();
