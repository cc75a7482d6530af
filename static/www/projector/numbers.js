// Numbers as the room reads them: grouped digits in the page's language,
// and a short count up or down when they change.
import { lang } from '/shared/i18n.js';

const DURATION = 700;
const shown = new WeakMap(); // element -> the number it shows now
const moving = new Map(); // element -> {from, to, start}
let frame = 0;

/** fmt writes a whole number for people: 1,234 */
export function fmt(n) {
  return new Intl.NumberFormat(lang() === 'en' ? 'en-US' : 'es-US').format(n);
}

/** pct is a floored percentage, so 99.6% never reads as 100%. */
export function pct(part, whole) {
  return whole > 0 ? Math.floor((part * 100) / whole) : 0;
}

/** clock writes a time of day in the page's language. */
export function clock(date) {
  return new Intl.DateTimeFormat(lang() === 'en' ? 'en-US' : 'es-US', { hour: 'numeric', minute: '2-digit' })
    .format(date);
}

/** shortClock is a time of day without a.m./p.m., for narrow chart labels. */
export function shortClock(date) {
  const parts = new Intl.DateTimeFormat(lang() === 'en' ? 'en-US' : 'es-US', { hour: 'numeric', minute: '2-digit' })
    .formatToParts(date);
  return parts.filter((p) => p.type === 'hour' || p.type === 'minute' || (p.type === 'literal' && p.value === ':'))
    .map((p) => p.value).join('');
}

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
