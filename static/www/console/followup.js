// Follow-up: three lists per institution for the calls after an action —
// the committed who did not come, the first-timers, the walk-ins — with a
// call and a text-message link, and each as a CSV. Only people who agreed
// to be contacted are listed; the page says how many were left out.
import { iso, add, t, apply, start, call, el, $, param, onLang, downloadLink } from './console.js';
import { dateTime } from '/shared/clock.js';
import './report-words.js';

add({
  'followup.title': 'Seguimiento: {name}',
  'followup.help': 'Para las llamadas después de la acción. Solo aparecen quienes aceptaron que los contacten.',
  'followup.list.absent': 'Comprometidos que no vinieron',
  'followup.list.first': 'Por primera vez',
  'followup.list.walk_ins': 'Sin gafete',
  'followup.came': '{present} presentes de {committed} comprometidos · {missing} de {roster} en la lista de líderes no vinieron',
  'followup.count.first': 'Por primera vez: {n}',
  'followup.count.walk_ins': 'Sin gafete: {n}',
  'followup.none.absent': 'Ninguna institución tiene compromiso en esta acción.',
  'followup.none.first': 'Nadie vino por primera vez a esta acción.',
  'followup.none.walk_ins': 'Nadie llegó sin gafete a esta acción.',
  'followup.all_came': 'Vinieron todos los de la lista de líderes.',
  'followup.withheld': 'Sin permiso para contactarles, no aparecen aquí: {n}.',
  'followup.download': 'Esta lista (CSV)',
  'followup.print': 'Imprimir',
  'followup.call': 'Llamar',
  'followup.text': 'Mensaje',
  'followup.purged': 'Los datos personales de esta acción se borraron el {at}: ya no se sabe quién vino.',
  'followup.sms.absent.es': 'Hola {nombre}, le extrañamos en {accion}. ¿Cómo está? Nos gustaría platicar con usted.',
  'followup.sms.absent.en': 'Hi {name}, we missed you at {action}. How are you? We would love to talk.',
  'followup.sms.first.es': 'Hola {nombre}, ¡gracias por venir a {accion}! Fue un gusto tenerle por primera vez.',
  'followup.sms.first.en': 'Hi {name}, thank you for coming to {action}! It was great to have you for the first time.',
}, {
  'followup.title': 'Follow-up: {name}',
  'followup.help': 'For the calls after the action. Only people who agreed to be contacted are listed.',
  'followup.list.absent': 'Committed who did not come',
  'followup.list.first': 'First time',
  'followup.list.walk_ins': 'Walk-ins',
  'followup.came': '{present} present of {committed} committed · {missing} of {roster} on the roster did not come',
  'followup.count.first': 'First time: {n}',
  'followup.count.walk_ins': 'Without a badge: {n}',
  'followup.none.absent': 'No institution has a commitment to this action.',
  'followup.none.first': 'Nobody came for the first time to this action.',
  'followup.none.walk_ins': 'Nobody came without a badge to this action.',
  'followup.all_came': 'Everyone on the roster came.',
  'followup.withheld': 'Not listed, for want of consent to be contacted: {n}.',
  'followup.download': 'This list (CSV)',
  'followup.print': 'Print',
  'followup.call': 'Call',
  'followup.text': 'Text',
  'followup.purged': 'This action\'s personal data was deleted on {at}: who came is no longer known.',
  'followup.sms.absent.es': 'Hola {nombre}, le extrañamos en {accion}. ¿Cómo está? Nos gustaría platicar con usted.',
  'followup.sms.absent.en': 'Hi {name}, we missed you at {action}. How are you? We would love to talk.',
  'followup.sms.first.es': 'Hola {nombre}, ¡gracias por venir a {accion}! Fue un gusto tenerle por primera vez.',
  'followup.sms.first.en': 'Hi {name}, thank you for coming to {action}! It was great to have you for the first time.',
});

