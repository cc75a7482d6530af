// One count for many venues. On a node of a network the projector asks,
// every few seconds and soon after each arrival, how the action's turnout
// splits by venue (counts only). At the hub it shows the whole action and,
// under the total, each venue's part; at a venue it shows its own hall (the
// total, the chapter bars, the roll call, the arrivals chart and the latest
// arrivals all count that hall only) and,
// smaller, the network's total while linked, or since when the link is
// down. A single node asks once and shows what it always did.
import { api } from '/shared/api.js';
import { iso, t } from '/shared/i18n.js';
import { clock } from '/shared/clock.js';
import { fmt, pct, percent } from '/shared/numbers.js';

const $ = (id) => document.getElementById(id);
const EVERY = 5000; // the link's state and the split, at the least this often
const SOON = 1000; // after an arrival, at most this often

function node(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

const sum = (list) => list.reduce((n, x) => n + x.present, 0);

/** Venues keeps this node's place in the network and the split of the count. */
export class Venues {
  constructor({ action, token, onChange }) {
    Object.assign(this, { action, token, onChange });
    this.info = null; // the last answer of GET …/venues
    this.timer = 0;
    this.last = 0;
  }

  get role() {
    if (!this.info?.self) return 'single';
    return this.info.hub ? 'hub' : 'venue';
  }

  /** start loads the split, and keeps loading it on a node of a network. */
  async start() {
    await this.load();
    if (this.role !== 'single') setInterval(() => this.load(), EVERY);
  }

  /** poke asks again soon: something arrived. */
  poke() {
    if (this.role === 'single' || this.timer) return;
    this.timer = setTimeout(() => { this.timer = 0; this.load(); }, Math.max(0, this.last + SOON - Date.now()));
  }

  async load() {
    this.last = Date.now();
    try {
      this.info = await api('GET', `/api/actions/${encodeURIComponent(this.action)}/venues`, { token: this.token });
      this.onChange?.();
    } catch { /* keep what we had; the next look tries again */ }
  }

  /** inHall tells whether a live change is of the hall this screen shows: at a venue, its own only. */
  inHall(change) {
    return this.role !== 'venue' || change.venue === this.info.self;
  }

  /** scope is the state the screen shows: at a venue, its own hall's. */
  scope(state) {
    if (!state || this.role !== 'venue') return state;
    const hall = this.info.hall || {};
    const chapters = state.chapters.map((ch) => {
      const institutions = ch.institutions.map((i) => ({ ...i, present: hall[i.id] || 0, first_time: 0 }));
      return { ...ch, institutions, present: sum(institutions), first_time: 0 };
    });
    const own = this.info.venues.find((v) => v.venue === this.info.self);
    // The goal and the commitments are the network's: the hall measures
    // itself against its share of the goal only.
    return { ...state, chapters, total: sum(chapters), first_time: 0, goal: own?.share || 0, committed: 0 };
  }

  /** render draws the hub's split or the venue's network line. */
  render(state) {
    const role = this.role;
    document.body.dataset.venue = role;
    $('present-label').textContent = role === 'venue' ? t('p.presentAt', { venue: iso(this.info.self) }) : t('p.present');
    this.split(role === 'hub' ? this.info.venues : []);
    this.network(role === 'venue' ? state : null);
  }

  split(venues) {
    const ol = $('venue-split');
    const shown = venues.length > 1;
    document.body.classList.toggle('venue-split-shown', shown);
    ol.classList.toggle('hidden', !shown);
    ol.classList.toggle('two', venues.length > 3); // two columns keep four halls and more on the screen
    $('venue-label').classList.toggle('hidden', !shown);
    $('venue-label').textContent = t(venues.some((v) => v.share) ? 'p.byVenueShare' : 'p.byVenue');
    ol.replaceChildren(...venues.map((v) => {
      const li = node('li', 'venue');
      const name = node('span', 'name', v.venue);
      name.dir = 'auto';
      li.append(name, node('b', 'present', fmt(v.present)));
      li.append(node('span', 'pct', v.share ? pct(percent(v.present, v.share)) : ''));
      li.dataset.venue = v.venue;
      return li;
    }));
  }

  network(state) {
    const link = this.info?.link;
    const up = !!(state && link?.up);
    $('network-line').classList.toggle('hidden', !up);
    if (up) {
      const [before, after = ''] = t('p.network').split('{n}');
      $('network-line').replaceChildren(before, node('b', '', fmt(state.total)), after);
    }
    const down = !!(state && link && !link.up);
    $('network-down').classList.toggle('hidden', !down);
    $('network-down').textContent = down ? t('p.networkDown', { at: clock(link.since) }) : '';
  }
}
