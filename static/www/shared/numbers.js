// Numbers as every page writes them, one format per language: whole numbers
// grouped by thousands ("1,500" in both languages, as es-US writes them), and
// percentages as "45 %" in Spanish (a no-break space before the sign) and
// "45%" in English.
//
// The percentage rule, for every page and every CSV: a whole percent,
// rounded half up, Math.round(part * 100 / whole), so 4.5 % reads 5 % and
// 4.4 % reads 4 %. The server's reports round the same way: store.percent
// computes (present*200 + committed) / (2*committed), the same number in
// integers. With no commitment there is no percent (null, shown as "—").
import { lang, locale } from '/shared/i18n.js';

const formats = new Map(); // locale -> Intl.NumberFormat

/** fmt writes a whole number for people: 1,500 */
export function fmt(n) {
  const l = locale();
  if (!formats.has(l)) formats.set(l, new Intl.NumberFormat(l));
  return formats.get(l).format(n);
}

/** percent is part of whole as a whole percent, rounded half up; null when whole is not positive. */
export function percent(part, whole) {
  return whole > 0 ? Math.round((part * 100) / whole) : null;
}

/** pct writes a percent ("45 %" or "45%"), or an em dash for null. */
export function pct(p) {
  if (p === null || p === undefined) return '—';
  return fmt(p) + (lang() === 'en' ? '%' : '\u00a0%');
}
