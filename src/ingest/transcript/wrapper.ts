/**
 * Front matter that is not YAML but a scraper's wrapper: `---`, then `TITLE:`/`URL:`/`DATE:`
 * lines, a `CONTENT:` line and the whole document, then a closing `---`; or a block whose
 * key lines run straight into prose. Such a file is read leniently: the `key: value` lines
 * are metadata, the rest is the body, and one warning says so.
 */

/** The result of a lenient reading; `warning` is the one message the build prints. */
export interface LenientFrontMatter {
  data: Record<string, unknown>;
  body: string;
  lineOffset: number;
  warning: { line: number; message: string };
}

const KEY_LINE = /^([A-Za-z][\w -]{0,30}?)[ \t]*:[ \t]*(.*)$/u;
const CONTENT_KEY = /^(?:content|body|text|article|transcript)$/iu;
const FENCE = /^---[ \t]*$/u;

/** A line of prose: words with spaces, or a long run of Han text; never a `key: value` or list line. */
function isProse(line: string): boolean {
  const t = line.trim();
  if (!t || KEY_LINE.test(t) && !/[.!?。！？]$/u.test(t)) return false;
  if (/^[-#>|]/u.test(t) || /^\s/u.test(line)) return false;
  return (t.split(/\s+/u).length >= 6 && /[a-z]/u.test(t)) || (t.match(/\p{Script=Han}/gu)?.length ?? 0) >= 12;
}

/**
 * Reads `lines` (the whole file, `lines[0]` the opening `---`) leniently when its front matter
 * runs into prose; `end` is the index of the first closing fence, or -1. Returns undefined
 * when the block holds no prose (a YAML typo stays the YAML error it is).
 */
export function lenientFrontMatter(lines: readonly string[], end: number): LenientFrontMatter | undefined {
  const stop = end < 0 ? lines.length : end;
  const data: Record<string, unknown> = {};
  let i = 1;
  for (; i < stop; i++) {
    const line = lines[i]!;
    if (!line.trim()) continue;
    const m = KEY_LINE.exec(line);
    if (!m || isProse(line)) break;
    const key = m[1]!.trim().toLowerCase();
    if (CONTENT_KEY.test(key)) {
      // `CONTENT: first words…` keeps its words: they open the body.
      if (m[2]!.trim()) return finish(lines, data, i, m[2]!, end);
      i++;
      return finish(lines, data, i, undefined, end);
    }
    data[key] = m[2]!.trim().replace(/^["']|["']$/gu, '');
  }
  if (!lines.slice(i, stop).some(isProse)) return undefined;
  return finish(lines, data, i, undefined, end);
}

function finish(lines: readonly string[], data: Record<string, unknown>, from: number, first: string | undefined, end: number): LenientFrontMatter {
  // The wrapper's closing fence is the last `---` of the file when nothing but blank lines follows it.
  let last = lines.length - 1;
  while (last > from && !lines[last]!.trim()) last--;
  const closing = last > from && FENCE.test(lines[last]!) ? last : lines.length;
  const rest = lines.slice(from, closing);
  const body = [...(first !== undefined ? [first, ...rest.slice(1)] : rest)].join('\n');
  const lineOffset = first !== undefined ? from : from;
  const message =
    end < 0
      ? 'front matter has no closing --- line and runs into the text; its "key: value" lines were read as metadata and the rest as the body'
      : 'front matter is not YAML (it runs into the text); its "key: value" lines were read as metadata and the rest as the body';
  return { data, body, lineOffset, warning: { line: 1, message } };
}

/**
 * True when a fenced block is a scraper's wrapper rather than YAML: a `CONTENT:` line (any
 * case) followed by unindented text, even if that text happens to parse as YAML.
 */
export function isWrapper(lines: readonly string[], end: number): boolean {
  const stop = end < 0 ? lines.length : end;
  for (let i = 1; i < stop; i++) {
    const m = KEY_LINE.exec(lines[i]!);
    if (!m) return false;
    if (!CONTENT_KEY.test(m[1]!.trim())) continue;
    const next = lines.slice(i + 1, stop).find((l) => l.trim());
    return next !== undefined && !/^\s/u.test(next);
  }
  return false;
}
