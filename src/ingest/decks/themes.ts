import { themeNames } from '../../config/schema.js';
import { warnOnce, type DeckContext } from './context.js';

/**
 * Other tools' theme names and the built-in theme nearest to each: dark backgrounds to
 * `dark`, everything else to `light`. (Marp: default, gaia, uncover; Slidev: default, seriph,
 * apple-basic, bricks…; reveal.js: black, white, league…; Quarto: its Bootswatch names.)
 */
const DARK = new Set(['black', 'night', 'league', 'moon', 'blood', 'dracula', 'black-contrast', 'dark', 'darkly', 'cyborg', 'slate', 'superhero', 'solarized-dark', 'vapor', 'bricks']);

/**
 * The built-in theme for a deck's `theme` value: a built-in name as it is, another tool's
 * name mapped to the nearest built-in with one warning (never an error), nothing when unset.
 */
export function deckTheme(theme: unknown, ctx: DeckContext, line: number): string | undefined {
  if (typeof theme !== 'string' || !theme.trim()) return undefined;
  const name = theme.trim();
  if ((themeNames as readonly string[]).includes(name)) return name;
  const base = name.toLowerCase().replace(/^.*[\\/]/, '').replace(/\.(s?css)$/, '').replace(/^(@slidev\/|slidev-)theme-/, '');
  const near = DARK.has(base) ? 'dark' : 'light';
  warnOnce(ctx, 'theme', `theme "${name}" belongs to another tool; using Lectern's nearest built-in theme, ${near} (set theme: light, dark or contrast to choose)`, line);
  return near;
}
