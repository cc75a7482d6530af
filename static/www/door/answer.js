// The answer that fills the screen after a scan, with a sound and a buzz.

let audio = null;

/** unlockAudio starts the sound engine; browsers allow it only after a touch or a key. */
export function unlockAudio() {
  if (audio) return;
  try {
    audio = new (window.AudioContext || window.webkitAudioContext)();
  } catch { audio = null; }
}

const TONES = {
  ok: [[880, 0, 0.09], [1320, 0.11, 0.12]],
  warn: [[660, 0, 0.16], [660, 0.22, 0.16]],
  bad: [[220, 0, 0.45]],
  info: [[520, 0, 0.08]],
};
const BUZZ = { ok: 60, warn: [90, 60, 90], bad: [250, 80, 250], info: 30 };

function beep(kind) {
  if (!audio) return;
  if (audio.state === 'suspended') audio.resume();
  const t = audio.currentTime;
  for (const [freq, start, len] of TONES[kind] || []) {
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.type = kind === 'bad' ? 'square' : 'sine';
    osc.frequency.value = freq;
    gain.gain.setValueAtTime(0.0001, t + start);
    gain.gain.exponentialRampToValueAtTime(0.35, t + start + 0.01);
    gain.gain.exponentialRampToValueAtTime(0.0001, t + start + len);
    osc.connect(gain).connect(audio.destination);
    osc.start(t + start);
    osc.stop(t + start + len + 0.02);
  }
}

const ICONS = { ok: '✓', warn: '!', bad: '✕', info: 'i' };
const SHOW_MS = { ok: 2500, info: 2500, warn: 4000, bad: 4000 };
const ARMED_MS = 6000; // long enough to read what a second tap would undo

/**
 * Answer drives the full-screen answer element. Each kind has its own
 * colour, icon shape (circle, triangle, octagon, square; door.css), sound
 * and words, so that no one has to tell green from amber by colour alone.
 */
export class Answer {
  constructor(el, onHide) {
    this.el = el;
    this.onHide = onHide;
    this.icon = el.querySelector('.answer-icon');
    this.title = el.querySelector('.answer-title');
    this.detail = el.querySelector('.answer-detail');
    this.note = el.querySelector('.answer-note');
    this.undo = el.querySelector('.answer-undo');
    this.timer = 0;
    this.id = null;
    this.armed = false;
    el.addEventListener('click', (e) => { if (e.target !== this.undo) this.hide(); });
  }

  /** show displays kind ('ok', 'warn', 'bad', 'info') for the write id; undo labels its undo button, if any. */
  show(kind, { title, detail = '', note = '', undo = '', id = null, quiet = false }) {
    this.id = id;
    this.armed = false;
    this.el.className = 'answer ' + kind;
    this.el.dataset.kind = kind;
    this.icon.textContent = ICONS[kind];
    this.title.textContent = title;
    this.detail.textContent = detail;
    this.note.textContent = note;
    this.undo.textContent = undo;
    this.undo.classList.remove('armed');
    this.undo.classList.toggle('hidden', !undo);
    if (!quiet) {
      beep(kind);
      if (navigator.vibrate) navigator.vibrate(BUZZ[kind]);
    }
    this.wait(SHOW_MS[kind]);
  }

  /** setNote changes the note line of the answer for id, if it is still on screen. */
  setNote(id, text) {
    if (this.showing(id)) this.note.textContent = text;
  }

  /** arm asks for a second tap on the undo button: text says what it would undo. */
  arm(text) {
    this.armed = true;
    this.undo.textContent = text;
    this.undo.classList.add('armed');
    this.wait(ARMED_MS);
  }

  wait(ms) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.hide(), ms);
  }

  /** showing reports whether the answer for id is still on screen. */
  showing(id) { return !this.el.classList.contains('hidden') && this.id === id; }

  hide() {
    clearTimeout(this.timer);
    if (this.el.classList.contains('hidden')) return;
    this.el.classList.add('hidden');
    this.id = null;
    this.armed = false;
    this.onHide?.();
  }
}
