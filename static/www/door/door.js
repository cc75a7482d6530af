// The door's logic: every write goes to the outbox first, is answered at
// once from the downloaded roster, and is corrected if the server says
// otherwise.
import { uuid } from '/shared/api.js';
import { clock } from '/shared/clock.js';
import { t, errorText, iso } from '/shared/i18n.js';
import { fmt } from '/shared/numbers.js';
import { normalizeCode, groupCode, short } from './codes.js';

const REPEAT_MS = 3000; // the camera sees a badge many times a second
// A LAN server answers in tens of milliseconds; past this the answer says
// the write waits on the phone.
const ACK_MS = 1200;

/** people writes a headcount's size: "38 personas", "1 persona". */
export function people(n) {
  return n === 1 ? t('hc.person') : t('hc.people', { n: fmt(n) });
}

/** whatOf names a write for the undo button, in the page's language: a leader, or "38 personas de …". */
export function whatOf(last) {
  if (last.kind !== 'headcount') return last.name;
  return t('hc.of', { people: people(last.count), inst: short(last.inst, 60) });
}

/**
 * peopleIn counts the people a phone's unsent writes add to the total:
 * green check-ins and walk-ins one each, headcounts their size, undos as
 * many less.
 */
export function peopleIn(items) {
  let n = 0;
  for (const it of items) {
    if ((it.kind === 'checkin' && it.guess === 'ok') || it.kind === 'walkin') n++;
    else if (it.kind === 'headcount') n += it.body.count;
    else if (it.kind === 'undo') n--;
    else if (it.kind === 'undo_headcount') n -= it.count || 0;
  }
  return n;
}

const LAST = 'presente.door.last'; // the last green write, kept for a reload

/** Door answers scans for one paired door of one action. */
export class Door {
  constructor({ cred, roster, outbox, answer, ui }) {
    Object.assign(this, { cred, roster, outbox, answer, ui });
    this.action = cred.action;
    this.doorName = cred.door || '';
    this.pending = new Map(); // code -> check-ins of it still in the outbox
    this.recent = new Map(); // code -> when the camera last read it
    this.last = null; // the last green write: {id, kind, code, name | count+inst, at, undoable, undone}
    this.awaiting = new Map(); // write id -> the note to show once the server has it
    this.sync = null;
  }

  /** notePending counts the check-ins already in the outbox (after a reload). */
  async notePending() {
    for (const it of await this.outbox.list(this.action)) {
      if (it.kind !== 'checkin') continue;
      this.addPending(it.code, 1);
      const l = this.roster.get(it.code);
      if (l && !l.at) this.roster.mark(it.code, new Date(it.body.at).toISOString(), this.doorName);
    }
  }

  addPending(code, n) {
    const v = (this.pending.get(code) || 0) + n;
    if (v > 0) this.pending.set(code, v); else this.pending.delete(code);
  }

  /**
   * show puts an answer on screen. Any answer but a green one closes the
   * undo button: after an amber or red answer a tap on it must not undo
   * the person before, whom the volunteer no longer has in mind.
   */
  show(kind, opts) {
    if (kind !== 'ok' && this.last?.undoable) this.setLast({ ...this.last, undoable: false });
    this.answer.show(kind, opts);
  }

  /** scan handles a code from the camera, a scanner, the keyboard or a search. */
  async scan(raw, source) {
    const code = normalizeCode(raw);
    if (!code) {
      if (source !== 'camera') this.show('bad', { title: t('ans.invalid'), detail: short(raw, 40) });
      return;
    }
    const now = Date.now();
    const seen = this.recent.get(code) || 0;
    this.recent.set(code, now); // a badge held in view stays ignored
    if (source === 'camera' && now - seen < REPEAT_MS) return;
    const id = uuid();
    const at = new Date(now).toISOString();
    const l = this.roster.get(code);
    const guess = this.roster.size === 0 ? 'info' : !l ? 'bad' : l.at ? 'warn' : 'ok';
    await this.outbox.add({ id, kind: 'checkin', action: this.action, code, guess, body: { id, code, at } });
    this.addPending(code, 1);
    if (guess === 'ok') this.roster.mark(code, at, this.doorName);
    this.showGuess(guess, id, code, l, at);
    this.ui.queued();
    this.sync.flush();
  }

