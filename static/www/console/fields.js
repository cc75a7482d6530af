// Names of the fields of the roster, used on several pages.
import { add } from './console.js';

add({
  'field.name': 'Nombre', 'field.institution': 'Institución', 'field.chapter': 'Capítulo', 'field.kind': 'Tipo',
  'field.phone': 'Teléfono', 'field.email': 'Correo', 'field.language': 'Idioma',
  'field.consent': 'Acepta que le contacten', 'field.contact_name': 'Persona de contacto',
  'field.contact_phone': 'Teléfono de contacto',
}, {
  'field.name': 'Name', 'field.institution': 'Institution', 'field.chapter': 'Chapter', 'field.kind': 'Kind',
  'field.phone': 'Phone', 'field.email': 'Email', 'field.language': 'Language',
  'field.consent': 'Agrees to be contacted', 'field.contact_name': 'Contact person',
  'field.contact_phone': 'Contact phone',
});
