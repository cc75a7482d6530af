// Who is watching the projector: a display, by the token of its link, or a
// signed-in organizer, by the session cookie.
//
// A display link looks like /projector/#token=disp_...&action=12. The token
// travels in the fragment, which the browser never sends to the server, so it
// is in no request line and no log. The page keeps it in localStorage (the
// projector survives a reboot) and takes it out of the address bar.

import { api, ApiError } from '/shared/api.js';

const KEY = 'presente.display';

function stored() {
  try {
    return JSON.parse(localStorage.getItem(KEY) || 'null');
  } catch {
    return null;
  }
}

/** takeFragment moves a token from the address bar into storage. */
function takeFragment() {
  const frag = new URLSearchParams(location.hash.slice(1));
  const token = frag.get('token');
  const action = frag.get('action') || new URLSearchParams(location.search).get('action');
  if (!token) return null;
  localStorage.setItem(KEY, JSON.stringify({ token }));
  const q = action ? '?action=' + encodeURIComponent(action) : '';
  history.replaceState(null, '', location.pathname + q);
  return token;
}

async function asDisplay(token) {
  try {
    const me = await api('GET', '/api/session', { token });
    if (me.role === 'display') return { role: 'display', token, action: String(me.action) };
  } catch (e) {
    if (!(e instanceof ApiError) || (e.status !== 401 && e.status !== 403)) throw e;
  }
  localStorage.removeItem(KEY);
  return null;
}

async function asOrganizer() {
  try {
    const me = await api('GET', '/api/session');
    if (me.role === 'organizer') return { role: 'organizer', csrf: me.csrf };
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 401) throw e;
  }
  return null;
}

/**
 * whoIsWatching resolves to {role, token?, csrf?, action?} or null when the
 * page has neither a display token nor an organizer's session. A link's
 * token wins; then an organizer's session (who may close credentials); then
 * a token kept from an earlier link. The action comes from the token, or
 * for an organizer from ?action=.
 */
export async function whoIsWatching() {
  const wanted = new URLSearchParams(location.search).get('action');
  const fresh = takeFragment();
  if (fresh) return asDisplay(fresh);
  const org = await asOrganizer();
  if (org) return { ...org, action: wanted };
  const keep = stored();
  return keep?.token ? asDisplay(keep.token) : null;
}

/** forgetDisplay removes a token the server no longer accepts. */
export function forgetDisplay() {
  localStorage.removeItem(KEY);
}
