/**
 * Cuts a section's blocks into segments for turn grouping: speaker turns (split out of
 * paragraphs at their labels), unlabelled text, commentary markers and other blocks.
 */
import type { Block, ParagraphBlock } from '../model/document.js';
import type { LabelHit, Speakers } from './speakers.js';
import { isCreditLine, stripStageDirections } from './transcript/noise.js';

/** A paragraph that is one bold question and nothing else. */
export const BOLD_QUESTION = /^(?:\*\*|__)(?!.*(?:\*\*|__).*(?:\*\*|__))[^\n]+[?？](?:\*\*|__)$/u;

/**
 * A question set apart from the answer under it, with no speaker label: a bold paragraph
 * (`**Why a granary?**`) or a one-item list (`- 3. 宕机两个怎么办？`), as a talk's Q&A writes them.
 * Returns the question's words, or undefined.
 */
export function standaloneQuestion(b: Block): string | undefined {
  if (b.kind === 'paragraph' && BOLD_QUESTION.test(b.markdown.trim())) return b.text.trim();
  if (b.kind === 'list' && b.items.length === 1) {
    const item = b.items[0]!.replace(/\*\*|__/gu, '').trim();
    if (!item.includes('\n') && /[?？]$/u.test(item)) return item.replace(/^\d{1,3}\s*[.、．)）]\s*/u, '');
  }
  return undefined;
}

/** One piece of a section in reading order. */
export type Segment =
  | { kind: 'turn'; speaker: string; text: string; line: number; labelOnly?: boolean }
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
/**
 * Splits one paragraph at its speaker labels. A turn's words lose their stage directions and
 * inline time stamps; a time stamp alone (`continue`) gives a turn with no speaker, which
 * {@link blockSegments} hands to the speaker before it. Credits and link definitions vanish.
 */
export function paragraphSegments(p: ParagraphBlock, hits: readonly LabelHit[], speakers: Speakers): Segment[] {
  const text = paragraphSource(p);
  const turns = hits.flatMap((h) => {
    const speaker = h.kind === 'continue' ? '' : speakers.resolve(h.raw);
    return speaker !== undefined ? [{ ...h, speaker }] : [];
  });
  if (turns.length === 0) {
    if (isCreditLine(p.text)) return [];
    // A question set in bold as a paragraph of its own (`**Why a granary?**`) is the interviewer's.
    const asked = standaloneQuestion(p);
    if (asked) return [{ kind: 'turn', speaker: 'Q', text: stripStageDirections(asked), line: p.line }];
    const clean = stripStageDirections(p.text);
    if (!clean.trim()) return [];
    return [{ kind: 'text', text: clean, line: p.line, block: clean === p.text ? p : { ...p, text: clean } }];
  }
  const lines = new LineCounter(text, p.line);
  const out: Segment[] = [];
  const before = text.slice(0, turns[0]!.start).trim();
  if (before) out.push({ kind: 'text', text: stripStageDirections(before), line: p.line });
  turns.forEach((t, i) => {
    const words = stripStageDirections(text.slice(t.end, turns[i + 1]?.start ?? text.length).trim());
    out.push({ kind: 'turn', speaker: t.speaker, text: words, line: lines.at(t.start), ...(words ? {} : { labelOnly: true }) });
  });
  return out;
}

/** All segments of a list of blocks (one section's own blocks, not its subsections'). */
export function blockSegments(
  blocks: readonly Block[],
  hitsOf: (p: ParagraphBlock) => readonly LabelHit[],
  speakers: Speakers,
  questionLists = false,
): Segment[] {
  const out: Segment[] = [];
  let speaker = '';
  for (const b of blocks) {
    const listed = b.kind === 'list' && questionLists ? standaloneQuestion(b) : undefined;
    if (listed) {
      out.push({ kind: 'turn', speaker: 'Q', text: listed, line: b.line });
      speaker = 'Q';
      continue;
    }
    if (b.kind !== 'paragraph') {
      out.push(b.kind === 'marker' ? { kind: 'marker' } : { kind: 'block', block: b });
      continue;
    }
    for (const seg of paragraphSegments(b, hitsOf(b), speakers)) {
      if (seg.kind === 'turn' && !seg.speaker) {
        // A time stamp alone: the speaker before it goes on (before any speaker, it is text).
        if (speaker) out.push({ ...seg, speaker });
        else if (seg.text) out.push({ kind: 'text', text: seg.text, line: seg.line });
        continue;
      }
      if (seg.kind === 'turn') speaker = seg.speaker;
      out.push(seg);
    }
  }
  return out;
}
