// The doors' status for organizers: scans, last contact and unsent scans,
// polled every few seconds. Whether a door is silent is the server's one
// rule (store.SilentAfter), so this page and the doors page agree; a silent
// door or scans a phone could not send rise to the top of the page.
import { api } from '/shared/api.js';
import { t } from '/shared/i18n.js';
import { fmt } from '/shared/numbers.js';

const EVERY = 10000;
const STATES = { live: 'l.door.active', silent: 'l.door.silent', unpaired: 'l.door.unpaired', revoked: 'l.door.revoked' };

const quiet = (d) => (typeof d.quiet_seconds === 'number' ? d.quiet_seconds : null);
const pending = (d) => (d.revoked_at ? 0 : d.queued || 0);

/** ago says how long ago a phone called in, from the seconds the server counted. */
export function ago(seconds) {
  const min = Math.floor(seconds / 60);
  if (min < 1) return t('l.ago.now');
  if (min < 60) return t('l.ago.min', { n: fmt(min) });
  return t('l.ago.hour', { n: fmt(Math.floor(min / 60)) });
}

export const doorColumns = [
  { key: 'name', label: 'l.col.door', text: (d) => d.name },
  { key: 'state', label: 'l.col.state', text: (d) => t(STATES[d.state] || 'l.door.unpaired') },
  { key: 'scans', label: 'l.col.scans', num: true, text: (d) => fmt(d.scans ?? 0), value: (d) => d.scans ?? 0 },
  { key: 'contact', label: 'l.col.contact', num: true,
    text: (d) => (quiet(d) === null ? '—' : ago(quiet(d))), value: (d) => -(quiet(d) ?? Infinity) },
  { key: 'queued', label: 'l.col.queued', num: true, text: (d) => fmt(pending(d)), value: pending },
];

/** doorClass marks revoked and silent doors, and doors with scans to send. */
export function doorClass(d) {
  if (d.revoked_at) return 'revoked';
  if (d.state === 'silent') return 'silent';
  return pending(d) > 0 ? 'queued' : '';
}

/** needsHelp: a door someone should walk to, the worst first. */
export function needsHelp(doors) {
  const rank = (d) => (d.state === 'silent' ? 2 : 0) + (pending(d) > 0 ? 1 : 0);
  return doors.filter((d) => rank(d) > 0).sort((a, b) => rank(b) - rank(a) || pending(b) - pending(a));
}

/** alertText says what is wrong with a door: "Puerta norte: sin contacto hace 3 min · 5 pendientes". */
function alertText(d) {
  const parts = [];
  if (d.state === 'silent') parts.push(t('l.alert.silent', { ago: ago(quiet(d) ?? 0) }));
  const n = pending(d);
  if (n > 0) parts.push(n === 1 ? t('l.alert.pending1') : t('l.alert.pending', { n: fmt(n) }));
  return `${d.name}: ${parts.join(' · ')}`;
}

/** showAlerts lists the doors that need help in list: red when silent, amber for unsent scans. */
export function showAlerts(list, doors) {
  const help = needsHelp(doors);
  list.replaceChildren(...help.map((d) => {
    const li = document.createElement('li');
    li.className = d.state === 'silent' ? 'bad' : 'warn';
    li.dir = 'auto';
    li.textContent = alertText(d);
    return li;
  }));
  list.classList.toggle('hidden', !help.length);
}

/** byUrgency orders doors for the table: those that need help first. */
export function byUrgency(doors) {
  const help = needsHelp(doors);
  return [...help, ...doors.filter((d) => !help.includes(d))];
}

/** pollDoors calls show with the doors now and every few seconds. */
export function pollDoors(action, show) {
  const tick = async () => {
    try {
      show(await api('GET', `/api/actions/${encodeURIComponent(action)}/doors`));
    } catch {
      // the live feed already says when the server is unreachable
    }
    setTimeout(tick, EVERY);
  };
  tick();
}
