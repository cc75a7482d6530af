// The fields of an action, shared by the home page (new action) and the
// action page (edit).
import { add } from './console.js';

add({
  'action.name': 'Nombre',
  'action.date': 'Fecha',
  'action.starts_at': 'Hora de inicio',
  'action.venue': 'Lugar',
  'action.goal': 'Meta de asistencia',
  'action.headcount_max': 'Conteo máximo en la puerta',
  'action.headcount_max_help': 'Un conteo mayor desde un teléfono de puerta necesita a un organizador. Vacío: 200.',
}, {
  'action.name': 'Name',
  'action.date': 'Date',
  'action.starts_at': 'Start time',
  'action.venue': 'Venue',
  'action.goal': 'Attendance goal',
  'action.headcount_max': 'Largest door headcount',
  'action.headcount_max_help': 'A larger headcount from a door phone needs an organizer. Empty: 200.',
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
    // 0 keeps the action's limit as it is (200 for a new action).
    headcount_max: Number(f.get('headcount_max') || 0),
  };
}

/** fillAction puts an action's values in the form. */
export function fillAction(form, a) {
  for (const k of ['name', 'date', 'starts_at', 'venue', 'goal', 'headcount_max']) form.elements[k].value = a[k] ?? '';
}
