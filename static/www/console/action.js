// One action: its details, the commitments (quick entry and CSV import)
// and, after the event, purging its personal check-in data.
import { iso, add, t, apply, start, call, el, $, param, showError, flash, upload, onLang } from './console.js';
import { dateTime } from '/shared/clock.js';
import { fmt } from '/shared/numbers.js';
import { readAction, fillAction } from './actionform.js';
import './reasons.js';
import './fields.js';

add({
  'actionpage.details': 'Datos de la acción',
  'actionpage.paper': 'Hoja en papel',
  'actionpage.report': 'Informe',
  'actionpage.followup': 'Seguimiento',
  'commit.title': 'Compromisos',
  'commit.help': 'Cuántas personas se comprometió a traer cada institución. Escriba el número y presione Enter para pasar a la siguiente.',
  'commit.number': 'Compromiso',
  'commit.save': 'Guardar compromisos',
  'commit.total': 'Total comprometido: {n}',
  'commit.import': 'Importar compromisos desde CSV',
  'commit.import_help': 'Columnas: institución y número (compromiso, cantidad); el capítulo es opcional. Nada se guarda hasta que confirme.',
  'commit.confirm': 'Guardar {n} compromisos',
  'commit.was': 'antes {n}',
  'import.file': 'Archivo CSV', 'import.preview': 'Vista previa',
  'import.col.line': 'Línea', 'import.col.status': 'Qué pasará', 'import.col.detail': 'Detalle',
  'import.nothing': 'Nada que importar',
  'purge.title': 'Privacidad: borrar los datos personales',
  'purge.help': 'Después del evento, borre quién vino, a qué hora y por qué puerta. Los números se quedan igual: informes, historial y credenciales no cambian. La lista de líderes no se toca. Las puertas de esta acción quedan desactivadas.',
  'purge.understand': 'Entiendo que no se puede deshacer.',
  'purge.button': 'Borrar los datos personales de esta acción',
  'purge.done': 'Datos personales borrados el {at}; los números se conservan.',
}, {
  'actionpage.details': 'Action details',
  'actionpage.paper': 'Paper sheet',
  'actionpage.report': 'Report',
  'actionpage.followup': 'Follow-up',
  'commit.title': 'Commitments',
  'commit.help': 'How many people each institution committed to bring. Type the number and press Enter to go to the next.',
  'commit.number': 'Commitment',
  'commit.save': 'Save commitments',
  'commit.total': 'Total committed: {n}',
  'commit.import': 'Import commitments from CSV',
  'commit.import_help': 'Columns: institution and number (commitment, count); chapter is optional. Nothing is saved until you confirm.',
  'commit.confirm': 'Save {n} commitments',
  'commit.was': 'was {n}',
  'import.file': 'CSV file', 'import.preview': 'Preview',
  'import.col.line': 'Line', 'import.col.status': 'What happens', 'import.col.detail': 'Detail',
  'import.nothing': 'Nothing to import',
  'purge.title': 'Privacy: delete the personal data',
  'purge.help': 'After the event, delete who came, when and through which door. The numbers stay the same: reports, history and credentials do not change. The roster is untouched. This action\'s doors are switched off.',
  'purge.understand': 'I understand this cannot be undone.',
  'purge.button': 'Delete this action\'s personal data',
  'purge.done': 'Personal data deleted on {at}; the numbers are kept.',
});

const id = Number(param('id'));
const base = `/api/actions/${id}`;
let action = null;
let purgedAt = null;
let commitments = [];
let plan = null;

async function main() {
  if (!(await start())) return;
  $('links').replaceChildren(...[['paper.html', 'actionpage.paper'], ['report.html', 'actionpage.report'],
    ['followup.html', 'actionpage.followup']].map(([p, k]) => el('a', { className: 'button secondary', href: `/console/${p}?id=${id}`, i18n: k })));
  apply();
  $('action-form').addEventListener('submit', saveAction);
  $('commit-save').addEventListener('click', saveCommitments);
  $('commit-file-form').addEventListener('submit', (ev) => { ev.preventDefault(); previewCommitments(); });
  $('commit-confirm').addEventListener('click', confirmCommitments);
  $('commit-cancel').addEventListener('click', () => { plan = null; $('commit-preview').classList.add('hidden'); });
  $('purge').addEventListener('click', purge);
  onLang(render);
  await load();
}

async function load() {
  const res = await call('GET', base);
  action = res.action;
  purgedAt = res.purged_at;
  commitments = await call('GET', base + '/commitments');
  fillAction($('action-form'), action);
  render();
}

