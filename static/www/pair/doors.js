// The organizers' doors page: create a door, show its QR code to connect a
// phone (with the certificate warning the phone is about to show), watch
// each phone's last contact, scans and pending queue, remove a door's access.
import { api, ApiError } from '/shared/api.js';
import { clock } from '/shared/clock.js';
import { apply, bindSwitch, errorText, t } from '/shared/i18n.js';
import './doors_strings.js';
import { certSteps } from '/pair/landing/cert.js';
import { hintQR, renderReach, watchReach } from './reach.js';

const $ = (id) => document.getElementById(id);
const REFRESH_MS = 4000;

const state = { csrf: '', action: 0, doors: [], pairing: null, timer: 0, now: Date.now() };

async function start() {
  certSteps($('cert-steps'));
  apply();
  bindSwitch($('lang'));
  document.addEventListener('langchange', () => { render(); renderReach(); });
  $('signin').addEventListener('submit', signIn);
  $('new-door').addEventListener('submit', createDoor);
  $('action').addEventListener('change', () => chooseAction(Number($('action').value)));
  $('qr-close').addEventListener('click', closeQR);
  try {
    const me = await api('GET', '/api/session');
    if (me.role !== 'organizer') throw new ApiError(403, 'forbidden');
    state.csrf = me.csrf;
    await showApp();
  } catch (e) {
    showSignIn(e instanceof ApiError && e.status === 401 ? '' : errorText(e.code || 'generic'));
  }
}

function showSignIn(msg) {
  $('signin').classList.remove('hidden');
  $('app').classList.add('hidden');
  $('signin-error').textContent = msg;
  $('signin-name').focus();
}

async function signIn(e) {
  e.preventDefault();
  try {
    const res = await api('POST', '/api/session', { body: { name: $('signin-name').value, password: $('signin-password').value } });
    state.csrf = res.csrf;
    $('signin').classList.add('hidden');
    await showApp();
  } catch (err) {
    $('signin-error').textContent = errorText(err.code);
  }
}

async function showApp() {
  $('app').classList.remove('hidden');
  watchReach();
  const actions = await api('GET', '/api/actions');
  const sel = $('action');
  sel.replaceChildren();
  for (const a of actions) {
    const o = document.createElement('option');
    o.value = a.id;
    o.textContent = `${a.date} · ${a.name}`;
    sel.append(o);
  }
  const wanted = Number((location.hash.match(/action=(\d+)/) || [])[1]);
  const first = actions.find((a) => a.id === wanted) || nextAction(actions);
  if (first) chooseAction(first.id);
}

/** nextAction is the soonest action from today on, else the latest one. */
function nextAction(actions) {
  const today = new Date().toISOString().slice(0, 10);
  const coming = actions.filter((a) => a.date >= today).sort((a, b) => a.date.localeCompare(b.date));
  return coming[0] || actions[0];
}

function chooseAction(id) {
  state.action = id;
  $('action').value = String(id);
  history.replaceState(null, '', '#action=' + id);
  refresh();
}

async function refresh() {
  clearTimeout(state.timer);
  if (!state.action) return;
  try {
    state.doors = await api('GET', `/api/actions/${state.action}/doors`);
    state.now = Date.now();
    $('doors-error').textContent = '';
    render();
  } catch (e) {
    $('doors-error').textContent = errorText(e.code);
    if (e.status === 401) { showSignIn(''); return; }
  }
  state.timer = setTimeout(refresh, REFRESH_MS);
}

async function createDoor(e) {
  e.preventDefault();
  const name = $('door-name').value.trim();
  if (!name) { $('door-name').focus(); return; }
  try {
    const p = await api('POST', `/api/actions/${state.action}/pairings`, { body: { name }, csrf: state.csrf });
    $('door-name').value = '';
    showQR(p);
    refresh();
  } catch (err) {
    $('doors-error').textContent = errorText(err.code);
  }
}

async function pairAgain(door) {
  try {
    showQR(await api('POST', `/api/actions/${state.action}/doors/${door.id}/pairing`, { body: {}, csrf: state.csrf }));
  } catch (err) {
    $('doors-error').textContent = errorText(err.code);
  }
}

async function revoke(door) {
  try {
    await api('POST', `/api/actions/${state.action}/doors/${door.id}/revoke`, { body: {}, csrf: state.csrf });
    refresh();
  } catch (err) {
    $('doors-error').textContent = errorText(err.code);
  }
}

