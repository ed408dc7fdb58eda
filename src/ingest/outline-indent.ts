/**
 * Plain-text notes outlined by indentation (issue #16), read as a lecture: sections only at
 * the top-level topics, the deeper lines as bullets and sub-bullets, diagrams, formulas and
 * pseudo-code kept preformatted. An essay whose paragraphs are indented (a first-line indent,
 * Chinese `　　`) is no outline and stays with the paragraph reader.
 */
import type { Block, DocumentMeta, ListBlock, RichBlock, Section, SourceDocument } from '../model/document.js';
import { detectLang } from '../text/lang.js';
import type { FurnitureResult } from './plain-meta.js';
import { escapePlainText } from './markdown-escape.js';
import { findMath } from './math-syntax.js';
import { headingShape } from './plain-headings.js';
import { displayWidth } from './plain-paragraphs.js';
import { endsSentence, isUnderline, readIndentLines, type IndentLine } from './outline-lines.js';
import { outlineNodes, type HeadingNode, type ItemNode, type OutlineNode, type PreNode } from './outline-nodes.js';
import { endsOnFunctionWord } from '../text/function-words.js';

/** Thresholds that tell an outline from prose. */
export const OUTLINE_SHAPE = {
  /** Fewest non-blank lines. */
  minLines: 8,
  /** Share of non-blank lines indented past the document's margin. */
  indented: 0.5,
  /** Distinct indentation depths past the margin (each on 2 lines or more). */
  depths: 2,
  /** Most lines that end a sentence, as a share: notes are phrases, prose is sentences. */
  sentenceEnds: 0.4,
  /** Widest median line (display columns): a paragraph per line is no outline. */
  medianWidth: 90,
  /** Deepest list nesting shown (0 = top): a third level and below shows as the third. */
  maxLevel: 2,
} as const;

/**
 * True when the lines read as notes outlined by indentation: most lines indented, at two or
 * more depths, short, and few of them ending a sentence. A first-line indent (each paragraph's
 * first line indented, the rest at the margin) or one depth of indented paragraphs is prose.
 */
export function isIndentOutline(lines: readonly IndentLine[]): boolean {
  const body = lines.filter((l) => l.text && !isUnderline(l.text));
  if (body.length < OUTLINE_SHAPE.minLines) return false;
  const margin = Math.min(...body.map((l) => l.indent));
  const indented = body.filter((l) => l.indent > margin);
  if (indented.length < body.length * OUTLINE_SHAPE.indented) return false;
  const depths = new Map<number, number>();
  for (const l of indented) depths.set(l.indent - margin, (depths.get(l.indent - margin) ?? 0) + 1);
  if ([...depths.values()].filter((n) => n >= 2).length < OUTLINE_SHAPE.depths) return false;
  if (body.filter((l) => endsSentence(l.text)).length > body.length * OUTLINE_SHAPE.sentenceEnds) return false;
  const widths = body.map((l) => l.indent + displayWidth(l.text)).sort((a, b) => a - b);
  return widths[Math.floor(widths.length / 2)]! <= OUTLINE_SHAPE.medianWidth;
}

/**
 * The document an outline makes, or undefined when `text` is no outline (see
 * {@link isIndentOutline}). Metadata lines the furniture pass took from the header (`Title:`,
 * `Author:`, a date) are not read again. Title, first match wins: `title` (`--title`), a
 * `Title:` line, the document's first heading or standalone first line, the first topic, the
 * file name.
 */
