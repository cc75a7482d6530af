// Home: sign in, then the list of actions and a form for a new one.
import { add, t, apply, start, call, el, $, param, showError, setSession, onLang, downloadLink } from './console.js';
import { longDate } from '/shared/clock.js';
import { fmt } from '/shared/numbers.js';
import { readAction } from './actionform.js';
import { api } from '/shared/api.js';

add({
  'signin.title': 'Iniciar sesión',
  'signin.help': 'Consola de organizadores: lista de líderes, compromisos, informes y seguimiento.',
  'signin.name': 'Nombre',
  'signin.password': 'Contraseña',
  'signin.submit': 'Entrar',
  'home.title': 'Acciones',
  'home.new': 'Nueva acción',
  'home.create': 'Crear acción',
  'home.empty': 'Todavía no hay acciones. Cree la primera abajo.',
  'home.details': 'Datos y compromisos',
  'home.paper': 'Hoja en papel',
  'home.report': 'Informe',
  'home.followup': 'Seguimiento',
  'home.goal': 'Meta: {n}',
  'home.doors': 'Puertas',
  'home.live': 'En vivo',
  'home.projector': 'Proyector',
  'home.badges': 'Gafetes (PDF)',
}, {
  'signin.title': 'Sign in',
  'signin.help': 'Organizer console: roster, commitments, reports and follow-up.',
  'signin.name': 'Name',
  'signin.password': 'Password',
  'signin.submit': 'Sign in',
  'home.title': 'Actions',
  'home.new': 'New action',
  'home.create': 'Create action',
  'home.empty': 'No actions yet. Create the first one below.',
  'home.details': 'Details and commitments',
  'home.paper': 'Paper sheet',
  'home.report': 'Report',
  'home.followup': 'Follow-up',
  'home.goal': 'Goal: {n}',
  'home.doors': 'Doors',
  'home.live': 'Live',
  'home.projector': 'Projector',
  'home.badges': 'Badges (PDF)',
});

let actions = [];

async function main() {
  const who = await start({ open: true });
  if (!who) return showSignIn();
  $('home').classList.remove('hidden');
  $('new-action').addEventListener('submit', createAction);
  onLang(renderActions);
  await loadActions();
}

function showSignIn() {
  $('signin').classList.remove('hidden');
  apply();
  $('name').focus();
  $('signin-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const button = $('signin-button');
    button.disabled = true;
    try {
      const res = await api('POST', '/api/session', { body: { name: $('name').value, password: $('password').value } });
      setSession(res.csrf);
      const next = param('next');
      location.replace(next && next.startsWith('/console/') ? next : '/console/');
    } catch (e) {
      showError($('signin-error'), e);
      $('password').select();
    } finally {
      button.disabled = false;
    }
  });
}

async function loadActions() {
  actions = await call('GET', '/api/actions');
  renderActions();
}

function renderActions() {
  const box = $('actions');
  if (actions.length === 0) {
    box.replaceChildren(el('p', { className: 'help', i18n: 'home.empty' }));
    return;
  }
  box.replaceChildren(el('ul', { className: 'actions-list' }, actions.map((a) => el('li', { className: 'card' },
    el('div', { className: 'name' }, el('strong', { text: a.name }), el('br'),
      el('span', { className: 'muted', text: [longDate(a.date), a.starts_at, a.venue, a.goal ? t('home.goal', { n: fmt(a.goal) }) : '']
        .filter(Boolean).join(' · ') })),
    links(a.id)))));
}

function links(id) {
  const main = [['action.html', 'home.details'], ['paper.html', 'home.paper'], ['report.html', 'home.report'],
    ['followup.html', 'home.followup']].map(([page, key]) =>
    el('a', { className: 'button secondary small', href: `/console/${page}?id=${id}`, i18n: key }));
  const more = [[`/pair/doors.html#action=${id}`, 'home.doors'], [`/live/?action=${id}`, 'home.live'],
    [`/projector/?action=${id}`, 'home.projector']].map(([href, key]) => el('a', { href, i18n: key }));
  more.push(downloadLink(`/api/actions/${id}/badges.pdf`, 'home.badges', 'badges'));
  return el('div', {}, el('div', { className: 'row' }, main), el('div', { className: 'row more' }, more));
}

async function createAction(ev) {
  ev.preventDefault();
  try {
    const a = await call('POST', '/api/actions', readAction(ev.target));
    location.href = `/console/action.html?id=${a.id}`;
  } catch (e) {
    showError($('new-error'), e);
  }
}

main();
