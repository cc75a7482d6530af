// The needs counted at the doors, as totals for organizers: read again
// every few seconds while the action runs.
import { api } from '/shared/api.js';
import { fmt } from '/shared/numbers.js';

const EVERY = 5000;

/** pollNeeds draws the action's needs and their totals into box, hidden when there are none. */
export function pollNeeds(action, box) {
  const list = box.querySelector('.needs-totals');
  const draw = (needs) => {
    box.classList.toggle('hidden', needs.length === 0);
    list.replaceChildren(...needs.map((n) => {
      const li = document.createElement('li');
      li.dataset.position = String(n.position);
      const name = document.createElement('span');
      name.dir = 'auto';
      name.textContent = n.name;
      const total = document.createElement('b');
      total.className = 'need-total';
      total.textContent = fmt(n.total);
      li.append(name, total);
      return li;
    }));
  };
  const tick = async () => {
    try {
      draw((await api('GET', `/api/actions/${encodeURIComponent(action)}/needs`)).needs);
    } catch { /* next time */ }
    setTimeout(tick, EVERY);
  };
  tick();
}
