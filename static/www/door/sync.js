// Sends the outbox to the server in order: check-ins in batches, the rest
// one by one. A 4xx answer for an item is an acknowledgment (shown, then
// dropped); a network failure or a 5xx keeps it for the next try. At a
// venue with a standby, venue.js picks the node: the same request goes to
// the standby when the primary does not answer.
import { api, ApiError } from '/shared/api.js';

const BATCH = 200;
// How long a batch may take: a laptop answers one in well under a second,
// so with a standby to turn to, a primary silent this long is down (a
// slow answer after it is harmless: the standby dedupes by client id).
const BATCH_MS = 20000;
const BATCH_MS_WITH_STANDBY = 8000;
const FIRST_DELAY = 2000;
const MAX_DELAY = 15000;
// An undo the node in use has not heard of, at a venue of two nodes, may
// undo a write the other node acknowledged and has not copied over yet: it
// waits and is asked again instead of being dropped, while the door sends
// to the standby (until the primary is back), else for two minutes.
const PARK_MS = 5000;
const PARK_TIMES = 24;

/** Sync flushes an Outbox for one action with one door token. */
export class Sync {
  constructor({ outbox, action, token, venue, onSend, onResult, onAuth, onCount, onNet }) {
    Object.assign(this, { outbox, action, token, venue, onSend, onResult, onAuth, onCount, onNet });
    this.running = false;
    this.again = false;
    this.delay = FIRST_DELAY;
    this.timer = 0;
    this.batch = BATCH;
    this.stopped = false;
  }

  /**
   * flush sends what is queued; calls made while one runs start one more
   * after it. Only the retry timer backs off: a new scan or the network
   * coming back tries at once without lengthening the wait.
   */
  async flush(byTimer = false) {
    if (this.stopped) return;
    if (this.running) { this.again = true; return; }
    this.running = true;
    clearTimeout(this.timer);
    let ok = true;
    try {
      ok = await this.drain();
    } catch (e) {
      ok = false;
      console.error('flush', e);
    } finally {
      this.running = false;
    }
    const left = await this.outbox.count(this.action);
    this.onCount(left);
    if (this.again) { this.again = false; return this.flush(); }
    if (ok) this.delay = FIRST_DELAY;
    else if (byTimer) this.delay = Math.min(MAX_DELAY, this.delay * 2);
    if (left > 0 && !this.stopped) {
      this.timer = setTimeout(() => this.flush(true), this.delay * (0.8 + Math.random() * 0.4));
    }
  }

  /** stop ends every flush, for good (a revoked door). */
  stop() { this.stopped = true; clearTimeout(this.timer); }

  async drain() {
    for (;;) {
      const now = Date.now();
      const items = (await this.outbox.list(this.action)).filter((it) => !(it.retryAt > now));
      if (items.length === 0) return true;
      const sent = items[0].kind === 'checkin' ? await this.sendBatch(items) : await this.sendOne(items[0]);
      if (!sent) return false;
      this.onCount(await this.outbox.count(this.action));
    }
  }

  async sendBatch(items) {
    const run = [];
    for (const it of items) {
      if (it.kind !== 'checkin' || run.length >= this.batch) break;
      run.push(it);
    }
    let res;
    this.onSend?.(run);
    try {
      res = await this.at((base) => api('POST', `${base}/api/actions/${this.action}/checkins/batch`,
        { token: this.token, body: run.map((it) => it.body), timeout: this.venue?.two() ? BATCH_MS_WITH_STANDBY : BATCH_MS }));
    } catch (e) {
      return this.failed(e, () => { this.batch = 1; });
    }
    this.batch = BATCH;
    this.onNet(true);
    const done = [];
    let all = true;
    res.results.forEach((r, i) => {
      if (r.http_status >= 500) { all = false; return; }
      done.push(run[i].seq);
      this.onResult(run[i], r.error ? null : r, r.error ? new ApiError(r.http_status, r.error.code, r.error.message) : null);
    });
    await this.outbox.remove(done);
    return all;
  }

  async sendOne(it) {
    let res = null;
    let err = null;
    this.onSend?.([it]);
    try {
      res = await this.at((base) => api('POST', base + this.path(it), { token: this.token, body: it.body ?? {} }));
      this.onNet(true);
    } catch (e) {
      if (!this.isAck(e)) return this.failed(e);
      if (this.notThereYet(it, e)) {
        await this.outbox.park(it, Date.now() + PARK_MS);
        return true;
      }
      err = e;
    }
    await this.outbox.remove([it.seq]);
    this.onResult(it, res, err);
    return true;
  }

  /** at calls send(base) at the venue's node in use, or at this page's own server. */
  at(send) { return this.venue ? this.venue.send(send) : send(''); }

  path(it) {
    const a = `/api/actions/${this.action}`;
    switch (it.kind) {
      case 'walkin': return `${a}/walkins`;
      case 'headcount': return `${a}/headcounts`;
      case 'need': return `${a}/needs/counts`;
      case 'undo': return `${a}/checkins/${encodeURIComponent(it.target)}/undo`;
      case 'undo_headcount': return `${a}/headcounts/${encodeURIComponent(it.target)}/undo`;
    }
    throw new Error('unknown outbox kind ' + it.kind);
  }

  /** notThereYet: an undo of a write the node in use has not heard of, at a venue of two nodes. */
  notThereYet(it, e) {
    return this.venue?.two() && (it.kind === 'undo' || it.kind === 'undo_headcount') && e.code === 'not_found' &&
      (this.venue.onStandby || (it.parked || 0) < PARK_TIMES);
  }

  /** isAck: a 4xx about the item itself, which retrying cannot change. */
  isAck(e) {
    return e instanceof ApiError && e.status >= 400 && e.status < 500 && !this.isAuth(e);
  }

  isAuth(e) {
    return e instanceof ApiError && (e.status === 401 || e.code === 'forbidden' || e.code === 'wrong_action');
  }

  failed(e, on4xx) {
    if (e instanceof ApiError && e.status === 0) this.onNet(false);
    if (this.isAuth(e)) {
      this.onAuth(e);
    } else if (on4xx && e instanceof ApiError && e.status >= 400 && e.status < 500) {
      on4xx();
    }
    return false;
  }
}
