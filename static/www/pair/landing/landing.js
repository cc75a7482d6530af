// The landing page: where phones find the HTTPS address and learn to accept
// its certificate; over HTTPS it says the connection is ready. A phone gets
// one big button to the secure address (a QR on its own screen is of no use
// to it); a laptop's screen shows the QR for the phones around it.
import { add, apply, bindSwitch } from '/shared/i18n.js';
import { certSteps } from '/pair/landing/cert.js';

add({
  'land.running': 'El servidor está funcionando.',
  'land.secure': '✓ Conexión segura con el servidor',
  'land.secure_next': 'Ahora escanee el código QR para conectar que le muestra el organizador. Si este teléfono ya está conectado, abra el escáner.',
  'land.open_scanner': 'Abrir el escáner',
  'land.phones': 'Teléfonos de puerta: abra la dirección segura',
  'land.open_secure': 'Abrir la dirección segura',
  'land.qr_alt': 'Código QR de la dirección segura',
  'land.scan': 'Escanee este código con la cámara del teléfono, o escriba:',
  'land.then': 'Después, escanee el código QR para conectar que le muestra el organizador: el teléfono abrirá el escáner.',
  'land.fp': 'Huella del certificado',
  'land.nohttps': 'HTTPS está apagado en este servidor: las cámaras de los teléfonos no funcionarán por HTTP.',
  'land.scanner': 'Escáner de puerta',
  'land.doors': 'Puertas y teléfonos (organizadores)',
  'land.console': 'Consola de organizadores',
}, {
  'land.running': 'The server is running.',
  'land.secure': '✓ Secure connection to the server',
  'land.secure_next': 'Now scan the QR code to connect that the organizer shows you. If this phone is already connected, open the scanner.',
  'land.open_scanner': 'Open the scanner',
  'land.phones': 'Door phones: open the secure address',
  'land.open_secure': 'Open the secure address',
  'land.qr_alt': 'QR code of the secure address',
  'land.scan': 'Scan this code with the phone\'s camera, or type:',
  'land.then': 'Then scan the QR code to connect that the organizer shows you: the phone opens the scanner.',
  'land.fp': 'Certificate fingerprint',
  'land.nohttps': 'HTTPS is off on this server: phone cameras will not work over plain HTTP.',
  'land.scanner': 'Door scanner',
  'land.doors': 'Doors and phones (organizers)',
  'land.console': 'Organizer console',
});

const $ = (id) => document.getElementById(id);

async function show() {
  certSteps($('cert-steps'));
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
  if (info && info.url) {
    $('https-url').textContent = info.url;
    $('https-url').href = info.url;
    $('open-secure').href = info.url;
  }
  if (info && !info.https) {
    $('no-https').classList.remove('hidden');
    $('open-secure').classList.add('hidden');
  }
  if (info && info.fingerprint) {
    $('fp').textContent = info.fingerprint;
    $('fp-box').classList.remove('hidden');
  }
}

show();
