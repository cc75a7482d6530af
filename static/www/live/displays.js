// The action's display links, for organizers: when each was made, whether
// it still works, and a button that revokes it (pressed twice). A revoked
// display's screens close within seconds. It runs beside main.js and needs
// nothing of it: it starts once the board shows, and finds the action the
// same way (?action=, or the only one).
import { api } from '/shared/api.js';
import { add, apply, errorText, t } from '/shared/i18n.js';
import { dateTime } from '/shared/clock.js';

add({
  'l.displays': 'Pantallas del proyector',
  'l.disp.help': 'Cada enlace de pantalla abre el proyector. Si le quita el acceso a uno, las pantallas que lo usan se cierran en segundos.',
  'l.disp.col.id': 'Pantalla',
  'l.disp.col.made': 'Creada',
  'l.disp.col.state': 'Estado',
  'l.disp.live': 'Activa',
  'l.disp.revoked': 'Sin acceso desde {time}',
  'l.disp.revoke': 'Quitar acceso',
  'l.disp.confirm': '¿Quitar acceso? Presione otra vez',
  'l.disp.none': 'Todavía no hay enlaces de pantalla.',
}, {
  'l.displays': 'Projector displays',
  'l.disp.help': 'Each display link opens the projector. Removing one\'s access closes the screens that use it within seconds.',
  'l.disp.col.id': 'Display',
  'l.disp.col.made': 'Made',
  'l.disp.col.state': 'State',
  'l.disp.live': 'Active',
  'l.disp.revoked': 'No access since {time}',
  'l.disp.revoke': 'Remove access',
  'l.disp.confirm': 'Remove access? Press again',
  'l.disp.none': 'No display links yet.',
});

const EVERY = 15000;
const $ = (id) => document.getElementById(id);
const view = { csrf: '', action: '', list: [] };

/** whenBoard calls start once the board shows: at load, or after a sign-in. */
export function whenBoard(start) {
  const board = $('board');
  if (!board) return;
  let started = false;
  const obs = new MutationObserver(() => check());
  const check = () => {
    if (started || board.classList.contains('hidden')) return;
    started = true;
    obs.disconnect();
    start();
  };
  obs.observe(board, { attributes: true, attributeFilter: ['class'] });
  check();
}

/** organizer is the signed-in organizer's session, or null. */
export async function organizer() {
  try {
    const me = await api('GET', '/api/session');
    return me.role === 'organizer' ? me : null;
  } catch {
    return null;
  }
}

async function chooseAction() {
  const actions = await api('GET', '/api/actions');
  const want = new URLSearchParams(location.search).get('action');
  return actions.find((a) => String(a.id) === want) ?? (actions.length === 1 ? actions[0] : null);
}

function cell(text) {
  const td = document.createElement('td');
  td.textContent = text;
  return td;
}

function head() {
  const tr = document.createElement('tr');
  for (const key of ['l.disp.col.id', 'l.disp.col.made', 'l.disp.col.state', '']) {
    const th = document.createElement('th');
    th.textContent = key ? t(key) : '';
    tr.append(th);
  }
  return tr;
}

function revokeButton(d) {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = 'secondary';
  b.textContent = t('l.disp.revoke');
  b.addEventListener('click', () => revoke(d, b));
  const td = document.createElement('td');
  td.append(b);
  return td;
}

function render() {
  const table = $('displays');
  (table.tHead || table.createTHead()).replaceChildren(head());
  const rows = view.list.map((d) => {
    const tr = document.createElement('tr');
    if (d.revoked_at) tr.className = 'revoked';
    tr.append(cell('#' + d.id), cell(dateTime(d.created_at)),
      cell(d.revoked_at ? t('l.disp.revoked', { time: dateTime(d.revoked_at) }) : t('l.disp.live')),
      d.revoked_at ? cell('') : revokeButton(d));
    return tr;
  });
  if (!rows.length) {
    const td = cell(t('l.disp.none'));
    td.colSpan = 4;
    rows.push(document.createElement('tr'));
    rows[0].append(td);
  }
  (table.tBodies[0] || table.createTBody()).replaceChildren(...rows);
}

async function load() {
  try {
    view.list = await api('GET', `/api/actions/${encodeURIComponent(view.action)}/displays`);
    render();
  } catch { /* the live feed already says when the server is unreachable */ }
}

/** revoke needs two presses: the first arms the button for five seconds. */
async function revoke(d, button) {
  if (!button.dataset.armed) {
    button.dataset.armed = '1';
    button.textContent = t('l.disp.confirm');
    setTimeout(() => { delete button.dataset.armed; button.textContent = t('l.disp.revoke'); }, 5000);
    return;
  }
  button.disabled = true;
  try {
    await api('POST', `/api/actions/${encodeURIComponent(view.action)}/displays/${encodeURIComponent(d.id)}/revoke`,
      { csrf: view.csrf });
    $('displays-error').textContent = '';
  } catch (e) {
    $('displays-error').textContent = errorText(e.code);
  }
  await load();
}

async function start() {
  const me = await organizer();
  const action = me && (await chooseAction().catch(() => null));
  if (!action) return;
  Object.assign(view, { csrf: me.csrf, action: String(action.id) });
  $('displays-panel').classList.remove('hidden');
  await load();
  setInterval(load, EVERY);
  // A link made with the button beside shows up at once.
  $('display-make')?.addEventListener('click', () => setTimeout(load, 1000));
  document.addEventListener('langchange', render);
}

apply($('displays-panel') ?? document.createElement('div'));
whenBoard(start);
