// The "Presentes" figure: the server's total plus what this phone's writes
// add that the server has not counted yet, online or offline. A write that
// was sent and not answered (or answered a moment ago) may be in a total
// the server reports or not: until that is known the figure is the larger
// of two counts that can only fall short, the last total known to hold
// none of this phone's writes plus all of them, and the latest total plus
// the writes surely not in it. So the figure never falls while the queue
// drains, nor counts a write twice.
import { peopleIn } from './door.js';

/** Total keeps the figure; show(n) draws it. */
export class Total {
  constructor(show) {
    this.show = show;
    this.base = undefined; // the last server total known to hold none of the items
    this.latest = undefined; // the last server total heard
    this.items = new Map(); // outbox seq -> item still on the phone
    this.unsure = new Set(); // seqs the server may have: sent, or queued before this page loaded
    this.gone = new Set(); // seqs answered, while the outbox may still list them
    this.acked = 0; // people answered writes added, not yet in a total known to be newer
    this.gen = 0; // counts answers: a read begun at this count is newer than all of them
    this.shown = undefined;
  }

  /** loaded notes the items queued before this page loaded: a page before it may have sent them. */
  loaded(items) {
    for (const it of items) this.unsure.add(it.seq);
  }

  /** sending notes items about to be sent. */
  sending(items) {
    for (const it of items) this.unsure.add(it.seq);
  }

  /** answered notes the server's answer to an item: people is what it added to the server's total. */
  answered(item, people) {
    this.items.delete(item.seq);
    this.unsure.delete(item.seq);
    this.gone.add(item.seq);
    this.acked += people;
    this.gen++;
    this.draw();
  }

  /** queue takes the outbox as it is now. */
  queue(items) {
    const now = new Set(items.map((it) => it.seq));
    for (const s of this.gone) if (!now.has(s)) this.gone.delete(s);
    this.items = new Map(items.filter((it) => !this.gone.has(it.seq)).map((it) => [it.seq, it]));
    for (const s of this.unsure) if (!now.has(s)) this.unsure.delete(s);
    this.draw();
  }

  /**
   * server takes a total the server reported; gen is this.gen when the
   * request for it began (undefined for a pushed one: it may have left the
   * server before the last answer did). A cached total counts as one.
   */
  server(n, gen) {
    if (typeof n !== 'number') return;
    this.latest = n;
    const sure = ![...this.items.keys()].some((s) => this.unsure.has(s));
    if (this.base === undefined || (sure && (this.acked === 0 || gen === this.gen))) {
      this.base = n;
      this.acked = 0;
    }
    this.draw();
  }

  draw() {
    if (this.base === undefined) return;
    const all = [...this.items.values()];
    const surelyNot = all.filter((it) => !this.unsure.has(it.seq));
    this.shown = Math.max(this.base + peopleIn(all) + this.acked, this.latest + peopleIn(surelyNot));
    this.show(this.shown);
  }
}

/** addedBy is what a write the server answered added to its total. */
export function addedBy(item, res, err) {
  if (err || !res) return 0;
  switch (item.kind) {
    case 'checkin':
    case 'walkin': return res.status === 'checked_in' ? 1 : 0;
    case 'headcount': return item.body.count;
    case 'undo': return -1;
    case 'undo_headcount': return -(item.count || 0);
  }
  return 0;
}
