import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** One `@font-face` rule of a font package: a subset file and the code points it covers. */
export interface FontFace {
  family: string;
  weight: number;
  /** Absolute path of the woff2 file. */
  file: string;
  ranges: [number, number][];
}

/** The font packages the deck ships for its text, and the weights the themes use. */
export const bundledFonts = [{ pkg: '@fontsource/noto-sans-sc', weights: [400, 700] }] as const;

/**
 * The monospace font code is set in (`--lt-mono` in base.css), subset like the text font:
 * without it a PDF embeds whatever monospace the machine has (DejaVu Sans Mono on Linux), and
 * a projector laptop shows another font. Only its regular weight: code is never bold.
 */
export const monoFont = { pkg: '@fontsource/jetbrains-mono', weights: [400] } as const;

/**
 * The emoji face (`'Noto Emoji'` in the themes' stacks, after the text font): monochrome Noto
 * Emoji, so 🚧 👎 🎉 are drawn offline and as outlines in a PDF, not as empty boxes or a colour
 * font the projector laptop may lack (which Chromium embeds as a Type 3 bitmap). One weight:
 * bold text takes the same pictograph.
 */
export const emojiFont = { pkg: '@fontsource/noto-emoji', weights: [400] } as const;

/**
 * Pictographs the text font draws itself (`fc-query` on every Noto Sans SC subset, 400 and 700
 * alike; test/render/fonts.test.ts checks this list against the files): ©, ™, arrows, card suits,
 * ☀, ⚠, squared CJK signs. They stay in the text face, as they look in running text, and never
 * pull in an emoji subset.
 */
export const TEXT_PICTOGRAPHS: [number, number][] = [
  [0xa9, 0xa9], [0xae, 0xae], [0x203c, 0x203c], [0x2049, 0x2049], [0x2122, 0x2122], [0x2194, 0x2194], [0x2196, 0x2199],
  [0x24c2, 0x24c2], [0x25aa, 0x25ab], [0x25b6, 0x25b6], [0x25c0, 0x25c0], [0x2600, 0x2603], [0x260e, 0x260e], [0x261d, 0x261d],
  [0x262f, 0x262f], [0x2640, 0x2640], [0x2642, 0x2642], [0x2660, 0x2660], [0x2663, 0x2663], [0x2665, 0x2666], [0x2668, 0x2668],
  [0x267b, 0x267b], [0x26a0, 0x26a0], [0x26bd, 0x26be], [0x2702, 0x2702], [0x27a1, 0x27a1], [0x2934, 0x2935], [0x2b05, 0x2b07],
  [0x3030, 0x3030], [0x3297, 0x3297], [0x3299, 0x3299], [0x1f170, 0x1f171], [0x1f192, 0x1f195], [0x1f198, 0x1f19a],
  [0x1f21a, 0x1f21a], [0x1f232, 0x1f232], [0x1f234, 0x1f237], [0x1f250, 0x1f251],
];

const PICTOGRAPH = /[\p{Extended_Pictographic}\p{Emoji_Presentation}\p{Regional_Indicator}\u20e3]/u;

/**
 * Whether the emoji face draws `cp`: a pictograph, regional indicator (flags) or the keycap
 * mark, outside ASCII (`#`, `*` and digits are emoji only in a keycap sequence) and not one
 * the text font has ({@link TEXT_PICTOGRAPHS}). Selectors and joiners (U+FE0F, U+200D) come
 * with the subset that holds the pictograph they follow.
 */
export function isEmoji(cp: number): boolean {
  return cp >= 0x80 && PICTOGRAPH.test(String.fromCodePoint(cp)) && !TEXT_PICTOGRAPHS.some(([lo, hi]) => cp >= lo && cp <= hi);
}

const require = createRequire(import.meta.url);
const cache = new Map<string, FontFace[]>();

/** Which faces: the text font's (`text`), the code font's (`mono`) or the emoji face's (`emoji`). */
export type FontRole = 'text' | 'mono' | 'emoji';

const packages = { text: bundledFonts, mono: [monoFont], emoji: [emojiFont] } as const;

/** Reads the `@font-face` rules (woff2 files and unicode ranges) of the bundled font packages. */
export function fontFaces(role: FontRole = 'text'): FontFace[] {
  const hit = cache.get(role);
  if (hit) return hit;
  const faces: FontFace[] = [];
  for (const { pkg, weights } of packages[role]) {
    const dir = dirname(require.resolve(`${pkg}/package.json`));
    for (const weight of weights) {
      const css = readFileSync(join(dir, `${weight}.css`), 'utf8');
      for (const rule of css.match(/@font-face\s*{[^}]*}/g) ?? []) {
        const family = /font-family:\s*'([^']+)'/.exec(rule)?.[1];
        const url = /url\(\.\/(files\/[^)]+\.woff2)\)/.exec(rule)?.[1];
        const range = /unicode-range:\s*([^;]+);/.exec(rule)?.[1];
        if (!family || !url || !range) continue;
        faces.push({ family, weight, file: join(dir, url), ranges: parseRanges(range) });
      }
    }
  }
  cache.set(role, faces);
  return faces;
}

