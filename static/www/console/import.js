// Roster import: the file goes to the server for a preview (nothing is
// written); the organizer reads it row by row and confirms; the same file
// goes again with the preview's hash and is imported only if nothing changed.
import { iso, add, t, apply, start, el, $, showError, upload, onLang } from './console.js';
import { fmt } from '/shared/numbers.js';
import './reasons.js';

add({
  'import.title': 'Importar lista de líderes',
  'import.help': 'Suba la hoja de cálculo que ya usa, guardada como CSV, con comas o punto y coma, en UTF-8 o UTF-16 (Texto Unicode de Excel). Columnas en español o inglés: nombre, apellido, institución, capítulo, teléfono, correo, idioma; también las de una exportación de Action Network o de VAN (con una columna de institución). Primero verá qué pasará con cada fila; nada se guarda hasta que confirme. Importar el mismo archivo otra vez no cambia nada.',
  'import.rules_title': '¿Cómo se reconoce a un líder que ya está en la lista?',
  'import.rules': 'Por su id del CRM (VanID de VAN, uuid de Action Network) cuando el archivo lo trae. Si no, por el mismo nombre en la misma institución, sin importar acentos, mayúsculas ni espacios. Si no, por el mismo nombre y el mismo teléfono o correo en otra institución: entonces se cambia de institución. Nunca solo por el teléfono o el correo, porque las familias los comparten. Una celda vacía nunca borra un dato; los nombres no se reescriben.',
  'import.file': 'Archivo CSV',
  'import.create': 'Crear los capítulos e instituciones nuevos que nombra el archivo',
  'import.preview': 'Vista previa',
  'import.preview_title': 'Vista previa: todavía no se guardó nada',
  'import.col.line': 'Línea', 'import.col.status': 'Qué pasará', 'import.col.name': 'Nombre',
  'import.col.institution': 'Institución', 'import.col.chapter': 'Capítulo', 'import.col.phone': 'Teléfono',
  'import.col.detail': 'Detalle',
  'import.sum.add': 'nuevos', 'import.sum.update': 'se actualizan', 'import.sum.same': 'sin cambios', 'import.sum.refused': 'rechazados',
  'import.info': 'Archivo {encoding}, separado por «{delim}», {rows} filas, {blank} líneas vacías omitidas.',
  'import.ignored': 'Columnas que no se usan: {cols}.',
  'import.new_chapters': 'Capítulos nuevos que se crearán: {list}',
  'import.new_institutions': 'Instituciones nuevas que se crearán:',
  'import.filter.all': 'Todas', 'import.filter.changes': 'Nuevos y cambios', 'import.filter.refused': 'Rechazados',
  'import.confirm': 'Importar: {add} nuevos, {update} con cambios',
  'import.nothing': 'Nada que importar: la lista ya tiene este archivo',
  'import.nothing_refused': 'Nada que importar: corrija las filas rechazadas ({n})',
  'import.more': 'Se muestran {shown} de {total} filas.',
  'import.done': 'Listo: {add} líderes nuevos, {update} actualizados, {same} sin cambios, {refused} rechazados.',
  'import.see_roster': 'Ver la lista de líderes',
  'import.again': 'Importar otro archivo',
  'import.matched': 'en la lista como «{name}»',
  'error.body_too_large': 'El archivo pasa de 1 MB. Divídalo en partes (por capítulo, por ejemplo) e impórtelas una tras otra.',
  'import.changed': 'Los datos cambiaron desde la vista previa. Esta es la nueva; revísela y confirme otra vez.',
}, {
  'import.title': 'Import roster',
  'import.help': 'Upload the spreadsheet you already keep, saved as CSV, with commas or semicolons, in UTF-8 or UTF-16 (Excel’s Unicode Text). Columns in Spanish or English: name, last name, institution, chapter, phone, email, language; also those of an Action Network or VAN export (with an institution column). You will first see what happens to each row; nothing is saved until you confirm. Importing the same file again changes nothing.',
  'import.rules_title': 'How is a leader already on the roster recognized?',
  'import.rules': 'By their CRM id (VAN\'s VanID, Action Network\'s uuid) when the file has it. Failing that, by the same name in the same institution, whatever the accents, capitals or spaces. Failing that, by the same name and the same phone or email in another institution: the leader then moves. Never by phone or email alone, since families share them. An empty cell never erases a value; names are not rewritten.',
  'import.file': 'CSV file',
  'import.create': 'Create the new chapters and institutions the file names',
  'import.preview': 'Preview',
  'import.preview_title': 'Preview: nothing has been saved yet',
  'import.col.line': 'Line', 'import.col.status': 'What happens', 'import.col.name': 'Name',
  'import.col.institution': 'Institution', 'import.col.chapter': 'Chapter', 'import.col.phone': 'Phone',
  'import.col.detail': 'Detail',
  'import.sum.add': 'new', 'import.sum.update': 'updated', 'import.sum.same': 'unchanged', 'import.sum.refused': 'refused',
  'import.info': '{encoding} file, separated by “{delim}”, {rows} rows, {blank} blank lines skipped.',
  'import.ignored': 'Columns not used: {cols}.',
  'import.new_chapters': 'New chapters to create: {list}',
  'import.new_institutions': 'New institutions to create:',
  'import.filter.all': 'All', 'import.filter.changes': 'New and changes', 'import.filter.refused': 'Refused',
  'import.confirm': 'Import: {add} new, {update} with changes',
  'import.nothing': 'Nothing to import: the roster already holds this file',
  'import.nothing_refused': 'Nothing to import: fix the refused rows ({n})',
  'import.more': 'Showing {shown} of {total} rows.',
  'import.done': 'Done: {add} new leaders, {update} updated, {same} unchanged, {refused} refused.',
  'import.see_roster': 'See the roster',
  'import.again': 'Import another file',
  'import.matched': 'on the roster as “{name}”',
  'error.body_too_large': 'The file is over 1 MB. Split it (by chapter, for example) and import the parts one after another.',
  'import.changed': 'The data changed since the preview. This is the new one; check it and confirm again.',
});

