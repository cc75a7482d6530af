// Paper fallback: names from a paper sign-in sheet, typed afterwards. Type
// part of a name, Enter adds the highlighted leader as checked in from
// "paper" at the sheet's time; arrows choose another match.
import { iso, add, t, apply, start, call, el, $, param, showError, onLang } from './console.js';
import { dateTime } from '/shared/clock.js';
import { fold, hasWords } from '/shared/fold.js';
import { uuid } from '/shared/api.js';
import './fields.js';

add({
  'paper.title': 'Hoja en papel: {name}',
  'paper.help': 'Cuando una puerta tuvo que usar una hoja de papel, escriba aquí los nombres. Escriba parte del nombre y presione Enter para registrar a la persona marcada; use las flechas para elegir otra.',
  'paper.date': 'Fecha de la hoja',
  'paper.time': 'Hora de la hoja',
  'paper.search': 'Nombre en la hoja',
  'paper.not_on_roster': 'No está en la lista de líderes',
  'paper.add_new': 'Agregar y registrar',
  'paper.added': 'Registrados ahora: {n}',
  'paper.ok': '{name}: entrada registrada.',
  'paper.already': '{name} ya entró ({at}).',
  'paper.here': 'ya entró',
  'paper.none': 'No se encontró a nadie con ese nombre.',
  'paper.undo': 'Anular',
}, {
  'paper.title': 'Paper sheet: {name}',
  'paper.help': 'When a door had to use a paper sheet, type the names here. Type part of a name and press Enter to check in the highlighted person; use the arrows to choose another.',
  'paper.date': 'Date on the sheet',
  'paper.time': 'Time on the sheet',
  'paper.search': 'Name on the sheet',
  'paper.not_on_roster': 'Not on the roster',
  'paper.add_new': 'Add and check in',
  'paper.added': 'Checked in now: {n}',
  'paper.ok': '{name}: check-in recorded.',
  'paper.already': '{name} was already checked in ({at}).',
  'paper.here': 'already checked in',
  'paper.none': 'Nobody found by that name.',
  'paper.undo': 'Undo',
});

const id = Number(param('id'));
const base = `/api/actions/${id}`;
let action = null;
let roster = [];
const instName = new Map();
let matches = [];
let selected = 0;
const added = [];

async function main() {
  if (!(await start())) return;
  const [a, r, insts] = await Promise.all([call('GET', base), call('GET', base + '/roster'), call('GET', '/api/institutions')]);
  action = a.action;
  for (const i of insts) instName.set(i.id, i.name);
  roster = r.leaders.map((l) => ({ ...l, key: fold(l.name + ' ' + (instName.get(l.institution) || '')) }));
  $('date').value = action.date;
  $('time').value = action.starts_at || new Date().toTimeString().slice(0, 5);
  $('new-form').elements.institution.replaceChildren(...insts.map((i) => el('option', { value: String(i.id), text: `${iso(i.name)} (${iso(i.chapter.name)})` })));
  $('search').addEventListener('input', search);
  $('search').addEventListener('keydown', keys);
  $('new-form').addEventListener('submit', addNew);
  onLang(render);
  render();
  $('search').focus();
}

function render() {
  $('title').textContent = t('paper.title', { name: action.name });
  apply();
  renderMatches();
  renderAdded();
}

function sheetTime() {
  return new Date(`${$('date').value}T${$('time').value || '00:00'}`).toISOString();
}

function search() {
  const q = fold($('search').value);
  selected = 0;
  if (!q) { matches = []; return renderMatches(); }
  const first = q.split(' ')[0];
  matches = roster.filter((l) => hasWords(l.key, q))
    .sort((a, b) => (b.key.startsWith(first) - a.key.startsWith(first)) || (!!a.checked_in_at - !!b.checked_in_at))
    .slice(0, 8);
  renderMatches();
}

function renderMatches() {
  const list = $('matches');
  const typed = $('search').value.trim() !== '';
  list.classList.toggle('hidden', !typed);
  $('search').setAttribute('aria-expanded', String(typed));
  if (typed && matches.length === 0) {
    list.replaceChildren(el('li', { className: 'muted', text: t('paper.none') }));
    return;
  }
  list.replaceChildren(...matches.map((l, i) => {
    const li = el('li', { role: 'option', 'aria-selected': String(i === selected), className: l.checked_in_at ? 'done' : '' },
      el('span', { text: l.name }),
      el('span', { className: 'where', text: iso(instName.get(l.institution) || '') + (l.checked_in_at ? ' · ' + t('paper.here') : '') }));
    li.addEventListener('mousedown', (ev) => { ev.preventDefault(); checkIn(l); });
    return li;
  }));
}

function keys(ev) {
  if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
    ev.preventDefault();
    if (matches.length) selected = (selected + (ev.key === 'ArrowDown' ? 1 : matches.length - 1)) % matches.length;
    renderMatches();
  } else if (ev.key === 'Enter') {
    ev.preventDefault();
    if (matches[selected]) checkIn(matches[selected]);
  } else if (ev.key === 'Escape') {
    $('search').value = '';
    search();
  }
}

async function checkIn(l) {
  const clientId = uuid();
  try {
    const res = await call('POST', base + '/paper', { id: clientId, code: l.code, at: sheetTime() });
    done(l, res, clientId);
  } catch (e) {
    showError($('paper-error'), e);
  }
}

function done(l, res, clientId) {
  showError($('paper-error'), null);
  const msg = $('paper-msg');
  if (res.status === 'already_checked_in') {
    msg.textContent = t('paper.already', { name: l.name, at: dateTime(res.first?.at) });
  } else {
    l.checked_in_at = res.at;
    added.unshift({ leader: l, id: clientId, at: res.at });
    msg.textContent = t('paper.ok', { name: l.name });
  }
  msg.classList.remove('hidden');
  $('search').value = '';
  search();
  renderAdded();
  $('search').focus();
}

async function addNew(ev) {
  ev.preventDefault();
  const f = ev.target.elements;
  const clientId = uuid();
  try {
    const res = await call('POST', base + '/paper/leaders', { id: clientId, name: f.name.value,
      institution: Number(f.institution.value), phone: f.phone.value.trim(), at: sheetTime() });
    const l = { code: res.leader.code, name: res.leader.name, institution: res.leader.institution.id };
    l.key = fold(l.name + ' ' + (instName.get(l.institution) || ''));
    roster.push(l);
    ev.target.reset();
    $('new-person').open = false;
    done(l, res, clientId);
  } catch (e) {
    showError($('paper-error'), e);
  }
}

function renderAdded() {
  $('added-title').textContent = t('paper.added', { n: added.length });
  $('added').replaceChildren(...added.map((a) => {
    const undo = el('button', { type: 'button', className: 'secondary small', text: t('paper.undo') });
    undo.addEventListener('click', async () => {
      try {
        await call('POST', `${base}/checkins/${a.id}/undo`);
        a.leader.checked_in_at = null;
        added.splice(added.indexOf(a), 1);
        renderAdded();
      } catch (e) { showError($('paper-error'), e); }
    });
    return el('li', {}, el('span', { text: `${a.leader.name} · ${instName.get(a.leader.institution) || ''}` }), undo);
  }));
}

main();
