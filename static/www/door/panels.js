// The sheets over the scanner: name search, walk-in and headcount.
import { clock } from '/shared/clock.js';
import { t, iso } from '/shared/i18n.js';
import { short } from './codes.js';
import { Picker } from './picker.js';

const $ = (id) => document.getElementById(id);

/** Panels opens one sheet at a time and hands its result to the door. */
export class Panels {
  constructor(door, roster, onClose) {
    this.door = door;
    this.roster = roster;
    this.onClose = onClose;
    this.current = null;
    this.walkinInst = null;
    this.hcInst = null;
    this.walkinLang = 'es';
    this.walkinPicker = new Picker($('walkin-picker'), roster, (i) => { this.walkinInst = i; this.checkWalkIn(); });
    this.hcPicker = new Picker($('headcount-picker'), roster, (i) => { this.hcInst = i; this.checkHeadcount(); });
    for (const b of document.querySelectorAll('.sheet-close')) b.addEventListener('click', () => this.close());
    document.addEventListener('keydown', (e) => { if (e.key === 'Escape' && this.current) this.close(); });
    this.wireSearch();
    this.wireWalkIn();
    this.wireHeadcount();
  }

  isOpen() { return this.current !== null; }

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
    list.replaceChildren();
    for (const l of found) list.append(this.leaderButton(l));
    $('search-count').textContent = q.trim().length < 2 ? t('search.hint')
      : found.length ? t('search.count', { n: found.length }) : t('search.none');
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
    this.walkinPicker.reset();
    this.setWalkInLang('es');
    this.checkWalkIn();
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

  wireWalkIn() {
    $('walkin-name').addEventListener('input', () => this.checkWalkIn());
    $('walkin-es').addEventListener('click', () => this.setWalkInLang('es'));
    $('walkin-en').addEventListener('click', () => this.setWalkInLang('en'));
    $('walkin-form').addEventListener('submit', (e) => {
      e.preventDefault();
      const name = $('walkin-name').value.trim();
      if (!name || !this.walkinInst) return;
      const inst = this.walkinInst;
      this.close();
      this.door.walkIn(name.slice(0, 200), inst, this.walkinLang);
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

  checkHeadcount() {
    const n = this.hcCount();
    const ok = n > 0 && this.hcInst;
    $('headcount-submit').disabled = !ok;
    $('headcount-submit').textContent = ok ? t('hc.confirm', { n, inst: short(this.hcInst.name, 40) }) : t('hc.submit');
  }

  wireHeadcount() {
    $('headcount-count').addEventListener('input', () => this.checkHeadcount());
    $('headcount-form').addEventListener('submit', (e) => {
      e.preventDefault();
      const n = this.hcCount();
      if (!n || !this.hcInst) return;
      const inst = this.hcInst;
      const note = $('headcount-note').value.trim().slice(0, 200);
      this.close();
      this.door.headcount(inst, n, note);
    });
  }
}
