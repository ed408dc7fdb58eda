import type { AuthoredDeck } from './deck.js';
import type { Diagnostic } from './diagnostics.js';

/** Language of a document; drives typography, budgets and reading speed. */
export type Lang = 'zh' | 'en';

/** A speaker's turn: who spoke, what they said (verbatim, label removed), where. */
export interface Turn {
  /** Speaker name as written in the source (after unifying obvious variants). */
  speaker: string;
  /** Role inferred for the speaker. */
  role: 'interviewer' | 'interviewee';
  /** The words, verbatim except for trimmed whitespace and the removed label. */
  text: string;
  line: number;
}

/**
 * One question/answer unit of an interview: an optional question, the answer,
 * and the editorial commentary that follows the answer (never quoted on a slide).
 */
export interface ExchangeBlock {
  kind: 'exchange';
  question?: Turn;
  answer?: Turn;
  /** Further turns inside the unit beyond the first question/answer (multi-speaker transcripts). */
  more?: Turn[];
  /** Editorial commentary after the answer, as plain text paragraphs. */
  commentary: string[];
  /** True when the answer/commentary boundary was a guess. */
  boundaryGuessed?: boolean;
  line: number;
}

/** A paragraph of Markdown (inline formatting kept as Markdown source). */
export interface ParagraphBlock {
  kind: 'paragraph';
  /** Markdown source of the paragraph. */
  markdown: string;
  /** Plain text of the paragraph (for budgets, timing and language detection). */
  text: string;
  line: number;
}

/** A bullet or numbered list; items are Markdown source. */
export interface ListBlock {
  kind: 'list';
  ordered: boolean;
  items: string[];
  /** Number of a numbered list's first item, when not 1 (`4.`, or a list resumed after a block). */
  start?: number;
  /**
   * Nesting level of each item (0 = top, 1 = a sub-bullet of the item above…), when the items
   * are an outline's lines rather than Markdown that nests its own lists.
   */
  levels?: number[];
  /**
   * The items are an outline's lines, not bullets an author wrote for a slide: one longer than a
   * key point shows a shorter form on the slide (the points rules) and the whole in the notes.
   */
  shorten?: boolean;
  line: number;
}

/** A pull quote: a blockquote with an attribution line (`— Name`). */
export interface QuoteBlock {
  kind: 'quote';
  text: string;
  by?: string;
  line: number;
}

/** Other Markdown (code, tables, images, raw HTML, unattributed blockquotes), rendered by marked. */
export interface RichBlock {
  kind: 'code' | 'table' | 'image' | 'html' | 'blockquote';
  markdown: string;
  /** Plain text for budgets and timing. */
  text: string;
  line: number;
}

/** An explicit marker from the source, e.g. `<!-- commentary -->` where commentary starts. */
export interface MarkerBlock {
  kind: 'marker';
  name: 'commentary';
  line: number;
}

/** A block of content inside a section. */
export type Block = ExchangeBlock | ParagraphBlock | ListBlock | QuoteBlock | RichBlock | MarkerBlock;

/** A themed section (`##`) or subsection (`###`). */
export interface Section {
  title: string;
  /** 2 for a section, 3 for a subsection. */
  level: 2 | 3;
  line: number;
  blocks: Block[];
  /** Speaker notes written by the author for this section (`Note:` paragraphs, HTML comments). */
  notes: string[];
  /** Slide templates requested for this section by a directive, if any. */
  slides?: string[];
  subsections: Section[];
}

/** Document metadata from front matter, flags or inference. */
export interface DocumentMeta {
  title: string;
  subtitle?: string;
  author?: string;
  /** ISO date `YYYY-MM-DD` when known. */
  date?: string;
  lang: Lang;
  theme?: string;
  /** Target talk length in minutes, from front matter. */
  duration?: number;
  /** Slide templates each section maps to, from front matter. */
  sectionSlides?: string[];
  /** Paper size for handouts, from front matter. */
  paper?: string;
  /** Keywords for PDF metadata. */
  keywords?: string[];
  /** The interviewer's and interviewee's names, when the document is an interview. */
  interviewer?: string;
  interviewee?: string;
  /** The people the document names as its speakers or guests (front matter `speakers`), full names. */
  speakers?: string[];
}

/** The ingest stage's result: everything later stages need, with source positions. */
export interface SourceDocument {
  /** Path of the source file (display form). */
  file: string;
  meta: DocumentMeta;
  /** Introductory paragraphs before the first section; they go to the title slide's notes. */
  intro: string[];
  /** Notes written for the title slide. */
  titleNotes: string[];
  sections: Section[];
  /** Set when the source is an authored slide deck kept as written; `sections` is then empty. */
  deck?: AuthoredDeck;
  diagnostics: Diagnostic[];
}
