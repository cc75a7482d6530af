// What every console page shares: the session, the header, small DOM
// helpers and the calls that carry the CSRF token. Text only: never
// innerHTML, names can be anything.
import { api, ApiError } from '/shared/api.js';
import { add, t, apply, bindSwitch, errorText, lang, iso } from '/shared/i18n.js';

add({
  'nav.actions': 'Acciones',
  'nav.roster': 'Lista de líderes',
  'nav.import': 'Importar',
  'nav.history': 'Historial',
  'nav.network': 'Red del lugar',
  'nav.signout': 'Salir',
  'console.title': 'Consola de organizadores',
  'common.save': 'Guardar',
  'common.saved': 'Guardado.',
  'common.cancel': 'Cancelar',
  'common.edit': 'Editar',
  'common.delete': 'Borrar',
  'common.add': 'Agregar',
  'common.loading': 'Cargando…',
  'common.none': 'Nada todavía.',
  'common.download': 'Descargar CSV',
  'common.back': 'Volver',
  'error.too_many_attempts': 'Demasiados intentos fallidos desde este equipo. Espere un momento y vuelva a intentar.',
  'error.import_changed': 'Los datos cambiaron desde la vista previa. Revise la nueva vista previa y confirme otra vez.',
  'error.in_use': 'No se puede borrar: todavía tiene líderes, instituciones o registros.',
  'error.edited_at_hub': 'Esta lista se edita en el centro de la red (hub): este equipo está unido a la red y recibe de allí la lista, las acciones y los compromisos. Haga el cambio en el hub y llegará aquí.',
  'error.exists': 'Ya existe uno con ese nombre.',
  'error.invalid_name': 'Falta el nombre, es demasiado largo o tiene caracteres de control (invisibles).',
  'error.invalid_date': 'La fecha debe ser AAAA-MM-DD.',
  'error.invalid_starts_at': 'La hora debe ser HH:MM.',
  'error.invalid_goal': 'La meta debe ser un número.',
  'error.invalid_headcount_max': 'El máximo por conteo debe ser un número de 1 a 5000.',
  'error.invalid_file': 'No se pudo leer el archivo como CSV.',
  'error.invalid_columns': 'Al archivo le falta una columna necesaria (nombre, institución).',
  'error.invalid_institution': 'Elija una institución.',
  'error.invalid_chapter': 'Elija un capítulo.',
  'error.invalid_commitment': 'Los compromisos deben ser números de 0 a 100000.',
  'error.invalid_phone': 'El teléfono es demasiado largo o tiene caracteres de control (invisibles).',
  'error.invalid_email': 'El correo es demasiado largo o tiene caracteres de control (invisibles).',
  'error.invalid_language': 'Idioma: es o en.',
  'error.invalid_id': 'Identificador inválido.',
  'error.confirm_required': 'Marque la casilla para confirmar.',
  'error.bad_origin': 'Abra la consola desde este mismo servidor.',
  'error.canceled': 'Se canceló la solicitud. Intente de nuevo.',
  'error.timeout': 'El servidor tardó demasiado. Intente de nuevo.',
  'error.shutting_down': 'El servidor se está reiniciando. Intente de nuevo.',
  'kind.congregation': 'Congregación',
  'kind.community_center': 'Centro comunitario',
  'kind.union': 'Sindicato',
  'kind.school': 'Escuela',
  'kind.nonprofit': 'Organización sin fines de lucro',
  'lang.es': 'Español',
  'lang.en': 'Inglés',
}, {
  'nav.actions': 'Actions',
  'nav.roster': 'Roster',
  'nav.import': 'Import',
  'nav.history': 'History',
  'nav.network': 'Venue network',
  'nav.signout': 'Sign out',
  'console.title': 'Organizer console',
  'common.save': 'Save',
  'common.saved': 'Saved.',
  'common.cancel': 'Cancel',
  'common.edit': 'Edit',
  'common.delete': 'Delete',
  'common.add': 'Add',
  'common.loading': 'Loading…',
  'common.none': 'Nothing yet.',
  'common.download': 'Download CSV',
  'common.back': 'Back',
  'error.too_many_attempts': 'Too many failed attempts from this device. Wait a moment and try again.',
  'error.import_changed': 'The data changed since the preview. Check the new preview and confirm again.',
  'error.in_use': 'Cannot delete: it still has leaders, institutions or records.',
  'error.edited_at_hub': 'This list is edited at the network\'s hub: this computer joined the network and receives the roster, actions and commitments from there. Make the change at the hub and it will reach this one.',
  'error.exists': 'One with that name already exists.',
  'error.invalid_name': 'The name is missing, too long or holds control (invisible) characters.',
  'error.invalid_date': 'The date must be YYYY-MM-DD.',
  'error.invalid_starts_at': 'The time must be HH:MM.',
  'error.invalid_goal': 'The goal must be a number.',
  'error.invalid_headcount_max': 'The largest headcount must be a number from 1 to 5000.',
  'error.invalid_file': 'The file could not be read as CSV.',
  'error.invalid_columns': 'The file lacks a needed column (name, institution).',
  'error.invalid_institution': 'Choose an institution.',
  'error.invalid_chapter': 'Choose a chapter.',
  'error.invalid_commitment': 'Commitments must be numbers from 0 to 100000.',
  'error.invalid_phone': 'The phone is too long or holds control (invisible) characters.',
  'error.invalid_email': 'The email is too long or holds control (invisible) characters.',
  'error.invalid_language': 'Language: es or en.',
  'error.invalid_id': 'Invalid id.',
  'error.confirm_required': 'Tick the box to confirm.',
  'error.bad_origin': 'Open the console from this same server.',
  'error.canceled': 'The request was canceled. Try again.',
  'error.timeout': 'The server took too long. Try again.',
  'error.shutting_down': 'The server is restarting. Try again.',
  'kind.congregation': 'Congregation',
  'kind.community_center': 'Community center',
  'kind.union': 'Union',
  'kind.school': 'School',
  'kind.nonprofit': 'Non-profit',
  'lang.es': 'Spanish',
  'lang.en': 'English',
});

