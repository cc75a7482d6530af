// The fields of an action, shared by the home page (new action) and the
// action page (edit).
import { add } from './console.js';

add({
  'action.name': 'Nombre',
  'action.date': 'Fecha',
  'action.starts_at': 'Hora de inicio',
  'action.venue': 'Lugar',
  'action.goal': 'Meta de asistencia',
}, {
  'action.name': 'Name',
  'action.date': 'Date',
  'action.starts_at': 'Start time',
  'action.venue': 'Venue',
  'action.goal': 'Attendance goal',
});

/** readAction turns an action form into the API's action. */
export function readAction(form) {
  const f = new FormData(form);
  return {
    name: String(f.get('name') || '').trim(),
    date: String(f.get('date') || ''),
    starts_at: String(f.get('starts_at') || ''),
    venue: String(f.get('venue') || '').trim(),
    goal: Number(f.get('goal') || 0),
  };
}

/** fillAction puts an action's values in the form. */
export function fillAction(form, a) {
  for (const k of ['name', 'date', 'starts_at', 'venue', 'goal']) form.elements[k].value = a[k] ?? '';
}
