// The live connection: the turnout total, and a nudge to read the check-in
// feed when another door checks someone in. Reconnects with backoff.
import { wsURL } from '/shared/api.js';

/** Live keeps a WebSocket to the action's live turnout open. */
export class Live {
  constructor({ action, token, onOpen, onSnapshot, onChange, onState }) {
    Object.assign(this, { action, token, onOpen, onSnapshot, onChange, onState });
    this.backoff = 1000;
    this.ws = null;
    this.stopped = false;
    this.timer = 0;
  }

  start() {
    if (this.stopped) return;
    let ws;
    try {
      ws = new WebSocket(wsURL(`/api/actions/${this.action}/live?token=${encodeURIComponent(this.token)}`));
    } catch { this.retry(); return; }
    this.ws = ws;
    ws.onopen = () => { this.backoff = 1000; this.onState(true); this.onOpen(); };
    ws.onmessage = (ev) => {
      let msg;
      try { msg = JSON.parse(ev.data); } catch { return; }
      if (msg.type === 'snapshot') this.onSnapshot(msg);
      else if (msg.type === 'change') this.onChange(msg);
    };
    ws.onclose = () => { this.ws = null; this.onState(false); this.retry(); };
  }

  retry() {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.start(), this.backoff * (0.7 + Math.random() * 0.6));
    this.backoff = Math.min(15000, this.backoff * 2);
  }

  /** reconnectSoon skips the wait, for when the network is back. */
  reconnectSoon() {
    if (this.ws || this.stopped) return;
    this.backoff = 1000;
    clearTimeout(this.timer);
    this.start();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    if (this.ws) this.ws.close();
  }
}