export { t, lang, apply, add, errorText, ApiError, iso };

export const KINDS = ['congregation', 'community_center', 'union', 'school', 'nonprofit'];

let csrf = '';

/** el makes an element: props sets properties (text, className, href...), children are nodes or strings. */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'text') node.textContent = v;
    else if (k === 'i18n') { node.dataset.i18n = v; node.textContent = t(v); }
    else if (k.startsWith('data-') || k.startsWith('aria-')) node.setAttribute(k, v === true ? '' : v);
    else node[k] = v;
  }
  for (const c of children.flat()) {
    if (c !== null && c !== undefined && c !== false) node.append(c);
  }
  return node;
}

/** $ finds one element by id. */
export const $ = (id) => document.getElementById(id);

/** param reads a query parameter of the page. */
export const param = (name) => new URLSearchParams(location.search).get(name);

/** call is an API call with the session's CSRF token. */
export function call(method, path, body) {
  return api(method, path, { body, csrf, timeout: 30000 });
}

/** upload sends a file as the request body, as the import routes take it. */
export async function upload(path, file) {
  let res;
  try {
    res = await fetch(path, {
      method: 'POST', body: file, credentials: 'same-origin', cache: 'no-store',
      headers: { 'X-CSRF-Token': csrf, 'Content-Type': 'text/csv', Accept: 'application/json' },
    });
  } catch (e) {
    throw new ApiError(0, 'network', String(e));
  }
  const data = await res.json().catch(() => null);
  if (!res.ok) {
    const err = new ApiError(res.status, data?.error?.code || 'generic', data?.error?.message);
    err.data = data;
    throw err;
  }
  return data;
}

/** showError puts an error's translated text in box (or clears it). */
export function showError(box, err) {
  box.textContent = err ? errorText(err.code || 'generic') : '';
  box.classList.toggle('hidden', !err);
}

/** flash shows a short confirmation in box. */
export function flash(box, key) {
  box.textContent = t(key);
  box.classList.remove('hidden');
  setTimeout(() => box.classList.add('hidden'), 4000);
}

