// The live chase: the institutions below their commitment, the most short
// first, whom to call there and the leaders not yet arrived, each with a
// call and a text-message link. Read again after the live numbers move, so
// a leader who arrives leaves the list by itself. Organizers only: the
// server answers it to nobody else.
import { api } from '/shared/api.js';
import { errorText, iso, lang, t } from '/shared/i18n.js';
import { fmt } from '/shared/numbers.js';

const SETTLE_MS = 1200; // a burst of arrivals becomes one read

/** dial keeps what a phone dials: digits and a leading +. */
export const dial = (phone) => phone.replace(/[^\d+]/g, '');

/**
 * smsHref is a text-message link with the message prefilled; "?&body="
 * is understood by both iPhone and Android.
 */
export const smsHref = (phone, body) => `sms:${dial(phone)}?&body=${encodeURIComponent(body)}`;

/** message is the action's text for a person's language, with their name put in. */
export function message(messages, language, vars) {
  const l = language === 'en' ? 'en' : 'es';
  const text = (messages && messages[l]) || t('l.chase.sms.' + l);
  return text.replace(/\{(nombre|name|accion|action)\}/g, (_, k) => (k === 'nombre' || k === 'name' ? vars.name : vars.action));
}

function node(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

function link(cls, href, text, label) {
  const a = node('a', 'tap ' + cls, text);
  a.href = href;
  if (label) a.setAttribute('aria-label', label);
  return a;
}

/** Chase draws the chase panel of one action and keeps it current. */
export class Chase {
  constructor({ box, action, csrf }) {
    Object.assign(this, { box, action, csrf });
    this.data = null;
    this.timer = 0;
    this.busy = false;
    this.again = false;
  }

  path(suffix) { return `/api/actions/${encodeURIComponent(this.action)}/${suffix}`; }

  /** soon reads the list again once the numbers have settled. */
  soon() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.load(), SETTLE_MS);
  }

  async load() {
    if (this.busy) { this.again = true; return; }
    this.busy = true;
    try {
      this.data = await api('GET', this.path('chase'));
      this.render();
    } catch { /* the next change reads it again */ } finally {
      this.busy = false;
    }
    if (this.again) { this.again = false; this.load(); }
  }

  render() {
    const d = this.data;
    if (!d) return;
    const list = this.box.querySelector('.chase-list');
    const people = d.institutions.reduce((n, i) => n + i.missing.length, 0);
    this.box.querySelector('.chase-count').textContent = d.institutions.length === 0 ? ''
      : t('l.chase.count', { people: fmt(people) });
    if (d.institutions.length === 0) {
      list.replaceChildren(node('p', 'muted', t(d.purged_at ? 'l.chase.purged' : 'l.chase.none')));
    } else {
      list.replaceChildren(...d.institutions.map((i) => this.institution(i)));
    }
    this.fillMessages();
  }

  institution(i) {
    const sec = node('section', 'chase-inst');
    sec.dataset.institution = String(i.institution.id);
    const head = node('h3', 'chase-head');
    const name = node('span', 'chase-name', `${iso(i.institution.name)} · ${iso(i.chapter.name)}`);
    name.dir = 'auto';
    head.append(name, node('span', 'chase-short', t('l.chase.short', { n: fmt(i.short), present: fmt(i.present), committed: fmt(i.committed) })));
    sec.append(head);
    if (i.contact_name || i.contact_phone) sec.append(this.contact(i));
    if (i.missing.length === 0) {
      sec.append(node('p', 'muted', t('l.chase.noneLeft')));
      return sec;
    }
    const ul = node('ul', 'chase-people');
    ul.append(...i.missing.map((l) => this.person(l)));
    sec.append(ul);
    return sec;
  }

  contact(i) {
    const p = node('p', 'chase-contact');
    const who = node('span', '', t('l.chase.contact', { name: i.contact_name || '—' }));
    who.dir = 'auto';
    p.append(who);
    if (i.contact_phone) {
      const msg = message(this.data.messages, lang(), { name: i.contact_name, action: this.data.action.name });
      p.append(link('call', 'tel:' + dial(i.contact_phone), t('l.chase.call'), t('l.chase.callWho', { name: i.contact_name || i.contact_phone })),
        link('text', smsHref(i.contact_phone, msg), t('l.chase.text'), t('l.chase.textWho', { name: i.contact_name || i.contact_phone })));
    }
    return p;
  }

  person(l) {
    const li = node('li', 'chase-person');
    li.dataset.leader = String(l.id);
    const name = node('span', 'chase-who', l.name);
    name.dir = 'auto';
    li.append(name);
    if (!l.phone) {
      li.append(node('span', 'muted no-phone', t('l.chase.noPhone')));
      return li;
    }
    const msg = message(this.data.messages, l.language, { name: l.name.split(' ')[0], action: this.data.action.name });
    li.append(link('call', 'tel:' + dial(l.phone), t('l.chase.call'), t('l.chase.callWho', { name: l.name })),
      link('text', smsHref(l.phone, msg), t('l.chase.text'), t('l.chase.textWho', { name: l.name })));
    return li;
  }

  /** fillMessages shows the action's texts in the editor, unless someone is typing there. */
  fillMessages() {
    const m = this.data.messages;
    for (const l of ['es', 'en']) {
      const area = this.box.querySelector(`#sms-${l}`);
      if (document.activeElement !== area && !area.dataset.dirty) area.value = m[l] || '';
      area.placeholder = t('l.chase.sms.' + l);
    }
  }

  /** saveMessages keeps the edited texts for this action. */
  async saveMessages(e) {
    e.preventDefault();
    const body = { es: this.box.querySelector('#sms-es').value, en: this.box.querySelector('#sms-en').value };
    const note = this.box.querySelector('#sms-note');
    try {
      await api('PUT', this.path('messages'), { body, csrf: this.csrf });
      for (const l of ['es', 'en']) delete this.box.querySelector(`#sms-${l}`).dataset.dirty;
      note.textContent = t('l.chase.saved');
      note.classList.remove('error');
      this.load();
    } catch (err) {
      note.textContent = errorText(err.code);
      note.classList.add('error');
    }
  }

  wire() {
    this.box.querySelector('#sms-form').addEventListener('submit', (e) => this.saveMessages(e));
    for (const l of ['es', 'en']) {
      this.box.querySelector(`#sms-${l}`).addEventListener('input', (e) => { e.target.dataset.dirty = '1'; });
    }
  }
}
