// Hardware scanners that type like a keyboard: fast keystrokes that end in
// Enter are a scan, wherever the focus is (outside other text fields).

const GAP_MS = 60; // a person types slower than this between keys
const MIN_LEN = 8;

/** Typing tells a burst of scanner keystrokes from a person typing. */
export class Typing {
  constructor() { this.last = 0; this.fast = 0; this.keys = 0; }

  /** key notes one keystroke. */
  key() {
    const now = performance.now();
    if (now - this.last < GAP_MS) this.fast++;
    this.keys++;
    this.last = now;
  }

  /** wasScanner reports whether the keys since reset came at scanner speed. */
  wasScanner() { return this.keys >= MIN_LEN && this.fast >= this.keys - 2; }

  reset() { this.last = 0; this.fast = 0; this.keys = 0; }
}

/** listenWedge calls onScan(text) for scanner bursts typed outside text fields. */
export function listenWedge(onScan, paused) {
  let buf = '';
  const typing = new Typing();
  document.addEventListener('keydown', (e) => {
    const el = e.target;
    if (paused() || (el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.isContentEditable))) return;
    if (performance.now() - typing.last > GAP_MS * 4) { buf = ''; typing.reset(); }
    if (e.key === 'Enter') {
      if (buf.length >= MIN_LEN && typing.wasScanner()) {
        e.preventDefault();
        onScan(buf);
      }
      buf = '';
      typing.reset();
      return;
    }
    if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
      buf += e.key;
      typing.key();
    }
  });
}