/** start checks the session and draws the header. Unless open is set, a
 *  visitor who is not signed in is sent to the sign-in page. */
export async function start({ open = false } = {}) {
  let me = null;
  try {
    me = await api('GET', '/api/session');
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 401) throw e;
  }
  if (!me || me.role !== 'organizer') {
    if (!open) location.replace('/console/?next=' + encodeURIComponent(location.pathname + location.search));
    header(null);
    return null;
  }
  csrf = me.csrf;
  header(me.organizer);
  return me.organizer;
}

/** setSession keeps the CSRF token a fresh sign-in returned. */
export function setSession(token) { csrf = token; }

function header(organizer) {
  const top = $('top');
  const nav = el('nav', { className: 'nav', 'aria-label': 'Presente' },
    el('a', { href: '/console/', className: 'brand', text: 'Presente' }));
  if (organizer) {
    for (const [href, key] of [['/console/', 'nav.actions'], ['/console/roster.html', 'nav.roster'],
      ['/console/import.html', 'nav.import'], ['/console/history.html', 'nav.history'],
      ['/console/network.html', 'nav.network']]) {
      const a = el('a', { href, i18n: key });
      if (location.pathname === href || (href === '/console/' && location.pathname === '/console/index.html')) {
        a.setAttribute('aria-current', 'page');
      }
      nav.append(a);
    }
  }
  const tools = el('div', { className: 'tools' });
  if (organizer) tools.append(el('span', { className: 'who', text: organizer.name }));
  const sw = el('button', { type: 'button', className: 'secondary small' });
  bindSwitch(sw);
  tools.append(sw);
  if (organizer) {
    const out = el('button', { type: 'button', className: 'secondary small', i18n: 'nav.signout', id: 'signout' });
    out.addEventListener('click', signOut);
    tools.append(out);
  }
  top.replaceChildren(nav, tools);
  apply();
}

async function signOut() {
  try { await call('DELETE', '/api/session'); } catch { /* signed out anyway */ }
  location.replace('/console/');
}

/** onLang re-renders dynamic text when the language changes. */
export function onLang(fn) { document.addEventListener('langchange', fn); }

/** downloadLink is an <a> that downloads a file: a CSV in the page's
 *  language, or with className a PDF. A click fetches the file first, so a
 *  failure (the session expired, nobody to print) is said beside the link
 *  in the person's language, not shown as a page of JSON or a broken file. */
export function downloadLink(path, key = 'common.download', className = 'button secondary') {
  const a = el('a', { className, i18n: key, download: '' });
  const set = () => { a.href = path + (path.includes('?') ? '&' : '?') + 'lang=' + lang(); };
  set();
  onLang(set);
  a.addEventListener('click', (ev) => {
    ev.preventDefault();
    download(a);
  });
  return a;
}

/** download fetches a's file and hands it to the browser, or says why not. */
async function download(a) {
  if (a.getAttribute('aria-busy') === 'true') return;
  a.setAttribute('aria-busy', 'true');
  let note = a.nextElementSibling?.classList.contains('download-error') ? a.nextElementSibling : null;
  try {
    const res = await fetch(a.href, { credentials: 'same-origin', cache: 'no-store' })
      .catch((e) => { throw new ApiError(0, 'network', String(e)); });
    if (!res.ok) {
      const data = await res.json().catch(() => null);
      throw new ApiError(res.status, data?.error?.code || 'generic', data?.error?.message);
    }
    const url = URL.createObjectURL(await res.blob());
    const save = el('a', { href: url, download: fileName(res) });
    document.body.append(save);
    save.click();
    save.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
    note?.remove();
  } catch (e) {
    if (!note) {
      note = el('span', { className: 'error download-error' });
      note.setAttribute('role', 'alert');
      a.after(note);
    }
    showError(note, e instanceof ApiError ? e : new ApiError(0, 'network', String(e)));
  } finally {
    a.removeAttribute('aria-busy');
  }
}

/** fileName is the name the server gave the file, or "" for the browser's own. */
function fileName(res) {
  const m = /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') || '');
  return m ? m[1] : '';
}
