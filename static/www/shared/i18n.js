// Translations for every page. Spanish is the default; the choice is kept
// in localStorage. Pages add their own keys with add() and mark elements
// with data-i18n="key" (text), data-i18n-placeholder, data-i18n-title or
// data-i18n-aria-label; apply() fills them in. Never innerHTML: text only.

const KEY = 'presente.lang';
const tables = { es: {}, en: {} };

add({
  'lang.switch': 'English',
  'error.network': 'Sin conexión con la computadora del evento.',
  'error.unauthorized': 'No autorizado: inicie sesión o vuelva a conectar este dispositivo.',
  'error.forbidden': 'No tiene permiso para hacer esto.',
  'error.wrong_action': 'Esta credencial pertenece a otra acción.',
  'error.door_revoked': 'Esta puerta ya no tiene acceso: un organizador se lo quitó.',
  'error.csrf': 'La sesión caducó; recargue la página.',
  'error.unknown_badge': 'Gafete no reconocido.',
  'error.revoked_badge': 'Gafete reemplazado: este código ya no vale.',
  'error.not_found': 'No encontrado.',
  'error.bad_json': 'Solicitud inválida.',
  'error.body_too_large': 'Demasiados datos en una sola solicitud.',
  'error.bad_credentials': 'Nombre o contraseña incorrectos.',
  'error.internal': 'Error del servidor. Intente de nuevo.',
  'error.generic': 'Algo salió mal.',
  'error.display_revoked': 'Esta pantalla ya no tiene acceso: un organizador se lo quitó.',
  'error.too_many_sockets': 'Demasiadas conexiones en vivo con esta credencial o desde esta dirección.',
  'error.misdirected_request': 'Abra el servidor por su propia dirección.',
  'error.credentials_too_long': 'El nombre o la contraseña son demasiado largos.',
  'error.headcount_needs_organizer': 'Un conteo tan grande lo registra un organizador.',
  'error.rate_limited': 'Demasiadas solicitudes seguidas; espere un momento e intente de nuevo.',
  'error.batch_too_large': 'Demasiadas lecturas en un solo envío.',
  'error.not_your_checkin': 'Esta entrada la registró otra puerta; solo esa puerta puede deshacerla.',
  'error.id_conflict': 'Este registro ya se usó para otro cambio; recargue la página.',
  'error.loading': 'Cargando los datos; se intentará de nuevo en un momento.',
  'error.no_badges': 'No hay líderes para imprimir: agregue o importe la lista primero.',
  'error.invalid_layout': 'Formato de gafete desconocido.',
  'error.https_required': 'Abra la dirección HTTPS de este servidor.',
  'error.websocket_required': 'Esta dirección es para una conexión en vivo.',
  'error.no_route': 'Esta dirección no existe en el servidor.',
  'error.method_not_allowed': 'El servidor no acepta esta operación aquí.',
  'error.bad_request': 'Solicitud inválida.',
  'error.invalid': 'Algún dato no es válido; revíselo.',
  'error.invalid_institution': 'Esa institución ya no existe: elija otra.',
}, {
  'lang.switch': 'Español',
  'error.network': 'No connection to the event computer.',
  'error.unauthorized': 'Not authorized: sign in or connect this device again.',
  'error.forbidden': 'You may not do this.',
  'error.wrong_action': 'This credential belongs to another action.',
  'error.door_revoked': 'This door no longer has access: an organizer removed it.',
  'error.csrf': 'Your session expired; reload the page.',
  'error.unknown_badge': 'Badge not recognized.',
  'error.revoked_badge': 'Replaced badge: this code is no longer valid.',
  'error.not_found': 'Not found.',
  'error.bad_json': 'Invalid request.',
  'error.body_too_large': 'Too much data in one request.',
  'error.bad_credentials': 'Wrong name or password.',
  'error.internal': 'Server error. Try again.',
  'error.generic': 'Something went wrong.',
  'error.display_revoked': 'This display was revoked by an organizer.',
  'error.too_many_sockets': 'Too many live connections with this credential or from this address.',
  'error.misdirected_request': 'Open the server by its own address.',
  'error.credentials_too_long': 'The name or password is too long.',
  'error.headcount_needs_organizer': 'A headcount this large is for an organizer to record.',
  'error.rate_limited': 'Too many requests in a row; wait a moment and try again.',
  'error.batch_too_large': 'Too many scans in one send.',
  'error.not_your_checkin': 'Another door recorded this check-in; only that door can undo it.',
  'error.id_conflict': 'This record was already used for another change; reload the page.',
  'error.loading': 'Loading the data; it will try again in a moment.',
  'error.no_badges': 'No leaders to print: add or import the roster first.',
  'error.invalid_layout': 'Unknown badge layout.',
  'error.https_required': "Open this server's HTTPS address.",
  'error.websocket_required': 'This address is for a live connection.',
  'error.no_route': 'This address does not exist on the server.',
  'error.method_not_allowed': 'The server does not accept this operation here.',
  'error.bad_request': 'Invalid request.',
  'error.invalid': 'Some of the data is not valid; check it.',
  'error.invalid_institution': 'That institution no longer exists: choose another.',
});

/** add merges a page's Spanish and English tables. */
export function add(es, en) {
  Object.assign(tables.es, es);
  Object.assign(tables.en, en);
}

/** lang is the current language: "es" unless the user chose English. */
export function lang() {
  return localStorage.getItem(KEY) === 'en' ? 'en' : 'es';
}

/** locale is the BCP 47 locale that formats numbers and dates for lang(). */
export function locale() {
  return lang() === 'en' ? 'en-US' : 'es-US';
}

/** setLang stores the choice and re-translates the page. */
export function setLang(l) {
  localStorage.setItem(KEY, l === 'en' ? 'en' : 'es');
  apply();
  document.dispatchEvent(new CustomEvent('langchange'));
}

/** t translates key, replacing {name} with vars.name. */
export function t(key, vars = {}) {
  const s = tables[lang()][key] ?? tables.es[key] ?? key;
  return s.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m));
}

/** errorText is what a person reads for an API error code. */
export function errorText(code) {
  const key = 'error.' + code;
  if (key in tables[lang()]) return t(key);
  return t(String(code).startsWith('invalid_') ? 'error.invalid' : 'error.generic');
}

/** apply translates every marked element under root. */
export function apply(root = document) {
  document.documentElement.lang = lang();
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const attr of ['placeholder', 'title', 'aria-label']) {
    const data = 'data-i18n-' + attr;
    for (const el of root.querySelectorAll('[' + data + ']')) el.setAttribute(attr, t(el.getAttribute(data)));
  }
}

/** iso isolates user text set beside other text: a right-to-left mark in it cannot turn the rest around. */
export const iso = (s) => '\u2068' + s + '\u2069';

/**
 * bindSwitch makes a button toggle the language. The button is written in
 * the language it offers ("English" in English), and says so with lang, so
 * that a screen reader reads it in that language.
 */
export function bindSwitch(button) {
  button.dataset.i18n = 'lang.switch';
  const label = () => {
    button.textContent = t('lang.switch');
    button.lang = lang() === 'es' ? 'en' : 'es';
  };
  label();
  document.addEventListener('langchange', label);
  button.addEventListener('click', () => setLang(lang() === 'es' ? 'en' : 'es'));
}