function render() {
  $('title').textContent = action.name;
  document.title = action.name + ' · Presente';
  renderCommitments();
  $('purged').textContent = purgedAt ? t('purge.done', { at: dateTime(purgedAt) }) : '';
  $('purged').classList.toggle('hidden', !purgedAt);
  if (plan) renderPlan();
}

function renderCommitments() {
  const rows = [];
  let chapter = null;
  for (const c of commitments) {
    if (c.chapter.id !== chapter) {
      chapter = c.chapter.id;
      rows.push(el('tr', { className: 'chapter' }, el('td', { colSpan: 2, text: c.chapter.name })));
    }
    const input = el('input', { type: 'number', min: '0', max: '100000', inputMode: 'numeric', className: 'number',
      value: c.set ? String(c.number) : '', 'aria-label': c.institution.name, 'data-institution': String(c.institution.id) });
    input.addEventListener('input', () => { input.classList.toggle('changed', input.value !== (c.set ? String(c.number) : '')); total(); });
    input.addEventListener('keydown', nextOnEnter);
    rows.push(el('tr', {}, el('td', { className: 'name', text: c.institution.name }), el('td', { className: 'num' }, input)));
  }
  $('commitments').replaceChildren(...rows);
  total();
}

function total() {
  let n = 0;
  for (const input of $('commitments').querySelectorAll('input')) n += Number(input.value || 0);
  $('commit-total').textContent = t('commit.total', { n: fmt(n) });
}

function nextOnEnter(ev) {
  if (ev.key !== 'Enter') return;
  ev.preventDefault();
  const inputs = [...$('commitments').querySelectorAll('input')];
  const next = inputs[inputs.indexOf(ev.target) + 1];
  if (next) { next.focus(); next.select(); } else $('commit-save').focus();
}

async function saveAction(ev) {
  ev.preventDefault();
  try {
    action = await call('PUT', base, readAction(ev.target));
    showError($('action-error'), null);
    flash($('action-msg'), 'common.saved');
    render();
  } catch (e) { showError($('action-error'), e); }
}

async function saveCommitments() {
  const changed = [...$('commitments').querySelectorAll('input.changed')]
    .map((i) => ({ institution: Number(i.dataset.institution), number: Number(i.value || 0) }));
  try {
    if (changed.length) await call('PUT', base + '/commitments', changed);
    showError($('commit-error'), null);
    commitments = await call('GET', base + '/commitments');
    renderCommitments();
    flash($('commit-msg'), 'common.saved');
  } catch (e) { showError($('commit-error'), e); }
}

async function previewCommitments() {
  try {
    plan = await upload(base + '/commitments/import', $('commit-file').files[0]);
    showError($('commit-file-error'), null);
    renderPlan();
  } catch (e) { showError($('commit-file-error'), e); }
}

function renderPlan() {
  $('commit-preview').classList.remove('hidden');
  $('commit-rows').replaceChildren(...plan.rows.map((r) => el('tr', { 'data-status': r.status },
    el('td', { className: 'num', text: String(r.line) }),
    el('td', {}, el('span', { className: 'badge ' + r.status, text: t('status.' + r.status) })),
    el('td', { className: 'name', text: r.chapter ? `${iso(r.institution)} (${iso(r.chapter)})` : r.institution }),
    el('td', { className: 'num', text: r.status === 'refused' ? '' : String(r.number) }),
    el('td', { text: r.status === 'refused' ? t('reason.' + r.reason, { line: r.same_as }) : (r.was !== undefined && r.was !== r.number ? t('commit.was', { n: r.was }) : '') }))));
  const n = plan.add + plan.update;
  $('commit-confirm').textContent = n ? t('commit.confirm', { n }) : t('import.nothing');
  $('commit-confirm').disabled = n === 0;
}

async function confirmCommitments() {
  try {
    await upload(`${base}/commitments/import?confirm=${plan.hash}`, $('commit-file').files[0]);
    plan = null;
    $('commit-preview').classList.add('hidden');
    $('commit-file-form').reset();
    commitments = await call('GET', base + '/commitments');
    renderCommitments();
    flash($('commit-msg'), 'common.saved');
  } catch (e) {
    if (e.code === 'import_changed' && e.data?.preview) { plan = e.data.preview; renderPlan(); }
    showError($('commit-file-error'), e);
  }
}

async function purge() {
  if (!$('purge-ok').checked) return showError($('purge-error'), { code: 'confirm_required' });
  try {
    const res = await call('POST', base + '/purge', { confirm: true });
    purgedAt = res.purged_at;
    showError($('purge-error'), null);
    render();
  } catch (e) { showError($('purge-error'), e); }
}

main();
