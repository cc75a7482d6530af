// The scanner's screen apart from the answer: header, counters, the last
// write with its undo button, short notices and the blocking screens.
import { clock, shortClock } from '/shared/clock.js';
import { iso, t } from '/shared/i18n.js';
import { fmt } from '/shared/numbers.js';
import { short } from './codes.js';
import { whatOf } from './door.js';

const $ = (id) => document.getElementById(id);
const ARMED_MS = 5000;

/** UI updates the parts of the page that show state. */
export class UI {
  constructor(onUndo) {
    this.online = navigator.onLine;
    this.unsent = 0;
    this.toastTimer = 0;
    this.armed = false;
    this.armTimer = 0;
    this.queued = () => {};
    $('undo').addEventListener('click', onUndo);
    $('refused-ok').addEventListener('click', () => {
      $('refused-list').replaceChildren();
      $('refused').classList.add('hidden');
    });
    document.addEventListener('langchange', () => this.redraw());
  }

  header(cred) {
    $('door-name').textContent = short(cred.door || t('door.unnamed'), 40);
    this.setOnline(this.online);
  }

  /** count shows how many writes wait in the outbox. */
  count(n) {
    this.unsent = n;
    const el = $('unsent');
    el.dataset.count = String(n);
    el.classList.toggle('has-unsent', n > 0);
    $('unsent-n').textContent = String(n);
    $('unsent-label').textContent = n === 0 ? t('unsent.none') : n === 1 ? t('unsent.one') : t('unsent.some');
  }

  setOnline(up) {
    if (up && !this.online) this.onBack?.();
    this.online = up;
    const el = $('net');
    el.classList.toggle('offline', !up);
    el.classList.toggle('standby', up && !!this.standby);
    el.dataset.online = String(up);
    el.dataset.venue = this.standby ? 'standby' : 'primary';
    $('net-label').textContent = !up ? t('net.offline') : this.standby ? t('net.standby') : t('net.online');
    this.showTotal();
  }

  /** setVenue says, in small words, when writes go to the venue's standby: no step to take. */
  setVenue(standby) {
    this.standby = standby;
    this.setOnline(this.online);
  }

  /** standbyNote says this phone cannot reach the standby, with the link that fixes it; null hides it. */
  standbyNote(url) {
    this.standbyURL = url;
    $('standby-note').classList.toggle('hidden', !url);
    if (url) $('standby-accept').href = url;
  }

  /** total shows the "Presentes" figure (total.js makes it). */
  total(n) {
    if (typeof n !== 'number') return;
    this.totalN = n;
    this.showTotal();
  }

  showTotal() {
    if (this.totalN === undefined) return;
    $('total').textContent = t('total', { n: fmt(this.totalN) });
  }

  rosterSize(n) {
    this.rosterN = n;
    $('roster-size').textContent = t('roster.size', { n: fmt(n) });
  }

  /**
   * last shows the last green write of this phone and the button that
   * undoes it, named with whom (or which headcount) and when, so that no
   * one undoes a person they did not mean to.
   */
  last(item) {
    this.lastItem = item;
    this.armed = false;
    clearTimeout(this.armTimer);
    const undo = $('undo');
    undo.classList.remove('armed');
    undo.disabled = !item?.undoable;
    undo.textContent = item?.undoable ? t('undo.named', { what: iso(short(whatOf(item), 60)), time: shortClock(item.at) }) : t('undo');
    // While undoable, the button itself names the last write: no need to say it twice.
    $('last-name').classList.toggle('hidden', !!item?.undoable);
    if (!item) { $('last-name').textContent = t('last.none'); return; }
    const parts = [iso(short(whatOf(item), 80)), clock(item.at)];
    if (item.undone) parts.push(t('last.undone'));
    $('last-name').textContent = parts.join(' · ');
  }

  /** arm asks for a second tap on the undo button, text saying what it would undo; it calms down after a while. */
  arm(text) {
    const undo = $('undo');
    this.armed = true;
    undo.classList.add('armed');
    undo.textContent = text;
    clearTimeout(this.armTimer);
    this.armTimer = setTimeout(() => this.last(this.lastItem), ARMED_MS);
  }

  toast(text) {
    const el = $('toast');
    el.textContent = text;
    el.classList.remove('hidden');
    clearTimeout(this.toastTimer);
    this.toastTimer = setTimeout(() => el.classList.add('hidden'), 6000);
  }

  /** refused tells, in red until tapped away, a write the server did not record; several pile up. */
  refused(text) {
    const li = document.createElement('li');
    li.textContent = text;
    $('refused-list').append(li);
    $('refused').classList.remove('hidden');
  }

  camera(state, kind) {
    const el = $('cam-state');
    el.dataset.state = state;
    if (kind) el.dataset.kind = kind;
    el.textContent = t('cam.' + state);
    $('camera').classList.toggle('cam-on', state === 'running');
    $('cam-toggle').textContent = state === 'running' || state === 'starting' ? t('cam.turn_off') : t('cam.turn_on');
  }

  /** block covers the page: a revoked door, an unpaired phone, no server. */
  block(kind, unsent = 0) {
    this.blockUnsent = unsent;
    const el = $('blocker');
    el.dataset.kind = kind;
    el.className = 'blocker ' + kind;
    $('blocker-title').textContent = t('block.' + kind);
    $('blocker-text').textContent = t('block.' + kind + '_text');
    $('blocker-unsent').textContent = unsent === 0 ? '' : unsent === 1 ? t('block.unsent_one') : t('block.unsent', { n: fmt(unsent) });
  }

  redraw() {
    this.count(this.unsent);
    this.setOnline(this.online);
    if (this.totalN !== undefined) this.total(this.totalN);
    if (this.rosterN !== undefined) this.rosterSize(this.rosterN);
    this.last(this.lastItem);
    const cam = $('cam-state').dataset.state;
    if (cam) this.camera(cam);
    const b = $('blocker').dataset.kind;
    if (b) this.block(b, this.blockUnsent);
  }
}
