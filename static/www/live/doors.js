// The doors' status for organizers: scans, last contact and queued scans,
// polled every few seconds. Fields the server does not send show as "—".
import { api } from '/shared/api.js';
import { t } from '/shared/i18n.js';
import { fmt } from '/shared/numbers.js';

const EVERY = 10000;

/** contactOf finds when a door was last heard from, whatever the field is called. */
function contactOf(d) {
  const v = d.last_contact_at ?? d.last_contact ?? d.last_seen_at ?? d.seen_at;
  const ms = v ? Date.parse(v) : NaN;
  return Number.isNaN(ms) ? null : ms;
}

function queuedOf(d) {
  const v = d.queued ?? d.queue ?? d.pending;
  return typeof v === 'number' ? v : null;
}

/** ago says how long ago a moment was, in words. */
export function ago(ms, now = Date.now()) {
  const min = Math.floor((now - ms) / 60000);
  if (min < 1) return t('l.ago.now');
  if (min < 60) return t('l.ago.min', { n: min });
  return t('l.ago.hour', { n: Math.floor(min / 60) });
}

export const doorColumns = [
  { key: 'name', label: 'l.col.door', text: (d) => d.name },
  { key: 'state', label: 'l.col.state', text: (d) => t(d.revoked_at ? 'l.door.revoked' : 'l.door.active') },
  { key: 'scans', label: 'l.col.scans', num: true, text: (d) => fmt(d.scans ?? 0), value: (d) => d.scans ?? 0 },
  { key: 'contact', label: 'l.col.contact', num: true,
    text: (d) => (contactOf(d) === null ? '—' : ago(contactOf(d))), value: (d) => contactOf(d) ?? 0 },
  { key: 'queued', label: 'l.col.queued', num: true,
    text: (d) => (queuedOf(d) === null ? '—' : fmt(queuedOf(d))), value: (d) => queuedOf(d) ?? -1 },
];

/** doorClass marks revoked doors and doors with scans waiting to sync. */
export function doorClass(d) {
  if (d.revoked_at) return 'revoked';
  return queuedOf(d) > 0 ? 'queued' : '';
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
