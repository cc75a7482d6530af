// The phone's landing from a pairing QR: trade the one-time code for the
// door's token, keep it in the browser, and open the scanner.
import { api, ApiError } from '/shared/api.js';
import { add, apply, bindSwitch, t, errorText } from '/shared/i18n.js';

add({
  'pair.title': 'Emparejar este teléfono',
  'pair.working': 'Emparejando…',
  'pair.done': 'Listo: este teléfono es «{door}». Abriendo el escáner…',
  'pair.nocode': 'Este enlace no trae código de emparejamiento.',
  'pair.help': 'Pida al organizador un código QR nuevo y escanéelo con la cámara del teléfono.',
  'pair.open': 'Abrir el escáner',
  'error.pairing_used': 'Este código ya se usó o fue reemplazado por uno nuevo.',
  'error.pairing_expired': 'Este código venció (dura 10 minutos).',
  'error.pairing_unknown': 'Código de emparejamiento desconocido.',
}, {
  'pair.title': 'Pair this phone',
  'pair.working': 'Pairing…',
  'pair.done': 'Done: this phone is “{door}”. Opening the scanner…',
  'pair.nocode': 'This link carries no pairing code.',
  'pair.help': 'Ask the organizer for a new QR code and scan it with the phone\'s camera.',
  'pair.open': 'Open the scanner',
  'error.pairing_used': 'This code was already used or replaced by a newer one.',
  'error.pairing_expired': 'This code expired (it lasts 10 minutes).',
  'error.pairing_unknown': 'Unknown pairing code.',
});

const $ = (id) => document.getElementById(id);

function say(text, failed) {
  $('pair-status').textContent = text;
  $('pair-status').classList.toggle('error', !!failed);
  $('pair-help').classList.toggle('hidden', !failed);
}

async function pair() {
  const m = location.hash.match(/code=([0-9A-Za-z]+)/);
  // The code leaves the address bar at once: it must not stay in history.
  history.replaceState(null, '', location.pathname);
  if (!m) { say(t('pair.nocode'), true); return; }
  try {
    const res = await api('POST', '/pair/claim', { body: { code: m[1] } });
    localStorage.setItem('presente.door', JSON.stringify({ token: res.token, action: res.door.action,
      door: res.door.name, actionName: res.action.name }));
    say(t('pair.done', { door: res.door.name }));
    $('pair-open').classList.remove('hidden');
    setTimeout(() => location.replace('/door/'), 900);
  } catch (e) {
    say(errorText(e instanceof ApiError ? e.code : 'generic'), true);
  }
}

apply();
bindSwitch($('lang'));
pair();
