import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** Sorted, merged code point intervals. */
export type Ranges = [number, number][];

/** Parses fontconfig's charset format (`20-7e a0-ff 152-153 2bb`, hexadecimal). */
export function parseCharset(text: string): Ranges {
  const ranges: Ranges = [];
  for (const part of text.trim().split(/\s+/)) {
    if (!part) continue;
    const [a, b] = part.split('-');
    const lo = parseInt(a, 16);
    const hi = b === undefined ? lo : parseInt(b, 16);
    if (Number.isFinite(lo) && Number.isFinite(hi)) ranges.push([lo, hi]);
  }
  return merge(ranges);
}

/** Sorts and merges overlapping or adjacent intervals. */
export function merge(ranges: Ranges): Ranges {
  const sorted = [...ranges].sort((x, y) => x[0] - y[0]);
  const out: Ranges = [];
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

/** True when `cp` lies in one of the (sorted, merged) ranges. */
export function inRanges(ranges: Ranges, cp: number): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [a, b] = ranges[mid];
    if (cp < a) hi = mid - 1;
    else if (cp > b) lo = mid + 1;
    else return true;
  }
  return false;
}

/** The installed fonts Chromium can fall back to, by family, from fontconfig. */
export interface SystemFonts {
  /** Every code point some installed font has. */
  all: Ranges;
  /** Coverage by lower-cased family name (every name fontconfig lists for the font). */
  byFamily: Map<string, Ranges>;
}

let systemCache: SystemFonts | null | undefined;

/**
 * Reads the installed fonts' coverage with `fc-list` (one call). Only TrueType and CFF fonts
 * count: Chromium on Linux ignores Type 1 and bitmap fonts when it looks for a fallback.
 * Returns null when fontconfig's tools are not installed (macOS, Windows, slim containers).
 */
export function systemFonts(): SystemFonts | null {
  if (systemCache !== undefined) return systemCache;
  let text: string;
  try {
    text = execFileSync('fc-list', ['--format', '%{fontformat}\t%{family}\t%{charset}\n'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    systemCache = null;
    return null;
  }
  const byFamily = new Map<string, Ranges>();
  const all: Ranges = [];
  for (const line of text.split('\n')) {
    const [format, families, charset] = line.split('\t');
    if (!charset || !/^(TrueType|CFF)$/.test(format)) continue;
    const ranges = parseCharset(charset);
    all.push(...ranges);
    for (const name of families.split(',')) {
      const key = name.trim().toLowerCase();
      byFamily.set(key, merge([...(byFamily.get(key) ?? []), ...ranges]));
    }
  }
  systemCache = { all: merge(all), byFamily };
  return systemCache;
}

/** Coverage by file content (SHA-1): a deck's font files are copies, under a new path each build. */
const fileCache = new Map<string, Ranges | null>();

/**
 * Code points each font file has (woff2, woff, ttf, otf), from `fc-query`, by path; null for a
 * file that cannot be read. One `fc-query` for all the files not seen before: a Chinese deck
 * loads some fifty font slices, and a process each cost more than the rest of the font check.
 */
export function filesCoverage(paths: readonly string[]): Map<string, Ranges | null> {
  const out = new Map<string, Ranges | null>();
  const wanted = new Map<string, string>(); // path → content key, for files not cached yet
  for (const path of new Set(paths)) {
    let key: string;
    try {
      key = createHash('sha1').update(readFileSync(path)).digest('hex');
    } catch {
      out.set(path, null);
      continue;
    }
    if (fileCache.has(key)) out.set(path, fileCache.get(key)!);
    else wanted.set(path, key);
  }
  if (wanted.size) {
    // A file fc-query cannot read is left out of its output (and the exit code is 1).
    const r = spawnSync('fc-query', ['--format', '%{file}\t%{charset}\n', ...wanted.keys()], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
    const found = new Map<string, Ranges>();
    for (const line of (r.stdout ?? '').split('\n')) {
      const tab = line.lastIndexOf('\t');
      if (tab < 0) continue;
      const file = line.slice(0, tab);
      if (wanted.has(file)) found.set(file, merge([...(found.get(file) ?? []), ...parseCharset(line.slice(tab + 1))]));
    }
    for (const [path, key] of wanted) {
      const ranges = found.get(path) ?? null;
      fileCache.set(key, ranges);
      out.set(path, ranges);
    }
  }
  return out;
}

/**
 * Characters that draw nothing by design and need no glyph: white space, controls, format
 * characters (zero-width joiners, soft hyphen, bidi marks) and variation selectors.
 */
export function needsGlyph(ch: string): boolean {
  return !/^[\s\p{Cc}\p{Cf}\p{Zl}\p{Zp}\u{FE00}-\u{FE0F}\u{E0100}-\u{E01EF}]$/u.test(ch);
}
