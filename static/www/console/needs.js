// An action's needs: up to four things the doors count after a green
// answer or a headcount ("Audífonos de interpretación", "Cuidado de niños").
import { add, call, el, $, flash, showError, onLang } from './console.js';
import { fmt } from '/shared/numbers.js';

add({
  'needs.title': 'Necesidades en la entrada',
  'needs.help': 'Hasta cuatro cosas que las puertas cuentan con +1 o +N después de una entrada o un conteo: audífonos de interpretación, cuidado de niños… Deje vacío lo que no haga falta. Cambiar un nombre conserva su cuenta.',
  'needs.name': 'Necesidad {n}',
  'needs.counted': 'contadas: {n}',
  'needs.save': 'Guardar necesidades',
  'error.invalid_needs': 'Cada necesidad necesita un nombre válido, y son cuatro como mucho.',
}, {
  'needs.title': 'Needs at the door',
  'needs.help': 'Up to four things the doors count with +1 or +N after a check-in or a count: interpretation headsets, childcare… Leave empty what is not needed. Renaming one keeps its count.',
  'needs.name': 'Need {n}',
  'needs.counted': 'counted: {n}',
  'needs.save': 'Save needs',
  'error.invalid_needs': 'Each need needs a valid name, and there are four at most.',
});

/** wireNeeds fills and saves the needs card of an action's page. */
export async function wireNeeds(base, t) {
  const form = $('needs-form');
  let last = [];
  const draw = (needs) => {
    last = needs;
    const inputs = [1, 2, 3, 4].map((n) => {
      const need = needs.find((x) => x.position === n);
      return el('label', {}, el('span', { text: t('needs.name', { n }) + (need ? ' · ' + t('needs.counted', { n: fmt(need.total) }) : '') }),
        el('input', { name: 'need', maxLength: 200, value: need ? need.name : '' }));
    });
    $('needs-fields').replaceChildren(...inputs);
  };
  draw((await call('GET', base + '/needs')).needs);
  onLang(() => draw(last));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const names = [...form.querySelectorAll('input[name=need]')].map((i) => i.value.trim()).filter(Boolean);
    try {
      draw((await call('PUT', base + '/needs', { names })).needs);
      showError($('needs-error'), null);
      flash($('needs-msg'), 'common.saved');
    } catch (e) {
      showError($('needs-error'), e);
    }
  });
}
