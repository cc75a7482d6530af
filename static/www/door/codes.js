// Badge codes as the door reads them, and short screen lines.

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

/** short cuts hostile or long text down for a screen line. */
export function short(s, n = 80) {
  const t = String(s ?? '');
  return t.length > n ? t.slice(0, n - 1) + '…' : t;
}
