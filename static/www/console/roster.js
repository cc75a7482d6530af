// The roster: leaders (search, add, edit), institutions and chapters.
import { iso, add, t, apply, start, call, el, $, showError, onLang, KINDS } from './console.js';
import { fmt } from '/shared/numbers.js';
import './fields.js';

add({
  'roster.title': 'Lista de líderes',
  'roster.help': 'Los líderes, sus instituciones y capítulos. Para cargar muchos a la vez, importe el CSV que ya tiene.',
  'roster.leaders': 'Líderes',
  'roster.search': 'Buscar por nombre o teléfono',
  'roster.filter': 'Institución',
  'roster.all': 'Todas las instituciones',
  'roster.shown': '{shown} de {total} líderes',
  'roster.new_leader': 'Agregar líder',
  'roster.import': 'Importar desde CSV',
  'roster.institutions': 'Instituciones',
  'roster.new_institution': 'Agregar institución',
  'roster.chapters': 'Capítulos',
  'roster.new_chapter': 'Agregar capítulo',
  'roster.count': 'Líderes',
  'roster.walk_in': 'sin gafete',
  'roster.edit_leader': 'Líder',
  'roster.edit_institution': 'Institución',
  'roster.edit_chapter': 'Capítulo',
  'roster.confirm_delete': '¿Borrar «{name}»?',
}, {
  'roster.title': 'Roster',
  'roster.help': 'Leaders, their institutions and chapters. To load many at once, import the CSV you already keep.',
  'roster.leaders': 'Leaders',
  'roster.search': 'Search by name or phone',
  'roster.filter': 'Institution',
  'roster.all': 'All institutions',
  'roster.shown': '{shown} of {total} leaders',
  'roster.new_leader': 'Add leader',
  'roster.import': 'Import from CSV',
  'roster.institutions': 'Institutions',
  'roster.new_institution': 'Add institution',
  'roster.chapters': 'Chapters',
  'roster.new_chapter': 'Add chapter',
  'roster.count': 'Leaders',
  'roster.walk_in': 'walk-in',
  'roster.edit_leader': 'Leader',
  'roster.edit_institution': 'Institution',
  'roster.edit_chapter': 'Chapter',
  'roster.confirm_delete': 'Delete “{name}”?',
});

let chapters = [];
let institutions = [];
let leaders = { leaders: [], total: 0 };
let timer = 0;

async function main() {
  if (!(await start())) return;
  apply();
  $('q').addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(loadLeaders, 200); });
  $('inst-filter').addEventListener('change', loadLeaders);
  $('new-leader').addEventListener('click', () => leaderEditor.open(null));
  $('new-institution').addEventListener('click', () => institutionEditor.open(null));
  $('new-chapter').addEventListener('click', () => chapterEditor.open(null));
  onLang(render);
  await reload();
}

async function reload() {
  [chapters, institutions] = await Promise.all([call('GET', '/api/chapters'), call('GET', '/api/institutions')]);
  await loadLeaders();
}

async function loadLeaders() {
  const q = new URLSearchParams({ q: $('q').value, institution: $('inst-filter').value || '0', limit: '300' });
  leaders = await call('GET', '/api/leaders?' + q);
  render();
}

function render() {
  const filter = $('inst-filter');
  const chosen = filter.value;
  filter.replaceChildren(el('option', { value: '', text: t('roster.all') }), ...institutionOptions());
  filter.value = chosen;
  $('leader-count').textContent = t('roster.shown', { shown: fmt(leaders.leaders.length), total: fmt(leaders.total) });
  $('leaders').replaceChildren(...leaders.leaders.map((l) => el('tr', {},
    el('td', { className: 'name' }, l.name, l.walk_in ? el('span', { className: 'muted', text: ' · ' + t('roster.walk_in') }) : null),
    el('td', { className: 'name', text: `${iso(l.institution.name)} (${iso(l.chapter.name)})` }),
    el('td', { className: 'phone', text: l.phone }),
    el('td', { className: 'email', text: l.email }),
    el('td', { text: t('lang.' + l.language) }),
    el('td', { className: 'actions' }, editButton(() => leaderEditor.open(l))))));
  $('institutions').replaceChildren(...institutions.map((i) => el('tr', {},
    el('td', { className: 'name', text: i.name }), el('td', { text: t('kind.' + i.kind) }),
    el('td', { text: i.chapter.name }), el('td', { className: 'num', text: fmt(i.leaders), 'data-label': t('roster.count') }),
    el('td', { className: 'actions' }, editButton(() => institutionEditor.open(i))))));
  $('chapters').replaceChildren(...chapters.map((c) => el('tr', {},
    el('td', { className: 'name', text: c.name }),
    el('td', { className: 'actions' }, editButton(() => chapterEditor.open(c))))));
}