export function ingestIndentOutline(text: string, furniture: FurnitureResult, file: string, title?: string): SourceDocument | undefined {
  const taken = new Set(furniture.lines.filter((l) => l.line <= furniture.headerEnd && !l.text).map((l) => l.line));
  const lines = readIndentLines(text).map((l) => (taken.has(l.line) && /[\p{L}\p{N}]/u.test(l.text) && !isUnderline(l.text) ? { ...l, text: '', raw: '' } : l));
  if (!isIndentOutline(lines)) return undefined;
  const labelled = furniture.meta;
  const explicit = title ?? labelled.title;
  const outline = outlineSections(lines, explicit !== undefined);
  const base = file.replace(/^.*[\\/]/u, '').replace(/\.[^.]*$/u, '');
  const chosen = explicit ?? outline.title ?? outline.sections.find((s) => s.title)?.title ?? (base || 'Untitled');
  const meta: DocumentMeta = {
    title: chosen.trim(),
    lang: detectLang(lines.map((l) => l.text).join('\n')),
    ...(labelled.subtitle || outline.subtitle ? { subtitle: labelled.subtitle ?? outline.subtitle } : {}),
    ...(labelled.author ? { author: labelled.author } : {}),
    ...(labelled.date ? { date: labelled.date } : {}),
    ...(labelled.keywords?.length ? { keywords: labelled.keywords } : {}),
  };
  const count = (list: readonly Section[]): number => list.reduce((n, s) => n + (s.title ? 1 : 0) + count(s.subsections), 0);
  return {
    file,
    meta,
    intro: [],
    titleNotes: [],
    sections: outline.sections,
    diagnostics: [{ severity: 'info', message: `read as notes outlined by indentation: ${count(outline.sections)} topics`, pos: { file, line: 1 } }],
  };
}

/** The sections, title and intro an outline yields. */
export interface OutlineResult {
  /** The document's own title line (a heading or a standalone first line), when it has one. */
  title?: string;
  sections: Section[];
  /** A standalone line under the title, before the first heading. */
  subtitle?: string;
}

/**
 * Builds sections from an outline's lines (margin already 0). Top-level topics are the
 * headings (underlined, ALL-CAPS, `Lecture 4`, `一、`) and the unindented lines that head an
 * indented block; when the document has headings, those lines are subsections under them.
 * Items become nested list blocks; preformatted nodes become `text` code blocks. Content
 * before the first topic is an untitled section (its slides take the deck title).
 */
export function outlineSections(lines: readonly IndentLine[], explicitTitle: boolean): OutlineResult {
  const margin = Math.min(...lines.filter((l) => l.text).map((l) => l.indent));
  const nodes = labelTinyTopics(outlineNodes(lines.map((l) => ({ ...l, indent: l.text ? l.indent - margin : 0, raw: l.raw.slice(Math.min(margin, l.raw.length - l.raw.trimStart().length)) }))));
  const parents = parentsOf(nodes);
  const hasChildren = new Set(parents.filter((p): p is number => p !== undefined));
  const hasItems = new Set(parents.filter((p, i): p is number => p !== undefined && nodes[i]!.kind === 'item'));
  const strong = nodes.some((n) => n.kind === 'heading');
  const result: OutlineResult = { sections: [] };
  const from = explicitTitle ? 0 : takeTitle(nodes, hasChildren, result);
  const topics = new Map<Section, number>();
  let section: Section | undefined;
  let target: Section | undefined;
  const pending: number[] = [];
  const flush = () => {
    if (!pending.length) return;
    if (!target) result.sections.push((section = target = newSection('', 2, nodes[pending[0]!]!.line)));
    const topic = topics.get(target);
    target.blocks.push(...blocksOf(pending.map((i) => nodes[i]!), pending.map((i) => depthOf(i, parents, topic))));
    pending.length = 0;
  };
  for (let i = from; i < nodes.length; i++) {
    const n = nodes[i]!;
    // Under headings, a line is a topic when lines of words hang under it; over a formula or a
    // diagram alone it only leads into it ("Consider the mapping").
    const topic = n.kind === 'item' && parents[i] === undefined && (strong ? hasItems : hasChildren).has(i) && isTopicLine(n);
    if (n.kind !== 'heading' && !topic) {
      pending.push(i);
      continue;
    }
    flush();
    if (n.kind === 'heading' || !strong || !section) {
      section = target = newSection(n.text, 2, n.line);
      result.sections.push(section);
    } else {
      target = newSection(n.text, 3, n.line);
      section.subsections.push(target);
    }
    topics.set(target, i);
  }
  flush();
  return result;
}

/** The most a heading may hold and still read as a label of the topic above: a line, and a formula of a few lines. */
const TINY_TOPIC = { nodes: 2, preLines: 3 } as const;

