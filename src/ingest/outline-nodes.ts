/**
 * The nodes of a plain-text document outlined by indentation: headings (underlined, ALL-CAPS,
 * numbered chapters), items (a line, or a hard-wrapped run of lines joined, with its depth and
 * list marker) and preformatted blocks (diagrams, formulas, pseudo-code, kept verbatim). Lines
 * are grouped into chunks at blank lines first: authors set a diagram or a formula apart from
 * the words around it, so a chunk is preformatted when most of its lines read as code, and a
 * chunk of words keeps a deeper run of code lines as a preformatted block of its own.
 */
import { headingShape } from './plain-headings.js';
import { displayWidth } from './plain-paragraphs.js';
import { classifyLine, endsSentence, listMarker, underlines, type IndentLine, type LineClass, type Marker } from './outline-lines.js';
import { joinLines } from './unwrap.js';
import { endsOnFunctionWord } from '../text/function-words.js';

/** A heading line: underlined, ALL-CAPS, or a numbered chapter (`Lecture 4`, `一、`). */
export interface HeadingNode {
  kind: 'heading';
  text: string;
  line: number;
  /** Source lines it covers (the underline too). */
  lines: number[];
  /** The underline's character (`=`, `-` …), for an underlined heading. */
  rule?: string;
}

/** A line of the outline, or a hard-wrapped run of lines joined into one. */
export interface ItemNode {
  kind: 'item';
  text: string;
  indent: number;
  line: number;
  lines: number[];
  marker?: Marker;
}

/** Lines kept as written: a diagram, a formula, pseudo-code. */
export interface PreNode {
  kind: 'pre';
  /** The lines, tabs expanded, common indentation removed. */
  code: string[];
  indent: number;
  line: number;
  lines: number[];
}

/** A node of an indentation outline, in source order. */
export type OutlineNode = HeadingNode | ItemNode | PreNode;

/** Reads the lines of an outlined document into nodes (blank lines and underlines consumed). */
export function outlineNodes(lines: readonly IndentLine[]): OutlineNode[] {
  const nodes: OutlineNode[] = [];
  const width = outlineWrapWidth(lines);
  let chunk: IndentLine[] = [];
  const flush = () => {
    if (chunk.length) nodes.push(...chunkNodes(chunk, width));
    chunk = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const next = lines[i + 1];
    if (!l.text) {
      flush();
      continue;
    }
    if (next && underlines(l, next)) {
      flush();
      nodes.push({ kind: 'heading', text: l.text, line: l.line, lines: [l.line, next.line], rule: next.text[0]! });
      i++;
      continue;
    }
    chunk.push(l);
  }
  flush();
  return mergePre(nodes.map((n) => (n.kind === 'item' && isHeadingLine(n) ? { kind: 'heading', text: n.text, line: n.line, lines: n.lines } : n)));
}

/**
 * The width the text was hard-wrapped at, or Infinity when it was not. A wrapper fills each
 * line of a paragraph to within a word of its width, so most lines followed by another at the
 * same depth end close to one width; an outline's sibling lines end all over the place.
 */
function outlineWrapWidth(lines: readonly IndentLine[]): number {
  const inner: { width: number; word: number }[] = [];
  lines.forEach((l, i) => {
    const next = lines[i + 1];
    // Only lines of words: formulas and diagrams are laid out by hand.
    if (!l.text || !next?.text || next.indent !== l.indent || listMarker(next.text) || classifyLine(l.text) !== 'text') return;
    inner.push({ width: l.indent + displayWidth(l.text), word: displayWidth(/^\S+/u.exec(next.text)![0]) });
  });
  if (inner.length < 4) return Infinity;
  const sorted = inner.map((x) => x.width).sort((a, b) => a - b);
  const w = sorted[Math.floor((sorted.length - 1) * 0.9)]!;
  // Lines a wrapper broke: near the width, and the next line's first word would not have fitted.
  const broken = inner.filter((x) => x.width >= w - WRAP_SLACK && x.width <= w && x.width + 1 + x.word > w).length;
  return w >= 50 && broken >= inner.length * 0.5 ? w : Infinity;
}

/** Columns a wrapper may leave free at a line's end (a long word that did not fit). */
const WRAP_SLACK = 12;

/** An unindented, unmarked line that is ALL-CAPS, a numbered chapter or a Chinese `一、` heading. */
function isHeadingLine(n: ItemNode): boolean {
  if (n.indent > 0 || n.marker || n.lines.length > 1) return false;
  const shape = headingShape(n.text);
  return shape === 'caps' || shape === 'chapter' || shape === 'cn-list';
}

/** Preformatted blocks separated only by blank lines are one block (a derivation, a diagram with gaps). */
function mergePre(nodes: OutlineNode[]): OutlineNode[] {
  const out: OutlineNode[] = [];
  for (const n of nodes) {
    const prev = out.at(-1);
    if (n.kind === 'pre' && prev?.kind === 'pre') {
      const gap = n.line - (prev.lines.at(-1) ?? prev.line) - 1;
      const indent = Math.min(prev.indent, n.indent);
      const pad = (code: string[], from: number) => code.map((c) => (c ? ' '.repeat(from - indent) + c : c));
      out[out.length - 1] = { ...prev, indent, code: [...pad(prev.code, prev.indent), ...Array<string>(gap).fill(''), ...pad(n.code, n.indent)], lines: [...prev.lines, ...n.lines] };
    } else out.push(n);
  }
  return out;
}

const LABEL = /^[\p{L}][\p{L}\p{N} -]{0,19}[\p{L}\p{N}][:：]\s/u;

