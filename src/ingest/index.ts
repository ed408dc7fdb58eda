import { extname } from 'node:path';
import type { Lang, SourceDocument } from '../model/document.js';
import { ingestMarkdown } from './markdown.js';
import { ingestPlainText } from './plain-text.js';
import { inferTurns } from './turns.js';

/** Options for the ingest stage. */
export interface IngestOptions {
  /** Title override (`--title`); wins over front matter and inference. */
  title?: string;
  /** Language override. */
  lang?: Lang;
}

/** File extensions Lectern reads. */
export const supportedExtensions = ['.md', '.markdown', '.txt', '.text'] as const;

/** Which reader a file goes to: Markdown by extension or by shape (front matter, `#` headings). */
export function sourceKind(file: string, text: string): 'markdown' | 'text' {
  const ext = extname(file).toLowerCase();
  if (ext === '.md' || ext === '.markdown') return 'markdown';
  if (ext === '.txt' || ext === '.text') return 'text';
  return /^---\s*$/m.test(text.slice(0, 4)) || /^#{1,3} \S/m.test(text) ? 'markdown' : 'text';
}

/**
 * The ingest stage: decoded source text → document model. Markdown and plain text have
 * their own readers; both then go through the turns pass, which finds speakers, questions,
 * answers and commentary.
 */
export function ingest(text: string, file: string, options: IngestOptions = {}): SourceDocument {
  const kind = sourceKind(file, text);
  const doc = kind === 'markdown' ? ingestMarkdown(text, file) : ingestPlainText(text, file, { title: options.title });
  const withTurns = inferTurns(doc);
  const meta = { ...withTurns.meta };
  if (options.title) meta.title = options.title;
  if (options.lang) meta.lang = options.lang;
  return { ...withTurns, meta };
}