  showGuess(guess, id, code, l, at) {
    switch (guess) {
      case 'ok':
        this.setLast({ id, kind: 'checkin', code, name: l.name, at, undoable: true });
        this.awaitAck(id, t('ans.checked_in'));
        return this.showOk(id, l.name, this.roster.instName(l.inst));
      case 'warn':
        return this.showAlready(id, l.name, l.at, l.door);
      case 'bad':
        return this.show('bad', { id, title: t('ans.unknown'), detail: groupCode(code), note: t('ans.unknown_hint') });
    }
    this.show('info', { id, title: t('ans.saved'), detail: groupCode(code), note: t('ans.no_roster') });
  }

  /** showOk is the green answer; until the server has the write its note says where the write is. */
  showOk(id, name, inst, note = this.waitingNote()) {
    this.show('ok', { id, title: short(name, 120), detail: short(inst, 120), undo: t('undo.this'), note });
  }

  showAlready(id, name, at, door) {
    const detail = door ? t('ans.already_door', { time: clock(at), door: short(door, 60) })
      : t('ans.already', { time: clock(at) });
    this.show('warn', { id, title: short(name, 120), detail });
  }

  /** waitingNote is what a green answer says before the server confirmed it. */
  waitingNote() { return this.ui.online ? '' : t('ans.offline_saved'); }

  /**
   * awaitAck notes that the answer for id may say done only once the
   * server has the write; if it has not answered soon, the note says the
   * write is kept on the phone and will be sent.
   */
  awaitAck(id, done) {
    this.awaiting.set(id, done);
    setTimeout(() => { if (this.awaiting.has(id)) this.answer.setNote(id, t('ans.offline_saved')); }, ACK_MS);
  }

  /** acked shows, on the answer still on screen, that the server has the write. */
  acked(id) {
    const done = this.awaiting.get(id);
    if (done === undefined) return;
    this.awaiting.delete(id);
    this.answer.setNote(id, done);
  }

  /** offline tells the answer on screen, if its write was not sent, that it waits on the phone. */
  offline() {
    const id = this.answer.id;
    if (id && this.awaiting.has(id)) this.answer.setNote(id, t('ans.offline_saved'));
  }

  setLast(last) {
    this.last = last;
    this.ui.last(last);
    this.onLast?.(last);
    try { localStorage.setItem(LAST, JSON.stringify({ action: this.action, last })); } catch { /* a full disk: no undo after a reload */ }
  }

  /** restoreLast brings back, after a reload, the last green write of this phone at this action and its undo. */
  restoreLast() {
    let kept = null;
    try { kept = JSON.parse(localStorage.getItem(LAST) || 'null'); } catch { /* none */ }
    if (kept?.action === this.action && kept.last) this.setLast(kept.last);
  }

  /**
   * walkIn adds a person without a badge to an institution and checks them
   * in; contact is {phone, email, consent}, all optional.
   */
  async walkIn(name, inst, language, contact = {}) {
    const id = uuid();
    await this.outbox.add({ id, kind: 'walkin', action: this.action,
      body: { id, name, institution: inst.id, language, phone: contact.phone || '', email: contact.email || '',
        consent: !!contact.consent } });
    this.setLast({ id, kind: 'checkin', code: '', name, at: new Date().toISOString(), undoable: true });
    this.awaitAck(id, t('ans.walkin'));
    this.showOk(id, name, inst.name);
    this.ui.queued();
    this.sync.flush();
  }

  /** headcount records a delegation counted at the door. */
  async headcount(inst, count, note) {
    const id = uuid();
    await this.outbox.add({ id, kind: 'headcount', action: this.action,
      body: { id, institution: inst.id, count, note } });
    this.setLast({ id, kind: 'headcount', code: '', count, inst: inst.name, at: new Date().toISOString(), undoable: true });
    this.awaitAck(id, t('ans.headcount'));
    this.show('ok', { id, title: people(count), detail: short(inst.name, 120), undo: t('undo.this'),
      note: this.waitingNote() });
    this.ui.queued();
    this.sync.flush();
  }

