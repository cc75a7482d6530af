// The sheets over the scanner: name search, walk-in and headcount.
import { clock } from '/shared/clock.js';
import { t, iso } from '/shared/i18n.js';
import { fmt } from '/shared/numbers.js';
import { short } from './codes.js';
import { people } from './door.js';
import { Picker } from './picker.js';

const $ = (id) => document.getElementById(id);
const SHOWN = 40; // names listed at once: more is a longer name to type
const MATCHES = 3; // roster names offered while a walk-in's name is typed
const DEFAULT_HEADCOUNT_MAX = 200; // the server's default, for a roster cached before it said its own

/**
 * Panels opens one sheet at a time and hands its result to the door.
 * presentOf(institution id) is the institution's turnout as the live feed
 * last told it, undefined when unknown.
 */
export class Panels {
  constructor(door, roster, onClose, presentOf = () => undefined) {
    this.door = door;
    this.roster = roster;
    this.onClose = onClose;
    this.presentOf = presentOf;
    this.current = null;
    this.walkinInst = null;
    this.hcInst = null;
    this.walkinLang = 'es';
    this.walkinPicker = new Picker($('walkin-picker'), roster, (i) => { this.walkinInst = i; this.checkWalkIn(); });
    this.hcPicker = new Picker($('headcount-picker'), roster, (i) => { this.hcInst = i; this.showScanned(); this.checkHeadcount(); });
    for (const b of document.querySelectorAll('.sheet-close')) b.addEventListener('click', () => this.close());
    document.addEventListener('keydown', (e) => { if (e.key === 'Escape' && this.current) this.close(); });
    document.addEventListener('langchange', () => this.redraw());
    this.wireSearch();
    this.wireWalkIn();
    this.wireHeadcount();
  }

  isOpen() { return this.current !== null; }

  /** redraw writes the open sheet's own sentences again, in the new language. */
  redraw() {
    if (this.current === 'search') this.renderSearch();
    if (this.current === 'headcount') { this.showScanned(); this.checkHeadcount(); }
  }

  open(name) {
    this.close(true);
    this.current = name;
    $(name + '-panel').classList.remove('hidden');
    document.body.classList.add('sheet-open');
    if (name === 'search') { $('search-input').value = ''; this.renderSearch(); $('search-input').focus(); }
    if (name === 'walkin') this.resetWalkIn();
    if (name === 'headcount') this.resetHeadcount();
  }

  close(quiet) {
    if (!this.current) return;
    $(this.current + '-panel').classList.add('hidden');
    document.body.classList.remove('sheet-open');
    this.current = null;
    if (!quiet) this.onClose();
  }

  wireSearch() {
    $('search-input').addEventListener('input', () => this.renderSearch());
  }

  renderSearch() {
    const q = $('search-input').value;
    const found = this.roster.search(q);
    const list = $('search-results');
    list.replaceChildren(...found.slice(0, SHOWN).map((l) => this.leaderButton(l)));
    $('search-count').textContent = q.trim().length < 2 ? t('search.hint') : searchCount(found.length);
    $('search-count').classList.toggle('more', found.length > SHOWN);
  }

