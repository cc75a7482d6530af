// Credentials mode: the roll call on the projector, one screen at a time.
// The chair advances with a key, a click or a remote clicker (Page Down).
import { api } from '/shared/api.js';
import { t, errorText } from '/shared/i18n.js';
import { clock } from '/shared/clock.js';
import { fmt } from '/shared/numbers.js';
import { pages, rollCall, standing } from './roll.js';

const $ = (id) => document.getElementById(id);
const ROW_VH = 7.2; // a row's height in the style sheet, in hundredths of the screen's height

// perPage is how many institutions fit on one screen under the headings,
// leaving room for the chapter's total: about 7 on a 16:9 screen.
function perPage() {
  const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
  const room = $('creds-body').clientHeight - 3.2 * rem; // the column headings, on up to two lines
  const row = (innerHeight * ROW_VH) / 100 + 1;
  return Math.max(3, Math.min(12, Math.floor(room / row) - 1));
}

function cell(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  e.textContent = text;
  return e;
}

const CHIPS = { met: 'c.met', short: 'c.notMet', none: 'c.none', complete: 'c.complete', togo: 'c.toGo' };

/** chip writes a standing: "✓ Cumplió", or "Faltan 41" with the number as big as the others. */
function chip(st) {
  const el = cell('span', 'result ' + st.kind, '');
  const [before, after = ''] = t(CHIPS[st.kind]).split('{n}');
  el.append(before);
  if (st.kind === 'togo') el.append(cell('b', '', fmt(st.n)), after);
  return el;
}

function laterText(n) {
  if (n <= 0) return '';
  return n === 1 ? t('c.later1') : t('c.laterN', { n: fmt(n) });
}

/** CredentialsMode shows and pages the roll call, and closes it for an organizer. */
export class CredentialsMode {
  constructor({ action, who }) {
    Object.assign(this, { action, who });
    this.frozen = null;
    this.index = 0;
    this.key = '';
    this.list = [];
    this.armed = 0;
    $('creds-close').addEventListener('click', (e) => this.closeClicked(e));
  }

  get path() {
    return `/api/actions/${encodeURIComponent(this.action)}/credentials`;
  }

  /** load fetches the closed credentials, if any; the caller renders. */
  async load() {
    try {
      this.frozen = await api('GET', this.path, { token: this.who.token });
    } catch {
      // keep what we had; the next snapshot loads them again
    }
  }

  move(by) {
    const n = this.list.length;
    if (!n) return;
    this.index = Math.max(0, Math.min(n - 1, by === 'first' ? 0 : by === 'last' ? n - 1 : this.index + by));
    this.key = this.list[this.index].key;
  }

  render(state) {
    if (!state) return;
    const roll = rollCall(state, this.frozen);
    this.list = pages(roll, perPage());
    // Stay on the same screen when the numbers change under it.
    const at = this.list.findIndex((p) => p.key === this.key);
    this.index = at >= 0 ? at : Math.min(this.index, this.list.length - 1);
    this.key = this.list[this.index].key;
    this.header(roll);
    this.page(roll, this.list[this.index]);
  }

  header(roll) {
    // At a venue of a network the roll call is of its own hall.
    $('creds-venue').textContent = this.frozen?.venue ? '· ' + this.frozen.venue : '';
    const state = roll.closed ? t('c.closedAt', { time: clock(roll.closedAt) }) : t('c.live');
    $('creds-state').textContent = state;
    $('creds-state').classList.toggle('closed', roll.closed);
    $('creds-later').textContent = roll.closed ? laterText(roll.later) : '';
    $('creds-page').textContent = t('c.page', { n: this.index + 1, total: this.list.length });
    const canClose = this.who.role === 'organizer' && !roll.closed;
    $('creds-close').classList.toggle('hidden', !canClose);
    $('creds-close').textContent = this.armed ? t('c.confirm') : t('c.close');
    $('creds-prev').disabled = this.index === 0;
    $('creds-next').disabled = this.index === this.list.length - 1;
  }

  page(roll, p) {
    const chapter = p.kind === 'chapter';
    $('creds-chapter').textContent = chapter ? p.chapter.name : t('c.summary');
    $('creds-part').textContent = p.parts > 1 ? t('c.part', { n: p.part, total: p.parts }) : '';
    const heads = [chapter ? 'c.institution' : 'c.chapter', 'c.commitment', 'c.delegation', roll.closed ? 'c.result' : 'c.standing'];
    if (roll.closed) heads.push('c.later');
    $('creds-head').replaceChildren(...heads.map((k, i) => cell('th', i ? 'num' : '', t(k))));
    const rows = p.rows.map((r) => this.row(r, roll.closed, ''));
    if (!rows.length) rows.push(this.emptyRow(heads.length));
    $('creds-rows').replaceChildren(...rows);
    $('creds-table').classList.toggle('closed', roll.closed);
    const total = chapter ? { ...p.chapter, name: t('c.chapterTotal', { chapter: p.chapter.name }) } : { ...roll, name: t('c.total') };
    $('creds-foot').replaceChildren(...(p.last ? [this.row(total, roll.closed, 'sum')] : []));
  }

  row(r, closed, cls) {
    const tr = document.createElement('tr');
    if (cls) tr.className = cls;
    const st = standing(r.committed, r.delegation, closed);
    const name = cell('td', 'name', '');
    const text = cell('span', '', r.name);
    text.dir = 'auto';
    name.append(text);
    tr.append(name, cell('td', 'num', r.committed ? fmt(r.committed) : '—'), cell('td', 'num delegation', fmt(r.delegation)));
    const rc = cell('td', 'num', '');
    rc.append(chip(st));
    tr.append(rc);
    // The column says "arrived later"; the cell needs only the number.
    if (closed) tr.append(cell('td', 'num later', r.later > 0 ? '+' + fmt(r.later) : ''));
    tr.dataset.result = st.kind;
    return tr;
  }

  emptyRow(span) {
    const tr = document.createElement('tr');
    const td = cell('td', 'empty', t('c.empty'));
    td.colSpan = span;
    tr.append(td);
    return tr;
  }

  // closeClicked asks for a second press within five seconds before closing:
  // a stray click must not freeze the roll call.
  async closeClicked(e) {
    e.stopPropagation();
    const btn = $('creds-close');
    if (!this.armed) {
      this.armed = setTimeout(() => {
        this.armed = 0;
        btn.textContent = t('c.close');
      }, 5000);
      btn.textContent = t('c.confirm');
      return;
    }
    clearTimeout(this.armed);
    this.armed = 0;
    btn.disabled = true;
    try {
      this.frozen = await api('POST', this.path, { body: {}, csrf: this.who.csrf });
      $('creds-error').textContent = '';
    } catch (err) {
      $('creds-error').textContent = errorText(err.code);
      await this.load();
    } finally {
      btn.disabled = false;
    }
    this.onClosed?.();
  }
}
