// The first-run page: names the network and makes the first organizer, then
// signs in as that organizer through the same call the console uses. The
// server answers it only to a browser on this machine, and only once.
import { api } from '/shared/api.js';
import { add, apply, bindSwitch, errorText, t } from '/shared/i18n.js';

add({
  'setup.title': 'Bienvenida a Presente',
  'setup.loading': 'Cargando…',
  'setup.intro': 'Esta página solo se abre en esta computadora. Ponga nombre a su red y cree la cuenta del primer organizador; después podrá agregar a los demás.',
  'setup.network': 'Nombre de la red',
  'setup.network_placeholder': 'p. ej. Carolina Unida',
  'setup.name': 'Su nombre de organizador',
  'setup.password': 'Contraseña (10 caracteres o más)',
  'setup.again': 'Repita la contraseña',
  'setup.create': 'Crear y entrar',
  'setup.mismatch': 'Las dos contraseñas no coinciden.',
  'setup.done': '¡Listo! «{network}» está configurada y usted entró como {name}.',
  'setup.next': 'Siguientes pasos:',
  'setup.step_action': 'Cree la acción e importe el padrón en la consola.',
  'setup.step_network': 'Prepare la red del lugar: los teléfonos deben llegar a esta computadora.',
  'setup.step_doors': 'Empareje los teléfonos de las puertas.',
  'setup.open_console': 'Abrir la consola',
  'setup.already': 'Presente ya está configurado',
  'setup.already_help': 'Esta red ya tiene organizadores. Inicie sesión en la consola; para agregar otro organizador use «presente organizer add».',
  'error.set_up': 'Esta red ya está configurada: inicie sesión en la consola.',
  'error.invalid_network': 'Falta el nombre de la red o es demasiado largo.',
  'error.invalid_name': 'Falta su nombre o es demasiado largo.',
  'error.invalid_password': 'La contraseña debe tener de 10 a 72 caracteres.',
  'error.bad_origin': 'Abra esta página desde esta misma computadora.',
}, {
  'setup.title': 'Welcome to Presente',
  'setup.loading': 'Loading…',
  'setup.intro': 'This page opens on this computer only. Name your network and create the first organizer account; you can add the others later.',
  'setup.network': 'Network name',
  'setup.network_placeholder': 'e.g. Carolina United',
  'setup.name': 'Your organizer name',
  'setup.password': 'Password (10 characters or more)',
  'setup.again': 'Repeat the password',
  'setup.create': 'Create and sign in',
  'setup.mismatch': 'The two passwords differ.',
  'setup.done': 'Done! “{network}” is set up and you are signed in as {name}.',
  'setup.next': 'Next steps:',
  'setup.step_action': 'Create the action and import the roster in the console.',
  'setup.step_network': 'Prepare the venue network: phones must reach this computer.',
  'setup.step_doors': 'Pair the door phones.',
  'setup.open_console': 'Open the console',
  'setup.already': 'Presente is already set up',
  'setup.already_help': 'This network already has organizers. Sign in on the console; to add another organizer use “presente organizer add”.',
  'error.set_up': 'This network is already set up: sign in on the console.',
  'error.invalid_network': 'The network name is missing or too long.',
  'error.invalid_name': 'Your name is missing or too long.',
  'error.invalid_password': 'The password must be 10 to 72 characters.',
  'error.bad_origin': 'Open this page on this same computer.',
});

const $ = (id) => document.getElementById(id);
let done = null; // what the done message names, kept to translate it again

async function start() {
  apply();
  bindSwitch($('lang'));
  document.addEventListener('langchange', showDone);
  $('form').addEventListener('submit', create);
  let state;
  try {
    state = await api('GET', '/setup/state');
  } catch (e) {
    $('loading').textContent = errorText(e.code);
    return;
  }
  $('loading').classList.add('hidden');
  if (state.set_up) {
    $('already').classList.remove('hidden');
    return;
  }
  $('form').classList.remove('hidden');
  $('network').focus();
}

async function create(e) {
  e.preventDefault();
  const body = { network: $('network').value.trim(), name: $('name').value.trim(), password: $('password').value };
  if (body.password !== $('again').value) {
    $('error').textContent = t('setup.mismatch');
    $('again').focus();
    return;
  }
  $('create').disabled = true;
  try {
    await api('POST', '/setup/network', { body });
    await api('POST', '/api/session', { body: { name: body.name, password: body.password } });
  } catch (err) {
    $('error').textContent = errorText(err.code);
    $('create').disabled = false;
    if (err.code === 'set_up') showAlready();
    return;
  }
  done = { network: body.network, name: body.name };
  $('form').classList.add('hidden');
  $('done').classList.remove('hidden');
  showDone();
  $('console').focus();
}

function showDone() {
  if (done) $('done-title').textContent = t('setup.done', done);
}

function showAlready() {
  $('form').classList.add('hidden');
  $('already').classList.remove('hidden');
}

start();