  leaderButton(l) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'pick leader' + (l.at ? ' is-in' : '');
    b.dataset.code = l.code;
    const name = document.createElement('span');
    name.textContent = short(l.name, 90);
    const sub = document.createElement('small');
    const inst = short(this.roster.instName(l.inst), 60);
    sub.textContent = l.at ? iso(inst) + ' · ✓ ' + clock(l.at) : inst;
    b.append(name, sub);
    b.addEventListener('click', () => { this.close(); this.door.scan(l.code, 'search'); });
    return b;
  }

  resetWalkIn() {
    $('walkin-name').value = '';
    $('walkin-phone').value = '';
    $('walkin-email').value = '';
    $('walkin-consent').checked = false;
    this.walkinPicker.reset();
    this.setWalkInLang('es');
    this.checkWalkIn();
    this.showMatches();
    $('walkin-name').focus();
  }

  setWalkInLang(l) {
    this.walkinLang = l;
    $('walkin-es').setAttribute('aria-pressed', String(l === 'es'));
    $('walkin-en').setAttribute('aria-pressed', String(l === 'en'));
  }

  checkWalkIn() {
    $('walkin-submit').disabled = !($('walkin-name').value.trim() && this.walkinInst);
  }

  /**
   * showMatches offers, while a walk-in's name is typed, the roster's
   * leaders of that name: a person already on the roster is checked in
   * with a tap, as from a search, and is not added a second time.
   */
  showMatches() {
    const name = $('walkin-name').value.trim();
    const found = name.length < 3 ? [] : this.roster.search(name).slice(0, MATCHES);
    $('walkin-match-list').replaceChildren(...found.map((l) => this.leaderButton(l)));
    $('walkin-matches').classList.toggle('hidden', found.length === 0);
  }

  wireWalkIn() {
    $('walkin-name').addEventListener('input', () => { this.checkWalkIn(); this.showMatches(); });
    $('walkin-es').addEventListener('click', () => this.setWalkInLang('es'));
    $('walkin-en').addEventListener('click', () => this.setWalkInLang('en'));
    $('walkin-form').addEventListener('submit', (e) => {
      e.preventDefault();
      const name = $('walkin-name').value.trim();
      if (!name || !this.walkinInst) return;
      const inst = this.walkinInst;
      const contact = { phone: $('walkin-phone').value.trim().slice(0, 40), email: $('walkin-email').value.trim().slice(0, 200),
        consent: $('walkin-consent').checked };
      this.close();
      this.door.walkIn(name.slice(0, 200), inst, this.walkinLang, contact);
    });
  }

  resetHeadcount() {
    this.hcPicker.reset();
    $('headcount-count').value = '';
    $('headcount-note').value = '';
    this.checkHeadcount();
    this.hcPicker.input.focus();
  }

  hcCount() {
    const n = Number($('headcount-count').value);
    return Number.isInteger(n) && n >= 1 && n <= 5000 ? n : 0;
  }

  /** hcLimit is the largest headcount this door may record, as its roster says (200 until it knows). */
  hcLimit() { return this.roster.headcountMax || DEFAULT_HEADCOUNT_MAX; }

  /**
   * checkHeadcount enables the submit only for a count this door may
   * record: above the action's limit the server would refuse it, so the
   * form says, before anything is sent, that an organizer records it.
   */
  checkHeadcount() {
    const n = this.hcCount();
    const over = n > this.hcLimit();
    const limit = $('headcount-limit');
    limit.classList.toggle('hidden', !over);
    limit.textContent = over ? t('hc.over', { n: fmt(this.hcLimit()) }) : '';
    $('headcount-count').setAttribute('aria-invalid', String(over));
    const ok = n > 0 && !over && this.hcInst;
    $('headcount-submit').disabled = !ok;
    $('headcount-submit').textContent = ok
      ? t('hc.confirm', { what: t('hc.of', { people: people(n), inst: short(this.hcInst.name, 60) }) }) : t('hc.submit');
  }

  /**
   * showScanned says how many of the chosen institution already came today
   * with a badge (from this phone's roster, which follows every door) and in
   * earlier headcounts: a delegation is both, and a bus counted again
   * with its badge holders would count them twice.
   */
  showScanned() {
    const el = $('headcount-scanned');
    el.classList.toggle('hidden', !this.hcInst);
    if (!this.hcInst) return;
    const scanned = this.roster.checkedIn(this.hcInst.id);
    const counted = (this.presentOf(this.hcInst.id) ?? scanned) - scanned;
    el.textContent = scannedText(scanned) + (counted > 0 ? ' ' + t('hc.counted', { n: fmt(counted) }) : '');
  }

  wireHeadcount() {
    $('headcount-count').addEventListener('input', () => this.checkHeadcount());
    $('headcount-form').addEventListener('submit', (e) => {
      e.preventDefault();
      const n = this.hcCount();
      if (!n || n > this.hcLimit() || !this.hcInst) return;
      const inst = this.hcInst;
      const note = $('headcount-note').value.trim().slice(0, 200);
      this.close();
      this.door.headcount(inst, n, note);
    });
  }
}

/** searchCount says how many names match, and to type more when not all are listed. */
function searchCount(n) {
  if (n === 0) return t('search.none');
  if (n > SHOWN) return t('search.more', { shown: SHOWN, n: fmt(n) });
  return n === 1 ? t('search.one') : t('search.count', { n: fmt(n) });
}

/** scannedText says how many of an institution checked in with a badge today. */
function scannedText(n) {
  if (n === 0) return t('hc.scanned_none');
  return n === 1 ? t('hc.scanned_one') : t('hc.scanned', { n: fmt(n) });
}
