// Needs at the door: up to four things the action counts (interpretation
// headsets, childcare). After a green answer or a headcount the volunteer
// taps +1, or +N and a number; each tap is a write in the outbox like any
// other, idempotent by its id.
import { uuid } from '/shared/api.js';
import { iso, t } from '/shared/i18n.js';
import { fmt } from '/shared/numbers.js';
import { short } from './codes.js';

const MAX_N = 500;

/** Needs draws the needs bar and records its taps for one door. */
export class Needs {
  constructor({ box, list, door, outbox, ui }) {
    Object.assign(this, { box, list, door, outbox, ui });
    this.needs = [];
    this.last = null;
    this.open = 0; // the need whose +N field shows
  }

  /** load reads the action's needs, or the copy kept on the phone when offline. */
  async load(call) {
    const key = 'needs:' + this.door.action;
    try {
      this.needs = (await call('GET', `/api/actions/${this.door.action}/needs`)).needs;
      await this.outbox.putCache(key, this.needs);
    } catch {
      this.needs = (await this.outbox.getCache(key)) || [];
    }
    this.render();
  }

  /** follow enables the buttons while the last write is a green one. */
  follow(last) {
    this.last = last && !last.undone ? last : null;
    this.open = 0;
    this.render();
  }

  render() {
    this.box.classList.toggle('hidden', this.needs.length === 0);
    this.list.replaceChildren(...this.needs.map((n) => this.row(n)));
  }

  row(need) {
    const div = document.createElement('div');
    div.className = 'need';
    div.dataset.position = need.position;
    const name = document.createElement('span');
    name.className = 'need-name';
    name.dir = 'auto';
    name.textContent = short(need.name, 60);
    const total = document.createElement('small');
    total.className = 'need-total muted';
    total.textContent = t('needs.total', { n: fmt(need.total) });
    const one = this.button('+1', 'need-one', () => this.add(need, 1));
    one.setAttribute('aria-label', t('needs.one', { what: need.name }));
    const many = this.button('+N', 'need-many secondary', () => { this.open = this.open === need.position ? 0 : need.position; this.render(); });
    many.setAttribute('aria-label', t('needs.many', { what: need.name }));
    div.append(name, total, one, many);
    if (this.open === need.position) div.append(this.manyForm(need));
    return div;
  }

  button(text, cls, onClick) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = cls;
    b.textContent = text;
    b.disabled = !this.last;
    b.addEventListener('click', onClick);
    return b;
  }

  /** manyForm asks how many; a headcount offers its own size. */
  manyForm(need) {
    const form = document.createElement('form');
    form.className = 'need-form';
    const input = document.createElement('input');
    input.type = 'number';
    input.inputMode = 'numeric';
    input.min = '1';
    input.max = String(MAX_N);
    input.value = this.last?.kind === 'headcount' ? String(Math.min(this.last.count, MAX_N)) : '2';
    input.setAttribute('aria-label', t('needs.how_many', { what: need.name }));
    const ok = document.createElement('button');
    ok.type = 'submit';
    ok.textContent = t('needs.add');
    form.append(input, ok);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const n = Number(input.value);
      if (Number.isInteger(n) && n >= 1 && n <= MAX_N) this.add(need, n);
    });
    setTimeout(() => { input.focus(); form.scrollIntoView({ block: 'center' }); }, 0);
    return form;
  }

  async add(need, n) {
    if (!this.last) return;
    const id = uuid();
    await this.outbox.add({ id, kind: 'need', action: this.door.action, body: { id, position: need.position, count: n } });
    need.total += n;
    this.open = 0;
    this.render();
    this.ui.toast(t('needs.added', { n: fmt(n), what: iso(short(need.name, 60)) }));
    this.ui.queued();
    this.door.sync.flush();
  }
}
