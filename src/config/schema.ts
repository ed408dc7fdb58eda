import type { Lang } from '../model/document.js';

/** Names of the built-in themes. */
export const themeNames = ['light', 'dark', 'contrast'] as const;

/** Reading speeds used for time estimates. */
export interface ReadingSpeed {
  /** Chinese characters per minute. @defaultValue 250 */
  zhCharsPerMinute: number;
  /** English words per minute. @defaultValue 150 */
  enWordsPerMinute: number;
}

/** Limits on downloading a deck's remote images (`images` in `lectern.config.json`). */
export interface RemoteImageLimits {
  /** Largest image downloaded, in megabytes. @defaultValue 10 */
  maxMegabytes: number;
  /** Seconds one image may take, redirects included. @defaultValue 15 */
  timeoutSeconds: number;
  /** Seconds all of one deck's downloads may take. @defaultValue 60 */
  totalSeconds: number;
}

/**
 * Lectern's options, fully resolved. Precedence (lowest first), merged in
 * `resolveConfig`: defaults < `lectern.config.json` < front matter < command-line flags.
 */
export interface ResolvedConfig {
  /** Output root; each deck goes to `<outDir>/<deck>/`. @defaultValue `output` */
  outDir: string;
  /** Theme name. @defaultValue `light` */
  theme: string;
  /** Write `slides.pdf`. @defaultValue false */
  pdf: boolean;
  /** Write `handout.pdf` in this layout. */
  handout?: 'notes' | '3up' | '6up' | '2up';
  /** Handout paper size. @defaultValue `a4` (front matter `paper: letter` changes it) */
  paper: 'a4' | 'letter';
  /** Explicit browser executable (`--browser-path`). */
  browserPath?: string;
  /** Title override (`--title`). */
  title?: string;
  /** Language override; detected from the text when absent. */
  lang?: Lang;
  /** Target length in minutes (`--duration`). */
  duration?: number;
  /** Slide templates each themed section maps to. @defaultValue see `defaults` */
  sectionSlides: string[];
  /** Folder of user templates overriding built-ins by name. */
  templatesDir?: string;
  /** Reading speeds. */
  speed: ReadingSpeed;
  /** Slide width in CSS pixels (16:9). @defaultValue 1280 */
  width: number;
  /** Slide height in CSS pixels. @defaultValue 720 */
  height: number;
  /** Milliseconds to wait for a page before giving up. @defaultValue 60000 */
  timeoutMs: number;
  /** Print nothing but errors. @defaultValue false */
  quiet: boolean;
  /** Keep raw HTML from the content instead of sanitising it (`--allow-html`). @defaultValue false */
  allowHtml: boolean;
  /** Allow image paths that leave the content folder (`--allow-outside`). @defaultValue false */
  allowOutside: boolean;
  /** Slides PDF: one page per fragment step instead of one per slide (`--fragments`). @defaultValue false */
  fragments: boolean;
  /** Write `slides.pptx`, an editable PowerPoint file with speaker notes (`--pptx`). @defaultValue false */
  pptx: boolean;
  /** Split or shrink what would overflow a slide (`--no-autofit` turns it off). @defaultValue true */
  autofit: boolean;
  /** A CSS file that extends the theme (`--css`), absolute path. */
  userCss?: string;
  /** Decks rendered at once on the shared browser (`--parallel`). @defaultValue 2 */
  parallel: number;
  /** Never download remote images: use only copies already in the cache (`--offline`). @defaultValue false */
  offline: boolean;
  /** Limits on downloading remote images. */
  images: RemoteImageLimits;
  /** The download cache's folder; else `$LECTERN_CACHE_DIR`, `$XDG_CACHE_HOME/lectern` or `~/.cache/lectern` (src/fetch/cache.ts). */
  cacheDir?: string;
}

/**
 * The defaults, frozen: the one place each default lives. `lectern.config.json` can set theme,
 * sectionSlides, duration, templates (→ templatesDir), outDir, speed and images (file.ts checks it);
 * front matter theme, sectionSlides, duration and paper; flags the rest.
 */
export const defaults: Readonly<ResolvedConfig> = Object.freeze({
  outDir: 'output',
  theme: 'light',
  pdf: false,
  paper: 'a4',
  sectionSlides: ['section', 'question', 'quote', 'points', 'content'],
  speed: Object.freeze({ zhCharsPerMinute: 250, enWordsPerMinute: 150 }),
  width: 1280,
  height: 720,
  timeoutMs: 60_000,
  quiet: false,
  allowHtml: false,
  allowOutside: false,
  fragments: false,
  pptx: false,
  autofit: true,
  parallel: 2,
  offline: false,
  images: Object.freeze({ maxMegabytes: 10, timeoutSeconds: 15, totalSeconds: 60 }),
});