/**
 * A heading over a single line (and perhaps a short formula under it: "Exercise", "Remark")
 * labels a remark on the topic above rather than opening a topic of its own, as the author
 * writes "Remark: …" elsewhere: it becomes that line's label ("Remark: It is important …"),
 * moved to the top level, so that it goes on the topic's slides instead of a slide, and an
 * agenda entry, of its own. A heading straight after another, or first, stays a heading.
 */
function labelTinyTopics(nodes: readonly OutlineNode[]): OutlineNode[] {
  const out: OutlineNode[] = [];
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i]!;
    let end = i + 1;
    while (end < nodes.length && nodes[end]!.kind !== 'heading') end++;
    const body = nodes.slice(i + 1, end);
    const [first, ...rest] = body;
    const tiny =
      n.kind === 'heading' &&
      out.length > 0 &&
      out.at(-1)!.kind !== 'heading' &&
      first?.kind === 'item' &&
      body.length <= TINY_TOPIC.nodes &&
      rest.every((r) => r.kind === 'pre' && r.code.length <= TINY_TOPIC.preLines);
    if (!tiny || first?.kind !== 'item') {
      out.push(n);
      continue;
    }
    const shift = first.indent;
    const label = /[:：]$/u.test(n.text) ? n.text : `${n.text}:`;
    out.push({ ...first, text: `${label} ${first.text}`, indent: 0, lines: [...n.lines, ...first.lines] });
    for (const r of rest as PreNode[]) out.push({ ...r, indent: Math.max(0, r.indent - shift) });
    i = end - 1;
  }
  return out;
}

/**
 * Takes the document's title (and a subtitle line under it) from the first nodes into
 * `result`; returns the index of the first node after them.
 */
function takeTitle(nodes: readonly OutlineNode[], hasChildren: ReadonlySet<number>, result: OutlineResult): number {
  const first = nodes[0];
  const titled = first?.kind === 'heading' ? isTitleHeading(nodes) : first?.kind === 'item' && isTitleLine(first, hasChildren.has(0));
  if (!titled || !first || first.kind === 'pre') return 0;
  result.title = first.text;
  // A second standalone line straight before the first heading is the subtitle ("Course, week 5").
  const second = nodes[1];
  if (second?.kind !== 'item' || !isTitleLine(second, hasChildren.has(1)) || nodes[2]?.kind !== 'heading') return 1;
  result.subtitle = second.text;
  return 2;
}

function newSection(title: string, level: 2 | 3, line: number): Section {
  return { title, level, line, blocks: [], notes: [], subsections: [] };
}

/** The item each node sits under (by indentation), or undefined at the top; headings reset. */
function parentsOf(nodes: readonly OutlineNode[]): (number | undefined)[] {
  const stack: number[] = [];
  return nodes.map((n, i) => {
    if (n.kind === 'heading') {
      stack.length = 0;
      return undefined;
    }
    while (stack.length && (nodes[stack.at(-1)!] as ItemNode | PreNode).indent >= n.indent) stack.pop();
    const parent = stack.at(-1);
    if (n.kind === 'item') stack.push(i);
    return parent;
  });
}

/** Nesting depth of node `i` under the items of its section (the section's topic line not counted). */
function depthOf(i: number, parents: readonly (number | undefined)[], topic: number | undefined): number {
  let depth = 0;
  for (let p = parents[i]; p !== undefined && p !== topic; p = parents[p]) depth++;
  return depth;
}

/**
 * The first heading names the document rather than its first part when it stands above the
 * others: it is underlined differently (`===` over `---`), it is a numbered lecture or chapter
 * line (`Lecture 4`) where the others are not, or nothing comes under it before the next one.
 */
function isTitleHeading(nodes: readonly OutlineNode[]): boolean {
  const [first, second] = nodes;
  const others = nodes.slice(1).filter((n): n is HeadingNode => n.kind === 'heading');
  if (first?.kind !== 'heading' || !others.length || second?.kind === 'heading') return first?.kind === 'heading';
  if (first.rule && others.every((h) => h.rule && h.rule !== first.rule)) return true;
  return headingShape(first.text) === 'chapter' && others.every((h) => headingShape(h.text) !== 'chapter');
}

