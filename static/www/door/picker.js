// A searchable list of the action's institutions.
import { short } from './codes.js';
import { t } from '/shared/i18n.js';

/** Picker lets a volunteer find and choose an institution by typing. */
export class Picker {
  constructor(root, roster, onChange) {
    this.root = root;
    this.roster = roster;
    this.onChange = onChange;
    this.input = root.querySelector('.picker-input');
    this.list = root.querySelector('.picker-list');
    this.chosen = root.querySelector('.picker-chosen');
    this.selected = null;
    this.input.addEventListener('input', () => this.render());
    this.chosen.addEventListener('click', () => this.clear(true));
    document.addEventListener('langchange', () => {
      const change = this.chosen.querySelector('.picker-change');
      if (change) change.textContent = t('picker.change');
      this.render();
    });
  }

  /** reset empties the search and the choice. */
  reset() {
    this.input.value = '';
    this.clear(false);
  }

  clear(focus) {
    this.selected = null;
    this.chosen.classList.add('hidden');
    this.input.classList.remove('hidden');
    this.render();
    if (focus) this.input.focus();
    this.onChange(null);
  }

  choose(inst) {
    this.selected = inst;
    this.chosen.textContent = '';
    const name = document.createElement('strong');
    name.textContent = short(inst.name, 90);
    const change = document.createElement('span');
    change.className = 'picker-change';
    change.textContent = t('picker.change');
    this.chosen.append(name, change);
    this.chosen.classList.remove('hidden');
    this.input.classList.add('hidden');
    this.list.replaceChildren();
    this.onChange(inst);
  }

  render() {
    this.list.replaceChildren();
    if (this.selected) return;
    const found = this.roster.findInstitutions(this.input.value, 30);
    for (const inst of found) {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'pick';
      b.dataset.id = inst.id;
      const n = document.createElement('span');
      n.textContent = short(inst.name, 90);
      const c = document.createElement('small');
      c.textContent = short(inst.chapter, 60);
      b.append(n, c);
      b.addEventListener('click', () => this.choose(inst));
      this.list.append(b);
    }
    if (found.length === 0) {
      const p = document.createElement('p');
      p.className = 'muted';
      p.textContent = t('picker.none');
      this.list.append(p);
    }
  }
}