/** The nodes of one chunk (lines between blank lines). */
function chunkNodes(chunk: readonly IndentLine[], width: number): OutlineNode[] {
  const classes = resolveWeak(chunk, width);
  const code = classes.filter((c) => c === 'code').length;
  const firstCode = classes.indexOf('code');
  // Words leading into deeper code ("such that" / formula) are an item with the code below it.
  let head = 0;
  while (head < chunk.length && classes[head] === 'text' && firstCode > 0 && chunk[head]!.indent < chunk[firstCode]!.indent) head++;
  if (code === 0) return items(chunk, width);
  if (head === 0 && code >= chunk.length - code) return [pre(chunk)];
  const out: OutlineNode[] = head ? items(chunk.slice(0, head), width) : [];
  // The rest: runs of one class each; a lone code line that continues a wrapped sentence is words.
  let start = head;
  for (let i = head + 1; i <= chunk.length; i++) {
    if (i < chunk.length && sameRun(chunk, classes, start, i, width)) continue;
    const run = chunk.slice(start, i);
    out.push(...(classes[start] === 'code' ? [pre(run)] : items(run, width)));
    start = i;
  }
  return out;
}

function sameRun(chunk: readonly IndentLine[], classes: LineClass[], start: number, i: number, width: number): boolean {
  if (classes[i] === classes[start]) return true;
  return classes[i] === 'code' && classes[start] === 'text' && continues(chunk[i - 1]!, chunk[i]!, width);
}

/** Weak lines (`id`, `fst ^ snd`) take the class of the code beside them, else they are words. */
function resolveWeak(chunk: readonly IndentLine[], width: number): LineClass[] {
  // A marked line is an item of the list, whatever symbols it holds ("3. (Fusion) f ^ g . h = …");
  // a line that carries on a wrapped sentence is words, whatever it holds ("Exp(A, B).").
  const raw: LineClass[] = [];
  chunk.forEach((l, i) => {
    const own = listMarker(l.text) ? 'text' : classifyLine(l.text);
    const wrapped = raw[i - 1] === 'text' && l.indent === chunk[i - 1]!.indent && continues(chunk[i - 1]!, l, width);
    raw.push(own !== 'text' && wrapped ? 'text' : own);
  });
  return raw.map((c, i) => {
    if (c !== 'weak') return c;
    const prev = raw.slice(0, i).reverse().find((x) => x !== 'weak');
    const next = raw.slice(i + 1).find((x) => x !== 'weak');
    if (prev === 'text' && chunk[i - 1]!.indent === chunk[i]!.indent && !endsSentence(chunk[i - 1]!.text)) return 'text';
    return prev === 'code' || next === 'code' ? 'code' : 'text';
  });
}

function pre(run: readonly IndentLine[]): PreNode {
  const indent = Math.min(...run.map((l) => l.indent));
  return { kind: 'pre', code: run.map((l) => l.raw.slice(indent)), indent, line: run[0]!.line, lines: run.map((l) => l.line) };
}

/** Text lines as items: a line continues the item above when the text was wrapped there. */
function items(run: readonly IndentLine[], width: number): ItemNode[] {
  const out: ItemNode[] = [];
  let last: IndentLine | undefined;
  for (const l of run) {
    const cur = out.at(-1);
    if (cur && last && continues(last, l, width, cur)) {
      cur.text = joinLines(cur.text, l.text);
      cur.lines.push(l.line);
    } else {
      const marker = listMarker(l.text);
      out.push({ kind: 'item', text: marker ? marker.rest : l.text, indent: l.indent, line: l.line, lines: [l.line], ...(marker ? { marker } : {}) });
    }
    last = l;
  }
  return out;
}

/**
 * True when `next` carries on the sentence `prev` was cut from: it opens with no list marker,
 * sits at the same depth (or under a marker's text, or anywhere below a full-width line), and
 * `prev` stopped short of a sentence end where the wrapper had no room for the next word, on a
 * comma, or on a function word.
 */
function continues(prev: IndentLine, next: IndentLine, width: number, item?: ItemNode): boolean {
  // A clause may end a wrapped line (`;`), a sentence may not; a label (`arrows:`) opens a line of its own,
  // unless the wrapper put it there: a sentence that runs on "… explains why Euclid's / algorithm is fast: …".
  if (listMarker(next.text) || /[.!?。！？]["'”’)）\]]*$/u.test(prev.text) || /[:：]$/u.test(prev.text)) return false;
  // Wrapped there when the next line's first word would not have fitted on this one.
  const firstWord = /^\S+/u.exec(next.text)?.[0] ?? '';
  const long = prev.indent + displayWidth(prev.text) + 1 + displayWidth(firstWord) > width;
  if (LABEL.test(next.text) && !(long && next.indent === prev.indent && /^\p{Ll}/u.test(next.text))) return false;
  const unfinished = /[,，(-]$/u.test(prev.text) || (!/\p{Script=Han}$/u.test(prev.text) && endsOnFunctionWord(prev.text, 'en'));
  const underMarker = item?.marker !== undefined && next.indent === item.indent + item.marker.width;
  // Unwrapped notes put one thought on a line: only a marked item's hanging line carries on.
  if (width === Infinity) return underMarker && unfinished;
  const aligned = next.indent === prev.indent || underMarker;
  // A deeper line carries on only a line that ran (nearly) to the width: a hanging indent. Under a
  // short line ("The universal property is") it is the block that line leads into.
  const full = prev.indent + displayWidth(prev.text) >= width * 0.75;
  if (!aligned && !((long || (unfinished && full)) && next.indent > prev.indent)) return false;
  // In wrapped text a line the author broke early still goes on when the next starts in lower case.
  return long || unfinished || (aligned && /^\p{Ll}/u.test(next.text));
}
