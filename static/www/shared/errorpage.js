// What a person reads when an address they opened themselves (a bookmark,
// a download opened in a new tab, a mistyped path) answers an error: the
// server sends this page with the error's code instead of JSON, and the
// words come from the same tables as every other page's.
import { add, apply, bindSwitch, errorText } from '/shared/i18n.js';

add({
  'errorpage.title': 'Presente',
  'errorpage.home': 'Ir a la página principal',
  'errorpage.console': 'Ir a la consola',
}, {
  'errorpage.title': 'Presente',
  'errorpage.home': 'Go to the main page',
  'errorpage.console': 'Go to the console',
});

const code = document.querySelector('meta[name="presente-error"]')?.content || 'generic';
const show = () => {
  document.getElementById('what').textContent = errorText(code);
  apply();
};
bindSwitch(document.getElementById('lang'));
document.addEventListener('langchange', show);
show();
