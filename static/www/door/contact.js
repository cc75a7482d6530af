// Keeping in touch with the venue: the heartbeat tells the server the phone
// is alive and how much it holds unsent, and its answer says where the
// venue's nodes are; the door follows the node its writes go to (the
// primary, or the standby while the primary is down) for the feed and the
// total, and says when this phone cannot reach the standby.
import { acceptURL } from './venue.js';

// While writes go to the venue's other node, no live connection there says
// when something changed: its feed, with the total, is read this often.
const FEED_AWAY_MS = 3000;

/**
 * Contact sends the scanner's heartbeats and follows its venue. It belongs
 * to the scanner s and uses its call, cred, venue, outbox, sync, live,
 * total, feed and ui when it runs.
 */
export class Contact {
  constructor(s) {
    this.s = s;
    this.awayTimer = 0;
    this.beating = false;
    this.beatAgain = false;
    this.reported = 0; // how many writes waited on the phone at the last heartbeat
  }

  /** heartbeat tells the server the phone is alive and how much it holds unsent; one at a time, the last asked for runs after. */
  async heartbeat() {
    const s = this.s;
    if (s.revoked) return;
    if (this.beating) {
      this.beatAgain = true;
      return;
    }
    this.beating = true;
    try {
      const queued = await s.outbox.count(s.cred.action);
      const res = await s.venue.send((base) => s.call('POST', `${base}/api/actions/${s.cred.action}/door/contact`,
        { body: { queued } }));
      this.reported = queued;
      s.venue.set(res.venue);
    } catch { /* the counter shows it */ } finally {
      this.beating = false;
      if (this.beatAgain) {
        this.beatAgain = false;
        this.heartbeat();
      }
    }
  }

  /**
   * drained follows the queue emptying: the organizers' doors list shows
   * what the last heartbeat said, so say so now, not at the next beat.
   */
  drained() {
    if (this.reported > 0 || this.beating) this.heartbeat();
  }

  /**
   * onVenue follows the venue: writes going to the standby or back to the
   * primary (send the queue there now), or the venue's addresses changing
   * (kept for a reload; is the standby reachable from this phone?).
   */
  onVenue(what) {
    const s = this.s;
    s.ui.setVenue(s.venue.onStandby);
    if (what === 'primary') s.sync.flush();
    if (what !== 'venue') return this.followNode();
    s.cred.venue = { primary: s.venue.primary, standby: s.venue.standby };
    s.keepCred();
    this.checkStandby();
  }

  /** away: writes go to the venue's other node, not to this page's own. */
  away() { return !!this.s.venue && this.s.venue.base() !== ''; }

  /**
   * followNode reads the "already checked in" feed and the total from the
   * node writes go to now: while that is the venue's other node, its feed
   * every few seconds (this page's own live connection is to its own node,
   * which is likely down); back home, the live total again.
   */
  followNode() {
    const s = this.s;
    clearInterval(this.awayTimer);
    if (this.away()) this.awayTimer = setInterval(() => s.feed.poll(), FEED_AWAY_MS);
    else if (s.live?.state) s.total.server(s.live.state.total);
    s.feed.poll();
  }

  /** checkStandby says, under the scanner, when this phone cannot reach the venue's standby, and how to fix it. */
  async checkStandby() {
    const s = this.s;
    const url = s.venue?.standbyURL();
    const ok = !url || await s.venue.reach(url);
    s.ui.standbyNote(ok ? null : acceptURL(url, s.cred.token));
  }
}
