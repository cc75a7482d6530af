// The room's numbers count up or down for a moment when they change, in the
// page's number format.
import { fmt } from '/shared/numbers.js';

const DURATION = 700;
const shown = new WeakMap(); // element -> the number it shows now
const moving = new Map(); // element -> {from, to, start}
let frame = 0;

const calm = () => matchMedia('(prefers-reduced-motion: reduce)').matches;

/**
 * setNumber shows value in el. The first time, or with animate false, it
 * just writes it; after that it counts to it. data-value always holds the
 * number the element is heading to.
 */
export function setNumber(el, value, animate = true) {
  el.dataset.value = String(value);
  const now = shown.get(el);
  if (now === undefined || !animate || calm() || document.hidden) {
    moving.delete(el);
    shown.set(el, value);
    el.textContent = fmt(value);
    return;
  }
  if (now === value && !moving.has(el)) {
    el.textContent = fmt(value); // the language may have changed
    return;
  }
  moving.set(el, { from: now, to: value, start: performance.now() });
  if (!frame) frame = requestAnimationFrame(step);
}

function step(t) {
  frame = 0;
  for (const [el, m] of moving) {
    const p = Math.max(0, Math.min(1, (t - m.start) / DURATION));
    const v = Math.round(m.from + (m.to - m.from) * (1 - (1 - p) ** 3));
    shown.set(el, v);
    el.textContent = fmt(v);
    if (p >= 1) moving.delete(el);
  }
  if (moving.size) frame = requestAnimationFrame(step);
}