function institutionOptions() {
  return institutions.map((i) => el('option', { value: String(i.id), text: `${iso(i.name)} (${iso(i.chapter.name)})` }));
}

function editButton(fn) {
  const b = el('button', { type: 'button', className: 'secondary', text: t('common.edit') });
  b.addEventListener('click', fn);
  return b;
}

// editor wires a dialog form: open(record or null), save, delete.
function editor(name, { fill, read, create, update, remove }) {
  const dialog = $(name + '-dialog');
  const form = $(name + '-form');
  const error = form.querySelector('.error');
  let current = null;
  const done = async () => { dialog.close(); await reload(); };
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      await (current ? update(current, read(form)) : create(read(form)));
      await done();
    } catch (e) { showError(error, e); }
  });
  form.querySelector('[data-close]').addEventListener('click', () => dialog.close());
  form.querySelector('[data-delete]').addEventListener('click', async () => {
    if (!current || !confirm(t('roster.confirm_delete', { name: current.name }))) return;
    try { await remove(current); await done(); } catch (e) { showError(error, e); }
  });
  return {
    open(rec) {
      current = rec;
      showError(error, null);
      form.reset();
      $(name + '-title').textContent = t('roster.edit_' + name);
      form.querySelector('[data-delete]').classList.toggle('hidden', !rec);
      fill(form, rec);
      dialog.showModal();
      form.elements.name.focus();
    },
  };
}

const leaderEditor = editor('leader', {
  fill(form, l) {
    form.elements.institution.replaceChildren(...institutionOptions());
    if (!l) return;
    for (const k of ['name', 'phone', 'email', 'language']) form.elements[k].value = l[k];
    form.elements.institution.value = String(l.institution.id);
  },
  read: (form) => ({
    name: form.elements.name.value, institution: Number(form.elements.institution.value),
    phone: form.elements.phone.value.trim(), email: form.elements.email.value.trim(), language: form.elements.language.value,
  }),
  create: (body) => call('POST', '/api/leaders', body),
  update: (l, body) => call('PUT', `/api/leaders/${l.id}`, body),
  remove: (l) => call('DELETE', `/api/leaders/${l.id}`),
});

const institutionEditor = editor('institution', {
  fill(form, i) {
    form.elements.kind.replaceChildren(...KINDS.map((k) => el('option', { value: k, text: t('kind.' + k) })));
    form.elements.chapter.replaceChildren(...chapters.map((c) => el('option', { value: String(c.id), text: c.name })));
    if (!i) return;
    form.elements.name.value = i.name;
    form.elements.kind.value = i.kind;
    form.elements.chapter.value = String(i.chapter.id);
  },
  read: (form) => ({ name: form.elements.name.value, kind: form.elements.kind.value, chapter: Number(form.elements.chapter.value) }),
  create: (body) => call('POST', '/api/institutions', body),
  update: (i, body) => call('PUT', `/api/institutions/${i.id}`, body),
  remove: (i) => call('DELETE', `/api/institutions/${i.id}`),
});

const chapterEditor = editor('chapter', {
  fill(form, c) { if (c) form.elements.name.value = c.name; },
  read: (form) => ({ name: form.elements.name.value }),
  create: (body) => call('POST', '/api/chapters', body),
  update: (c, body) => call('PUT', `/api/chapters/${c.id}`, body),
  remove: (c) => call('DELETE', `/api/chapters/${c.id}`),
});

main();
