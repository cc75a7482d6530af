// The phone's landing from a pairing QR (on screen, a "código QR para
// conectar": the Spanish word for pairing sounds like Bluetooth): trade the
// one-time code for the door's token, keep it in the browser, and open the
// scanner. At a venue with a standby, first offer to open the standby once:
// the phone accepts its certificate too (as it did the primary's) and the
// standby's address keeps the door's token, so the scanner can send there
// when the primary does not answer.
import { api, ApiError } from '/shared/api.js';
import { add, apply, bindSwitch, t, errorText } from '/shared/i18n.js';
import { acceptURL } from '/door/venue.js';

add({
  'pair.title': 'Conectar este teléfono',
  'pair.working': 'Conectando…',
  'pair.done': 'Conectado: este teléfono es «{door}». Abriendo el escáner…',
  'pair.nocode': 'Este enlace no trae el código para conectar.',
  'pair.help': 'Pida al organizador un código QR nuevo para conectar y escanéelo con la cámara del teléfono.',
  'pair.open': 'Abrir el escáner',
  'pair.connected': 'Conectado: este teléfono es «{door}».',
  'pair.standby': 'Esta sede tiene una computadora de respaldo. Ábrala una vez en este teléfono: si la principal falla, el escáner sigue con ella. Si el navegador avisa del certificado, acéptelo como con la principal.',
  'pair.standby_open': 'Abrir el respaldo',
  'error.pairing_used': 'Este código ya se usó o fue reemplazado por uno nuevo.',
  'error.pairing_expired': 'Este código venció (dura 10 minutos).',
  'error.pairing_unknown': 'Este código para conectar no es válido.',
}, {
  'pair.title': 'Connect this phone',
  'pair.working': 'Connecting…',
  'pair.done': 'Connected: this phone is “{door}”. Opening the scanner…',
  'pair.nocode': 'This link carries no code to connect.',
  'pair.help': 'Ask the organizer for a new QR code to connect and scan it with the phone\'s camera.',
  'pair.open': 'Open the scanner',
  'pair.connected': 'Connected: this phone is “{door}”.',
  'pair.standby': 'This venue has a standby computer. Open it once on this phone: if the main one fails, the scanner goes on with it. If the browser warns about the certificate, accept it as you did for the main one.',
  'pair.standby_open': 'Open the standby',
  'error.pairing_used': 'This code was already used or replaced by a newer one.',
  'error.pairing_expired': 'This code expired (it lasts 10 minutes).',
  'error.pairing_unknown': 'This code to connect is not valid.',
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
      door: res.door.name, actionName: res.action.name, venue: res.venue }));
    say(t('pair.done', { door: res.door.name }));
    $('pair-open').classList.remove('hidden');
    const standby = res.venue?.standby?.[0];
    if (!standby) {
      setTimeout(() => location.replace('/door/'), 900);
      return;
    }
    say(t('pair.connected', { door: res.door.name }));
    $('pair-standby').classList.remove('hidden');
    $('pair-standby-open').href = acceptURL(standby, res.token);
    $('pair-open').classList.add('secondary');
  } catch (e) {
    say(errorText(e instanceof ApiError ? e.code : 'generic'), true);
  }
}

apply();
bindSwitch($('lang'));
pair();
