// What to tell someone who wrote a wrong key or value, in the config file or front matter:
// the value as they wrote it, and "did you mean …".

/**
 * The candidate closest to `word`, when one is close enough to be what was meant: the same
 * once case, `-` and `_` are ignored (`section_slides` → `sectionSlides`); the only one that
 * begins with it or that it begins with (`out` → `outDir`, `templatesDir` → `templates`); or
 * within a small edit distance (about one typo per four letters, a swap counting once).
 * Undefined when nothing is close: a wrong guess misleads more than none.
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const w = fold(word);
  const same = candidates.find((c) => fold(c) === w);
  if (same !== undefined) return same;
  const prefixed = candidates.filter((c) => Math.min(w.length, fold(c).length) >= 3 && (fold(c).startsWith(w) || w.startsWith(fold(c))));
  if (prefixed.length === 1) return prefixed[0];
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(w, fold(c));
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  const allowed = Math.max(1, Math.floor(Math.min(w.length, fold(best ?? '').length) / 4));
  return bestDistance <= allowed ? best : undefined;
}

/** ` (did you mean "x"?)` when a candidate is close, else the empty string. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const c = closest(word, candidates);
  return c === undefined ? '' : ` (did you mean "${c}"?)`;
}

function fold(s: string): string {
  return s.toLowerCase().replace(/[-_\s]/g, '');
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      rows[i][j] = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) rows[i][j] = Math.min(rows[i][j], rows[i - 2][j - 2] + 1);
    }
  }
  return rows[a.length][b.length];
}

/**
 * A wrong value as the message quotes it, shortened: `"fast"`, `12`, `null`, `a list`, and
 * `an object` (JSON's word; front matter passes YAML's, `a mapping`).
 */
export function showValue(v: unknown, objectWord = 'an object'): string {
  if (Array.isArray(v)) return 'a list';
  if (v === null || v === undefined) return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') return objectWord;
  const s = typeof v === 'string' ? JSON.stringify(v) : String(v);
  return s.length > 40 ? `${s.slice(0, 39)}…` : s;
}
