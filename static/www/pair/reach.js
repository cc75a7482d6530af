// The doors page's word on the network: whether any phone has reached this
// computer over HTTPS, and, when a pairing QR goes unclaimed for a minute,
// what usually causes that. A QR nobody claims says little alone; whether
// other phones got through tells the network apart from the phone.
import { api } from '/shared/api.js';
import { add, t } from '/shared/i18n.js';

add({
  'reach.none': 'Ningún teléfono ha llegado todavía a esta computadora por HTTPS ({url}).',
  'reach.seen': '✓ Un teléfono llegó a esta computadora por HTTPS {ago} ({n} en total).',
  'reach.now': 'hace un momento',
  'reach.mins': 'hace {n} min',
  'reach.off': 'HTTPS está apagado en este servidor: las cámaras de los teléfonos no funcionarán.',
  'reach.guide': 'Guía de la red del lugar',
  'hint.title': 'Ningún teléfono usó este código en un minuto.',
  'hint.network': 'Ningún teléfono ha llegado a esta computadora por HTTPS, así que casi siempre es la red: el teléfono está en otro Wi-Fi o en datos móviles, el Wi-Fi del lugar aísla los aparatos, o el firewall de Windows bloquea a Presente (responda «Permitir acceso» en redes privadas). Pruebe el punto de acceso de esta computadora o un router de viaje.',
  'hint.phone': 'Otros teléfonos sí llegaron, así que la red funciona. En este teléfono: que esté en el mismo Wi-Fi y no en datos móviles, que haya aceptado el aviso del certificado («visitar este sitio web» / «Acceder»), y que haya tocado el enlace que la cámara muestra sobre el código.',
}, {
  'reach.none': 'No phone has reached this computer over HTTPS yet ({url}).',
  'reach.seen': '✓ A phone reached this computer over HTTPS {ago} ({n} in all).',
  'reach.now': 'just now',
  'reach.mins': '{n} min ago',
  'reach.off': 'HTTPS is off on this server: phone cameras will not work.',
  'reach.guide': 'Venue network guide',
  'hint.title': 'No phone used this code within a minute.',
  'hint.network': 'No phone has reached this computer over HTTPS, so it is almost always the network: the phone is on another Wi-Fi or on mobile data, the venue Wi-Fi keeps devices apart, or the Windows firewall blocks Presente (answer "Allow access" on private networks). Try this computer\'s hotspot or a travel router.',
  'hint.phone': 'Other phones got through, so the network works. On this phone: check it is on the same Wi-Fi and not on mobile data, that it accepted the certificate warning ("visit this website" / "Proceed"), and that it tapped the link the camera shows over the code.',
});

const HINT_AFTER_MS = 60000;
const POLL_MS = 5000;
const $ = (id) => document.getElementById(id);
let net = null; // the last answer of /api/network

/** watchReach keeps the page's reach line up to date while it is open. */
export async function watchReach() {
  try {
    net = await api('GET', '/api/network');
    renderReach();
  } catch { /* keep the last word; the doors list shows errors */ }
  setTimeout(watchReach, POLL_MS);
}

/** renderReach writes the reach line in the current language. */
export function renderReach() {
  const box = $('reach');
  if (!net || !box) return;
  const seen = net.phones && net.phones.last_at;
  box.className = 'reach ' + (!net.https ? 'bad' : seen ? 'ok' : 'warn');
  let text = t('reach.off');
  if (net.https) text = seen ? t('reach.seen', { ago: ago(seen), n: net.phones.devices }) : t('reach.none', { url: net.https_url });
  $('reach-text').textContent = text;
}

function ago(at) {
  const m = Math.floor((Date.now() - Date.parse(at)) / 60000);
  return m < 1 ? t('reach.now') : t('reach.mins', { n: m });
}

/** hintQR says what usually keeps a phone from a QR shown since opened,
 *  once a minute has passed unclaimed; paired or closed, it hides. */
export function hintQR(opened, paired) {
  const box = $('qr-hint');
  const show = !paired && opened && Date.now() - opened >= HINT_AFTER_MS;
  box.classList.toggle('hidden', !show);
  if (!show) return;
  const reached = Boolean(net && net.phones && net.phones.last_at);
  $('qr-hint-title').textContent = t('hint.title');
  $('qr-hint-text').textContent = t(reached ? 'hint.phone' : 'hint.network');
}
