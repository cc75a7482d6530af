// Catching up with every door: the door feed (the check-ins and undos of
// all the action's doors, with the total and the roster's version) read
// since a cursor at the node writes go to, and the live connection's
// pushes, which say when to read it.

/**
 * DoorFeed reads the door feed into the scanner's roster and total, and
 * follows the live connection. It belongs to the scanner s and uses its
 * call, cred, venue, cursors, roster, door, total, cache, contact, sync
 * and ui when it runs.
 */
export class DoorFeed {
  constructor(s) {
    this.s = s;
    this.busy = false;
    this.again = false;
    this.timer = 0;
  }

  /**
   * poll reads the check-ins and undos of every door since the cursor, at
   * the node writes go to. At the venue's other node, the first time, it
   * reads that node's whole feed and takes each leader's last state there
   * (replayFeed): that node's numbers are not this one's.
   */
  async poll() {
    const s = this.s;
    if (s.revoked) return;
    if (this.busy) { this.again = true; return; }
    const base = s.venue?.base() ?? '';
    if (base === '' && !s.cursors.has('')) return; // the roster is not loaded yet
    this.busy = true;
    try {
      await this.read(base);
    } catch { /* next time */ } finally {
      this.busy = false;
    }
    if (this.again) { this.again = false; this.poll(); }
  }

  /** read reads base's feed to its end, page by page, and notes a roster changed there. */
  async read(base) {
    const s = this.s;
    const fresh = !s.cursors.has(base);
    const gen = s.total.gen;
    let cursor = s.cursors.get(base) ?? 0;
    const all = [];
    for (let more = true; more;) {
      const res = await s.call('GET', `${base}/api/actions/${s.cred.action}/door/feed?since=${cursor}`);
      if (fresh) all.push(...res.items);
      else s.roster.applyFeed(res.items, s.door.pending);
      cursor = res.cursor;
      more = res.more;
      if (!fresh) s.cursors.set(base, cursor);
      if (res.items.length) s.cache.dirty = true;
      if (base === (s.venue?.base() ?? '')) s.total.server(res.total, gen);
      if (s.roster.changedAt(base, res.roster)) s.cache.changed(base);
    }
    if (fresh) {
      s.roster.replayFeed(all, s.door.pending);
      s.cursors.set(base, cursor);
    }
  }

  /** onSnapshot follows a (re)connection: the server is there, so send the queue and catch up. */
  onSnapshot(snap) {
    if (!this.s.contact.away()) this.s.total.server(snap.total);
    this.s.sync.flush();
    this.poll();
  }

  /** onLive notes a live connection; a refused one asks the server why (revoked, unpaired). */
  onLive(status) {
    if (status === 'live') this.s.ui.setOnline(true);
    if (status === 'unauthorized' || status === 'missing') this.s.contact.heartbeat();
  }

  /** onChange follows a pushed change: its total, and for a check-in or an undo a read of the feed, once for a burst. */
  onChange(c) {
    if (!this.s.contact.away()) this.s.total.server(c.total);
    if (c.kind === 'checkin' || c.kind === 'undo') {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.poll(), 300);
    }
  }
}
