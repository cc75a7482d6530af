// What a phone shows the first time it opens the secure address (the
// certificate is this computer's own, so the browser warns), and the two
// taps that accept it on Android and on iPhone. The landing page shows it to
// the phone; the pairing window shows it to the organizer beside the QR.
import { add, t } from '/shared/i18n.js';

add({
  'cert.warning': 'El teléfono dirá que la conexión no es privada. Es normal: el certificado es de esta computadora y no de una empresa. Acéptelo una sola vez:',
  'cert.a1': '1. Toque «Configuración avanzada» (Advanced).',
  'cert.a2': '2. Toque «Acceder a … (sitio no seguro)» (Proceed … unsafe).',
  'cert.i1': '1. Toque «Mostrar detalles» (Show Details).',
  'cert.i2': '2. Toque «visitar este sitio web» y luego «Visitar sitio web» (visit this website).',
}, {
  'cert.warning': 'The phone will say the connection is not private. That is expected: the certificate belongs to this computer, not to a company. Accept it once:',
  'cert.a1': '1. Tap “Advanced” («Configuración avanzada»).',
  'cert.a2': '2. Tap “Proceed to … (unsafe)” («Acceder a … (sitio no seguro)»).',
  'cert.i1': '1. Tap “Show Details” («Mostrar detalles»).',
  'cert.i2': '2. Tap “visit this website”, then confirm “Visit Website” («visitar este sitio web»).',
});

const PLATFORMS = [
  ['Android · Chrome', [['android-1', 'cert.a1'], ['android-2', 'cert.a2']]],
  ['iPhone · Safari', [['iphone-1', 'cert.i1'], ['iphone-2', 'cert.i2']]],
];

/** certSteps fills el with the two taps for each platform, as pictures with captions. */
export function certSteps(el) {
  el.replaceChildren(...PLATFORMS.map(([name, taps]) => {
    const box = document.createElement('article');
    box.className = 'platform';
    const h = document.createElement('h3');
    h.textContent = name;
    box.append(h, ...taps.map(([img, key]) => figure(img, key)));
    return box;
  }));
}

function figure(img, key) {
  const fig = document.createElement('figure');
  const pic = document.createElement('img');
  pic.src = `/pair/landing/${img}.svg`;
  pic.width = 120;
  pic.height = 220;
  pic.alt = '';
  const cap = document.createElement('figcaption');
  cap.dataset.i18n = key;
  cap.textContent = t(key);
  fig.append(pic, cap);
  return fig;
}
