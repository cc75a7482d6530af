// The roster on this phone: read from this page's own server when the page
// opens, else (offline) from the copy kept in IndexedDB; the copy saved as
// the roster changes; and read again when a node says it changed (an
// import, walk-ins at other doors), so that a leader imported after this
// phone started is known at this door, by badge and by name, offline too.

// A roster changed on the server (an import, walk-ins at other doors) is
// read again at most this often: each read is the whole roster.
const ROSTER_GAP_MS = 10000;

/**
 * RosterCache loads, keeps and refreshes the scanner's roster. It belongs
 * to the scanner s and uses its call, cred, roster, total, cursors, door,
 * outbox, ui and feed when it runs.
 */
export class RosterCache {
  constructor(s) {
    this.s = s;
    this.dirty = false; // the roster changed since the copy was saved
    this.at = 0; // when the roster was last read from the server
    this.timer = 0;
    this.busy = false;
    this.node = ''; // where the roster changed last
  }

  /** load reads the feed's cursor, the turnout and the roster from this page's own server; offline, the copy. */
  async load() {
    const s = this.s;
    const a = `/api/actions/${s.cred.action}`;
    const gen = s.total.gen;
    try {
      const feed = await s.call('GET', `${a}/door/feed`);
      const snap = await s.call('GET', `${a}/turnout`);
      const r = await s.call('GET', `${a}/roster`, { timeout: 60000 });
      this.at = Date.now();
      s.roster.loadTurnout(snap);
      s.roster.load(r.leaders);
      s.roster.setState(r.version, r.headcount_max);
      s.cursors.set('', feed.cursor);
      s.total.server(snap.total, gen);
      this.dirty = true;
      await this.save();
    } catch {
      const c = await s.outbox.getCache('roster');
      if (c && c.action === s.cred.action) {
        s.roster.loadTurnout(c.snap);
        s.roster.load(c.leaders);
        s.roster.setState(c.version, c.headcountMax);
        s.total.server(c.total);
        if (c.cursor >= 0) s.cursors.set('', c.cursor);
      }
    }
    s.ui.rosterSize(s.roster.size);
  }

  /** save keeps the roster, its institutions, the cursor and the total on the phone, when they changed. */
  async save() {
    const s = this.s;
    if (!this.dirty || s.roster.size === 0) return;
    this.dirty = false;
    const snap = { chapters: [] };
    const byChapter = new Map();
    for (const i of s.roster.institutions) {
      if (!byChapter.has(i.chapter)) { byChapter.set(i.chapter, { name: i.chapter, institutions: [] }); snap.chapters.push(byChapter.get(i.chapter)); }
      byChapter.get(i.chapter).institutions.push({ id: i.id, name: i.name });
    }
    await s.outbox.putCache('roster', { action: s.cred.action, cursor: s.cursors.get('') ?? -1, snap,
      leaders: s.roster.leaders(), version: s.roster.version, headcountMax: s.roster.headcountMax,
      total: s.total.base,
      savedAt: Date.now() });
  }

  /**
   * changed reads the roster again soon from node ('' for this page's own,
   * else the venue's other node while writes go there), the node having
   * said it changed.
   */
  changed(node) {
    this.node = node;
    if (this.timer || this.busy) return;
    const wait = Math.max(0, this.at + ROSTER_GAP_MS - Date.now());
    this.timer = setTimeout(() => { this.timer = 0; this.refresh(this.node); }, wait);
  }

  /**
   * refresh reads the leaders again from node, and from this page's own
   * the institutions too (the other node serves a door its roster, not the
   * turnout), keeping this phone's check-ins not yet sent; the node's feed,
   * read again from where it was when this began, brings what changed
   * meanwhile.
   */
  async refresh(node = '') {
    const s = this.s;
    const a = `${node}/api/actions/${s.cred.action}`;
    const from = s.cursors.get(node);
    this.busy = true;
    this.at = Date.now();
    try {
      const snap = node === '' ? await s.call('GET', `${a}/turnout`) : null;
      const r = await s.call('GET', `${a}/roster`, { timeout: 60000 });
      if (snap) s.roster.loadTurnout(snap);
      s.roster.reload(r.leaders, s.door.pending, node !== '');
      s.roster.setState(r.version, r.headcount_max, node);
      if (from !== undefined) s.cursors.set(node, from);
      s.ui.rosterSize(s.roster.size);
      this.dirty = true;
      await this.save();
    } catch { /* the next read of the feed asks again */ } finally {
      this.busy = false;
    }
    s.feed.poll();
  }
}
