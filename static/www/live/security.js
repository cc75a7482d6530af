// The security log's last events, for organizers: failed and throttled
// sign-ins, refused tokens, origins and server names, too many live
// connections, pairing codes tried again. Polled every 15 seconds. Every
// field is shown as text: a refused name or path is whatever a stranger
// sent.
import { api } from '/shared/api.js';
import { add, apply, t } from '/shared/i18n.js';
import { dateTime } from '/shared/clock.js';
import { organizer, whenBoard } from './displays.js';

add({
  'l.security': 'Seguridad',
  'l.sec.help': 'Lo último que el servidor rechazó. Muchas líneas desde una misma dirección merecen una mirada.',
  'l.sec.none': 'Nada que señalar.',
  'l.sec.col.at': 'Hora',
  'l.sec.col.event': 'Qué',
  'l.sec.col.remote': 'Desde',
  'l.sec.col.path': 'Dónde',
  'l.sec.col.detail': 'Detalle',
  'l.sec.ev.signin_failed': 'Inicio de sesión fallido',
  'l.sec.ev.signin_throttled': 'Inicio de sesión frenado',
  'l.sec.ev.csrf_refused': 'Cambio sin token de sesión',
  'l.sec.ev.origin_refused': 'Petición desde otro sitio',
  'l.sec.ev.token_unknown': 'Credencial desconocida',
  'l.sec.ev.token_revoked': 'Credencial sin acceso',
  'l.sec.ev.host_refused': 'Nombre de servidor ajeno',
  'l.sec.ev.socket_cap': 'Demasiadas conexiones en vivo',
  'l.sec.ev.pairing_refused': 'Código de emparejamiento rechazado',
}, {
  'l.security': 'Security',
  'l.sec.help': 'The latest the server refused. Many lines from one address deserve a look.',
  'l.sec.none': 'Nothing to report.',
  'l.sec.col.at': 'Time',
  'l.sec.col.event': 'What',
  'l.sec.col.remote': 'From',
  'l.sec.col.path': 'Where',
  'l.sec.col.detail': 'Detail',
  'l.sec.ev.signin_failed': 'Failed sign-in',
  'l.sec.ev.signin_throttled': 'Sign-in throttled',
  'l.sec.ev.csrf_refused': 'Change without session token',
  'l.sec.ev.origin_refused': 'Request from another site',
  'l.sec.ev.token_unknown': 'Unknown credential',
  'l.sec.ev.token_revoked': 'Revoked credential',
  'l.sec.ev.host_refused': 'Foreign server name',
  'l.sec.ev.socket_cap': 'Too many live connections',
  'l.sec.ev.pairing_refused': 'Pairing code refused',
});

const EVERY = 15000;
const SHOWN = 50;
const $ = (id) => document.getElementById(id);
let events = [];

/** row is a table row of text cells, th or td. */
function row(cells, tag = 'td') {
  const tr = document.createElement('tr');
  for (const text of cells) {
    const td = document.createElement(tag);
    td.textContent = text;
    td.dir = 'auto';
    tr.append(td);
  }
  return tr;
}

function render() {
  const table = $('security');
  const cols = ['at', 'event', 'remote', 'path', 'detail'];
  (table.tHead || table.createTHead()).replaceChildren(row(cols.map((c) => t('l.sec.col.' + c)), 'th'));
  const rows = events.slice(0, SHOWN).map((e) =>
    row([dateTime(e.at), t('l.sec.ev.' + e.event), e.remote, e.path, e.detail ?? '']));
  if (!rows.length) rows.push(row([t('l.sec.none')]));
  (table.tBodies[0] || table.createTBody()).replaceChildren(...rows);
}

async function load() {
  try {
    events = (await api('GET', '/api/security/events')).events;
    render();
  } catch { /* shown again on the next poll */ }
}

async function start() {
  if (!(await organizer())) return;
  $('security-panel').classList.remove('hidden');
  await load();
  setInterval(load, EVERY);
  document.addEventListener('langchange', render);
}

apply($('security-panel') ?? document.createElement('div'));
whenBoard(start);