  /**
   * undoLast undoes the last green write of this phone, if it is still
   * undoable. A headcount undoes many people at once: it needs confirmed,
   * a second tap; undoLast answers false when that is still missing.
   */
  async undoLast(confirmed = false) {
    const last = this.last;
    if (!last?.undoable) return true;
    if (last.kind === 'headcount' && !confirmed) return false;
    this.setLast({ ...last, undoable: false, undone: true });
    this.awaiting.delete(last.id);
    const kind = last.kind === 'headcount' ? 'undo_headcount' : 'undo';
    await this.outbox.add({ id: uuid(), kind, action: this.action, target: last.id, count: last.count });
    if (last.code) this.roster.clear(last.code);
    this.answer.show('info', { title: t('ans.undone'), detail: short(whatOf(last), 120) });
    this.ui.queued();
    this.sync.flush();
    return true;
  }

  /** onResult applies the server's answer to a write that left the outbox. */
  onResult(item, res, err) {
    if (item.kind === 'checkin') this.addPending(item.code, -1);
    if (err) return this.onRejected(item, err);
    if (item.kind === 'checkin' || item.kind === 'walkin') this.onCheckedIn(item, res);
    if (item.kind === 'headcount') this.acked(item.id);
    if (item.kind === 'need') this.onNeed?.(item, res);
  }

  onCheckedIn(item, res) {
    const code = res.leader.code || item.code;
    const shown = this.answer.showing(item.id);
    if (res.status === 'checked_in') {
      this.roster.mark(code, res.at, this.doorName, res.leader.name, res.leader.institution.id);
      if (this.last && this.last.id === item.id) this.last.code = code;
      if (shown && item.kind === 'checkin' && item.guess !== 'ok') {
        this.setLast({ id: item.id, kind: 'checkin', code, name: res.leader.name, at: res.at, undoable: true });
        this.showOk(item.id, res.leader.name, res.leader.institution.name, t('ans.checked_in'));
      }
      this.acked(item.id);
      return;
    }
    this.awaiting.delete(item.id);
    const first = res.first || {};
    this.roster.mark(code, first.at || res.at, first.door || '', res.leader.name, res.leader.institution.id);
    if (this.last && this.last.id === item.id) this.setLast(null);
    if (shown && item.guess !== 'warn') this.showAlready(item.id, res.leader.name, first.at || res.at, first.door);
  }

  onRejected(item, err) {
    this.awaiting.delete(item.id);
    if (this.last && this.last.id === item.id) this.setLast(null);
    if (item.kind === 'checkin' && (err.code === 'unknown_badge' || err.code === 'revoked_badge')) {
      if (this.answer.showing(item.id) && item.guess !== 'bad') {
        const title = err.code === 'unknown_badge' ? t('ans.unknown') : errorText(err.code);
        this.show('bad', { id: item.id, title, detail: groupCode(item.code), note: t('ans.unknown_hint') });
      }
      return;
    }
    if (item.kind === 'undo' && err.code === 'not_found') return; // the check-in was a repeat: nothing to undo
    const what = this.refusedWhat(item);
    const reason = errorText(err.code);
    if (this.answer.showing(item.id)) this.show('bad', { id: item.id, title: t('refused.answer'), detail: what, note: reason });
    this.ui.refused(t('refused.item', { what, reason }));
  }

  /** refusedWhat names a write the server refused: the headcount's size and institution, the walk-in's name. */
  refusedWhat(item) {
    const b = item.body || {};
    if (item.kind === 'headcount') {
      return t('hc.of', { people: people(b.count), inst: iso(short(this.roster.instName(b.institution), 60)) });
    }
    if (item.kind === 'walkin') return t('refused.walkin', { name: iso(short(b.name, 80)) });
    return t('kind.' + item.kind);
  }
}
