// The credentials roll call as numbers: each institution's commitment and
// delegation, grouped by chapter, split into screens the chair reads one at
// a time. Before closing, the delegation is the live count; once closed, it
// is the frozen one, and whoever came after is counted apart.

/** rollCall combines the live state with the frozen credentials, if closed. */
export function rollCall(state, frozen) {
  const closed = !!(frozen && frozen.closed);
  const chapters = closed ? frozenChapters(state, frozen) : liveChapters(state);
  for (const ch of chapters) {
    ch.committed = sum(ch.institutions, 'committed');
    ch.delegation = sum(ch.institutions, 'delegation');
    ch.later = sum(ch.institutions, 'later');
  }
  return {
    closed,
    closedAt: closed ? new Date(frozen.closed_at) : null,
    chapters,
    committed: sum(chapters, 'committed'),
    delegation: sum(chapters, 'delegation'),
    later: sum(chapters, 'later'),
  };
}

function sum(list, key) {
  return list.reduce((n, x) => n + x[key], 0);
}

function liveChapters(state) {
  return state.chapters
    .map((ch) => ({
      id: ch.id,
      name: ch.name,
      institutions: ch.institutions
        .filter((i) => i.committed > 0 || i.present > 0)
        .map((i) => ({ id: i.id, name: i.name, committed: i.committed, delegation: i.present, later: 0 })),
    }))
    .filter((ch) => ch.institutions.length);
}

// frozenChapters keeps the frozen list and its order, and adds institutions
// that were at zero when closed but have arrived since.
function frozenChapters(state, frozen) {
  const live = new Map();
  for (const ch of state.chapters) for (const i of ch.institutions) live.set(i.id, { ...i, chapter: ch });
  const seen = new Set();
  const out = frozen.chapters.map((ch) => ({
    id: ch.id,
    name: ch.name,
    institutions: ch.institutions.map((i) => {
      seen.add(i.id);
      const now = live.get(i.id)?.present ?? i.delegation;
      return { id: i.id, name: i.name, committed: i.committed, delegation: i.delegation, later: Math.max(0, now - i.delegation) };
    }),
  }));
  for (const i of live.values()) {
    if (seen.has(i.id) || i.present <= 0) continue;
    let ch = out.find((c) => c.id === i.chapter.id);
    if (!ch) out.push((ch = { id: i.chapter.id, name: i.chapter.name, institutions: [] }));
    ch.institutions.push({ id: i.id, name: i.name, committed: 0, delegation: 0, later: i.present });
  }
  return out;
}

/**
 * pages splits the roll call into screens of at most per rows: each chapter
 * on screens of its own (its total on the last one), then a summary of the
 * chapters with the grand total.
 */
export function pages(roll, per) {
  const out = [];
  for (const ch of roll.chapters) {
    const parts = Math.max(1, Math.ceil(ch.institutions.length / per));
    for (let p = 0; p < parts; p++) {
      out.push({ kind: 'chapter', key: `c${ch.id}:${p}`, chapter: ch, part: p + 1, parts,
        rows: ch.institutions.slice(p * per, (p + 1) * per), last: p === parts - 1 });
    }
  }
  const parts = Math.max(1, Math.ceil(roll.chapters.length / per));
  for (let p = 0; p < parts; p++) {
    out.push({ kind: 'summary', key: `s:${p}`, part: p + 1, parts,
      rows: roll.chapters.slice(p * per, (p + 1) * per), last: p === parts - 1 });
  }
  return out;
}

/** result tells whether a commitment was met: "met", "short" or "none". */
export function result(committed, delegation) {
  if (!committed) return 'none';
  return delegation >= committed ? 'met' : 'short';
}

/**
 * standing is what the roll call says of a delegation. Only once the
 * credentials are closed does it judge ("met" or "short"); while buses are
 * still arriving it says how many are still to come ("togo", with n) or
 * that the delegation is complete ("complete"). "none" without a commitment.
 */
export function standing(committed, delegation, closed) {
  const r = result(committed, delegation);
  if (closed || r === 'none') return { kind: r, n: 0 };
  return r === 'met' ? { kind: 'complete', n: 0 } : { kind: 'togo', n: committed - delegation };
}