function showQR(p) {
  state.pairing = { ...p, opened: Date.now() };
  $('qr-door').textContent = p.door.name;
  $('qr-img').src = p.qr;
  $('qr-img').alt = t('qr.alt', { door: p.door.name });
  $('qr-link').textContent = p.url;
  $('qr-paired').classList.add('hidden');
  $('qr-modal').classList.remove('hidden');
  tickQR();
}

function closeQR() {
  state.pairing = null;
  hintQR(0, true);
  $('qr-modal').classList.add('hidden');
  $('door-name').focus();
}

function tickQR() {
  const p = state.pairing;
  if (!p) return;
  const door = state.doors.find((d) => d.id === p.door.id);
  const paired = door && door.last_seen_at && Date.parse(door.last_seen_at) >= p.opened - 2000;
  hintQR(p.opened, paired);
  if (paired) {
    $('qr-paired').classList.remove('hidden');
    $('qr-expires').textContent = '';
    return;
  }
  const left = Math.max(0, Math.round((Date.parse(p.expires_at) - Date.now()) / 1000));
  $('qr-expires').textContent = left > 0 ? t('qr.expires', { m: Math.floor(left / 60), s: String(left % 60).padStart(2, '0') }) : t('qr.expired');
  setTimeout(tickQR, 1000);
}

function ago(at) {
  if (!at) return t('doors.never');
  const s = Math.max(0, Math.round((state.now - Date.parse(at)) / 1000));
  if (s < 60) return t('ago.s', { n: s });
  if (s < 3600) return t('ago.m', { n: Math.floor(s / 60) });
  return clock(at);
}

// status shows the server's word for the door (store.Door.State), so this
// page and the live view call a phone silent by the same rule.
function status(d) {
  switch (d.state) {
    case 'revoked': return ['revoked', t('doors.revoked')];
    case 'unpaired': return ['', t('doors.unpaired')];
    case 'live': return ['live', t('doors.live')];
    default: return ['quiet', t('doors.quiet')];
  }
}

function fact(label, value, cls) {
  const span = document.createElement('span');
  span.textContent = label + ' ';
  const b = document.createElement('strong');
  b.textContent = value;
  span.append(b);
  if (cls) span.className = cls;
  return span;
}

function doorCard(d) {
  const card = document.createElement('article');
  card.className = 'card door';
  card.dataset.door = d.id;
  const h = document.createElement('h3');
  h.textContent = d.name;
  const [cls, label] = status(d);
  const chip = document.createElement('span');
  chip.className = 'chip ' + cls;
  chip.textContent = label;
  const facts = document.createElement('div');
  facts.className = 'facts';
  facts.append(fact(t('doors.last'), ago(d.last_seen_at)), fact(t('doors.scans'), String(d.scans)),
    fact(t('doors.queued'), String(d.queued), d.queued > 0 && !d.revoked_at ? 'queued' : ''));
  card.append(h, chip, facts);
  if (!d.revoked_at) card.append(doorButtons(d));
  return card;
}

function doorButtons(d) {
  const box = document.createElement('div');
  box.className = 'buttons';
  const pairBtn = document.createElement('button');
  pairBtn.type = 'button';
  pairBtn.className = 'secondary pair';
  pairBtn.textContent = d.last_seen_at ? t('doors.repair') : t('doors.pair');
  pairBtn.addEventListener('click', () => pairAgain(d));
  const revokeBtn = document.createElement('button');
  revokeBtn.type = 'button';
  revokeBtn.className = 'secondary revoke';
  revokeBtn.textContent = t('doors.revoke');
  revokeBtn.addEventListener('click', () => {
    if (revokeBtn.dataset.armed) {
      delete revokeBtn.dataset.armed;
      revoke(d);
      return;
    }
    revokeBtn.dataset.armed = '1';
    revokeBtn.className = 'danger revoke';
    revokeBtn.textContent = t('doors.revoke_sure');
    setTimeout(() => { if (revokeBtn.dataset.armed) { delete revokeBtn.dataset.armed; render(); } }, 5000);
  });
  box.append(pairBtn, revokeBtn);
  return box;
}

function render() {
  const list = $('door-list');
  // Keep a half-armed revoke button: do not redraw under the organizer's finger.
  if (list.querySelector('[data-armed]')) return;
  list.replaceChildren(...state.doors.map(doorCard));
  if (state.doors.length === 0) {
    const p = document.createElement('p');
    p.className = 'muted';
    p.textContent = t('doors.none');
    list.append(p);
  }
}

start();
