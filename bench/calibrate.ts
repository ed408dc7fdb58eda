/**
 * Finds the number of sections for which `lectern plan --json` gives about the target slide
 * count. The generator makes a document with more sections by appending to one with fewer,
 * so the count grows with the sections and a few secant steps settle it.
 */
import { writeFileSync } from 'node:fs';
import { markdownTalk, type Lang } from './generate.js';
import { planSlides } from './lectern.js';

/** A generated talk written to disk, with its planned slide count. */
export interface CalibratedTalk {
  file: string;
  sections: number;
  slides: number;
  bytes: number;
}

/** Writes the talk for `seedKey` to `file` with the section count closest to `target` slides. */
export function calibratedTalk(lang: Lang, target: number, seedKey: string, file: string): CalibratedTalk {
  const tried = new Map<number, number>();
  const count = (n: number) => {
    if (!tried.has(n)) {
      writeFileSync(file, markdownTalk(lang, n, seedKey));
      tried.set(n, planSlides(file));
    }
    return tried.get(n)!;
  };
  let n = Math.max(1, Math.round((target - 3) / 4.6));
  for (let i = 0; i < 8; i++) {
    const s = count(n);
    if (s === target) break;
    const perSection = Math.max(1, (s - 3) / n);
    let next = n + Math.round((target - s) / perSection);
    if (next === n) next += Math.sign(target - s);
    next = Math.max(1, next);
    if (tried.has(next)) break;
    n = next;
  }
  const best = [...tried].sort((a, b) => Math.abs(a[1] - target) - Math.abs(b[1] - target) || a[0] - b[0])[0]!;
  const text = markdownTalk(lang, best[0], seedKey);
  writeFileSync(file, text);
  return { file, sections: best[0], slides: best[1], bytes: Buffer.byteLength(text) };
}