const LISTS = ['absent', 'first', 'walk_ins'];
const FIELD = { absent: 'missing', first: 'first_timers', walk_ins: 'walk_ins' };
const id = Number(param('id'));
const base = `/api/actions/${id}`;
let data = null;
let list = LISTS.includes(param('list')) ? param('list') : 'absent';

async function main() {
  if (!(await start())) return;
  data = await call('GET', base + '/followup');
  onLang(render);
  render();
}

function choose(l) {
  list = l;
  history.replaceState(null, '', `?id=${id}&list=${l}`);
  render();
}

function render() {
  $('title').textContent = t('followup.title', { name: data.action.name });
  document.title = $('title').textContent;
  $('purged').textContent = data.purged_at ? t('followup.purged', { at: dateTime(data.purged_at) }) : '';
  $('purged').classList.toggle('hidden', !data.purged_at);
  $('lists').replaceChildren(...LISTS.map((l) => {
    const b = el('button', { type: 'button', className: 'secondary small', text: t('followup.list.' + l), 'aria-pressed': String(l === list) });
    b.addEventListener('click', () => choose(l));
    return b;
  }));
  const link = downloadLink(`${base}/followup.csv?list=${list}`, 'followup.download');
  link.id = 'download';
  const print = el('button', { type: 'button', className: 'secondary', i18n: 'followup.print' });
  print.addEventListener('click', () => window.print());
  $('downloads').replaceChildren(link, print);
  $('downloads').classList.toggle('hidden', !!data.purged_at);
  const shown = data.institutions.filter((i) => (list === 'absent' ? i.committed > 0 : i[FIELD[list]].length + i.withheld[list] > 0));
  const box = $('followup');
  if (!data.purged_at && shown.length === 0) {
    box.replaceChildren(el('p', { className: 'muted', text: t('followup.none.' + list) }));
  } else {
    box.replaceChildren(...shown.map(institution));
  }
  apply();
}

function institution(i) {
  const people = i[FIELD[list]];
  const counted = list === 'absent'
    ? t('followup.came', { present: i.present, committed: i.committed, missing: i.missing.length + i.withheld.absent, roster: i.roster })
    : t('followup.count.' + list, { n: people.length + i.withheld[list] });
  const head = el('h3', {}, el('span', { text: `${iso(i.institution.name)} · ${iso(i.chapter.name)}` }), el('small', { text: counted }));
  const sec = el('section', { className: 'card' }, head);
  if (list === 'absent' && people.length === 0 && i.withheld.absent === 0) {
    sec.append(el('p', { className: 'ok-text', text: t('followup.all_came') }));
    return sec;
  }
  if (people.length) sec.append(el('ul', { className: 'people' }, people.map(person)));
  if (i.withheld[list]) sec.append(el('p', { className: 'muted', text: t('followup.withheld', { n: i.withheld[list] }) }));
  return sec;
}

function person(l) {
  const dial = l.phone.replace(/[^\d+]/g, '');
  return el('li', {},
    el('a', { className: 'name', href: '/console/leader.html?id=' + l.id, text: l.name }),
    el('span', { className: 'contact' },
      l.phone ? el('a', { className: 'tel', href: 'tel:' + dial, text: l.phone, 'aria-label': t('followup.call') + ' ' + l.name }) : null,
      l.phone ? el('a', { className: 'tel sms', href: `sms:${dial}?&body=${encodeURIComponent(message(l))}`, text: t('followup.text') }) : null,
      l.email ? el('span', { className: 'email', text: l.email }) : null,
      el('span', { className: 'muted', text: t('lang.' + l.language) })));
}

/** message is the text to prefill, in the person's language, with their name. */
function message(l) {
  const key = `followup.sms.${list === 'absent' ? 'absent' : 'first'}.${l.language === 'en' ? 'en' : 'es'}`;
  return t(key).replace(/\{(nombre|name)\}/g, l.name.split(' ')[0]).replace(/\{(accion|action)\}/g, data.action.name);
}

main();
