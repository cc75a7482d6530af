// Folding: how names are compared, on every page and on the server. The rule
// is the server's store.Fold, character for character: decompose (NFD), drop
// the combining marks, keep letters and decimal digits in lower case, and
// turn every other run of characters (spaces, punctuation, symbols) into one
// space between words. "  Peña-O'Brien, José " folds to "pena o brien jose".

const MARKS = /\p{Mn}/gu;
const NOT_WORD = /[^\p{L}\p{Nd}]+/gu;
const LETTER = /\p{L}/gu;

// lower is Go's unicode.ToLower: one letter at a time, so that a final Σ
// becomes σ as on the server, never the ς of a whole-string toLowerCase.
const lower = (c) => c.toLowerCase();

/** fold makes text comparable without case, accents or punctuation. */
export function fold(s) {
  return String(s ?? '').normalize('NFD').replace(MARKS, '').replace(NOT_WORD, ' ').trim().replace(LETTER, lower);
}

/** hasWords reports whether every word of a folded query is in a folded text. */
export function hasWords(foldedText, foldedQuery) {
  if (!foldedQuery) return true;
  return foldedQuery.split(' ').every((w) => foldedText.includes(w));
}
