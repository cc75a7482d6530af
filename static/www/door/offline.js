// Surviving a reload with the laptop out of reach. Where the browser lets
// the scanner register its service worker (sw.js), a reload offline comes
// back as a working scanner, and this module only keeps the files the page
// loaded in the worker's cache. On Presente's self-signed certificate
// Chromium refuses service workers ("An SSL certificate error occurred
// when fetching the script"; sw.js says what WebKit does): a reload
// offline would show the browser's "can't reach this site" page. There
// this module keeps a reload from happening by accident (a leave-page
// confirmation while scans are unsent; offline.css stops pull-to-refresh)
// and says what to do. It reads the state the scanner shows (#net,
// #unsent) and changes none of it.
// <html data-reload="safe|unsafe"> tells which path this phone is on.
import { add, t } from '/shared/i18n.js';

const CACHE = 'presente-door-v1'; // sw.js keeps its copies here
const root = document.documentElement;
const $ = (id) => document.getElementById(id);

add({
  'reload.offline': 'No recargue ni cierre esta página: los registros quedan en este teléfono y se envían solos al volver la conexión.',
  'reload.if': 'Si se recargó y el navegador dice que no puede abrir el sitio, no se perdió nada: vuelva a abrir esta dirección cuando la computadora esté otra vez en la red.',
}, {
  'reload.offline': 'Do not reload or close this page: scans are kept on this phone and sent by themselves when the connection is back.',
  'reload.if': 'If it was reloaded and the browser says it cannot open the site, nothing is lost: open this address again once the computer is back on the network.',
});

/** cacheable is what the scanner loads to run; the same rule is in sw.js. */
function cacheable(path) {
  return !path.startsWith('/api/') && !path.startsWith('/pair/claim') && !path.startsWith('/https/') && path !== '/healthz';
}

/** register installs the service worker and keeps what this page loaded; false where the browser refuses. */
async function register() {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return false;
  try {
    await navigator.serviceWorker.register('/door/sw.js', { scope: '/door/' });
    await navigator.serviceWorker.ready;
    await keepLoaded();
    return await controlled();
  } catch (e) {
    console.warn('no service worker, reloads are guarded instead:', e.message);
    return false;
  }
}

/** controlled waits, a few seconds at most, for the worker to take this page over (it claims it on activation). */
function controlled() {
  if (navigator.serviceWorker.controller) return Promise.resolve(true);
  return new Promise((resolve) => {
    navigator.serviceWorker.addEventListener('controllerchange', () => resolve(true), { once: true });
    setTimeout(() => resolve(Boolean(navigator.serviceWorker.controller)), 5000);
  });
}

/** keepLoaded copies the page and every file it loaded into the worker's cache. */
async function keepLoaded() {
  const paths = new Set([location.pathname]);
  for (const e of performance.getEntriesByType('resource')) {
    const u = new URL(e.name);
    if (u.origin === location.origin && cacheable(u.pathname)) paths.add(u.pathname);
  }
  const cache = await caches.open(CACHE);
  const kept = await Promise.all([...paths].map((p) => cache.add(p).then(() => true, () => false)));
  if (!kept[0]) throw new Error('the page itself could not be kept');
}

const unsent = () => Number($('unsent')?.dataset.count || 0);
const offline = () => $('net')?.dataset.online === 'false';

/**
 * banner shows, while offline where a reload would not come back, what
 * not to do: above the scanner, in a few lines, so that at 360×740 the
 * undo of the last entry stays on the screen (the header above it says
 * offline and how many wait); what to do if it happened anyway is under
 * the scanner, for whoever scrolls.
 */
function banner() {
  const box = document.createElement('p');
  box.id = 'reload-warning';
  box.className = 'reload-warning hidden';
  box.setAttribute('role', 'status');
  const now = document.createElement('strong');
  box.append(now);
  (document.querySelector('.bar') || document.body.firstChild).after(box);
  const later = document.createElement('p');
  later.id = 'reload-if';
  later.className = 'reload-if hidden';
  (document.querySelector('.scanner') || document.body).append(later);
  const draw = () => {
    now.textContent = t('reload.offline');
    later.textContent = t('reload.if');
    const hide = root.dataset.reload === 'safe' || !offline();
    box.classList.toggle('hidden', hide);
    later.classList.toggle('hidden', hide);
  };
  const watch = new MutationObserver(draw);
  for (const id of ['net', 'unsent']) if ($(id)) watch.observe($(id), { attributes: true });
  document.addEventListener('langchange', draw);
  draw();
  return draw;
}

function guard() {
  root.dataset.reload = 'pending';
  const draw = banner();
  window.addEventListener('beforeunload', (e) => {
    if (root.dataset.reload === 'safe' || unsent() === 0) return;
    e.preventDefault();
    e.returnValue = ''; // older Safari and Chromium ask only when this is set
  });
  register().then((ok) => {
    root.dataset.reload = ok ? 'safe' : 'unsafe';
    draw();
  });
}

guard();
