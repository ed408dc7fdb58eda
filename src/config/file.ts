import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { LecternError } from '../errors.js';
import { parseDuration } from './duration.js';
import { defaults, themeNames, type ResolvedConfig } from './schema.js';
import { didYouMean, showValue } from './suggest.js';

/** The name of the optional config file looked up next to the input. */
export const configFileName = 'lectern.config.json';

/** A config file's contents, with paths already resolved against the file's folder. */
export type FileConfig = Partial<Pick<ResolvedConfig, 'theme' | 'sectionSlides' | 'duration' | 'templatesDir' | 'speed' | 'outDir' | 'images'>>;

// Each schema's error text is what the key expects; `describeIssue` puts it after "expected".
const perMinute = (unit: string) => z.number({ error: `a positive number of ${unit} per minute` }).positive({ error: `a positive number of ${unit} per minute` });

const templateList = z
  .union([z.array(z.string()), z.string()], { error: 'a list of template names like ["section", "quote", "points"]' })
  .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((x) => x.trim()).filter(Boolean))
  .refine((v) => v.length > 0, { error: 'at least one template name' });

const folder = z.string({ error: 'a folder path' }).trim().min(1, { error: 'a folder path' });

const durationText = 'a duration like "20m", "1h30m" or a number of minutes';
const duration = z.union([z.number(), z.string()], { error: durationText }).transform((v, ctx) => {
  const minutes = parseDuration(v);
  if (minutes === undefined) {
    ctx.addIssue({ code: 'custom', message: durationText, input: v });
    return z.NEVER;
  }
  return minutes;
});

const speed = z.strictObject(
  {
    zhCharsPerMinute: perMinute('Chinese characters').optional(),
    enWordsPerMinute: perMinute('English words').optional(),
  },
  { error: `an object like {"enWordsPerMinute": ${defaults.speed.enWordsPerMinute}}` },
);

const seconds = z.number({ error: 'a positive number of seconds' }).positive({ error: 'a positive number of seconds' });

const images = z.strictObject(
  {
    maxMegabytes: z.number({ error: 'a positive number of megabytes' }).positive({ error: 'a positive number of megabytes' }).optional(),
    timeoutSeconds: seconds.optional(),
    totalSeconds: seconds.optional(),
  },
  { error: `an object like {"maxMegabytes": ${defaults.images.maxMegabytes}, "timeoutSeconds": ${defaults.images.timeoutSeconds}}` },
);

/**
 * `lectern.config.json`: strict, since it is Lectern's own file — an unknown key is a typo or an
 * option that lives elsewhere, never something to skip. Every key is optional; the defaults
 * are in `defaults` (schema.ts), and front matter and flags override these.
 */
export const configFileSchema = z.strictObject(
  {
    theme: z.enum(themeNames, { error: `one of ${themeNames.join(', ')}` }).optional(),
    sectionSlides: templateList.optional(),
    duration: duration.optional(),
    templates: folder.optional(),
    outDir: folder.optional(),
    speed: speed.optional(),
    images: images.optional(),
  },
  { error: 'an object of settings like {"theme": "dark"}' },
);

/**
 * Keys people put in the config file that are command-line options (or front matter) instead,
 * and where to set them. A new flag that is not a config key belongs here too.
 */
const elsewhere: Record<string, string> = {
  pdf: '--pdf',
  handout: '--handout',
  paper: '--paper or front matter "paper"',
  css: '--css',
  userCss: '--css',
  fragments: '--fragments',
  pptx: '--pptx',
  parallel: '--parallel',
  autofit: '--no-autofit',
  title: '--title or front matter "title"',
  lang: '--lang or front matter "lang"',
  allowHtml: '--allow-html',
  allowOutside: '--allow-outside',
  browserPath: '--browser-path',
  quiet: '--quiet',
  timeout: '--timeout',
  timeoutMs: '--timeout',
  offline: '--offline',
};

/** Reads `lectern.config.json` from a folder, if there is one. Paths in it resolve against that folder. */
export function loadConfigFile(dir: string): FileConfig {
  const file = join(dir, configFileName);
  if (!existsSync(file)) return {};
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new LecternError('CONTENT', `${file}: not valid JSON (${(e as Error).message}); fix the file or remove it`, { file });
  }
  return parseConfigFile(data, file);
}

/**
 * Validates a config file's parsed JSON. A bad file is a CONTENT error on one line: the file,
 * the key, what it expects, what it got, and the closest valid key or value.
 */
export function parseConfigFile(data: unknown, file: string): FileConfig {
  const result = configFileSchema.safeParse(data, { reportInput: true });
  if (!result.success) {
    const [first, ...more] = result.error.issues;
    const rest = more.length ? ` (and ${more.length} more problem${more.length > 1 ? 's' : ''} in the file)` : '';
    throw new LecternError('CONTENT', `${file}: ${describeIssue(first)}${rest}`, { file });
  }
  const c = result.data;
  const out: FileConfig = {};
  if (c.theme !== undefined) out.theme = c.theme;
  if (c.sectionSlides !== undefined) out.sectionSlides = c.sectionSlides;
  if (c.duration !== undefined) out.duration = c.duration;
  if (c.templates !== undefined) out.templatesDir = resolve(dirname(file), c.templates);
  if (c.outDir !== undefined) out.outDir = resolve(dirname(file), c.outDir);
  if (c.speed !== undefined) out.speed = { ...defaults.speed, ...stripUndefined(c.speed) };
  if (c.images !== undefined) out.images = { ...defaults.images, ...stripUndefined(c.images) };
  return out;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The keys valid at a path of the schema (`[]` → top level, `["speed"]` → its keys). */
function keysAt(path: readonly PropertyKey[]): string[] {
  const shape = path.length === 0 ? configFileSchema.shape : path[0] === 'speed' ? speed.shape : path[0] === 'images' ? images.shape : {};
  return Object.keys(shape);
}

/** One issue as "what is wrong; what to do". */
function describeIssue(issue: z.core.$ZodIssue): string {
  const at = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0];
    const valid = keysAt(issue.path);
    const name = at ? `${at}.${key}` : key;
    const hint = didYouMean(key, valid) || (at === '' && elsewhere[key] ? ` (not a config setting: use ${elsewhere[key]})` : '');
    const others = issue.keys.length > 1 ? ` (also ${issue.keys.slice(1).map((k) => `"${k}"`).join(', ')})` : '';
    return `unknown key "${name}"${others}${hint}; valid keys${at ? ` in "${at}"` : ''}: ${valid.join(', ')}`;
  }
  const got = `got ${showValue(issue.input)}`;
  if (at === '') return `expected ${issue.message}, ${got}`;
  const suggestion = issue.code === 'invalid_value' && typeof issue.input === 'string' ? didYouMean(issue.input, issue.values.map(String)) : '';
  return `"${at}": expected ${issue.message}, ${got}${suggestion}`;
}
