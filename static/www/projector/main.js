// The projector: live turnout for the room, and the credentials roll call.
// Keys: C credentials, T theme, L language, F full screen; in credentials,
// Page Down / → / space / click advance, Page Up / ← go back, Esc leaves.
import './text.js';
import { api } from '/shared/api.js';
import { Feed } from '/shared/feed.js';
import { apply, bindSwitch, lang, setLang, t } from '/shared/i18n.js';
import { Arrivals } from './arrivals.js';
import { Board } from './board.js';
import { drawChart } from './chart.js';
import { CredentialsMode } from './credentials.js';
import { Recent } from './recent.js';
import { forgetDisplay, whoIsWatching } from './session.js';
import { Venues } from './venues.js';

const $ = (id) => document.getElementById(id);
const THEME = 'presente.projector.theme';
const BATCH_MS = 250;

const page = { feed: null, board: new Board(), recent: null, arrivals: null, creds: null, venues: null, mode: 'board' };
let scheduled = false;
let chartDirty = true;

/** schedule coalesces updates: a burst of scans becomes one redraw. */
function schedule() {
  if (scheduled) return;
  scheduled = true;
  setTimeout(() => requestAnimationFrame(render), BATCH_MS);
}

/** shown is the state the screen counts: at a venue, its own hall's. */
const shown = () => page.venues.scope(page.feed?.state);

function render() {
  scheduled = false;
  const whole = page.feed?.state;
  if (!whole) return;
  const state = shown();
  if (page.mode === 'credentials') {
    page.creds.render(state);
    return;
  }
  page.board.render(state);
  page.venues.render(whole);
  page.recent.flush();
  if (chartDirty) drawChart($('chart'), page.arrivals.series(48));
  chartDirty = false;
}

function setMode(mode) {
  page.mode = mode;
  document.body.classList.toggle('mode-credentials', mode === 'credentials');
  $('mode').textContent = t(mode === 'credentials' ? 'p.dashboard' : 'p.credentials');
  $('credentials').classList.toggle('hidden', mode !== 'credentials');
  $('dashboard').classList.toggle('hidden', mode === 'credentials');
  $('recent-bar').classList.toggle('hidden', mode === 'credentials');
  chartDirty = true;
  if (mode === 'credentials') page.creds.load().then(schedule);
  schedule();
}

function setTheme(theme) {
  localStorage.setItem(THEME, theme);
  document.body.classList.toggle('light', theme === 'light');
  $('theme').textContent = t(theme === 'light' ? 'p.dark' : 'p.light');
}
const theme = () => (document.body.classList.contains('light') ? 'light' : 'dark');

const keys = {
  c: () => setMode(page.mode === 'credentials' ? 'board' : 'credentials'),
  t: () => setTheme(theme() === 'light' ? 'dark' : 'light'),
  l: () => setLang(lang() === 'es' ? 'en' : 'es'),
  f: () => (document.fullscreenElement ? document.exitFullscreen() : document.documentElement.requestFullscreen()),
};
const pager = {
  PageDown: 1, ArrowRight: 1, ArrowDown: 1, ' ': 1, Enter: 1,
  PageUp: -1, ArrowLeft: -1, ArrowUp: -1, Backspace: -1, Home: 'first', End: 'last',
};

function onKey(e) {
  if (e.ctrlKey || e.metaKey || e.altKey || e.target.closest?.('input, select, textarea')) return;
  const k = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  if (keys[k]) {
    keys[k]();
  } else if (page.mode === 'credentials' && k === 'Escape') {
    setMode('board');
  } else if (page.mode === 'credentials' && k in pager && !(e.target.closest?.('button') && (k === 'Enter' || k === ' '))) {
    page.creds.move(pager[k]);
    page.creds.render(shown());
  } else {
    return;
  }
  e.preventDefault();
}

function onStatus(status) {
  document.body.classList.toggle('stale', status !== 'live');
  $('status').classList.toggle('hidden', ['live', 'unauthorized', 'missing'].includes(status));
  if (status === 'unauthorized') {
    forgetDisplay();
    gate('p.unauthorized');
  } else if (status === 'missing') {
    gate('p.missing');
  }
}

