// A venue with a standby: two laptops in the hall, the primary and its
// standby, joined over the network. The door's writes go to the primary
// while it answers, and to the standby when it does not: the same batch,
// the same client ids, the same token, so a write that reached both counts
// once (the two nodes converge by client id). While writes go to the
// standby, the primary is looked for every few seconds, and writes go back
// to it as soon as it answers. A page opened at the standby's address does
// the same the other way round: the primary first. Which node to try is
// all this module decides; sync.js sends.
import { api, ApiError } from '/shared/api.js';

const PROBE_MS = 5000; // while on the standby, how often to look for the primary
const PROBE_TIMEOUT = 4000;

/** down is a failure saying the node did not answer (not a 4xx about the write). */
export function down(e) {
  return e instanceof ApiError && (e.status === 0 || e.status >= 500);
}

/** acceptURL opens the standby once on this phone: its certificate, and this door's token there. */
export function acceptURL(standby, token) {
  return `${standby}/pair/standby.html#token=${encodeURIComponent(token)}&back=${encodeURIComponent(location.origin)}`;
}

/** Venue knows the venue's two nodes and which one the door sends to. */
export class Venue {
  constructor({ action, token, onChange }) {
    Object.assign(this, { action, token, onChange });
    this.primary = [];
    this.standby = [];
    this.onStandby = false; // sending to the standby now
    this.timer = 0;
  }

  /** set takes the venue as the server describes it: {primary: [origins], standby: [origins]}, nearest first. */
  set(v) {
    if (!v) return;
    const was = JSON.stringify([this.primary, this.standby]);
    this.primary = v.primary || [];
    this.standby = v.standby || [];
    if (this.onStandby && this.home(true) === null) this.use(false);
    if (JSON.stringify([this.primary, this.standby]) !== was) this.onChange('venue');
  }

  /** atStandby: this page was opened at the standby's address. */
  atStandby() { return this.standby.includes(location.origin); }

  /** home is where a node answers: '' for this page's own, its nearest origin, or null for none. */
  home(standby) {
    if (standby === this.atStandby()) return '';
    const list = standby ? this.standby : this.primary;
    return list.length ? list[0] : null;
  }

  /** standbyURL is the standby's address when this page is at the primary's and there is one. */
  standbyURL() { return this.atStandby() ? null : this.home(true); }

  base() { return this.home(this.onStandby) ?? ''; }

  /** two: the venue has a primary and a standby. */
  two() { return this.home(!this.atStandby()) !== null; }

  /** use switches where writes go. */
  use(standby) {
    if (this.onStandby === standby) return;
    this.onStandby = standby;
    clearInterval(this.timer);
    if (standby) this.timer = setInterval(() => this.lookForPrimary(), PROBE_MS);
    this.onChange(standby ? 'standby' : 'primary');
  }

  /**
   * send calls fn(base) at the node in use; when that node does not answer,
   * once more at the other. The standby refusing the token (a door it has
   * not heard of yet) counts as not answering: only the primary can say a
   * door was revoked.
   */
  async send(fn) {
    try {
      return await fn(this.base());
    } catch (e) {
      const refused = this.onStandby && e instanceof ApiError && (e.status === 401 || e.status === 403);
      if (this.home(!this.onStandby) === null || !(down(e) || refused)) throw e;
      this.use(!this.onStandby);
      return fn(this.base());
    }
  }

  async lookForPrimary() {
    if (this.onStandby && await this.reach(this.home(false))) this.use(false);
  }

  /** reach asks a node for the door's feed cursor: true when it answers this door, across origins too. */
  async reach(base) {
    if (base === null) return false;
    try {
      await api('GET', `${base}/api/actions/${this.action}/door/feed`, { token: this.token, timeout: PROBE_TIMEOUT });
      return true;
    } catch {
      return false;
    }
  }
}
