// The landing page: where phones find the HTTPS address and learn to accept
// its certificate; over HTTPS it says the connection is ready.
import { add, apply, bindSwitch } from '/shared/i18n.js';

add({
  'land.running': 'El servidor está funcionando.',
  'land.secure': '✓ Conexión segura con el servidor',
  'land.secure_next': 'Ahora escanee el código QR de emparejamiento que le muestra el organizador. Si este teléfono ya está emparejado, abra el escáner.',
  'land.open_scanner': 'Abrir el escáner',
  'land.phones': 'Teléfonos de puerta: abran la dirección segura',
  'land.qr_alt': 'Código QR de la dirección segura',
  'land.scan': 'Escanee este código con la cámara del teléfono, o escriba:',
  'land.warning': 'El teléfono dirá que la conexión no es privada. Es normal: el certificado es de esta computadora y no de una empresa. Acéptelo una sola vez:',
  'land.a1': '1. Toque «Configuración avanzada» (Advanced).',
  'land.a2': '2. Toque «Acceder a … (sitio no seguro)» (Proceed … unsafe).',
  'land.i1': '1. Toque «Mostrar detalles» (Show Details).',
  'land.i2': '2. Toque «visitar este sitio web» y luego «Visitar sitio web» (visit this website).',
  'land.then': 'Después, escanee el código QR de emparejamiento que le muestra el organizador: el teléfono abrirá el escáner.',
  'land.fp': 'Huella del certificado',
  'land.nohttps': 'HTTPS está apagado en este servidor: las cámaras de los teléfonos no funcionarán por HTTP.',
  'land.scanner': 'Escáner de puerta',
  'land.doors': 'Puertas y emparejamiento (organizadores)',
  'land.console': 'Consola de organizadores',
}, {
  'land.running': 'The server is running.',
  'land.secure': '✓ Secure connection to the server',
  'land.secure_next': 'Now scan the pairing QR code the organizer shows you. If this phone is already paired, open the scanner.',
  'land.open_scanner': 'Open the scanner',
  'land.phones': 'Door phones: open the secure address',
  'land.qr_alt': 'QR code of the secure address',
  'land.scan': 'Scan this code with the phone\'s camera, or type:',
  'land.warning': 'The phone will say the connection is not private. That is expected: the certificate belongs to this computer, not to a company. Accept it once:',
  'land.a1': '1. Tap “Advanced” («Configuración avanzada»).',
  'land.a2': '2. Tap “Proceed to … (unsafe)” («Acceder a … (sitio no seguro)»).',
  'land.i1': '1. Tap “Show Details” («Mostrar detalles»).',
  'land.i2': '2. Tap “visit this website”, then confirm “Visit Website” («visitar este sitio web»).',
  'land.then': 'Then scan the pairing QR code the organizer shows you: the phone opens the scanner.',
  'land.fp': 'Certificate fingerprint',
  'land.nohttps': 'HTTPS is off on this server: phone cameras will not work over plain HTTP.',
  'land.scanner': 'Door scanner',
  'land.doors': 'Doors and pairing (organizers)',
  'land.console': 'Organizer console',
});

const $ = (id) => document.getElementById(id);

async function show() {
  apply();
  bindSwitch($('lang'));
  let info = null;
  try {
    const res = await fetch('/https/info', { cache: 'no-store' });
    if (res.ok) info = await res.json();
  } catch { /* the QR image still shows the address */ }
  if (location.protocol === 'https:') {
    $('secure').classList.remove('hidden');
    $('phones').classList.add('hidden');
    return;
  }
  if (info && info.url) $('https-url').textContent = info.url;
  if (info && !info.https) $('no-https').classList.remove('hidden');
  if (info && info.fingerprint) {
    $('fp').textContent = info.fingerprint;
    $('fp-box').classList.remove('hidden');
  }
}

show();
