// The door's logic: every write goes to the outbox first, is answered at
// once from the downloaded roster, and is corrected if the server says
// otherwise.
import { uuid } from '/shared/api.js';
import { clock } from '/shared/clock.js';
import { t, errorText } from '/shared/i18n.js';
import { normalizeCode, groupCode, short } from './codes.js';

const REPEAT_MS = 3000; // the camera sees a badge many times a second

/** Door answers scans for one paired door of one action. */
export class Door {
  constructor({ cred, roster, outbox, answer, ui }) {
    Object.assign(this, { cred, roster, outbox, answer, ui });
    this.action = cred.action;
    this.doorName = cred.door || '';
    this.pending = new Map(); // code -> check-ins of it still in the outbox
    this.recent = new Map(); // code -> when the camera last read it
    this.last = null; // the last write that can be undone
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

  /** scan handles a code from the camera, a scanner, the keyboard or a search. */
  async scan(raw, source) {
    const code = normalizeCode(raw);
    if (!code) {
      if (source !== 'camera') this.answer.show('bad', { title: t('ans.invalid'), detail: short(raw, 40) });
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
    this.showGuess(guess, id, code, l);
    this.ui.queued();
    this.sync.flush();
  }

  showGuess(guess, id, code, l) {
    switch (guess) {
      case 'ok':
        this.setLast({ id, kind: 'checkin', code, name: l.name });
        return this.showOk(id, l.name, this.roster.instName(l.inst));
      case 'warn':
        return this.showAlready(id, l.name, l.at, l.door);
      case 'bad':
        return this.answer.show('bad', { id, title: t('ans.unknown'), detail: groupCode(code), note: t('ans.unknown_hint') });
    }
    this.answer.show('info', { id, title: t('ans.saved'), detail: groupCode(code), note: t('ans.no_roster') });
  }

  showOk(id, name, inst, note = '') {
    this.answer.show('ok', { id, title: short(name, 120), detail: short(inst, 120), undoable: true,
      note: note || (this.ui.online ? t('ans.checked_in') : t('ans.offline_saved')) });
  }

  showAlready(id, name, at, door) {
    const detail = door ? t('ans.already_door', { time: clock(at), door: short(door, 60) })
      : t('ans.already', { time: clock(at) });
    this.answer.show('warn', { id, title: short(name, 120), detail });
  }

  setLast(last) {
    this.last = last;
    this.ui.last(last);
  }

  /** walkIn adds a person without a badge to an institution and checks them in. */
  async walkIn(name, inst, language) {
    const id = uuid();
    await this.outbox.add({ id, kind: 'walkin', action: this.action,
      body: { id, name, institution: inst.id, language } });
    this.setLast({ id, kind: 'checkin', code: '', name });
    this.showOk(id, name, inst.name, this.ui.online ? t('ans.walkin') : t('ans.offline_saved'));
    this.ui.queued();
    this.sync.flush();
  }

  /** headcount records a delegation counted at the door. */
  async headcount(inst, count, note) {
    const id = uuid();
    await this.outbox.add({ id, kind: 'headcount', action: this.action,
      body: { id, institution: inst.id, count, note } });
    const label = t('hc.done', { n: count });
    this.setLast({ id, kind: 'headcount', code: '', name: label + ' · ' + inst.name });
    this.answer.show('ok', { id, title: label, detail: short(inst.name, 120), undoable: true,
      note: this.ui.online ? t('ans.headcount') : t('ans.offline_saved') });
    this.ui.queued();
    this.sync.flush();
  }

  /** undoLast undoes the last check-in, walk-in or headcount of this phone. */
  async undoLast() {
    const last = this.last;
    if (!last) return;
    this.setLast(null);
    const kind = last.kind === 'headcount' ? 'undo_headcount' : 'undo';
    await this.outbox.add({ id: uuid(), kind, action: this.action, target: last.id });
    if (last.code) this.roster.clear(last.code);
    this.answer.show('info', { title: t('ans.undone'), detail: short(last.name, 120) });
    this.ui.queued();
    this.sync.flush();
  }

  /** onResult applies the server's answer to a write that left the outbox. */
  onResult(item, res, err) {
    if (item.kind === 'checkin') this.addPending(item.code, -1);
    if (err) return this.onRejected(item, err);
    if (item.kind === 'checkin' || item.kind === 'walkin') this.onCheckedIn(item, res);
  }

  onCheckedIn(item, res) {
    const code = res.leader.code || item.code;
    const shown = this.answer.showing(item.id);
    if (res.status === 'checked_in') {
      this.roster.mark(code, res.at, this.doorName, res.leader.name, res.leader.institution.id);
      if (this.last && this.last.id === item.id) this.last.code = code;
      if (shown && item.kind === 'checkin' && item.guess !== 'ok') {
        this.setLast({ id: item.id, kind: 'checkin', code, name: res.leader.name });
        this.showOk(item.id, res.leader.name, res.leader.institution.name);
      }
      return;
    }
    const first = res.first || {};
    this.roster.mark(code, first.at || res.at, first.door || '', res.leader.name, res.leader.institution.id);
    if (this.last && this.last.id === item.id) this.setLast(null);
    if (shown && item.guess !== 'warn') this.showAlready(item.id, res.leader.name, first.at || res.at, first.door);
  }

  onRejected(item, err) {
    if (this.last && this.last.id === item.id) this.setLast(null);
    if (item.kind === 'checkin' && (err.code === 'unknown_badge' || err.code === 'revoked_badge')) {
      if (this.answer.showing(item.id) && item.guess !== 'bad') {
        this.answer.show('bad', { id: item.id, title: errorText(err.code), detail: groupCode(item.code) });
      }
      return;
    }
    if (item.kind === 'undo' && err.code === 'not_found') return; // the check-in was a repeat: nothing to undo
    this.ui.toast(t('toast.rejected', { what: t('kind.' + item.kind), reason: errorText(err.code) }));
  }
}
