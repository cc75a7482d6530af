// Recent arrivals as the room sees them: "+3 Iglesia San José", the three
// latest side by side. Institution names only, never a person's. Arrivals of
// one institution close together add up in one entry instead of pushing the
// others off.
import { t } from '/shared/i18n.js';
import { fmt } from '/shared/numbers.js';

const KEEP = 6; // kept for merging; the screen shows SHOWN
const SHOWN = 3;
const MERGE_MS = 20000;

/** Recent collects positive changes and shows the latest few. */
export class Recent {
  constructor(list) {
    this.list = list;
    this.items = []; // newest first: {inst, name, n, at, li}
    this.pending = new Map(); // institution id -> {name, n}
  }

  /** add notes a change; the entry appears at the next render. */
  add(change, name) {
    if (change.delta <= 0) return;
    const p = this.pending.get(change.institution) || { name, n: 0 };
    p.n += change.delta;
    this.pending.set(change.institution, p);
  }

  /** seed shows the server's latest arrivals, as after a reload or a restart. */
  seed(list) {
    this.pending.clear();
    this.items = list.slice(0, KEEP).map((r) => ({ inst: r.institution.id, name: r.institution.name, n: r.count, at: Date.parse(r.at) }));
    this.render();
  }

  flush() {
    if (!this.pending.size) return;
    const now = Date.now();
    for (const [inst, p] of this.pending) {
      const i = this.items.findIndex((it) => it.inst === inst && now - it.at < MERGE_MS);
      const it = i >= 0 ? this.items.splice(i, 1)[0] : { inst, name: p.name, n: 0 };
      it.n += p.n;
      it.at = now;
      it.fresh = true;
      this.items.unshift(it);
    }
    this.pending.clear();
    this.items.length = Math.min(this.items.length, KEEP);
    this.render();
  }

  render() {
    const lis = this.items.slice(0, SHOWN).map((it) => {
      const li = document.createElement('li');
      if (it.fresh) li.className = 'fresh';
      it.fresh = false;
      const n = document.createElement('b');
      n.textContent = '+' + fmt(it.n);
      const name = document.createElement('span');
      name.dir = 'auto';
      name.textContent = it.name;
      li.append(n, name);
      return li;
    });
    if (!lis.length) {
      const li = document.createElement('li');
      li.className = 'waiting';
      li.textContent = t('p.waiting');
      lis.push(li);
    }
    this.list.replaceChildren(...lis);
  }
}
