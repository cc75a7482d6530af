// Badge codes and names as the door compares them.

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_LEN = 16;

/**
 * normalizeCode reads what a camera, a scanner or a person gave as a badge
 * code, as the server does: upper case, spaces and dashes dropped, O read as
 * 0 and I or L as 1. It returns '' when the text cannot be a badge code.
 */
export function normalizeCode(raw) {
  let out = '';
  for (let ch of String(raw).toUpperCase()) {
    if (ch === ' ' || ch === '-' || ch === '\t' || ch === '\r' || ch === '\n') continue;
    if (ch === 'O') ch = '0';
    if (ch === 'I' || ch === 'L') ch = '1';
    if (!ALPHABET.includes(ch)) return '';
    out += ch;
    if (out.length > CODE_LEN) return '';
  }
  return out.length === CODE_LEN ? out : '';
}

/** groupCode prints a code in groups of four, as the badge does. */
export function groupCode(code) {
  return (code.match(/.{1,4}/g) || []).join(' ');
}

/** fold makes text comparable without case or accents: "José" is "jose". */
export function fold(s) {
  return String(s).normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** matches reports whether every word of the folded query is in the folded text. */
export function matches(foldedText, foldedQuery) {
  if (!foldedQuery) return true;
  return foldedQuery.split(' ').every((w) => foldedText.includes(w));
}

/** clock shows a time as 10:32 in the page's language. */
export function clock(at, lang) {
  const d = at instanceof Date ? at : new Date(at);
  if (Number.isNaN(d.getTime())) return '';
  return d.toLocaleTimeString(lang === 'en' ? 'en-US' : 'es-US', { hour: 'numeric', minute: '2-digit' });
}

/** short cuts hostile or long text down for a screen line. */
export function short(s, n = 80) {
  const t = String(s ?? '');
  return t.length > n ? t.slice(0, n - 1) + '…' : t;
}
