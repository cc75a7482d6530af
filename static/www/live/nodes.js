// This node's place in a network of nodes, for organizers: each link, up,
// down or refused by the parent since when, and the writes waiting each
// way; and the action's turnout by venue (a standby's scans count in the
// venue it stands by), against each venue's share of the goal when it has
// one. Shown only on a node of a network; polled every 5 seconds. Node
// names are shown as text.
import { api } from '/shared/api.js';
import { add, apply, iso, t } from '/shared/i18n.js';
import { clock } from '/shared/clock.js';
import { fmt, pct, percent } from '/shared/numbers.js';
import { organizer, whenBoard } from './displays.js';

add({
  'l.nodes': 'Red de sedes',
  'l.nodes.self': 'Esta computadora es «{name}».',
  'l.nodes.parent': 'Se unió a «{name}».',
  'l.nodes.none': 'Ninguna sede se ha unido todavía.',
  'l.nodes.col.node': 'Sede',
  'l.nodes.col.role': 'Papel',
  'l.nodes.col.link': 'Enlace',
  'l.nodes.col.out': 'Por enviar',
  'l.nodes.col.in': 'Por recibir',
  'l.nodes.role.parent': 'La central',
  'l.nodes.role.child': 'Se unió aquí',
  'l.nodes.up': 'Conectada desde las {at}',
  'l.nodes.down': 'Sin conexión desde las {at}',
  'l.nodes.refused': 'Rechazado desde las {at}: «{name}» rechaza la clave de esta computadora; fue revocada, o el enlace está mal. Pida un enlace nuevo a quien organiza «{name}».',
  'l.nodes.venues': 'Presentes por sede',
  'l.nodes.share': 'De su parte de la meta',
}, {
  'l.nodes': 'Network of venues',
  'l.nodes.self': 'This computer is “{name}”.',
  'l.nodes.parent': 'It joined “{name}”.',
  'l.nodes.none': 'No venue has joined yet.',
  'l.nodes.col.node': 'Venue',
  'l.nodes.col.role': 'Role',
  'l.nodes.col.link': 'Link',
  'l.nodes.col.out': 'To send',
  'l.nodes.col.in': 'To receive',
  'l.nodes.role.parent': 'The hub',
  'l.nodes.role.child': 'Joined here',
  'l.nodes.up': 'Connected since {at}',
  'l.nodes.down': 'Offline since {at}',
  'l.nodes.refused': 'Refused since {at}: “{name}” refuses this computer’s secret; it was revoked, or the link is wrong. Ask the organizer of “{name}” for a new link.',
  'l.nodes.venues': 'Present by venue',
  'l.nodes.share': 'Of its share of the goal',
});

const EVERY = 5000;
const $ = (id) => document.getElementById(id);
let view = { name: '', parent: '', links: [], venues: [] };

/** row is a table row of text cells, th or td. */
function row(cells, tag = 'td') {
  const tr = document.createElement('tr');
  for (const text of cells) {
    const td = document.createElement(tag);
    td.textContent = text;
    td.dir = 'auto';
    tr.append(td);
  }
  return tr;
}

function table(id, head, rows) {
  const el = $(id);
  (el.tHead || el.createTHead()).replaceChildren(row(head, 'th'));
  (el.tBodies[0] || el.createTBody()).replaceChildren(...rows);
}

/** state is the message key of a link's state: up, down, or refused by
 * the parent (it revoked this node, or the link is wrong). */
function state(l) {
  if (l.up) return 'l.nodes.up';
  return l.refused ? 'l.nodes.refused' : 'l.nodes.down';
}

function render() {
  const who = t('l.nodes.self', { name: iso(view.name) });
  $('nodes-self').textContent = view.parent ? who + ' ' + t('l.nodes.parent', { name: iso(view.parent) }) : who;
  const links = view.links.map((l) => row([l.name, t('l.nodes.role.' + l.role),
    t(state(l), { at: clock(l.since), name: iso(l.name) }), fmt(l.waiting_out), fmt(l.waiting_in)]));
  if (!links.length) links.push(row([t('l.nodes.none')]));
  table('nodes', ['node', 'role', 'link', 'out', 'in'].map((c) => t('l.nodes.col.' + c)), links);
  table('venues', [t('l.nodes.col.node'), t('l.nodes.venues'), t('l.nodes.share')],
    view.venues.map((v) => row([v.venue, fmt(v.present), v.share ? pct(percent(v.present, v.share)) : '—'])));
}

async function load() {
  try {
    const nodes = await api('GET', '/api/nodes');
    const action = new URLSearchParams(location.search).get('action');
    const venues = action ? (await api('GET', `/api/actions/${encodeURIComponent(action)}/venues`)).venues : [];
    view = { name: nodes.name, parent: nodes.parent, links: nodes.links, venues };
    $('nodes-panel').classList.toggle('hidden', !view.name);
    if (view.name) render();
  } catch { /* shown again on the next poll */ }
}

async function start() {
  if (!(await organizer())) return;
  await load();
  setInterval(load, EVERY);
  document.addEventListener('langchange', () => view.name && render());
}

apply($('nodes-panel') ?? document.createElement('div'));
whenBoard(start);
