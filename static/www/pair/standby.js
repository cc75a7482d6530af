// Opened once on a door phone, at the venue's standby, from the pairing
// page or the scanner (venue.js's acceptURL): reaching it accepts the
// standby's certificate on this phone, and the door's token is kept at
// this address too, so a scanner opened here works the same. It checks that
// the standby knows the door, then leads back to the scanner at the
// primary, an address the standby itself names as its primary (never one
// a link could make up).
import { api, ApiError } from '/shared/api.js';
import { add, apply, bindSwitch, t } from '/shared/i18n.js';

add({
  'standby.title': 'Computadora de respaldo',
  'standby.checking': 'Comprobando…',
  'standby.ready': 'Listo: este teléfono («{door}») puede enviar a la computadora de respaldo si la principal falla.',
  'standby.back': 'Volver al escáner',
  'standby.other_tab': 'Vuelva al escáner en la pestaña de la computadora principal.',
  'standby.unknown': 'La computadora de respaldo todavía no conoce esta puerta. Espere un minuto y toque «Reintentar».',
  'standby.notoken': 'Este enlace no trae la puerta. Ábralo desde la página para conectar o desde el escáner.',
  'standby.retry': 'Reintentar',
}, {
  'standby.title': 'Standby computer',
  'standby.checking': 'Checking…',
  'standby.ready': 'Done: this phone (“{door}”) can send to the standby computer if the main one fails.',
  'standby.back': 'Back to the scanner',
  'standby.other_tab': 'Go back to the scanner in the main computer\'s tab.',
  'standby.unknown': 'The standby computer does not know this door yet. Wait a minute and tap “Retry”.',
  'standby.notoken': 'This link carries no door. Open it from the pairing page or the scanner.',
  'standby.retry': 'Retry',
});

const CRED = 'presente.door';
const $ = (id) => document.getElementById(id);

function say(key, vars) {
  $('standby-status').textContent = t(key, vars);
}

/** take keeps the token the link carries, then clears the address bar. */
function take() {
  const h = new URLSearchParams(location.hash.slice(1));
  history.replaceState(null, '', location.pathname);
  const token = h.get('token');
  if (token && /^door_[a-z0-9]+$/.test(token)) {
    let cred = null;
    try { cred = JSON.parse(localStorage.getItem(CRED) || 'null'); } catch { /* replaced below */ }
    if (!cred || cred.token !== token) localStorage.setItem(CRED, JSON.stringify({ token }));
  }
  return h.get('back') || '';
}

async function check(back) {
  $('standby-retry').classList.add('hidden');
  let cred = null;
  try { cred = JSON.parse(localStorage.getItem(CRED) || 'null'); } catch { /* none */ }
  if (!cred?.token) { say('standby.notoken'); return; }
  try {
    const me = await api('GET', '/api/session', { token: cred.token });
    localStorage.setItem(CRED, JSON.stringify({ ...cred, action: me.door.action, door: me.door.name, venue: me.venue }));
    say('standby.ready', { door: me.door.name });
    if (me.venue?.primary?.includes(back)) {
      $('standby-back').href = back + '/door/';
      $('standby-back').classList.remove('hidden');
    } else {
      $('standby-status').textContent += ' ' + t('standby.other_tab');
    }
  } catch (e) {
    say(e instanceof ApiError && e.status === 401 ? 'standby.unknown' : 'error.network');
    $('standby-retry').classList.remove('hidden');
  }
}

apply();
bindSwitch($('lang'));
const back = take();
$('standby-retry').addEventListener('click', () => check(back));
check(back);
