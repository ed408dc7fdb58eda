import { z } from 'zod';
import { parseDuration } from '../config/duration.js';
import { didYouMean, showValue } from '../config/suggest.js';
import { LecternError } from '../errors.js';
import type { DocumentMeta, Lang } from '../model/document.js';

/** Normalises a language tag to the languages Lectern plans for (`zh-CN` → `zh`). */
export function normaliseLang(v: unknown): Lang | undefined {
  const s = typeof v === 'string' ? v.trim().toLowerCase() : undefined;
  if (!s) return undefined;
  if (s.startsWith('zh') || s === 'cn' || s === 'chinese') return 'zh';
  if (s.startsWith('en') || s === 'english') return 'en';
  return undefined;
}

// Front matter comes from many tools (Hugo, Jekyll, Pandoc, Marp, Slidev), so only the keys
// Lectern reads are checked, each accepting the shapes those tools write (an author list, a
// YAML date, an empty `title:`); every other key is left alone. Each schema's error text is
// what the key expects.

/** Text: a string, number or YAML date; empty or `null` is no value. */
const text = (expected: string) =>
  z.union([z.string(), z.number(), z.date(), z.null()], { error: expected }).transform((v) => {
    if (v instanceof Date) return v.toISOString().slice(0, 10);
    const s = v === null ? '' : String(v).trim();
    return s || undefined;
  });

/** A list: YAML sequence of scalars, or a comma-separated string. */
const list = (expected: string) =>
  z.union([z.array(z.union([z.string(), z.number()]), { error: expected }), z.string(), z.null()], { error: expected }).transform((v) => {
    const items = v === null ? [] : Array.isArray(v) ? v.map(String) : v.split(',');
    const out = items.map((x) => x.trim()).filter(Boolean);
    return out.length ? out : undefined;
  });

/** A person as Jekyll or Pandoc writes one: a name, or a mapping with a `name`. */
const person = z.union([z.string(), z.number(), z.looseObject({ name: z.string() })]).transform((p) => (typeof p === 'object' ? p.name : String(p)).trim());
const personText = 'a name, a list of names, or a mapping with "name"';

const paperSizes = ['a4', 'letter'] as const;

/** The front matter keys Lectern reads, and what each accepts. */
const frontMatterSchema = z.object({
  title: text('text, like "title: My talk"').optional(),
  subtitle: text('text').optional(),
  author: z
    .union([person, z.array(person), z.null()], { error: personText })
    .transform((v) => (v === null ? undefined : (Array.isArray(v) ? v : [v]).filter(Boolean).join(', ') || undefined))
    .optional(),
  date: text('a date like 2024-05-01').optional(),
  lang: z.union([z.string(), z.null()], { error: 'a language tag like en or zh-CN' }).transform(normaliseLang).optional(),
  theme: text('a theme name like dark').optional(),
  duration: z
    .union([z.string(), z.number(), z.null()], { error: 'a duration like "20m", "1h30m" or a number of minutes' })
    .transform((v, ctx) => {
      if (v === null || v === '') return undefined;
      const minutes = parseDuration(v);
      if (minutes === undefined) ctx.addIssue({ code: 'custom', message: 'a duration like "20m", "1h30m" or a number of minutes', input: v });
      return minutes;
    })
    .optional(),
  sectionSlides: list('a list of template names like [section, quote, points]').optional(),
  section_slides: list('a list of template names like [section, quote, points]').optional(),
  paper: z
    .union([z.string(), z.null()], { error: 'a4 or letter' })
    .transform((v, ctx) => {
      const size = v?.trim().toLowerCase();
      if (!size) return undefined;
      if (!(paperSizes as readonly string[]).includes(size)) ctx.addIssue({ code: 'custom', message: 'a4 or letter', input: v });
      return size;
    })
    .optional(),
  keywords: list('a list of keywords, or words separated by commas').optional(),
});

/** Where front matter came from, for error messages. */
export interface FrontMatterSource {
  /** The file, as errors name it. */
  file: string;
  /** The file's text, to find the line a bad key is on. */
  source?: string;
}

/**
 * Reads the known front matter keys into document metadata; unknown keys are left alone. A
 * known key with a value of the wrong type is a CONTENT error naming `file:line` and the key.
 */
export function metaFromFrontMatter(data: Record<string, unknown>, from: FrontMatterSource = { file: 'front matter' }): Partial<DocumentMeta> {
  // Other tools name the author `authors` (Zola, Hugo) or `by` (the Go blog): read those when
  // they hold names, and leave them alone otherwise, as any other tool's key.
  const alias = data.author === undefined ? [data.authors, data.by].find((v) => frontMatterSchema.shape.author.safeParse(v).success && v) : undefined;
  const result = frontMatterSchema.safeParse(alias === undefined ? data : { ...data, author: alias }, { reportInput: true });
  if (!result.success) throw frontMatterError(result.error.issues[0], from);
  const d = result.data;
  const meta: Partial<DocumentMeta> = {
    title: d.title,
    subtitle: d.subtitle,
    author: d.author,
    date: d.date,
    lang: d.lang,
    theme: d.theme,
    duration: d.duration,
    sectionSlides: d.sectionSlides ?? d.section_slides,
    paper: d.paper,
    keywords: d.keywords,
  };
  for (const k of Object.keys(meta) as (keyof DocumentMeta)[]) if (meta[k] === undefined) delete meta[k];
  return meta;
}

function frontMatterError(issue: z.core.$ZodIssue, from: FrontMatterSource): LecternError {
  const key = String(issue.path[0]);
  const line = lineOf(key, from.source);
  const got = showValue(issue.input, 'a mapping');
  const suggestion = key === 'paper' && typeof issue.input === 'string' ? didYouMean(issue.input, paperSizes) : '';
  return new LecternError('CONTENT', `${from.file}:${line}: front matter "${key}": expected ${issue.message}, got ${got}${suggestion}`, { file: from.file });
}

/** The line of a top-level `key:` in the front matter; 2 (its first line) when not found. */
function lineOf(key: string, source: string | undefined): number {
  const lines = (source ?? '').split('\n');
  const end = lines.findIndex((l, i) => i > 0 && /^(---|\.\.\.)[ \t]*$/.test(l));
  const at = lines.slice(0, end < 0 ? lines.length : end).findIndex((l) => l.startsWith(`${key}:`) || l.startsWith(`"${key}":`) || l.startsWith(`'${key}':`));
  return at < 0 ? 2 : at + 1;
}
