// The dashboard: the total against the goal, one bar per chapter against its
// commitment, and the institutions that just arrived. Bars keep the order of
// the snapshot (chapter names), never the live numbers, so nothing jumps.
import { t } from '/shared/i18n.js';
import { fmt, pct, percent } from '/shared/numbers.js';
import { setNumber } from './countup.js';

const $ = (id) => document.getElementById(id);
const OVERFLOW = 1.25; // a bar's track runs to 125% of the commitment

function node(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** Board draws the dashboard from a feed's state. */
export class Board {
  constructor() {
    this.rows = new Map(); // chapter id -> {li, ...parts}
    this.order = '';
    this.shown = new Set(); // chapters once shown stay, so rows never vanish
  }

  render(state, animate = true) {
    this.total(state, animate);
    this.chapters(state, animate);
  }

  total(s, animate) {
    setNumber($('total'), s.total, animate);
    $('total').style.setProperty('--chars', String(Math.max(3, fmt(s.total).length)));
    const goal = s.goal || s.committed;
    const of = s.goal ? 'p.goalPct' : 'p.commitPct';
    $('goal-pct').textContent = goal ? t(of, { pct: pct(percent(s.total, goal)), goal: fmt(goal) }) : '';
    $('committed-line').textContent = t('p.committed', { n: fmt(s.committed) });
    // First-timers beside the total: "38 por primera vez", once there is one.
    $('first-line').textContent = s.first_time ? t('p.firstTime', { n: fmt(s.first_time) }) : '';
    $('first-line').classList.toggle('hidden', !s.first_time);
    $('goal-fill').style.transform = `scaleX(${goal ? Math.min(1, s.total / goal) : 0})`;
    $('goal-track').classList.toggle('hidden', !goal);
    $('total-box').classList.toggle('met', goal > 0 && s.total >= goal);
  }

  visible(s) {
    const busy = s.chapters.filter((c) => c.committed > 0 || c.present > 0 || this.shown.has(c.id));
    const list = busy.length ? busy : s.chapters;
    for (const c of list) this.shown.add(c.id);
    return list;
  }

  chapters(s, animate) {
    const list = this.visible(s);
    const order = list.map((c) => c.id).join(',');
    if (order !== this.order) this.rebuild(list);
    for (const c of list) this.update(this.rows.get(c.id), c, animate);
  }

  rebuild(list) {
    this.order = list.map((c) => c.id).join(',');
    this.rows.clear();
    const ol = $('chapters');
    ol.replaceChildren();
    ol.style.setProperty('--rows', String(Math.max(list.length, 4)));
    for (const c of list) {
      const r = { li: node('li', 'chapter'), name: node('span', 'name', c.name), mark: node('span', 'mark'),
        present: node('b', 'present'), committed: node('span', 'committed'), pct: node('span', 'pct'),
        fill: node('div', 'fill'), target: node('div', 'target') };
      r.name.dir = 'auto';
      const nums = node('span', 'nums');
      nums.append(r.present, node('span', 'of', ' / '), r.committed, r.pct);
      const top = node('div', 'row-top');
      top.append(r.name, r.mark, nums);
      const track = node('div', 'track');
      track.append(r.fill, r.target);
      r.li.append(top, track);
      r.li.dataset.chapter = String(c.id);
      ol.append(r.li);
      this.rows.set(c.id, r);
    }
  }

  update(r, c, animate) {
    const met = c.committed > 0 && c.present >= c.committed;
    r.li.classList.toggle('met', met);
    r.li.classList.toggle('uncommitted', !c.committed);
    r.name.textContent = c.name;
    r.mark.textContent = met ? '✓ ' + t('p.met') : '';
    setNumber(r.present, c.present, animate);
    r.committed.textContent = c.committed ? fmt(c.committed) : t('p.noCommitment');
    r.pct.textContent = c.committed ? pct(percent(c.present, c.committed)) : '';
    const share = c.committed ? Math.min(OVERFLOW, c.present / c.committed) / OVERFLOW : c.present > 0 ? 1 : 0;
    r.fill.style.transform = `scaleX(${share})`;
    r.target.classList.toggle('hidden', !c.committed);
  }
}
