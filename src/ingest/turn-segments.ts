/**
 * Cuts a section's blocks into segments for turn grouping: speaker turns (split out of
 * paragraphs at their labels), unlabelled text, commentary markers and other blocks.
 */
import type { Block, ParagraphBlock } from '../model/document.js';
import type { LabelHit, Speakers } from './speakers.js';

/** One piece of a section in reading order. */
export type Segment =
  | { kind: 'turn'; speaker: string; text: string; line: number }
  | { kind: 'text'; text: string; line: number; block?: ParagraphBlock; guessed?: boolean }
  | { kind: 'marker' }
  | { kind: 'block'; block: Block };

/** The text labels are read from: plain text, falling back to the Markdown source. */
export function paragraphSource(p: ParagraphBlock): string {
  return p.text || p.markdown;
}

/** Line of an offset in a paragraph: the paragraph's line plus the newlines before it. */
export class LineCounter {
  private pos = 0;
  private line: number;
  constructor(
    private readonly text: string,
    first: number,
  ) {
    this.line = first;
  }
  /** Offsets must be asked for in increasing order, so a paragraph is scanned once. */
  at(offset: number): number {
    for (; this.pos < offset && this.pos < this.text.length; this.pos++) if (this.text[this.pos] === '\n') this.line++;
    return this.line;
  }
}

/** Splits one paragraph at its speaker labels. */
export function paragraphSegments(p: ParagraphBlock, hits: readonly LabelHit[], speakers: Speakers): Segment[] {
  const text = paragraphSource(p);
  const turns = hits.flatMap((h) => {
    const speaker = speakers.resolve(h.raw);
    return speaker ? [{ ...h, speaker }] : [];
  });
  if (turns.length === 0) return [{ kind: 'text', text: p.text, line: p.line, block: p }];
  const lines = new LineCounter(text, p.line);
  const out: Segment[] = [];
  const before = text.slice(0, turns[0]!.start).trim();
  if (before) out.push({ kind: 'text', text: before, line: p.line });
  turns.forEach((t, i) => {
    const words = text.slice(t.end, turns[i + 1]?.start ?? text.length).trim();
    out.push({ kind: 'turn', speaker: t.speaker, text: words, line: lines.at(t.start) });
  });
  return out;
}

/** All segments of a list of blocks (one section's own blocks, not its subsections'). */
export function blockSegments(
  blocks: readonly Block[],
  hitsOf: (p: ParagraphBlock) => readonly LabelHit[],
  speakers: Speakers,
): Segment[] {
  return blocks.flatMap((b): Segment[] => {
    if (b.kind === 'paragraph') return paragraphSegments(b, hitsOf(b), speakers);
    if (b.kind === 'marker') return [{ kind: 'marker' }];
    return [{ kind: 'block', block: b }];
  });
}
