import type { Rng } from './prng.js';

/** A speaker: the label used in the transcript and the short name used in commentary. */
export interface Person {
  label: string;
  short: string;
}

/** One language's phrase grammar for generated interviews. */
export interface Voice {
  lang: 'en' | 'zh';
  /** The interviewer's label (`Q`, `记者`). */
  interviewer: string;
  person(r: Rng): Person;
  title(r: Rng): string;
  subtitle(r: Rng, who: string): string;
  sectionTitle(r: Rng): string;
  question(r: Rng): string;
  /** One first-person sentence of an answer; `avoid` holds the sentence shapes already used in the paragraph. */
  answer(r: Rng, avoid: Set<number>): string;
  /** One third-person sentence of editorial commentary about `who`. */
  commentary(r: Rng, who: string, avoid: Set<number>): string;
}

/** Joins sentences the way the language writes them. */
export function joinSentences(lang: Voice['lang'], sentences: string[]): string {
  return sentences.join(lang === 'zh' ? '' : ' ');
}

/** Picks one of `options` whose index is not in `avoid` (and records it), so a paragraph does not repeat a sentence shape. */
export function pickFresh(r: Rng, avoid: Set<number>, options: string[]): string {
  if (avoid.size >= options.length) avoid.clear();
  let i = r.int(0, options.length - 1);
  while (avoid.has(i)) i = (i + 1) % options.length;
  avoid.add(i);
  return options[i]!;
}
