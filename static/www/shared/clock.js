// Times and dates as every page writes them. A time of day is on a 12-hour
// clock in both languages: "7:08 p. m." in Spanish (as Latin American usage
// writes it, with no-break spaces so it never splits across lines) and
// "7:08 PM" in English. Dates come from Intl in the page's language.
import { lang, locale } from '/shared/i18n.js';

const NBSP = '\u00a0';

/** toDate reads a Date, an ISO string or milliseconds; null when it is no time. */
function toDate(at) {
  if (at === null || at === undefined || at === '') return null;
  const d = at instanceof Date ? at : new Date(at);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** shortClock is a time of day without a. m./p. m., for narrow labels: 7:08 */
export function shortClock(at) {
  const d = toDate(at);
  if (!d) return '';
  return `${d.getHours() % 12 || 12}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** clock writes a time of day: "7:08 p. m." or "7:08 PM"; '' for no time. */
export function clock(at) {
  const d = toDate(at);
  if (!d) return '';
  const pm = d.getHours() >= 12;
  const period = lang() === 'en' ? (pm ? 'PM' : 'AM') : (pm ? 'p.' : 'a.') + NBSP + 'm.';
  return shortClock(d) + NBSP + period;
}

/** dateTime writes a moment as a date and a time: "26 dic 2025, 7:08 p. m." */
export function dateTime(at) {
  const d = toDate(at);
  if (!d) return '';
  return d.toLocaleDateString(locale(), { dateStyle: 'medium' }) + ', ' + clock(d);
}

// day reads an ISO date (YYYY-MM-DD) at noon, so that no time zone moves it
// to the day before or after.
const day = (iso) => new Date(iso + 'T12:00:00');

/** longDate writes an ISO date with its weekday: "vie, 26 dic 2025". */
export function longDate(iso) {
  if (!iso) return '';
  return day(iso).toLocaleDateString(locale(), { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
}

/**
 * monthYear writes an ISO date as its month and its whole year, for column
 * heads: "dic 2026". A two-digit year ("dic 26") reads as the 26th of December.
 */
export function monthYear(iso) {
  if (!iso) return '';
  return day(iso).toLocaleDateString(locale(), { month: 'short', year: 'numeric' });
}
