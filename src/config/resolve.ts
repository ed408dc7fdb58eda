import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { LecternError } from '../errors.js';
import type { DocumentMeta, Lang } from '../model/document.js';
import type { FileConfig } from './file.js';
import { defaults, themeNames, type ResolvedConfig } from './schema.js';
import { didYouMean } from './suggest.js';

/** Options given on the command line (or by a program through the API); all optional. */
export interface ConfigFlags {
  outDir?: string;
  theme?: string;
  pdf?: boolean;
  handout?: 'notes' | '3up' | '6up' | '2up';
  paper?: 'a4' | 'letter';
  browserPath?: string;
  title?: string;
  lang?: Lang;
  duration?: number;
  templatesDir?: string;
  sectionSlides?: string[];
  quiet?: boolean;
  timeoutMs?: number;
  allowHtml?: boolean;
  allowOutside?: boolean;
  fragments?: boolean;
  pptx?: boolean;
  autofit?: boolean;
  userCss?: string;
  parallel?: number;
  /** Never download remote images; use cached copies only (`--offline`). */
  offline?: boolean;
  /** The download cache's folder (API and tests; the CLI reads `$LECTERN_CACHE_DIR`). */
  cacheDir?: string;
  /** An authored deck's slides: kept as written (`keep`, `--as-deck`) or planned as prose (`replan`, `--replan`). */
  deck?: 'keep' | 'replan';
}

export { configFileName, loadConfigFile, parseConfigFile, type FileConfig } from './file.js';

/**
 * Resolves the configuration for one input. Precedence, lowest first:
 * defaults < `lectern.config.json` next to the input < front matter < command-line flags.
 * A `templates/` folder next to the input is used when no other templates folder is given.
 */
export function resolveConfig(flags: ConfigFlags, file: FileConfig, meta: Partial<DocumentMeta>, sourceDir: string, env: NodeJS.ProcessEnv = process.env): ResolvedConfig {
  const sibling = join(sourceDir, 'templates');
  const templatesDir = flags.templatesDir ?? file.templatesDir ?? (existsSync(sibling) ? sibling : undefined);
  const config: ResolvedConfig = {
    ...defaults,
    ...strip(file),
    ...strip({ theme: meta.theme, sectionSlides: meta.sectionSlides, duration: meta.duration, paper: meta.paper === 'letter' || meta.paper === 'a4' ? meta.paper : undefined }),
    ...strip(flags),
    templatesDir,
    speed: { ...defaults.speed, ...file.speed },
    images: { ...defaults.images, ...file.images },
  };
  if (!flags.paper && meta.paper !== 'a4' && meta.paper !== 'letter') config.paper = paperForLocale(env);
  if (!(themeNames as readonly string[]).includes(config.theme)) {
    throw new LecternError('CONTENT', `unknown theme "${config.theme}"${didYouMean(config.theme, themeNames)}; available themes: ${themeNames.join(', ')}`);
  }
  return config;
}

function strip<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Regions that use US Letter: the United States, Canada, Mexico, the Philippines, Chile, Colombia and a few more. */
const letterRegions = new Set(['US', 'CA', 'MX', 'PH', 'CL', 'CO', 'VE', 'GT', 'CR', 'PR', 'SV', 'PA', 'NI', 'DO']);

/**
 * Paper size from the locale, as `paperconf` would pick it: `LC_ALL`, then `LC_PAPER`, then
 * `LANG` (`en_US.UTF-8` → letter); A4 when none says otherwise.
 */
export function paperForLocale(env: NodeJS.ProcessEnv): 'a4' | 'letter' {
  const locale = env.LC_ALL || env.LC_PAPER || env.LANG || '';
  const region = /^[a-z]{2,3}[_-]([A-Z]{2})/.exec(locale)?.[1];
  return region && letterRegions.has(region) ? 'letter' : 'a4';
}
