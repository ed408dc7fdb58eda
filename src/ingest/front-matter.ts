import { parse as parseToml, TomlError } from 'smol-toml';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { LecternError } from '../errors.js';
import { isWrapper, lenientFrontMatter } from './transcript/wrapper.js';

/** Front matter split off a Markdown source. */
export interface FrontMatterResult {
  /** The parsed YAML mapping (empty when there is no front matter). */
  data: Record<string, unknown>;
  /** The source after the front matter. */
  body: string;
  /** Number of lines the front matter (with its fences) took, so body line N is source line N + offset. */
  lineOffset: number;
  /** Set when the front matter was not YAML but ran into prose, and was read leniently (#14). */
  warning?: { line: number; message: string };
}

const FENCE = /^---[ \t]*$/;
const TOML_FENCE = /^\+\+\+[ \t]*$/;

/**
 * TOML front matter between `+++` lines, as Hugo and Zola write it; undefined when no closing
 * `+++` follows (then the lines are content). Malformed TOML is a CONTENT error naming its line.
 */
function tomlFrontMatter(lines: string[], file: string): FrontMatterResult | undefined {
  const end = lines.findIndex((l, i) => i > 0 && TOML_FENCE.test(l));
  if (end < 0) return undefined;
  let data: Record<string, unknown>;
  try {
    data = parseToml(lines.slice(1, end).join('\n')) as Record<string, unknown>;
  } catch (e) {
    const line = e instanceof TomlError ? e.line + 1 : 2;
    const reason = (e instanceof Error ? e.message.split('\n')[0] : String(e)).trim();
    throw new LecternError('CONTENT', `${file}:${line}: malformed front matter (${reason}); fix the TOML between the +++ lines`, { file });
  }
  return { data, body: lines.slice(end + 1).join('\n'), lineOffset: end + 1 };
}

/**
 * Splits YAML front matter (`---` fenced, at the very top) from the body. Malformed YAML is
 * a CONTENT error naming `file:line`, since a silently ignored title or theme is worse.
 */
export function splitFrontMatter(source: string, file: string): FrontMatterResult {
  const lines = source.split('\n');
  if (TOML_FENCE.test(lines[0] ?? '')) return tomlFrontMatter(lines, file) ?? { data: {}, body: source, lineOffset: 0 };
  if (!FENCE.test(lines[0] ?? '')) return { data: {}, body: source, lineOffset: 0 };
  const end = lines.findIndex((l, i) => i > 0 && (FENCE.test(l) || /^\.\.\.[ \t]*$/.test(l)));
  if (end < 0) {
    const lenient = lenientFrontMatter(lines, end);
    if (lenient) return lenient;
    // A rule at the very top means nothing; followed by a front matter key it is front matter
    // left open. (Other `Label: text` lines are left alone: a transcript may start that way.)
    if (/^(title|subtitle|author|date|lang|theme|duration|keywords|paper|section|sectionSlides|slides):(\s|$)/.test(lines[1] ?? '')) {
      throw new LecternError('CONTENT', `${file}:1: front matter has no closing --- line; add one after the last "key: value" line`, { file });
    }
    return { data: {}, body: source, lineOffset: 0 };
  }
  if (isWrapper(lines, end)) return lenientFrontMatter(lines, end) ?? { data: {}, body: source, lineOffset: 0 };
  const yamlText = lines.slice(1, end).join('\n');
  let data: unknown;
  try {
    data = parseYaml(yamlText) ?? {};
  } catch (e) {
    // A scraper's wrapper (`TITLE:`, `CONTENT:`, the text, `---`) is read leniently, never refused.
    const lenient = lenientFrontMatter(lines, end);
    if (lenient) return lenient;
    const line = e instanceof YAMLParseError && e.linePos ? e.linePos[0].line + 1 : 2;
    // The parser's own position counts from the first YAML line; ours is the file's line.
    const reason = (e instanceof Error ? e.message.split('\n')[0] : String(e)).replace(/:?\s*at line \d+, column \d+:?\s*$/, '');
    throw new LecternError('CONTENT', `${file}:${line}: malformed front matter (${reason}); fix the YAML between the --- lines`, { file });
  }
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new LecternError('CONTENT', `${file}:2: front matter must be a YAML mapping like "title: My talk"`, { file });
  }
  return { data: data as Record<string, unknown>, body: lines.slice(end + 1).join('\n'), lineOffset: end + 1 };
}