/** Parses a CSS `unicode-range` value (`U+0-FF,U+4E00-9FFF,U+20AC`). */
export function parseRanges(value: string): [number, number][] {
  return value.split(',').map((part) => {
    const [a, b] = part.trim().replace(/^U\+/i, '').split('-');
    const lo = parseInt(a.replace(/\?/g, '0'), 16);
    const hi = b ? parseInt(b, 16) : parseInt(a.replace(/\?/g, 'F'), 16);
    return [lo, hi] as [number, number];
  });
}

/** Indices (into sorted `points`) of the code points each face covers. */
function coverage(faces: FontFace[], points: number[]): number[][] {
  return faces.map((f) => {
    const hit: number[] = [];
    for (const [lo, hi] of f.ranges) {
      let a = 0;
      let b = points.length;
      while (a < b) {
        const m = (a + b) >> 1;
        if (points[m] < lo) a = m + 1;
        else b = m;
      }
      for (let i = a; i < points.length && points[i] <= hi; i++) hit.push(i);
    }
    // A face's own ranges may overlap; each point counts once.
    return [...new Set(hit)];
  });
}

/**
 * The fewest subset files that cover the given code points, per family and weight (greedy
 * set cover): the subsets overlap (punctuation sits in many), so taking every face that
 * touches the text would ship several times what the deck needs. Counts of still-uncovered
 * points per face are kept up to date as faces are chosen, so the cost follows the text's
 * size rather than text × faces × rounds.
 *
 * Emoji ({@link isEmoji}) are the emoji face's alone: the text font's subsets claim some
 * pictograph ranges in their `unicode-range` without having the glyphs, and the emoji face's
 * subsets claim digits, `#` and `*` (for keycaps), so each role covers only its own points.
 */
export function facesFor(codePoints: Set<number>, role: FontRole = 'text'): FontFace[] {
  const points = [...codePoints].filter((p) => (role === 'emoji') === isEmoji(p)).sort((x, y) => x - y);
  const chosen: FontFace[] = [];
  const groups = new Map<string, FontFace[]>();
  for (const f of fontFaces(role)) groups.set(`${f.family}/${f.weight}`, [...(groups.get(`${f.family}/${f.weight}`) ?? []), f]);
  for (const faces of groups.values()) {
    const hits = coverage(faces, points);
    const facesOf = new Map<number, number[]>();
    hits.forEach((list, f) => list.forEach((p) => facesOf.set(p, [...(facesOf.get(p) ?? []), f])));
    const count = hits.map((list) => list.length);
    const covered = new Set<number>();
    for (;;) {
      let best = -1;
      for (let f = 0; f < faces.length; f++) if (count[f] > 0 && (best < 0 || count[f] > count[best])) best = f;
      if (best < 0) break;
      chosen.push(faces[best]);
      for (const p of hits[best]) {
        if (covered.has(p)) continue;
        covered.add(p);
        for (const g of facesOf.get(p)!) count[g]--;
      }
    }
  }
  return chosen;
}

/** The family English decks put first, for the punctuation below only. */
export const LATIN_PUNCT_FAMILY = 'Lectern Latin Punctuation';

/**
 * Curly quotes, apostrophe, dashes and ellipsis. Noto Sans SC draws them full-width, the
 * Chinese convention, so "It’s" shows a gap after the apostrophe in English text. English
 * decks take these few characters from Source Sans 3, the design Noto Sans SC's Latin letters
 * come from, so they match the letters around them.
 */
export const LATIN_PUNCT_RANGES: [number, number][] = [[0x2013, 0x2014], [0x2018, 0x2019], [0x201c, 0x201d], [0x2026, 0x2026]];

/** Faces for {@link LATIN_PUNCT_FAMILY} at the weights the themes use. */
export function latinPunctuationFaces(): FontFace[] {
  const dir = dirname(require.resolve('@fontsource/source-sans-3/package.json'));
  return bundledFonts[0].weights.map((weight) => ({
    family: LATIN_PUNCT_FAMILY,
    weight,
    file: join(dir, 'files', `source-sans-3-latin-${weight}-normal.woff2`),
    ranges: LATIN_PUNCT_RANGES,
  }));
}

/**
 * CSS for the chosen faces. Each face's URL is `src(face)`: by default its file's name relative
 * to the deck's `fonts/` folder.
 */
export function fontsCss(faces: FontFace[], src: (face: FontFace) => string = (f) => `./${f.file.split(/[\\/]/).pop()}`): string {
  return faces
    .map((f) => {
      const range = f.ranges.map(([lo, hi]) => (lo === hi ? `U+${lo.toString(16)}` : `U+${lo.toString(16)}-${hi.toString(16)}`)).join(',');
      return `@font-face{font-family:'${f.family}';font-style:normal;font-display:block;font-weight:${f.weight};src:url(${src(f)}) format('woff2');unicode-range:${range};}`;
    })
    .join('\n');
}
