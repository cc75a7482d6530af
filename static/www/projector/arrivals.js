// Arrivals per five minutes: loaded from the server, then kept current from
// the live changes. An undo is not placed in the interval of the arrival it
// cancels, so after one the counts are loaded again.
import { api } from '/shared/api.js';

/** Arrivals holds counts per interval, keyed by the interval's start (ms). */
export class Arrivals {
  constructor(action, token, onChange, onRecent) {
    Object.assign(this, { action, token, onChange, onRecent });
    this.width = 300000;
    this.counts = new Map();
    this.loaded = false;
    this.reloadTimer = 0;
  }

  async load() {
    try {
      const res = await api('GET', `/api/actions/${encodeURIComponent(this.action)}/arrivals`, { token: this.token });
      this.width = res.bucket_seconds * 1000;
      this.counts = new Map(res.buckets.map((b) => [Date.parse(b.at), b.count]));
      this.loaded = true;
      this.onRecent?.(res.recent || []);
      this.onChange();
    } catch {
      this.reloadSoon(5000); // the feed shows the connection's state; just try again
    }
  }

  reloadSoon(wait = 1500) {
    clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => this.load(), wait);
  }

  /** add places one live change. */
  add(change) {
    if (change.delta < 0 || !change.at) {
      this.reloadSoon();
      return;
    }
    const t = Date.parse(change.at);
    const key = t - (t % this.width);
    this.counts.set(key, (this.counts.get(key) || 0) + change.delta);
    this.onChange();
  }

  /** series is every interval from the first arrival to now, at most max of them. */
  series(max, now = Date.now()) {
    if (!this.counts.size) return [];
    const keys = [...this.counts.keys()].sort((a, b) => a - b);
    const last = Math.max(keys[keys.length - 1], now - (now % this.width));
    const first = Math.max(keys[0], last - (max - 1) * this.width);
    const out = [];
    for (let k = first; k <= last; k += this.width) out.push({ at: k, count: this.counts.get(k) || 0 });
    return out;
  }
}
