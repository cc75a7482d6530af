// The organizers' live view: every number down to institutions, sortable,
// the doors' status, the credentials, and links for the projector. It uses
// the organizer's session cookie only: a display token never opens it.
import './text.js';
import { api, ApiError } from '/shared/api.js';
import { apply, bindSwitch, errorText, t } from '/shared/i18n.js';
import { clock } from '/shared/clock.js';
import { Feed } from '/shared/feed.js';
import { fold, hasWords } from '/shared/fold.js';
import { fmt, pct, percent } from '/shared/numbers.js';
import { byUrgency, doorClass, doorColumns, pollDoors, showAlerts } from './doors.js';
import { SortTable } from './table.js';

const $ = (id) => document.getElementById(id);
const view = { who: null, action: '', feed: null, creds: null, doors: [], tables: {} };
let scheduled = false;

const missing = (r) => Math.max(0, r.committed - r.present);
const numCol = (key, label, get) => ({ key, label, num: true, text: (r) => fmt(get(r)), value: get });
const pctCol = { key: 'pct', label: 'l.col.pct', num: true,
  text: (r) => pct(percent(r.present, r.committed)), value: (r) => (r.committed ? r.present / r.committed : -1) };
const metClass = (r) => (r.committed > 0 && r.present >= r.committed ? 'met' : '');

function buildTables() {
  view.tables.chapters = new SortTable($('chapters'), [
    { key: 'name', label: 'l.col.chapter', text: (r) => r.name },
    numCol('committed', 'l.col.committed', (r) => r.committed),
    numCol('present', 'l.col.present', (r) => r.present), pctCol,
    numCol('missing', 'l.col.missing', missing),
  ], { rowClass: metClass });
  view.tables.institutions = new SortTable($('institutions'), [
    { key: 'name', label: 'l.col.institution', text: (r) => r.name },
    { key: 'chapter', label: 'l.col.chapter', text: (r) => r.chapter },
    numCol('committed', 'l.col.committed', (r) => r.committed),
    numCol('present', 'l.col.present', (r) => r.present), pctCol,
    numCol('missing', 'l.col.missing', missing),
  ], { rowClass: metClass });
  view.tables.doors = new SortTable($('doors'), doorColumns, { rowClass: doorClass });
}

function schedule() {
  if (scheduled) return;
  scheduled = true;
  setTimeout(() => requestAnimationFrame(render), 250);
}

function render() {
  scheduled = false;
  const s = view.feed?.state;
  if (!s) return;
  $('total').textContent = fmt(s.total);
  $('goal').textContent = s.goal ? fmt(s.goal) : '—';
  $('committed').textContent = fmt(s.committed);
  $('commit-pct').textContent = pct(percent(s.total, s.committed));
  const insts = s.chapters.flatMap((ch) => ch.institutions.map((i) => ({ ...i, chapter: ch.name, chapterId: ch.id })));
  const pledged = insts.filter((i) => i.committed > 0);
  $('met').textContent = `${fmt(pledged.filter((i) => i.present >= i.committed).length)} / ${fmt(pledged.length)}`;
  view.tables.chapters.setRows(s.chapters);
  chapterOptions(s.chapters);
  const q = fold($('search').value);
  const ch = $('chapter-filter').value;
  view.tables.institutions.setRows(insts.filter((i) =>
    (i.committed > 0 || i.present > 0 || q) && (!ch || String(i.chapterId) === ch) && hasWords(fold(i.name), q)));
  renderCreds();
}

function chapterOptions(chapters) {
  const sel = $('chapter-filter');
  const want = ['', ...chapters.map((c) => String(c.id))].join(',');
  if (sel.dataset.ids === want) return;
  const keep = sel.value;
  const all = new Option(t('l.allChapters'), '');
  all.dataset.i18n = 'l.allChapters';
  sel.replaceChildren(all, ...chapters.map((c) => new Option(c.name, String(c.id))));
  sel.dataset.ids = want;
  sel.value = keep;
}

function renderCreds() {
  const c = view.creds;
  const closed = !!c?.closed;
  $('creds-state').textContent = closed
    ? t('l.credsClosed', { time: clock(c.closed_at), rev: c.revision }) : t('l.credsOpen');
  const btn = $('creds-close');
  btn.textContent = btn.dataset.armed ? t(closed ? 'l.confirmAgain' : 'l.confirmClose') : t(closed ? 'l.closeAgain' : 'l.close');
  btn.classList.toggle('secondary', closed);
}

async function loadCreds() {
  try {
    view.creds = await api('GET', `/api/actions/${encodeURIComponent(view.action)}/credentials`);
  } catch { /* shown again on the next snapshot */ }
  schedule();
}

