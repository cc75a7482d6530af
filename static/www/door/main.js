// The scanner page: wiring of the door, the outbox, the camera, the live
// connection and the screen. The roster and its copy on the phone are in
// cache.js, reading what every door did in doorfeed.js, the heartbeat and
// following the venue's nodes in contact.js.
import { api, ApiError } from '/shared/api.js';
import { Feed } from '/shared/feed.js';
import { apply, bindSwitch, iso, t } from '/shared/i18n.js';
import './strings.js';
import { Roster } from './roster.js';
import { openOutbox } from './outbox.js';
import { Sync } from './sync.js';
import { Camera } from './camera.js';
import { Answer, unlockAudio } from './answer.js';
import { listenWedge, Typing } from './wedge.js';
import { Panels } from './panels.js';
import { Door, whatOf } from './door.js';
import { Total, addedBy } from './total.js';
import { Needs } from './needs.js';
import { UI } from './ui.js';
import { Venue } from './venue.js';
import { RosterCache } from './cache.js';
import { DoorFeed } from './doorfeed.js';
import { Contact } from './contact.js';
import { short } from './codes.js';
import './offline.js';

const $ = (id) => document.getElementById(id);
const CRED = 'presente.door';
const HEARTBEAT_MS = 20000;
const FEED_MS = 30000;
const CACHE_MS = 60000;
const LIVE_WATCH_MS = 60000; // the door reads its feed every 30 s already: check the total less often

/** readCred returns the door's credential, taking one from #token= (the demo's link). */
function readCred() {
  const m = location.hash.match(/token=(door_[a-z0-9]+)/);
  if (m) {
    localStorage.setItem(CRED, JSON.stringify({ token: m[1] }));
    history.replaceState(null, '', location.pathname);
  }
  try { return JSON.parse(localStorage.getItem(CRED) || 'null'); } catch { return null; }
}

/** Scanner is the scanner page: it owns every part of the door and wires them together. */
class Scanner {
  constructor(cred, outbox) {
    this.cred = cred;
    this.outbox = outbox;
    this.roster = new Roster();
    this.ui = new UI(() => this.undoTap(this.ui));
    this.total = new Total((n) => this.ui.total(n));
    this.answer = new Answer($('answer'), () => this.refocus());
    // Where the feed was read up to, at each node ('' for this page's own,
    // else the other node's origin): each node numbers its feed its own way.
    this.cursors = new Map();
    this.cache = new RosterCache(this);
    this.feed = new DoorFeed(this);
    this.contact = new Contact(this);
    this.revoked = false;
  }

  /** start learns which door this is, loads the roster and the queue, and starts scanning. */
  async start() {
    if (!(await this.whoAmI())) return;
    const a = this.cred.action;
    this.venue = new Venue({ action: a, token: this.cred.token, onChange: (what) => this.contact.onVenue(what) });
    this.venue.set(this.cred.venue);
    this.door = new Door({ cred: this.cred, roster: this.roster, outbox: this.outbox, answer: this.answer, ui: this.ui });
    this.total.loaded(await this.outbox.list(a));
    this.sync = new Sync({ outbox: this.outbox, action: a, token: this.cred.token, venue: this.venue,
      onSend: (items) => this.total.sending(items), onResult: (it, res, err) => this.onResult(it, res, err),
      onAuth: (e) => this.onAuth(e), onCount: () => this.countUnsent(), onNet: (up) => this.onNet(up) });
    this.door.sync = this.sync;
    this.ui.queued = () => this.countUnsent();
    // Any answer from the server after a silence: send the queue now.
    this.ui.onBack = () => { this.sync.flush(); this.live?.retryNow(); };
    this.ui.queued();
    await this.cache.load();
    await this.door.notePending();
    this.needs = new Needs({ box: $('needs'), list: $('needs-list'), door: this.door, outbox: this.outbox, ui: this.ui });
    this.door.onLast = (last) => this.needs.follow(last);
    this.needs.load((m, p) => this.call(m, p)); // not awaited: the scanner answers meanwhile
    this.door.restoreLast();
    this.panels = new Panels(this.door, this.roster, () => this.refocus(),
      (inst) => this.live?.inst?.get(inst)?.present);
    this.wire();
    this.live = new Feed({ action: a, token: this.cred.token, watchEvery: LIVE_WATCH_MS,
      onSnapshot: (s) => this.feed.onSnapshot(s), onChange: (c) => this.feed.onChange(c),
      onStatus: (s) => this.feed.onLive(s) });
    this.live.start();
    this.sync.flush();
    this.timers();
    this.camera = new Camera($('video'), (code) => this.door.scan(code, 'camera'), (s, kind) => this.ui.camera(s, kind));
    if (localStorage.getItem('presente.camera') !== 'off') this.camera.start();
  }

  /** countUnsent shows how many writes wait on the phone, and how many people they add to the total. */
  async countUnsent() {
    const items = await this.outbox.list(this.cred.action);
    this.ui.count(items.length);
    this.total.queue(items);
    // Writes answered since the last total: a total read from now on holds them.
    if (this.total.acked !== 0) this.feed.poll();
    if (items.length === 0) this.contact.drained();
  }

  /** onResult takes the server's answer to a write: the total first, then the door's answer on screen. */
  onResult(it, res, err) {
    this.total.answered(it, addedBy(it, res, err));
    this.door.onResult(it, res, err);
  }