function gate(key) {
  $('app').classList.add('hidden');
  $('gate').classList.remove('hidden');
  $('gate-text').textContent = t(key);
  $('gate-text').dataset.i18n = key;
}

/** chooseAction lists the actions for an organizer who named none. */
async function chooseAction() {
  const actions = await api('GET', '/api/actions');
  if (actions.length === 1) return String(actions[0].id);
  gate('p.chooseAction');
  $('gate-actions').replaceChildren(...actions.map((a) => {
    const link = document.createElement('a');
    link.href = '/projector/?action=' + encodeURIComponent(a.id);
    link.textContent = `${a.name} · ${a.date}`;
    link.dir = 'auto';
    const li = document.createElement('li');
    li.append(link);
    return li;
  }));
  return null;
}

function wire(who) {
  page.recent = new Recent($('recent'));
  page.arrivals = new Arrivals(who.action, who.token, () => { chartDirty = true; schedule(); },
    (recent) => page.recent.seed(recent));
  page.creds = new CredentialsMode({ action: who.action, who });
  page.venues = new Venues({ action: who.action, token: who.token, onChange: schedule });
  page.creds.onClosed = schedule;
  page.feed = new Feed({
    action: who.action,
    token: who.token,
    onStatus,
    onSnapshot: () => {
      // A snapshot follows a reconnect, a restart, a change of the roster or
      // the closing of credentials: load what goes with it again.
      page.arrivals.load();
      page.creds.load().then(schedule);
      page.venues.poke();
      schedule();
    },
    onChange: (c) => {
      if (page.venues.inHall(c)) { // at a venue, the chart and the chips are its own hall's, as GET …/arrivals
        page.recent.add(c, page.feed.inst.get(c.institution)?.name || '');
        page.arrivals.add(c);
      }
      page.venues.poke();
      schedule();
    },
  });
  document.addEventListener('keydown', onKey);
  $('mode').addEventListener('click', () => keys.c());
  $('theme').addEventListener('click', () => keys.t());
  $('credentials').addEventListener('click', (e) => {
    if (e.target.closest('button')) return;
    page.creds.move(1);
    page.creds.render(shown());
  });
  $('creds-prev').addEventListener('click', () => { page.creds.move(-1); page.creds.render(shown()); });
  $('creds-next').addEventListener('click', () => { page.creds.move(1); page.creds.render(shown()); });
  document.addEventListener('langchange', () => { setMode(page.mode); setTheme(theme()); page.recent.render(); });
  addEventListener('resize', () => { chartDirty = true; schedule(); });
  setInterval(() => { chartDirty = true; schedule(); }, 60000); // the "now" bar moves on
  idleCursor();
}

/** idleCursor hides the pointer and dims the controls when nobody moves the mouse. */
function idleCursor() {
  let timer = 0;
  const wake = () => {
    document.body.classList.remove('idle');
    clearTimeout(timer);
    timer = setTimeout(() => document.body.classList.add('idle'), 3000);
  };
  addEventListener('mousemove', wake);
  wake();
}

async function start() {
  let who;
  try {
    who = await whoIsWatching();
    if (who && !who.action) who.action = await chooseAction();
  } catch {
    setTimeout(start, 3000); // the server is not answering yet: try again
    return;
  }
  if (!who) return gate('p.needLink');
  if (!who.action) return;
  const actions = await api('GET', '/api/actions', { token: who.token }).catch(() => []);
  const action = actions.find((a) => String(a.id) === String(who.action));
  $('action-name').textContent = action ? action.name : '';
  document.body.dataset.role = who.role;
  $('gate').classList.add('hidden');
  $('app').classList.remove('hidden');
  wire(who);
  page.recent.render();
  setMode('board');
  page.venues.start().then(() => page.feed.start());
}

bindSwitch($('lang'));
apply();
setTheme(localStorage.getItem(THEME) === 'light' ? 'light' : 'dark');
start();