const MAX_ROWS = 1000;
let plan = null;
let filter = 'all';

async function main() {
  if (!(await start())) return;
  apply();
  $('file-form').addEventListener('submit', (ev) => { ev.preventDefault(); preview(); });
  $('confirm').addEventListener('click', confirm);
  $('cancel').addEventListener('click', reset);
  $('again').addEventListener('click', reset);
  onLang(() => plan && render());
}

function importPath(hash) {
  const q = new URLSearchParams({ create: $('create').checked ? '1' : '0' });
  if (hash) q.set('confirm', hash);
  return '/api/imports/roster?' + q;
}

async function preview() {
  const file = $('file').files[0];
  if (!file) return;
  $('preview-button').disabled = true;
  showError($('file-error'), null);
  try {
    plan = await upload(importPath(), file);
    filter = 'all';
    render();
  } catch (e) {
    showError($('file-error'), e);
  } finally {
    $('preview-button').disabled = false;
  }
}

async function confirm() {
  $('confirm').disabled = true;
  try {
    const res = await upload(importPath(plan.hash), $('file').files[0]);
    const r = res.result;
    $('done-text').textContent = t('import.done', { add: fmt(r.add), update: fmt(r.update), same: fmt(r.same), refused: fmt(r.refused) });
    $('preview').classList.add('hidden');
    $('step-file').classList.add('hidden');
    $('done').classList.remove('hidden');
  } catch (e) {
    if (e.code === 'import_changed' && e.data?.preview) {
      plan = e.data.preview;
      render();
      $('confirm-error').textContent = t('import.changed');
      $('confirm-error').classList.remove('hidden');
    } else {
      showError($('confirm-error'), e);
      $('confirm').disabled = false;
    }
  }
}

