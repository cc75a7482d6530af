// The live turnout of one action, kept in step with the server over a
// WebSocket: a snapshot first, then every change in seq order. A gap in seq,
// a new server epoch or a message we cannot place makes the feed start again
// from a fresh snapshot. It reconnects by itself with backoff and jitter, and
// checks now and then over HTTP that it is not silently behind.
// The one live client of every page: the projector, the organizers' live
// view and the door's running total.

import { api, wsURL, ApiError } from '/shared/api.js';

const MAX_BACKOFF = 10000; // a LAN server: never wait long to come back
const WATCH_EVERY = 20000;

/**
 * Feed follows an action's turnout. Callbacks: onSnapshot(state) when the
 * whole state was replaced, onChange(change, state) for each change applied
 * in order, onStatus(status) with "connecting", "live", "reconnecting",
 * "unauthorized" or "missing" (no such action). token is a door or display
 * token; without one the organizer's cookie is used. watchEvery is how often,
 * in ms, the feed compares its state with the server's.
 */
export class Feed {
  constructor({ action, token, onSnapshot, onChange, onStatus, watchEvery = WATCH_EVERY }) {
    Object.assign(this, { action, token, onSnapshot, onChange, onStatus, watchEvery });
    this.state = null;
    this.ws = null;
    this.attempt = 0;
    this.status = '';
    this.timer = 0;
    this.watchTimer = 0;
    this.expectSeq = 0;
    this.stopped = false;
  }

  /** start connects and keeps connecting until stop. */
  start() {
    this.setStatus('connecting');
    this.connect();
    this.watch();
    window.addEventListener('online', () => this.retryNow());
    document.addEventListener('visibilitychange', () => {
      if (!document.hidden) this.retryNow();
    });
  }

  /** stop closes the connection for good. */
  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    clearTimeout(this.watchTimer);
    if (this.ws) this.ws.close(1000, 'bye');
    this.ws = null;
  }

  path(suffix) {
    return `/api/actions/${encodeURIComponent(this.action)}/${suffix}`;
  }

  connect() {
    if (this.stopped) return;
    clearTimeout(this.timer);
    if (this.ws) {
      const old = this.ws;
      this.ws = null;
      old.close(4000, 'replaced');
    }
    const q = this.token ? '?token=' + encodeURIComponent(this.token) : '';
    let ws;
    try {
      ws = new WebSocket(wsURL(this.path('live') + q));
    } catch {
      this.schedule(0);
      return;
    }
    this.ws = ws;
    ws.onmessage = (e) => {
      if (ws === this.ws) this.receive(e.data);
    };
    ws.onclose = (e) => {
      if (ws !== this.ws) return;
      this.ws = null;
      this.setStatus('reconnecting');
      this.schedule(e.code);
    };
  }

  receive(data) {
    let msg;
    try {
      msg = JSON.parse(data);
    } catch {
      this.resync();
      return;
    }
    if (msg.type === 'snapshot') this.load(msg);
    else if (msg.type === 'change') this.apply(msg);
    // Other message types are not ours: ignore them.
  }

  load(snap) {
    const inst = new Map();
    const chap = new Map();
    for (const ch of snap.chapters || []) {
      chap.set(ch.id, ch);
      for (const i of ch.institutions || []) inst.set(i.id, i);
    }
    this.state = snap;
    this.inst = inst;
    this.chap = chap;
    this.attempt = 0;
    this.setStatus('live');
    this.onSnapshot?.(snap);
  }

  apply(c) {
    const s = this.state;
    if (!s || c.seq <= s.seq) return; // before our snapshot, or already applied
    const inst = this.inst.get(c.institution);
    const ch = this.chap.get(c.chapter);
    if (c.seq !== s.seq + 1 || !inst || !ch) {
      this.resync();
      return;
    }
    // The absolute numbers, not the delta: applying them can never drift.
    inst.present = c.institution_present;
    ch.present = c.chapter_present;
    s.total = c.total;
    if (c.first_time !== undefined) {
      inst.first_time = c.institution_first_time;
      ch.first_time = c.chapter_first_time;
      s.first_time = c.first_time;
    }
    s.seq = c.seq;
    this.onChange?.(c, s);
  }

  /** resync drops the connection and starts again from a snapshot. */
  resync() {
    const ws = this.ws;
    this.ws = null;
    if (ws) ws.close(4000, 'resync');
    this.setStatus('reconnecting');
    this.timer = setTimeout(() => this.connect(), 50 + Math.random() * 200);
  }

  // schedule waits, longer after each failure, with jitter so that many
  // screens do not all come back at the same instant, then checks that the
  // server answers and still accepts us before opening a WebSocket again.
  schedule(code) {
    if (this.stopped) return;
    clearTimeout(this.timer);
    const base = code === 1013 ? 250 : Math.min(MAX_BACKOFF, 500 * 2 ** this.attempt);
    this.attempt++;
    this.timer = setTimeout(() => this.probe(), base / 2 + (Math.random() * base) / 2);
  }

  async probe() {
    if (this.stopped || this.ws) return;
    try {
      await api('GET', this.path('turnout'), { token: this.token, timeout: 5000 });
      this.connect();
    } catch (e) {
      if (this.denied(e)) return;
      this.schedule(0);
    }
  }

  /** retryNow skips the wait, for when the network is back. */
  retryNow() {
    if (this.stopped || this.ws) return;
    this.attempt = 0;
    this.schedule(0);
  }

  // denied stops for good when the server refuses us (401, 403) or no
  // longer has the action (404): retrying would not change its answer.
  denied(e) {
    if (!(e instanceof ApiError) || ![401, 403, 404].includes(e.status)) return false;
    this.stop();
    this.setStatus(e.status === 404 ? 'missing' : 'unauthorized');
    return true;
  }

  // watch compares, now and then, the server's snapshot with ours: a dead
  // connection the browser has not noticed, or a missed restart, shows here.
  watch() {
    this.watchTimer = setTimeout(async () => {
      await this.check();
      if (!this.stopped) this.watch();
    }, this.watchEvery * (0.8 + Math.random() * 0.4));
  }

  async check() {
    if (!this.ws || !this.state || this.status !== 'live') return;
    let snap;
    try {
      snap = await api('GET', this.path('turnout'), { token: this.token, timeout: 8000 });
    } catch (e) {
      if (!this.denied(e)) this.resync();
      return;
    }
    const behind = this.expectSeq && this.state.seq < this.expectSeq;
    if (snap.epoch !== this.state.epoch || behind) {
      this.expectSeq = 0;
      this.resync();
      return;
    }
    // Not behind yet: messages may be on their way. Look again next time.
    this.expectSeq = snap.seq > this.state.seq ? snap.seq : 0;
  }

  setStatus(status) {
    if (status === this.status) return;
    this.status = status;
    this.onStatus?.(status);
  }
}
