import { extname } from 'node:path';
import type { Lang, SourceDocument } from '../model/document.js';
import { deckAsProse, detectDeck, ingestDeck } from './decks/index.js';
import { ingestMarkdown } from './markdown.js';
import { ingestPlainText } from './plain-text.js';
import { inferTurns } from './turns.js';
import { unwrapDocument } from './unwrap.js';

/** Options for the ingest stage. */
export interface IngestOptions {
  /** Title override (`--title`); wins over front matter and inference. */
  title?: string;
  /** Language override. */
  lang?: Lang;
  /**
   * What to do with an authored slide deck (Marp, Slidev, reveal-md, Quarto, Pandoc): keep its
   * slides as written (`auto`, when one is detected; `keep`, always: `--as-deck`), or plan its
   * text as prose (`replan`: `--replan`). @defaultValue `auto`
   */
  deck?: 'auto' | 'keep' | 'replan';
}

/** File extensions Lectern reads. */
export const supportedExtensions = ['.md', '.markdown', '.qmd', '.txt', '.text'] as const;

/** Which reader a file goes to: Markdown by extension or by shape (front matter, `#` headings). */
export function sourceKind(file: string, text: string): 'markdown' | 'text' {
  const ext = extname(file).toLowerCase();
  if (ext === '.md' || ext === '.markdown' || ext === '.qmd') return 'markdown';
  if (ext === '.txt' || ext === '.text') return 'text';
  return /^---\s*$/m.test(text.slice(0, 4)) || /^#{1,3} \S/m.test(text) ? 'markdown' : 'text';
}

/**
 * The ingest stage: decoded source text → document model. An authored slide deck (detected by
 * src/ingest/decks/detect.ts) goes to its dialect's reader and keeps its slides; Markdown and
 * plain text have their own readers; both then go through the turns pass, which finds
 * speakers, questions, answers and commentary.
 */
export function ingest(text: string, file: string, options: IngestOptions = {}): SourceDocument {
  const kind = sourceKind(file, text);
  const dialect = options.deck === 'keep' ? (detectDeck(text, file) ?? 'pandoc') : kind === 'markdown' ? detectDeck(text, file) : undefined;
  if (dialect && options.deck !== 'replan') return overridden(ingestDeck(text, file, dialect), options);
  let doc: SourceDocument;
  if (dialect) {
    // --replan: the deck's text, its syntax gone, planned as prose; its metadata as the deck reader found it.
    const deck = ingestDeck(text, file, dialect);
    const prose = ingestMarkdown(deckAsProse(deck.deck!, deck.meta.title), file);
    doc = { ...prose, meta: { ...prose.meta, ...deck.meta }, diagnostics: [...deck.diagnostics, ...prose.diagnostics] };
  } else doc = kind === 'markdown' ? ingestMarkdown(text, file) : ingestPlainText(text, file, { title: options.title });
  return overridden(inferTurns(unwrapDocument(doc)), options);
}

/** The document with the `--title` and `--lang` overrides applied. */
function overridden(withTurns: SourceDocument, options: IngestOptions): SourceDocument {
  const meta = { ...withTurns.meta };
  if (options.title) meta.title = options.title;
  if (options.lang) meta.lang = options.lang;
  return { ...withTurns, meta };
}