/** closeCreds needs two presses; closing again must be asked for explicitly. */
async function closeCreds() {
  const btn = $('creds-close');
  if (!btn.dataset.armed) {
    btn.dataset.armed = '1';
    setTimeout(() => { delete btn.dataset.armed; renderCreds(); }, 5000);
    renderCreds();
    return;
  }
  delete btn.dataset.armed;
  btn.disabled = true;
  try {
    view.creds = await api('POST', `/api/actions/${encodeURIComponent(view.action)}/credentials`,
      { body: { again: !!view.creds?.closed }, csrf: view.who.csrf });
    $('creds-error').textContent = '';
  } catch (e) {
    $('creds-error').textContent = errorText(e.code);
  } finally {
    btn.disabled = false;
  }
  renderCreds();
}

async function displayLink() {
  try {
    const res = await api('POST', `/api/actions/${encodeURIComponent(view.action)}/displays`, { csrf: view.who.csrf });
    const url = `${location.origin}/projector/#token=${encodeURIComponent(res.token)}&action=${encodeURIComponent(view.action)}`;
    $('display-url').value = url;
    $('display-box').classList.remove('hidden');
    $('display-error').textContent = '';
  } catch (e) {
    $('display-error').textContent = errorText(e.code);
  }
}

async function copyLink() {
  const input = $('display-url');
  input.select();
  try {
    await navigator.clipboard.writeText(input.value);
  } catch {
    document.execCommand?.('copy'); // plain HTTP on a LAN has no clipboard API
  }
  $('copy').textContent = t('l.copied');
  setTimeout(() => { $('copy').textContent = t('l.copy'); }, 2000);
}

function onStatus(status) {
  $('status').textContent = t(status === 'live' ? 'l.live' : 'l.reconnecting');
  $('status').classList.toggle('down', status !== 'live');
  document.body.classList.toggle('stale', status !== 'live');
  if (status === 'unauthorized' || status === 'missing') location.reload();
}

function show(id) {
  for (const s of ['signin', 'choose', 'board']) $(s).classList.toggle('hidden', s !== id);
}

async function signIn(e) {
  e.preventDefault();
  try {
    await api('POST', '/api/session', { body: { name: $('name').value, password: $('password').value } });
    $('signin-error').textContent = '';
    $('password').value = '';
    start();
  } catch (err) {
    $('signin-error').textContent = errorText(err.code);
  }
}

async function signOut() {
  await api('DELETE', '/api/session', { csrf: view.who?.csrf }).catch(() => {});
  location.href = '/live/';
}

async function chooseAction() {
  const actions = await api('GET', '/api/actions');
  if (actions.length === 1) return actions[0];
  const want = new URLSearchParams(location.search).get('action');
  const found = actions.find((a) => String(a.id) === want);
  if (found) return found;
  $('actions').replaceChildren(...actions.map((a) => {
    const link = document.createElement('a');
    link.href = '/live/?action=' + encodeURIComponent(a.id);
    link.textContent = `${a.name} · ${a.date}`;
    link.dir = 'auto';
    const li = document.createElement('li');
    li.append(link);
    return li;
  }));
  show('choose');
  return null;
}

async function whoAmI() {
  try {
    const me = await api('GET', '/api/session');
    return me.role === 'organizer' ? me : null;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

async function start() {
  view.who = await whoAmI();
  if (!view.who) return show('signin');
  const action = await chooseAction();
  if (!action) return;
  view.action = String(action.id);
  $('action-name').textContent = action.name;
  $('projector-link').href = '/projector/?action=' + encodeURIComponent(view.action);
  show('board');
  view.feed = new Feed({ action: view.action, onStatus, onSnapshot: () => { loadCreds(); schedule(); }, onChange: schedule });
  view.feed.start();
  pollDoors(view.action, (doors) => {
    view.doors = doors;
    view.tables.doors.setRows(byUrgency(doors));
    showAlerts($('door-alerts'), doors);
  });
}

function wire() {
  bindSwitch($('lang'));
  apply();
  buildTables();
  $('signin-form').addEventListener('submit', signIn);
  $('signout').addEventListener('click', signOut);
  $('creds-close').addEventListener('click', closeCreds);
  $('display-make').addEventListener('click', displayLink);
  $('copy').addEventListener('click', copyLink);
  $('search').addEventListener('input', schedule);
  $('chapter-filter').addEventListener('change', schedule);
  document.addEventListener('langchange', () => {
    for (const tb of Object.values(view.tables)) { tb.labels(); tb.render(); }
    showAlerts($('door-alerts'), view.doors);
    schedule();
  });
}

wire();
start().catch(() => setTimeout(() => location.reload(), 5000));