  /** whoAmI asks the server which door this is; offline it goes on with what it knows. */
  async whoAmI() {
    try {
      const me = await this.call('GET', '/api/session');
      this.cred.action = me.door.action;
      this.cred.door = me.door.name;
      this.cred.venue = me.venue; // kept: a reload while this node is down still knows the other
      this.keepCred();
    } catch (e) {
      if (this.revoked) return false;
      if (!this.cred.action) { this.ui.block('offline'); return false; }
    }
    this.ui.header(this.cred);
    return true;
  }

  /** keepCred saves the door's credential as it is now, for a reload. */
  keepCred() {
    localStorage.setItem(CRED, JSON.stringify(this.cred));
  }

  /** onNet follows what sending found: a failure tells the answer on screen its write waits on the phone. */
  onNet(up) {
    this.ui.setOnline(up);
    if (!up) this.door.offline();
  }

  /**
   * undoTap is a tap on an undo button, on the main screen or on the
   * answer: a headcount asks first (where.arm), then undoes on the second.
   */
  async undoTap(where) {
    const last = this.door?.last;
    if (!last?.undoable || (where === this.answer && this.answer.id !== last.id)) return;
    if (await this.door.undoLast(where.armed)) return;
    where.arm(t('undo.sure', { what: iso(short(whatOf(last), 60)) }));
  }

  /**
   * call is api() with the door's token, noting whether the server
   * answered. Only this page's own server (a path, not another origin)
   * can say the door was revoked; while writes go to the standby, this
   * page's own server not answering is expected.
   */
  async call(method, path, opts = {}) {
    const own = path.startsWith('/');
    try {
      const res = await api(method, path, { ...opts, token: this.cred.token });
      this.ui.setOnline(true);
      return res;
    } catch (e) {
      if (e instanceof ApiError && e.status === 0 && own && !this.venue?.onStandby) this.ui.setOnline(false);
      if (own && e instanceof ApiError && (e.status === 401 || e.code === 'wrong_action')) this.onAuth(e);
      throw e;
    }
  }

  /** onAuth stops the door for good when the server refused its token (revoked, unpaired). */
  onAuth(e) {
    if (this.revoked) return;
    this.revoked = true;
    this.sync?.stop();
    this.live?.stop();
    this.camera?.stop();
    this.outbox.count(this.cred.action).then((n) => this.ui.block(e.code === 'door_revoked' ? 'revoked' : 'unpaired', n));
  }

  /** timers beats, reads the feed and saves the roster on a clock, and catches up when the network or the page comes back. */
  timers() {
    setInterval(() => this.contact.heartbeat(), HEARTBEAT_MS);
    setInterval(() => this.feed.poll(), FEED_MS);
    setInterval(() => this.cache.save(), CACHE_MS);
    this.contact.heartbeat();
    // The live feed comes back by itself on 'online' and when the page shows again.
    window.addEventListener('online', () => { this.sync.flush(); this.contact.heartbeat(); });
    window.addEventListener('offline', () => this.ui.setOnline(false));
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') { this.sync.flush(); this.feed.poll(); this.contact.checkStandby(); }
      else this.cache.save();
    });
  }

  /** wire connects the form, the keyboard wedge and the buttons to the door. */
  wire() {
    const typing = new Typing();
    const input = $('code');
    input.addEventListener('keydown', (e) => { if (e.key.length === 1) typing.key(); });
    $('code-form').addEventListener('submit', (e) => {
      e.preventDefault();
      const v = input.value;
      input.value = '';
      const source = typing.wasScanner() ? 'wedge' : 'typed';
      typing.reset();
      input.inputMode = 'none';
      if (v.trim()) this.door.scan(v, source);
    });
    $('type-btn').addEventListener('click', () => { input.inputMode = 'text'; input.blur(); input.focus(); });
    listenWedge((text) => this.door.scan(text, 'wedge'), () => this.panels.isOpen() || this.revoked);
    $('btn-search').addEventListener('click', () => this.panels.open('search'));
    $('btn-walkin').addEventListener('click', () => this.panels.open('walkin'));
    $('btn-headcount').addEventListener('click', () => this.panels.open('headcount'));
    $('cam-toggle').addEventListener('click', () => {
      const on = !this.camera.running;
      localStorage.setItem('presente.camera', on ? 'on' : 'off');
      if (on) this.camera.start(); else this.camera.stop();
    });
    $('answer-undo').addEventListener('click', () => this.undoTap(this.answer));
    this.refocus();
  }

  /** refocus puts the cursor back in the code field, where a keyboard wedge types, unless a panel is open. */
  refocus() {
    if (this.panels?.isOpen() || this.revoked) return;
    $('code').focus({ preventScroll: true });
  }
}

async function boot() {
  apply();
  bindSwitch($('lang'));
  bindSwitch($('blocker-lang'));
  for (const ev of ['pointerdown', 'keydown']) document.addEventListener(ev, unlockAudio, { once: false, passive: true });
  const cred = readCred();
  if (!cred || !cred.token) {
    new UI(() => {}).block('unpaired');
    return;
  }
  const outbox = await openOutbox();
  const s = new Scanner(cred, outbox);
  window.presenteScanner = s; // for a person debugging a phone, and for the tests
  await s.start();
}

boot().catch((e) => {
  console.error(e);
  const el = $('fatal');
  el.textContent = t('fatal') + ' ' + String(e && e.message || e).slice(0, 200);
  el.classList.remove('hidden');
});
