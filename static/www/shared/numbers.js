// Numbers as every page writes them, one format per language: whole numbers
// grouped by thousands ("1,500" in both languages, as es-US writes them), and
// percentages as "45 %" in Spanish (a no-break space before the sign) and
// "45%" in English.
//
// The percentage rule, for every page and every CSV: a whole percent,
// rounded down, Math.floor(part * 100 / whole), so 4.5 % reads 4 % and
// 99.5 % reads 99 %: a percentage never shows more progress than was made,
// and "100 %" means the commitment is met, as "Cumplió" does. The server's
// reports floor the same way, in one place: store.percent computes
// present*100/committed in integers. With no commitment there is no percent
// (null, shown as "—"). CSV cells hold the bare number (45), which a
// spreadsheet can add up; their column head says "%".
import { lang, locale } from '/shared/i18n.js';

const formats = new Map(); // locale -> Intl.NumberFormat

/** fmt writes a whole number for people: 1,500 */
export function fmt(n) {
  const l = locale();
  if (!formats.has(l)) formats.set(l, new Intl.NumberFormat(l));
  return formats.get(l).format(n);
}

/** percent is part of whole as a whole percent, rounded down; null when whole is not positive. */
export function percent(part, whole) {
  return whole > 0 ? Math.floor((part * 100) / whole) : null;
}

/** pct writes a percent ("45 %" or "45%"), or an em dash for null. */
export function pct(p) {
  if (p === null || p === undefined) return '—';
  return fmt(p) + (lang() === 'en' ? '%' : '\u00a0%');
}