/** A standalone line that names the document: unindented, short, no sentence, nothing under it. */
function isTitleLine(n: ItemNode, hasChildren: boolean): boolean {
  return !hasChildren && !n.marker && n.indent === 0 && n.lines.length === 1 && displayWidth(n.text) <= 80 && !endsSentence(n.text);
}

/** A line that heads an indented block as its topic, not a sentence leading into it ("Nat consists of", "Examples:"). */
function isTopicLine(n: ItemNode): boolean {
  if (n.marker || n.lines.length > 1 || /[:：]$/u.test(n.text)) return false;
  if (!/\p{Script=Han}$/u.test(n.text) && endsOnFunctionWord(n.text, 'en')) return false;
  return headingShape(n.text) !== undefined;
}

/** Blocks from a run of nodes: items gathered into nested lists, preformatted nodes between them. */
function blocksOf(nodes: readonly OutlineNode[], depths: readonly number[]): Block[] {
  const blocks: Block[] = [];
  let run: { node: ItemNode; depth: number }[] = [];
  const flush = () => {
    blocks.push(...listBlocks(run));
    run = [];
  };
  nodes.forEach((n, k) => {
    if (n.kind === 'item') run.push({ node: n, depth: depths[k]! });
    else if (n.kind === 'pre') {
      flush();
      blocks.push(codeBlock(n));
    }
  });
  flush();
  return blocks;
}

/**
 * Nested list blocks from items in order. Levels start at 0 and never jump by more than one;
 * a new block starts where the top level switches between numbered and bulleted items, or
 * where the numbers skip.
 */
function listBlocks(run: readonly { node: ItemNode; depth: number }[]): ListBlock[] {
  if (!run.length) return [];
  const min = Math.min(...run.map((r) => r.depth));
  const out: ListBlock[] = [];
  let cur: ListBlock | undefined;
  let prevLevel = -1;
  let nextNumber = 0;
  for (const { node, depth } of run) {
    const level = Math.min(depth - min, prevLevel + 1, OUTLINE_SHAPE.maxLevel);
    const numbered = node.marker?.kind === 'number';
    const top = level === 0;
    if (!cur || (top && (cur.ordered !== numbered || (numbered && node.marker!.n !== nextNumber)))) {
      cur = { kind: 'list', ordered: top && numbered, items: [], levels: [], shorten: true, line: node.line, ...(top && numbered && node.marker!.n !== 1 ? { start: node.marker!.n } : {}) };
      out.push(cur);
    }
    const text = numbered && !top ? `${node.marker!.n}. ${node.text}` : node.text;
    cur.items.push(escapeKeepingTex(text));
    cur.levels!.push(level);
    if (top && numbered) nextNumber = node.marker!.n! + 1;
    prevLevel = level;
  }
  return out;
}

/**
 * Escapes a line for Markdown but keeps TeX the author delimited with dollars (`$\\mu\\ F$`)
 * as written, so that it is typeset rather than shown with doubled backslashes. Prices
 * ("$5 and $10") are no TeX (math-syntax.ts) and are escaped like any text.
 */
function escapeKeepingTex(text: string): string {
  let out = '';
  let at = 0;
  for (const m of findMath(text).filter((x) => !x.loose && text[x.start] === '$')) {
    out += escapePlainText(text.slice(at, m.start)) + text.slice(m.start, m.end);
    at = m.end;
  }
  return out + escapePlainText(text.slice(at));
}

/** A preformatted node as a fenced `text` block: verbatim, never highlighted. */
function codeBlock(n: PreNode): RichBlock {
  const longest = Math.max(2, ...n.code.map((c) => Math.max(0, ...(c.match(/`+/gu) ?? []).map((m) => m.length))));
  const fence = '`'.repeat(longest + 1);
  return { kind: 'code', markdown: `${fence}text\n${n.code.join('\n')}\n${fence}`, text: n.code.join('\n'), line: n.line };
}
