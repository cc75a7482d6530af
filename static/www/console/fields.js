// Names of the fields of the roster, used on several pages.
import { add } from './console.js';

add({
  'field.name': 'Nombre', 'field.institution': 'Institución', 'field.chapter': 'Capítulo', 'field.kind': 'Tipo',
  'field.phone': 'Teléfono', 'field.email': 'Correo', 'field.language': 'Idioma',
}, {
  'field.name': 'Name', 'field.institution': 'Institution', 'field.chapter': 'Chapter', 'field.kind': 'Kind',
  'field.phone': 'Phone', 'field.email': 'Email', 'field.language': 'Language',
});
