// The scanner page: wiring of the door, the outbox, the camera, the live
// connection and the screen.
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
import { Venue, acceptURL } from './venue.js';
import { short } from './codes.js';
import './offline.js';

const $ = (id) => document.getElementById(id);
const CRED = 'presente.door';
const HEARTBEAT_MS = 20000;
const FEED_MS = 30000;
// While writes go to the venue's other node, no live connection there says
// when something changed: its feed, with the total, is read this often.
const FEED_AWAY_MS = 3000;
const CACHE_MS = 60000;
const LIVE_WATCH_MS = 60000; // the door reads its feed every 30 s already: check the total less often
// A roster changed on the server (an import, walk-ins at other doors) is
// read again at most this often: each read is the whole roster.
const ROSTER_GAP_MS = 10000;

/** readCred returns the door's credential, taking one from #token= (the demo's link). */
function readCred() {
  const m = location.hash.match(/token=(door_[a-z0-9]+)/);
  if (m) {
    localStorage.setItem(CRED, JSON.stringify({ token: m[1] }));
    history.replaceState(null, '', location.pathname);
  }
  try { return JSON.parse(localStorage.getItem(CRED) || 'null'); } catch { return null; }
}

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
    this.dirty = false;
    this.feedBusy = false;
    this.feedAgain = false;
    this.awayTimer = 0;
    this.feedTimer = 0;
    this.revoked = false;
    this.rosterAt = 0; // when the roster was last read from the server
    this.rosterTimer = 0;
    this.rosterBusy = false;
  }

  async start() {
    if (!(await this.whoAmI())) return;
    const a = this.cred.action;
    this.venue = new Venue({ action: a, token: this.cred.token, onChange: (what) => this.onVenue(what) });
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
    await this.loadRoster();
    await this.door.notePending();
    this.needs = new Needs({ box: $('needs'), list: $('needs-list'), door: this.door, outbox: this.outbox, ui: this.ui });
    this.door.onLast = (last) => this.needs.follow(last);
    this.needs.load((m, p) => this.call(m, p)); // not awaited: the scanner answers meanwhile
    this.door.restoreLast();
    this.panels = new Panels(this.door, this.roster, () => this.refocus(),
      (inst) => this.live?.inst?.get(inst)?.present);
    this.wire();
    this.live = new Feed({ action: a, token: this.cred.token, watchEvery: LIVE_WATCH_MS,
      onSnapshot: (s) => this.onSnapshot(s), onChange: (c) => this.onChange(c), onStatus: (s) => this.onLive(s) });
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
    if (this.total.acked !== 0) this.pollFeed();
    // The organizers' doors list shows what the last heartbeat said: once
    // the queue drained, say so now, not at the next beat.
    if (items.length === 0 && (this.reported > 0 || this.beating)) this.heartbeat();
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
      localStorage.setItem(CRED, JSON.stringify(this.cred));
    } catch (e) {
      if (this.revoked) return false;
      if (!this.cred.action) { this.ui.block('offline'); return false; }
    }
    this.ui.header(this.cred);
    return true;
  }

  /**
   * onVenue follows the venue: writes going to the standby or back to the
   * primary (send the queue there now), or the venue's addresses changing
   * (kept for a reload; is the standby reachable from this phone?).
   */
  onVenue(what) {
    this.ui.setVenue(this.venue.onStandby);
    if (what === 'primary') this.sync.flush();
    if (what !== 'venue') return this.followNode();
    this.cred.venue = { primary: this.venue.primary, standby: this.venue.standby };
    localStorage.setItem(CRED, JSON.stringify(this.cred));
    this.checkStandby();
  }

  /** away: writes go to the venue's other node, not to this page's own. */
  away() { return !!this.venue && this.venue.base() !== ''; }

  /**
   * followNode reads the "already checked in" feed and the total from the
   * node writes go to now: while that is the venue's other node, its feed
   * every few seconds (this page's own live connection is to its own node,
   * which is likely down); back home, the live total again.
   */
  followNode() {
    clearInterval(this.awayTimer);
    if (this.away()) this.awayTimer = setInterval(() => this.pollFeed(), FEED_AWAY_MS);
    else if (this.live?.state) this.total.server(this.live.state.total);
    this.pollFeed();
  }

  /** checkStandby says, under the scanner, when this phone cannot reach the venue's standby, and how to fix it. */
  async checkStandby() {
    const url = this.venue?.standbyURL();
    const ok = !url || await this.venue.reach(url);
    this.ui.standbyNote(ok ? null : acceptURL(url, this.cred.token));
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

  onAuth(e) {
    if (this.revoked) return;
    this.revoked = true;
    this.sync?.stop();
    this.live?.stop();
    this.camera?.stop();
    this.outbox.count(this.cred.action).then((n) => this.ui.block(e.code === 'door_revoked' ? 'revoked' : 'unpaired', n));
  }

  async loadRoster() {
    const a = `/api/actions/${this.cred.action}`;
    const gen = this.total.gen;
    try {
      const feed = await this.call('GET', `${a}/door/feed`);
      const snap = await this.call('GET', `${a}/turnout`);
      const r = await this.call('GET', `${a}/roster`, { timeout: 60000 });
      this.rosterAt = Date.now();
      this.roster.loadTurnout(snap);
      this.roster.load(r.leaders);
      this.roster.setState(r.version, r.headcount_max);
      this.cursors.set('', feed.cursor);
      this.total.server(snap.total, gen);
      this.dirty = true;
      await this.saveCache();
    } catch (e) {
      const c = await this.outbox.getCache('roster');
      if (c && c.action === this.cred.action) {
        this.roster.loadTurnout(c.snap);
        this.roster.load(c.leaders);
        this.roster.setState(c.version, c.headcountMax);
        this.total.server(c.total);
        if (c.cursor >= 0) this.cursors.set('', c.cursor);
      }
    }
    this.ui.rosterSize(this.roster.size);
  }

  async saveCache() {
    if (!this.dirty || this.roster.size === 0) return;
    this.dirty = false;
    const snap = { chapters: [] };
    const byChapter = new Map();
    for (const i of this.roster.institutions) {
      if (!byChapter.has(i.chapter)) { byChapter.set(i.chapter, { name: i.chapter, institutions: [] }); snap.chapters.push(byChapter.get(i.chapter)); }
      byChapter.get(i.chapter).institutions.push({ id: i.id, name: i.name });
    }
    await this.outbox.putCache('roster', { action: this.cred.action, cursor: this.cursors.get('') ?? -1, snap,
      leaders: this.roster.leaders(), version: this.roster.version, headcountMax: this.roster.headcountMax,
      total: this.total.base,
      savedAt: Date.now() });
  }

  /**
   * rosterChanged reads the roster again soon from node ('' for this page's
   * own, else the venue's other node while writes go there), the node
   * having said it changed: a leader imported after this phone started is
   * then known at this door, by badge and by name, offline too.
   */
  rosterChanged(node) {
    this.rosterNode = node;
    if (this.rosterTimer || this.rosterBusy) return;
    const wait = Math.max(0, this.rosterAt + ROSTER_GAP_MS - Date.now());
    this.rosterTimer = setTimeout(() => { this.rosterTimer = 0; this.refreshRoster(this.rosterNode); }, wait);
  }

  /**
   * refreshRoster reads the leaders again from node, and from this page's
   * own the institutions too (the other node serves a door its roster, not
   * the turnout), keeping this phone's check-ins not yet sent; the node's
   * feed, read again from where it was when this began, brings what
   * changed meanwhile.
   */
  async refreshRoster(node = '') {
    const a = `${node}/api/actions/${this.cred.action}`;
    const from = this.cursors.get(node);
    this.rosterBusy = true;
    this.rosterAt = Date.now();
    try {
      const snap = node === '' ? await this.call('GET', `${a}/turnout`) : null;
      const r = await this.call('GET', `${a}/roster`, { timeout: 60000 });
      if (snap) this.roster.loadTurnout(snap);
      this.roster.reload(r.leaders, this.door.pending, node !== '');
      this.roster.setState(r.version, r.headcount_max, node);
      if (from !== undefined) this.cursors.set(node, from);
      this.ui.rosterSize(this.roster.size);
      this.dirty = true;
      await this.saveCache();
    } catch { /* the next read of the feed asks again */ } finally {
      this.rosterBusy = false;
    }
    this.pollFeed();
  }

  /**
   * pollFeed reads the check-ins and undos of every door since the cursor,
   * at the node writes go to. At the venue's other node, the first time,
   * it reads that node's whole feed and takes each leader's last state
   * there (replayFeed): that node's numbers are not this one's.
   */
  async pollFeed() {
    if (this.revoked) return;
    if (this.feedBusy) { this.feedAgain = true; return; }
    const base = this.venue?.base() ?? '';
    if (base === '' && !this.cursors.has('')) return; // the roster is not loaded yet
    this.feedBusy = true;
    try {
      await this.readFeed(base);
    } catch { /* next time */ } finally {
      this.feedBusy = false;
    }
    if (this.feedAgain) { this.feedAgain = false; this.pollFeed(); }
  }

  async readFeed(base) {
    const fresh = !this.cursors.has(base);
    const gen = this.total.gen;
    let cursor = this.cursors.get(base) ?? 0;
    const all = [];
    for (let more = true; more;) {
      const res = await this.call('GET', `${base}/api/actions/${this.cred.action}/door/feed?since=${cursor}`);
      if (fresh) all.push(...res.items);
      else this.roster.applyFeed(res.items, this.door.pending);
      cursor = res.cursor;
      more = res.more;
      if (!fresh) this.cursors.set(base, cursor);
      if (res.items.length) this.dirty = true;
      if (base === (this.venue?.base() ?? '')) this.total.server(res.total, gen);
      if (this.roster.changedAt(base, res.roster)) this.rosterChanged(base);
    }
    if (fresh) {
      this.roster.replayFeed(all, this.door.pending);
      this.cursors.set(base, cursor);
    }
  }

  /** onSnapshot follows a (re)connection: the server is there, so send the queue and catch up. */
  onSnapshot(s) {
    if (!this.away()) this.total.server(s.total);
    this.sync.flush();
    this.pollFeed();
  }

  /** onLive notes a live connection; a refused one asks the server why (revoked, unpaired). */
  onLive(status) {
    if (status === 'live') this.ui.setOnline(true);
    if (status === 'unauthorized' || status === 'missing') this.heartbeat();
  }

  onChange(c) {
    if (!this.away()) this.total.server(c.total);
    if (c.kind === 'checkin' || c.kind === 'undo') {
      clearTimeout(this.feedTimer);
      this.feedTimer = setTimeout(() => this.pollFeed(), 300);
    }
  }

  /** heartbeat tells the server the phone is alive and how much it holds unsent; one at a time, the last asked for runs after. */
  async heartbeat() {
    if (this.revoked) return;
    if (this.beating) {
      this.beatAgain = true;
      return;
    }
    this.beating = true;
    try {
      const queued = await this.outbox.count(this.cred.action);
      const res = await this.venue.send((base) => this.call('POST', `${base}/api/actions/${this.cred.action}/door/contact`,
        { body: { queued } }));
      this.reported = queued;
      this.venue.set(res.venue);
    } catch { /* the counter shows it */ } finally {
      this.beating = false;
      if (this.beatAgain) {
        this.beatAgain = false;
        this.heartbeat();
      }
    }
  }

  timers() {
    setInterval(() => this.heartbeat(), HEARTBEAT_MS);
    setInterval(() => this.pollFeed(), FEED_MS);
    setInterval(() => this.saveCache(), CACHE_MS);
    this.heartbeat();
    // The live feed comes back by itself on 'online' and when the page shows again.
    window.addEventListener('online', () => { this.sync.flush(); this.heartbeat(); });
    window.addEventListener('offline', () => this.ui.setOnline(false));
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') { this.sync.flush(); this.pollFeed(); this.checkStandby(); }
      else this.saveCache();
    });
  }

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