function reset() {
  plan = null;
  $('file-form').reset();
  for (const id of ['preview', 'done']) $(id).classList.add('hidden');
  $('step-file').classList.remove('hidden');
  $('file').focus();
}

function render() {
  $('preview').classList.remove('hidden');
  showError($('confirm-error'), null);
  $('summary').replaceChildren(...['add', 'update', 'same', 'refused'].map((k) =>
    el('div', { className: 'stat' }, el('b', { text: fmt(plan[k]) }), el('span', { text: t('import.sum.' + k) }))));
  const delim = plan.delimiter === '\t' ? 'TAB' : plan.delimiter;
  $('file-info').textContent = t('import.info', { encoding: plan.encoding.toUpperCase(), delim, rows: fmt(plan.rows.length), blank: fmt(plan.blank_lines) })
    + (plan.ignored_columns?.length ? ' ' + t('import.ignored', { cols: plan.ignored_columns.join(', ') }) : '');
  renderStructure();
  renderFilters();
  renderRows();
  const n = plan.add + plan.update;
  const nothing = plan.refused ? t('import.nothing_refused', { n: fmt(plan.refused) }) : t('import.nothing');
  $('confirm').textContent = n ? t('import.confirm', { add: fmt(plan.add), update: fmt(plan.update) }) : nothing;
  $('confirm').disabled = n === 0;
}

function renderStructure() {
  const box = $('new-structure');
  box.replaceChildren();
  if (plan.new_chapters.length) box.append(el('p', { className: 'notice', text: t('import.new_chapters', { list: plan.new_chapters.map(iso).join(', ') }) }));
  if (plan.new_institutions.length) {
    box.append(el('div', { className: 'notice' }, el('p', { text: t('import.new_institutions') }),
      el('ul', {}, plan.new_institutions.map((i) => el('li', { text: `${iso(i.name)} — ${iso(i.chapter)} (${t('kind.' + i.kind)})` })))));
  }
}

function renderFilters() {
  $('filters').replaceChildren(...['all', 'changes', 'refused'].map((f) => {
    const b = el('button', { type: 'button', className: 'secondary small', text: t('import.filter.' + f), 'aria-pressed': String(filter === f) });
    b.addEventListener('click', () => { filter = f; renderFilters(); renderRows(); });
    return b;
  }));
}

function renderRows() {
  const rows = plan.rows.filter((r) => filter === 'all' || (filter === 'refused' ? r.status === 'refused' : (r.status === 'add' || r.status === 'update')));
  // data-label names each cell where a phone shows the row as a card.
  const label = (key) => ({ 'data-label': t('import.col.' + key) });
  $('rows-body').replaceChildren(...rows.slice(0, MAX_ROWS).map((r) => el('tr', { 'data-status': r.status },
    el('td', { className: 'num line', text: String(r.line), ...label('line') }),
    el('td', { className: 'status' }, el('span', { className: 'badge ' + r.status, text: t('status.' + r.status) })),
    el('td', { className: 'name', text: r.name }),
    el('td', { className: 'name', text: r.institution, ...label('institution') }),
    el('td', { text: r.chapter, ...label('chapter') }),
    el('td', { className: 'phone', text: r.phone || '', ...label('phone') }),
    el('td', { className: 'detail', text: detail(r) }))));
  $('rows-more').textContent = t('import.more', { shown: fmt(Math.min(rows.length, MAX_ROWS)), total: fmt(rows.length) });
  $('rows-more').classList.toggle('hidden', rows.length <= MAX_ROWS);
}

function detail(r) {
  if (r.status === 'refused') return t('reason.' + r.reason, { line: r.same_as });
  const parts = r.status === 'update' ? [r.changes.map((c) => t('change.' + c)).join(', ')] : [];
  if (r.matched) parts.push(t('import.matched', { name: r.matched }));
  return parts.join(' · ');
}

main();
