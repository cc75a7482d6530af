// The roster the phone downloaded, for answers that need no network.
import { fold, hasWords } from '/shared/fold.js';

/** Roster holds leaders by code and the action's institutions. */
export class Roster {
  constructor() {
    this.byCode = new Map();
    this.institutions = []; // {id, name, chapter, key}
    this.instByID = new Map();
    // The roster version read from each node ('' for this page's own, else
    // the venue's other node's origin): each node counts its own way.
    this.versions = new Map();
    this.headcountMax = 0; // the largest headcount a door may record; 0 unknown
  }

  /** version is the roster version this phone holds from this page's own node. */
  get version() { return this.versions.get('') || ''; }

  /** setState notes the roster's version at node and the action's headcount limit, as that node sent them. */
  setState(version, headcountMax, node = '') {
    this.versions.set(node, version || '');
    this.headcountMax = headcountMax || 0;
  }

  /**
   * changedAt says a node's feed carries a roster version other than the
   * one this phone read from it. The first time the phone reads the
   * venue's other node, it only notes the version: its roster came from
   * this page's own node, which that one copies, and a whole roster read
   * by every door at once is no help to a standby just taking over.
   */
  changedAt(node, version) {
    if (!version) return false;
    if (node !== '' && !this.versions.has(node)) this.versions.set(node, version);
    return this.versions.get(node) !== version;
  }

  /**
   * reload replaces the leaders with a fresher roster, keeping what this
   * phone knows of the codes in pending (its check-ins not yet sent); with
   * keepAll, of every code (a roster from the venue's other node, which may
   * not have copied yet what this node acknowledged: its feed, read again
   * after, brings its undos).
   */
  reload(leaders, pending, keepAll = false) {
    const codes = keepAll ? [...this.byCode.keys()] : [...pending.keys()];
    const mine = codes.map((c) => this.byCode.get(c)).filter((l) => l?.at);
    this.load(leaders);
    for (const l of mine) {
      const n = this.byCode.get(l.code);
      if (n && !n.at) { n.at = l.at; n.door = l.door; }
    }
  }

  /** load replaces the leaders ({code, name, institution, checked_in_at, door}). */
  load(leaders) {
    this.byCode.clear();
    for (const l of leaders) {
      this.byCode.set(l.code, { code: l.code, name: l.name, inst: l.institution, at: l.checked_in_at || null,
        door: l.door || '', key: fold(l.name) });
    }
  }

  /** loadTurnout takes the institutions from a turnout snapshot. */
  loadTurnout(snap) {
    this.institutions = [];
    this.instByID.clear();
    for (const ch of snap.chapters || []) {
      for (const i of ch.institutions || []) {
        const inst = { id: i.id, name: i.name, chapter: ch.name, key: fold(i.name + ' ' + ch.name) };
        this.institutions.push(inst);
        this.instByID.set(i.id, inst);
      }
    }
    this.institutions.sort((a, b) => a.name.localeCompare(b.name));
  }

  /** leaders returns the roster as the server sends it, for the offline cache. */
  leaders() {
    return [...this.byCode.values()].map((l) => ({ code: l.code, name: l.name, institution: l.inst,
      checked_in_at: l.at, door: l.door }));
  }

  get(code) { return this.byCode.get(code) || null; }

  instName(id) { return this.instByID.get(id)?.name || ''; }

  get size() { return this.byCode.size; }

  /** mark records a check-in; a leader the roster lacked (a walk-in) is added. */
  mark(code, at, door, name, inst) {
    let l = this.byCode.get(code);
    if (!l && name) {
      l = { code, name, inst, key: fold(name) };
      this.byCode.set(code, l);
    }
    if (l) { l.at = at; l.door = door || ''; }
    return l;
  }

  /** clear forgets a check-in (an undo). */
  clear(code) {
    const l = this.byCode.get(code);
    if (l) { l.at = null; l.door = ''; }
  }

  /** applyFeed applies the server's check-ins and undos, in order; codes in pending keep the phone's own guess. */
  applyFeed(items, pending) {
    for (const it of items) {
      if (pending.has(it.code)) continue;
      if (it.present) this.mark(it.code, it.at, it.door, it.name, it.institution);
      else this.clear(it.code);
    }
  }

  /**
   * replayFeed applies a node's whole feed, read from its start: each
   * leader's last state there. A check-in this phone knows that the node
   * lacks (acknowledged by the other node, not copied over yet) stays: an
   * undo there clears only the very check-in it undid, so no leader is
   * answered green twice because writes moved to another node.
   */
  replayFeed(items, pending) {
    const last = new Map();
    const undone = new Map(); // code -> the times of its check-ins undone there
    for (const it of items) {
      last.set(it.code, it);
      if (!it.present) undone.set(it.code, (undone.get(it.code) || []).concat(Date.parse(it.at)));
    }
    for (const [code, it] of last) {
      if (pending.has(code)) continue;
      const l = this.byCode.get(code);
      if (it.present) this.mark(code, it.at, it.door, it.name, it.institution);
      else if (l?.at && undone.get(code).includes(Date.parse(l.at))) this.clear(code);
    }
  }

  /** search finds every leader by name, accents, case and punctuation aside; best matches first. */
  search(query) {
    const q = fold(query);
    if (q.length < 2) return [];
    const out = [];
    for (const l of this.byCode.values()) {
      if (hasWords(l.key, q)) out.push(l);
    }
    const starts = (l) => (l.key.startsWith(q) ? 0 : 1);
    out.sort((a, b) => starts(a) - starts(b) || a.key.localeCompare(b.key));
    return out;
  }

  /** checkedIn counts an institution's leaders checked in, as far as this phone knows. */
  checkedIn(inst) {
    let n = 0;
    for (const l of this.byCode.values()) if (l.inst === inst && l.at) n++;
    return n;
  }

  /** findInstitutions filters institutions by name or chapter. */
  findInstitutions(query, limit = 40) {
    const q = fold(query);
    return this.institutions.filter((i) => hasWords(i.key, q)).slice(0, limit);
  }
}
