// A small client for Presente's JSON API. Errors come back as ApiError with
// the server's stable code, which pages translate with errorText().

/** ApiError is a failed call: HTTP status 0 means the network failed. */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message || code);
    this.status = status;
    this.code = code;
  }
}

/**
 * api calls the server. opts: body (sent as JSON), token (a door or display
 * bearer token), csrf (an organizer's CSRF token, for cookie calls that
 * change things), timeout in ms (default 10 s), signal.
 */
export async function api(method, path, opts = {}) {
  const headers = { Accept: 'application/json' };
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  if (opts.token) headers.Authorization = 'Bearer ' + opts.token;
  if (opts.csrf) headers['X-CSRF-Token'] = opts.csrf;
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), opts.timeout ?? 10000);
  if (opts.signal) opts.signal.addEventListener('abort', () => ctl.abort());
  let res;
  try {
    res = await fetch(path, {
      method, headers, signal: ctl.signal, credentials: 'same-origin', cache: 'no-store',
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
  } catch (e) {
    throw new ApiError(0, 'network', String(e));
  } finally {
    clearTimeout(timer);
  }
  const text = await res.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
  if (!res.ok) {
    const err = (data && data.error) || {};
    throw new ApiError(res.status, err.code || 'generic', err.message || res.statusText);
  }
  return data;
}

/** wsURL turns a path into a ws:// or wss:// URL on this server. */
export function wsURL(path) {
  const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return proto + '//' + location.host + path;
}

/** uuid makes a client id for idempotent writes. */
export function uuid() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
