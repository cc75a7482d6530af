// The door's service worker: keeps the scanner's own files, so that a
// reload or a discarded tab coming back with the laptop out of reach still
// opens a working scanner (its roster and its queue are in IndexedDB).
// Network first: online, every file comes fresh and refreshes the copy;
// offline, or with no answer within a few seconds, the copy answers. The
// API and the pairing claim never go through the cache.
//
// Chromium registers it only on a trusted origin: this machine's own
// address, or a certificate the phone trusts; on Presente's self-signed
// certificate it refuses it, and offline.js keeps reloads from happening by
// accident instead. WebKitGTK 2.50, with the certificate accepted for the
// session, registers it and a reload offline comes back (tried by hand;
// an iPhone's Safari may differ: offline.js guards wherever it fails).
const CACHE = 'presente-door-v1';
const WAIT_MS = 4000;

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (e) => e.waitUntil(self.clients.claim()));

self.addEventListener('fetch', (e) => {
  const url = new URL(e.request.url);
  if (e.request.method !== 'GET' || url.origin !== self.location.origin || !cacheable(url.pathname)) return;
  e.respondWith(networkFirst(e.request));
});

/** cacheable is what the scanner loads to run; the same rule is in offline.js. */
function cacheable(path) {
  return !path.startsWith('/api/') && !path.startsWith('/pair/claim') && !path.startsWith('/https/') && path !== '/healthz';
}

async function networkFirst(req) {
  const cache = await caches.open(CACHE);
  const fresh = fetch(req).then(async (res) => {
    if (res.ok && res.type === 'basic') await cache.put(req, res.clone());
    return res;
  });
  try {
    return await Promise.race([fresh, late(WAIT_MS)]);
  } catch (err) {
    const copy = await cache.match(req, { ignoreSearch: true }) ||
      (req.mode === 'navigate' ? await cache.match('/door/') : undefined);
    return copy || fresh; // no copy: the network is all there is
  }
}

function late(ms) {
  return new Promise((_, reject) => setTimeout(() => reject(new Error('slow network')), ms));
}
