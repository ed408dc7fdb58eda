import { extname } from 'node:path';
import { browserPath, filePath, IMAGE_EXTENSIONS } from '../html/image-files.js';
import { classifyUrl } from '../html/sanitize.js';
import { decodeEntities } from '../html/sanitize-tokens.js';
import type { AuthoredSlide } from '../model/deck.js';
import type { Diagnostic } from '../model/diagnostics.js';
import type { Block, Section, SourceDocument } from '../model/document.js';

/**
 * Local pictures the document names but its folder does not hold (#16). A Markdown file is
 * often brought without its pictures (copied out of a site or a repository), and each one used
 * to become a slide holding a broken-image icon, or took a picture's room so the words around
 * it were set small. Taken out before the plan, the words around them are planned as words,
 * and what the picture said (its alt text or title) goes into the notes, with a warning.
 *
 * Pure: the I/O shell finds which of {@link localImageSources} are missing and passes them in.
 */

const MD_IMAGE = /!\[((?:\\.|[^\]\\])*)\]\(\s*(<[^>\n]*>|[^\s()]+(?:\([^\s()]*\)[^\s()]*)*)(?:\s+("[^"]*"|'[^']*'|\([^)]*\)))?\s*\)/g;
const HTML_IMG = /<img\b(?:[^>"']|"[^"]*"|'[^']*')*>/gi;

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+))`, 'i').exec(tag);
  // As a browser reads an attribute: character references decoded (`&#27;` is ESC).
  return m ? decodeEntities(m[1] ?? m[2] ?? m[3] ?? '') : undefined;
}

/**
 * A local picture's path as the render stage resolves it (render/images.ts): spaces and
 * controls trimmed, tabs and newlines dropped, `\` read as `/`, query and fragment gone,
 * %-escapes decoded. Undefined for a web, data or other-scheme URL.
 */
export function localImagePath(src: string): string | undefined {
  const s = browserPath(src.replace(/^<|>$/g, ''));
  if (!s || classifyUrl(s).kind !== 'relative') return undefined;
  const clean = filePath(s);
  // Only a path named as a picture: the render stage says what else is wrong with the others.
  return IMAGE_EXTENSIONS.has(extname(clean).toLowerCase()) ? clean : undefined;
}

interface Found {
  /** The picture's markup as written. */
  raw: string;
  src: string;
  /** What it says: its alt text, else its title. */
  said: string;
  /** Offset in the text. */
  at: number;
}

function images(markdown: string): Found[] {
  const out: Found[] = [];
  for (const m of markdown.matchAll(MD_IMAGE)) {
    const title = m[3]?.slice(1, -1) ?? '';
    // A Markdown destination's `\` before punctuation is an escape (`..\..\x` names `....\x`), as marked reads it.
    out.push({ raw: m[0], src: decodeEntities(m[2].replace(/\\([!-/:-@[-`{-~])/g, '$1')), said: (m[1].replace(/\\(.)/g, '$1').trim() || title).trim(), at: m.index });
  }
  for (const m of markdown.matchAll(HTML_IMG)) {
    // A tag with an event handler is left to the sanitizer, which removes the handler and says so.
    if (/\son[a-z]+\s*=/i.test(m[0])) continue;
    const src = attr(m[0], 'src');
    if (src !== undefined) out.push({ raw: m[0], src, said: (attr(m[0], 'alt') || attr(m[0], 'title') || '').trim(), at: m.index });
  }
  return out;
}

/** Every local picture path the document's blocks and slides name (for the shell to look up). */
export function localImageSources(doc: SourceDocument): string[] {
  const paths = new Set<string>();
  const add = (md: string) => {
    for (const f of images(md)) {
      const p = localImagePath(f.src);
      if (p) paths.add(p);
    }
  };
  for (const s of doc.sections.flatMap((s) => [s, ...s.subsections])) for (const b of s.blocks) for (const md of texts(b)) add(md);
  for (const s of doc.deck?.slides ?? []) for (const md of [s.body, ...(s.columns ?? [])]) add(md);
  return [...paths];
}

function texts(b: Block): string[] {
  if (b.kind === 'paragraph' || b.kind === 'code' || b.kind === 'table' || b.kind === 'image' || b.kind === 'html' || b.kind === 'blockquote') return b.kind === 'code' ? [] : [b.markdown];
  if (b.kind === 'list') return b.items;
  return [];
}

/** Markdown with the missing pictures taken out; what they said, and a warning for each. */
function strip(markdown: string, missing: ReadonlySet<string>, line: number, file: string, diagnostics: Diagnostic[], said: string[]): string {
  const gone = images(markdown).filter((f) => {
    const p = localImagePath(f.src);
    return p !== undefined && missing.has(p);
  }).sort((a, b) => a.at - b.at);
  if (!gone.length) return markdown;
  let out = markdown;
  for (const f of [...gone].sort((a, b) => b.at - a.at)) {
    // A linked picture leaves no empty link behind.
    const before = out.slice(0, f.at);
    const after = out.slice(f.at + f.raw.length);
    const link = /\[\s*$/.exec(before) && /^\s*\]\([^)\s]*(?:\s+"[^"]*")?\)/.exec(after);
    const rest = link ? after.slice(link[0].length) : after;
    // Its attribute list goes with it (kramdown, Pandoc and Slidev's MDC: `![](x.svg){.w-30}`).
    const attrs = /^\{[^{}\n]*\}/.exec(rest);
    const head = link ? before.replace(/\[\s*$/, '') : before;
    const tail = attrs ? rest.slice(attrs[0].length) : rest;
    // A picture on a line of its own takes the line with it: a blank line would end an HTML
    // block, and the indented `<figcaption>` after it would read as a code block.
    const lineHead = /[ \t]*$/.exec(head)![0];
    const lineTail = /^[ \t]*(\r?\n|$)/.exec(tail);
    const alone = lineTail && (head.length === lineHead.length || head[head.length - lineHead.length - 1] === '\n');
    out = alone ? head.slice(0, head.length - lineHead.length) + tail.slice(lineTail![0].length) : head + tail;
  }
  for (const f of gone) if (f.said && !said.includes(f.said)) said.push(f.said);
  // One warning a block: a gallery of forty pictures brought without its folder is one fact.
  const first = gone[0];
  const at = line + (markdown.slice(0, first.at).match(/\n/g)?.length ?? 0);
  const names = [...new Set(gone.map((f) => f.src.replace(/^<|>$/g, '')))];
  const what = names.length === 1 ? `image ${names[0]} not found` : names.length === 2 ? `images ${names[0]} and ${names[1]} not found` : `${names.length} images not found (${names[0]}, ${names[1]} and ${names.length - 2} more)`;
  const alt = gone.some((f) => f.said) ? `; ${names.length === 1 ? 'its' : 'their'} alt text is in the notes` : '';
  const fix = names.length === 1 ? 'put the file beside the document to show it' : 'put the files beside the document to show them';
  diagnostics.push({ severity: 'warning', message: `${what}; left out of the slides${alt} (${fix})`, pos: { file, line: at }, code: 'image-missing' });
  return out;
}

/** True when Markdown or HTML shows nothing once its tags are gone (a figure left with no picture and no caption). */
function showsNothing(markdown: string): boolean {
  return !markdown.replace(/<!--[\s\S]*?-->/g, '').replace(/<[^>]*>/g, '').replace(/&nbsp;/g, ' ').trim();
}

function plainOf(markdown: string): string {
  return markdown.replace(/<[^>]*>/g, '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[*_`]/g, '').replace(/\s+/g, ' ').trim();
}

function blocksWithout(blocks: Block[], missing: ReadonlySet<string>, file: string, diagnostics: Diagnostic[], said: string[]): Block[] {
  const out: Block[] = [];
  for (const b of blocks) {
    if (b.kind === 'paragraph' || b.kind === 'table' || b.kind === 'image' || b.kind === 'html' || b.kind === 'blockquote') {
      const markdown = strip(b.markdown, missing, b.line, file, diagnostics, said);
      if (markdown === b.markdown) out.push(b);
      else if (!showsNothing(markdown)) out.push(b.kind === 'image' ? { kind: 'paragraph', markdown: markdown.trim(), text: plainOf(markdown), line: b.line } : { ...b, markdown });
    } else if (b.kind === 'list') {
      const items = b.items.map((item) => strip(item, missing, b.line, file, diagnostics, said));
      if (items.every((item, i) => item === b.items[i])) out.push(b);
      else {
        const kept = items.flatMap((item, i) => (showsNothing(item) ? [] : [{ item, level: b.levels?.[i] }]));
        if (kept.length) out.push({ ...b, items: kept.map((k) => k.item), ...(b.levels ? { levels: kept.map((k) => k.level ?? 0) } : {}) });
      }
    } else out.push(b);
  }
  return out;
}

function sectionWithout(s: Section, missing: ReadonlySet<string>, file: string, diagnostics: Diagnostic[]): Section {
  const said: string[] = [];
  const blocks = blocksWithout(s.blocks, missing, file, diagnostics, said);
  const subsections = s.subsections.map((sub) => sectionWithout(sub, missing, file, diagnostics));
  if (blocks.length === s.blocks.length && blocks.every((b, i) => b === s.blocks[i]) && !said.length && subsections.every((sub, i) => sub === s.subsections[i])) return s;
  return { ...s, blocks, subsections, notes: [...s.notes, ...said.filter((x) => !s.notes.includes(x))] };
}

function slideWithout(s: AuthoredSlide, missing: ReadonlySet<string>, file: string, diagnostics: Diagnostic[]): AuthoredSlide {
  const said: string[] = [];
  const body = strip(s.body, missing, s.line, file, diagnostics, said);
  const columns = s.columns?.map((c) => strip(c, missing, s.line, file, diagnostics, said)) as AuthoredSlide['columns'];
  if (body === s.body && columns?.every((c, i) => c === s.columns![i]) !== false && !said.length) return s;
  const notes = [...s.notes, ...said.filter((x) => !s.notes.includes(x))];
  // A column left empty (the picture beside the words, or one of two columns) leaves one column: a content slide.
  const left = columns?.filter((c) => !showsNothing(c));
  if (columns && left!.length < 2) {
    const { columns: _c, imageSide: _s, ...rest } = s;
    return { ...rest, layout: 'content', body: [body, ...left!].filter((p) => p.trim()).join('\n\n'), notes };
  }
  return { ...s, body, ...(columns ? { columns } : {}), notes };
}

/**
 * The document with the pictures in `missing` (paths as {@link localImagePath} gives them)
 * taken out of its sections and authored slides; their alt text (or title) goes into the
 * section's or slide's notes, and each one is a warning at its line.
 */
export function withoutMissingImages(doc: SourceDocument, missing: ReadonlySet<string>): SourceDocument {
  if (!missing.size) return doc;
  const diagnostics: Diagnostic[] = [];
  const sections = doc.sections.map((s) => sectionWithout(s, missing, doc.file, diagnostics));
  const deck = doc.deck ? { ...doc.deck, slides: doc.deck.slides.map((s) => slideWithout(s, missing, doc.file, diagnostics)) } : undefined;
  if (!diagnostics.length) return doc;
  return { ...doc, sections, ...(deck ? { deck } : {}), diagnostics: [...doc.diagnostics, ...diagnostics] };
}
